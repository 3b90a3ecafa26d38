"""Microphone capture at 16 kHz mono 16-bit: SDL2 through pygame first, then PyAudio, sounddevice.

Why SDL first: pygame's wheels carry SDL2, whose audio layer records from
the system's microphone on Linux (PulseAudio, PipeWire, ALSA), macOS and
Windows, so a fresh machine needs nothing beyond ``pip install``. PyAudio
and sounddevice need the system's PortAudio on Linux (PyPI does not ship
it); they stay as alternatives where they are installed.

A capture source is a pair ``(read, close)``: ``read()`` returns the next
30 ms block (480 samples, 960 bytes), blocking until it is there.
``--mic NAME`` picks the input device by name (exact, else the one device
whose name contains NAME, case-insensitive) for every backend.
"""

from __future__ import annotations

from collections.abc import Callable

__all__ = [
    "BLOCK",
    "RATE",
    "CaptureUnavailable",
    "Source",
    "capture_device_names",
    "choose_microphone",
    "chosen_microphone",
    "level_of",
    "open_capture",
]

RATE = 16_000
BLOCK = 480  # samples: 30 ms at 16 kHz, what the endpointer and the recogniser take

#: read the next block, close the device
Source = tuple[Callable[[], bytes], Callable[[], None]]

_chosen: list[str | None] = [None]


class CaptureUnavailable(RuntimeError):
    """No capture here: the message says why, in one line."""


def choose_microphone(name: str | None) -> None:
    """The input device this process records from (``--mic NAME``); None: the system default."""
    _chosen[0] = name.strip() if name and name.strip() else None


def chosen_microphone() -> str | None:
    return _chosen[0]


def pick(names: list[str], wanted: str | None) -> str | None:
    """The device called ``wanted`` among ``names`` (None: the default), or CaptureUnavailable."""
    if wanted is None:
        return None
    if wanted in names:
        return wanted
    matches = [n for n in names if wanted.casefold() in n.casefold()]
    if len(matches) == 1:
        return matches[0]
    found = "; ".join(names) if names else "none"
    what = "several microphones match" if matches else "no microphone named"
    raise CaptureUnavailable(f"{what} {wanted!r} (found: {found})")


def level_of(block: bytes) -> float:
    """Loudness of a block for a level meter: 0 at -60 dBFS or quieter, 1 at full scale."""
    import numpy as np

    samples = np.frombuffer(block[: len(block) // 2 * 2], dtype="<i2").astype(np.float64)
    if samples.size == 0:
        return 0.0
    rms = float(np.sqrt(np.mean(samples * samples)))
    if rms < 1.0:
        return 0.0
    db = 20.0 * float(np.log10(rms / 32768.0))
    return min(1.0, max(0.0, (db + 60.0) / 60.0))


def _sdl_names() -> list[str]:
    from simulator.listen.sdl_capture import capture_names

    return capture_names()


def _open_sdl(wanted: str | None) -> Source:
    from simulator.listen.sdl_capture import SdlCapture

    names = _sdl_names()
    if not names:
        raise CaptureUnavailable("no capture device")
    device = SdlCapture(pick(names, wanted), RATE, 2 * BLOCK)  # None: the system's default
    return device, device.close


def _portaudio_index(names: list[str], wanted: str | None) -> int | None:
    name = pick(names, wanted)
    return None if name is None else names.index(name)


def _open_pyaudio(wanted: str | None) -> Source:
    import pyaudio

    pa = pyaudio.PyAudio()
    try:
        infos = [pa.get_device_info_by_index(i) for i in range(pa.get_device_count())]
        inputs = [i for i in infos if int(i.get("maxInputChannels", 0)) > 0]
        index = _portaudio_index([str(i["name"]) for i in inputs], wanted)
        stream = pa.open(
            format=pyaudio.paInt16,
            channels=1,
            rate=RATE,
            input=True,
            frames_per_buffer=BLOCK,
            input_device_index=None if index is None else int(inputs[index]["index"]),
        )
    except (OSError, ValueError, CaptureUnavailable):
        pa.terminate()
        raise

    def close() -> None:
        stream.close()
        pa.terminate()

    return lambda: bytes(stream.read(BLOCK, exception_on_overflow=False)), close


def _open_sounddevice(wanted: str | None) -> Source:
    import sounddevice  # installed with pocketsphinx; its wheels bundle PortAudio on Windows/macOS

    inputs = [d for d in sounddevice.query_devices() if d["max_input_channels"] > 0]
    index = _portaudio_index([str(d["name"]) for d in inputs], wanted)
    stream = sounddevice.RawInputStream(
        samplerate=RATE,
        channels=1,
        dtype="int16",
        blocksize=BLOCK,
        device=None if index is None else int(inputs[index]["index"]),
    )
    stream.start()

    def close() -> None:
        stream.stop()
        stream.close()

    return lambda: bytes(stream.read(BLOCK)[0]), close


BACKENDS: tuple[tuple[str, Callable[[str | None], Source]], ...] = (
    ("SDL", _open_sdl),
    ("PyAudio", _open_pyaudio),
    ("sounddevice", _open_sounddevice),
)


def _first_line(exc: BaseException) -> str:
    return (str(exc).splitlines() or [type(exc).__name__])[0]


def open_capture(wanted: str | None = None) -> Source:
    """The first backend that opens the microphone (``wanted``: a device name, default the one
    chosen with `choose_microphone`), or CaptureUnavailable with every backend's reason."""
    wanted = wanted if wanted is not None else chosen_microphone()
    reasons = []
    for name, opener in BACKENDS:
        try:
            return opener(wanted)
        except ImportError:
            reasons.append(f"{name} not installed")
        except Exception as exc:  # noqa: BLE001 - OSError, PortAudioError, pygame.error, ...
            reasons.append(f"{name}: {_first_line(exc)}")
    raise CaptureUnavailable("; ".join(reasons))


def capture_device_names() -> dict[str, list[str]]:
    """Input device names per backend that is installed (for ``callsim microphones``)."""
    found: dict[str, list[str]] = {}
    try:
        found["SDL"] = _sdl_names()
    except Exception:  # noqa: BLE001, S110 - pygame without SDL audio: nothing to list
        pass
    try:
        import sounddevice

        found["sounddevice"] = [
            str(d["name"]) for d in sounddevice.query_devices() if d["max_input_channels"] > 0
        ]
    except Exception:  # noqa: BLE001, S110 - not installed or no PortAudio
        pass
    return found
