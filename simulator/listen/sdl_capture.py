"""Recording through the SDL2 library that pygame's wheel carries, by its queue API (ctypes).

Why not `pygame._sdl2.audio.AudioDevice`: it delivers audio through a Python
callback on SDL's audio thread, which holds the device's lock while it waits
for the GIL, and its `pause` and `close` call SDL with the GIL held; when the
recogniser (PocketSphinx holds the GIL while it decodes) or any other thread
keeps the GIL at that moment, the two wait for each other for ever (seen: one
run in about ten of the push-to-talk test hung at exit). With no callback,
SDL queues the audio itself; `SDL_DequeueAudio` and the rest are called
through ctypes, which lets go of the GIL during each call.

Between turns the device is paused: SDL then throws the input away, so a
turn holds only what was said after the key went down, and nothing piles up
in memory however long the trainee stays silent.
"""

from __future__ import annotations

import ctypes
import glob
import os
import sys
import threading
import time
from typing import Any

__all__ = ["SdlCapture", "capture_names"]

_STALL_S = 2.0  # no audio for this long: the device is gone or held by another program
_POLL_S = 0.005


class _AudioSpec(ctypes.Structure):
    _fields_ = [
        ("freq", ctypes.c_int),
        ("format", ctypes.c_uint16),
        ("channels", ctypes.c_uint8),
        ("silence", ctypes.c_uint8),
        ("samples", ctypes.c_uint16),
        ("padding", ctypes.c_uint16),
        ("size", ctypes.c_uint32),
        ("callback", ctypes.c_void_p),
        ("userdata", ctypes.c_void_p),
    ]


# SDL's signed 16-bit, native byte order (AUDIO_S16SYS)
_S16_NATIVE = 0x8010 if sys.byteorder == "little" else 0x9010

_library: list[Any] = []
_library_lock = threading.Lock()


def _candidates() -> list[str]:
    """Where pygame's SDL2 library is: the loaded one (Linux), else beside pygame."""
    found = []
    try:
        with open("/proc/self/maps", encoding="utf-8", errors="replace") as maps:
            for line in maps:
                path = line.split()[-1] if line.strip() else ""
                name = os.path.basename(path)
                if name.startswith("libSDL2-") or name.startswith("libSDL2."):
                    found.append(path)
    except OSError:
        pass  # not Linux
    import pygame

    home = os.path.dirname(pygame.__file__)
    for folder in (home, home + ".libs", os.path.join(home, ".dylibs")):
        for pattern in ("SDL2.dll", "libSDL2-*", "libSDL2.*"):
            found.extend(sorted(glob.glob(os.path.join(folder, pattern))))
    return found


def _sdl() -> Any:
    """pygame's SDL2 (the same library instance pygame uses), its audio subsystem started."""
    with _library_lock:
        if _library:
            return _library[0]
        import pygame._sdl2.sdl2 as sdl

        sdl.init_subsystem(sdl.INIT_AUDIO)  # through pygame: its SDL, reference-counted
        for path in dict.fromkeys(_candidates()):
            try:
                lib = ctypes.CDLL(path)
                lib.SDL_DequeueAudio  # noqa: B018 - the function this module needs
            except (OSError, AttributeError):
                continue
            _declare(lib)
            _library.append(lib)
            return lib
        raise OSError("pygame's SDL2 library not found")


def _declare(lib: Any) -> None:
    u32, c_int, c_char_p = ctypes.c_uint32, ctypes.c_int, ctypes.c_char_p
    lib.SDL_GetNumAudioDevices.argtypes, lib.SDL_GetNumAudioDevices.restype = [c_int], c_int
    lib.SDL_GetAudioDeviceName.argtypes = [c_int, c_int]
    lib.SDL_GetAudioDeviceName.restype = c_char_p
    lib.SDL_OpenAudioDevice.argtypes = [
        c_char_p,
        c_int,
        ctypes.POINTER(_AudioSpec),
        ctypes.POINTER(_AudioSpec),
        c_int,
    ]
    lib.SDL_OpenAudioDevice.restype = u32
    lib.SDL_DequeueAudio.argtypes, lib.SDL_DequeueAudio.restype = [u32, ctypes.c_void_p, u32], u32
    lib.SDL_GetQueuedAudioSize.argtypes, lib.SDL_GetQueuedAudioSize.restype = [u32], u32
    lib.SDL_ClearQueuedAudio.argtypes, lib.SDL_ClearQueuedAudio.restype = [u32], None
    lib.SDL_PauseAudioDevice.argtypes, lib.SDL_PauseAudioDevice.restype = [u32, c_int], None
    lib.SDL_CloseAudioDevice.argtypes, lib.SDL_CloseAudioDevice.restype = [u32], None
    lib.SDL_GetError.argtypes, lib.SDL_GetError.restype = [], c_char_p


def _text(raw: bytes | None) -> str:
    return (raw or b"").decode("utf-8", "replace")


def capture_names() -> list[str]:
    """The capture devices SDL sees (empty with no microphone or a driver without capture)."""
    lib = _sdl()
    count = lib.SDL_GetNumAudioDevices(1)
    return [_text(lib.SDL_GetAudioDeviceName(i, 1)) for i in range(max(0, count))]


class SdlCapture:
    """One capture device at ``rate`` Hz, mono, 16-bit; calling it returns the next block.

    SDL converts whatever the device records (48 kHz stereo float, say) to the
    format asked for. ``drop()`` pauses the device (SDL discards input while
    paused) and empties its queue; the next read starts it again.
    """

    def __init__(self, name: str | None, rate: int, block_bytes: int) -> None:
        """``name`` None: the system's default input (what the desktop's sound settings say)."""
        self._lib = _sdl()
        self._block = block_bytes
        want = _AudioSpec(freq=rate, format=_S16_NATIVE, channels=1, samples=512)
        got = _AudioSpec()
        self._device = self._lib.SDL_OpenAudioDevice(
            None if name is None else name.encode("utf-8"),
            1,
            ctypes.byref(want),
            ctypes.byref(got),
            0,
        )
        if not self._device:
            what = "the default microphone" if name is None else repr(name)
            raise OSError(_text(self._lib.SDL_GetError()) or f"cannot open {what}")
        self._paused = True  # SDL opens a device paused
        self._buffer = ctypes.create_string_buffer(block_bytes)

    def __call__(self) -> bytes:
        if not self._device:
            raise OSError("the microphone is closed")
        if self._paused:
            self._lib.SDL_ClearQueuedAudio(self._device)
            self._lib.SDL_PauseAudioDevice(self._device, 0)
            self._paused = False
        deadline = time.monotonic() + _STALL_S
        while self._lib.SDL_GetQueuedAudioSize(self._device) < self._block:
            if time.monotonic() > deadline:
                raise OSError("the microphone stopped sending sound")
            time.sleep(_POLL_S)
        got = self._lib.SDL_DequeueAudio(self._device, self._buffer, self._block)
        return self._buffer.raw[:got]

    def drop(self) -> None:
        """Between turns: stop recording and forget what was queued."""
        if self._device and not self._paused:
            self._lib.SDL_PauseAudioDevice(self._device, 1)
            self._paused = True
        if self._device:
            self._lib.SDL_ClearQueuedAudio(self._device)

    def close(self) -> None:
        if self._device:
            self._lib.SDL_CloseAudioDevice(self._device)
            self._device = 0
