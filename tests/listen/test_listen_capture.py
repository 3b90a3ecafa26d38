"""Microphone capture: device choice, the level meter's loudness, and SDL2 capture itself
(SDL's `disk` driver reads a file as if from a microphone, in a subprocess so its
environment does not reach other tests)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import numpy as np
import pytest

from simulator.listen import listeners
from simulator.listen.capture import BLOCK, CaptureUnavailable, level_of, pick


def test_a_device_is_picked_by_its_name_or_the_one_name_containing_it():
    names = ["Built-in Audio Analog Stereo", "USB Headset Mono", "USB Webcam"]
    assert pick(names, None) is None
    assert pick(names, "USB Webcam") == "USB Webcam"
    assert pick(names, "headset") == "USB Headset Mono"
    with pytest.raises(CaptureUnavailable, match="several microphones match 'USB'"):
        pick(names, "USB")
    with pytest.raises(CaptureUnavailable, match="no microphone named 'Yeti'.*USB Webcam"):
        pick(names, "Yeti")


def test_the_level_is_zero_for_silence_and_rises_with_loudness():
    quiet = (np.full(BLOCK, 100, dtype="<i2")).tobytes()
    loud = (np.full(BLOCK, 12000, dtype="<i2")).tobytes()
    assert level_of(b"\0\0" * BLOCK) == 0.0
    assert level_of(b"") == 0.0
    assert 0.0 < level_of(quiet) < 0.4 < level_of(loud) <= 1.0


def test_the_listener_level_follows_the_blocks_it_reads():
    blocks = iter([b"\0\0" * BLOCK, np.full(BLOCK, 8000, dtype="<i2").tobytes()])
    mic = listeners.MicrophoneListener(None, source=(lambda: next(blocks), lambda: None))  # type: ignore[arg-type]
    assert mic.level == 0.0
    mic.read()
    assert mic.level == 0.0
    mic.read()
    assert mic.level > 0.5


def test_a_missing_microphone_name_is_one_line_naming_it(monkeypatch):
    from simulator.listen import capture

    monkeypatch.setattr(capture, "BACKENDS", (("SDL", lambda w: pick(["Webcam"], w)),))
    with pytest.raises(listeners.ListenerUnavailable) as info:
        listeners.MicrophoneListener(None, device="Yeti")  # type: ignore[arg-type]
    message = str(info.value)
    assert "\n" not in message
    assert "no microphone named 'Yeti' (found: Webcam)" in message


_CAPTURE = """
import json, sys
from simulator.listen.capture import capture_device_names, open_capture
read, close = open_capture(sys.argv[1] if len(sys.argv) > 1 else None)
got = b"".join(read() for _ in range(10))
close()
print(json.dumps({"names": capture_device_names().get("SDL"), "pcm": got.hex()}))
"""


def _disk_env(tmp_path, raw) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        SDL_AUDIODRIVER="disk",
        SDL_DISKAUDIOFILEIN=str(raw),
        SDL_DISKAUDIOFILE=str(tmp_path / "played.raw"),
        PYGAME_HIDE_SUPPORT_PROMPT="1",
    )
    return env


@pytest.mark.audio
def test_sdl_captures_what_the_device_hears_at_16k_mono(tmp_path):
    samples = (np.arange(16000) % 2000 - 1000).astype("<i2")  # a sawtooth, 1 s
    raw = tmp_path / "mic.raw"
    raw.write_bytes(samples.tobytes())
    done = subprocess.run(
        [sys.executable, "-c", _CAPTURE, "capture"],
        env=_disk_env(tmp_path, raw),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["names"] == ["System audio capture device"]
    got = bytes.fromhex(result["pcm"])
    assert len(got) == 10 * 2 * BLOCK
    assert got == samples.tobytes()[: len(got)]  # the device's sound, in order, unconverted


class _Recorder:
    """A recogniser that keeps what it was fed, built late like a real one on a busy machine."""

    def __init__(self) -> None:
        self.fed: list[bytes] = []

    def start(self) -> None:
        self.fed = []

    def feed(self, pcm: bytes) -> None:
        self.fed.append(pcm)

    def finish(self):
        from simulator.listen.recogniser import Recognition

        return Recognition("", 0.0, 0.0)


def test_a_held_turn_starts_at_the_key_and_keeps_what_was_said_before_the_recogniser_was_ready():
    queued = [b"\x09" * 2 * BLOCK] * 3  # heard between turns: not part of the turn
    reads = {"n": 0, "drops": 0}

    def read() -> bytes:
        reads["n"] += 1
        queued.append(bytes([reads["n"]]) * 2 * BLOCK)  # the device: one block per read
        return queued.pop(0)

    def drop() -> None:
        reads["drops"] += 1
        queued.clear()

    read.drop = drop  # type: ignore[attr-defined]
    mic = listeners.MicrophoneListener(
        None, push_to_talk=lambda: reads["n"] < 6, source=(read, lambda: None)
    )  # type: ignore[arg-type]
    recorder = _Recorder()

    def ready(timeout=None):  # the recogniser appears after 3 blocks of the turn
        if reads["n"] >= 3 or timeout is None:
            mic.recogniser = recorder  # type: ignore[assignment]
            return True
        return False

    mic.wait_ready = ready  # type: ignore[method-assign]
    mic.listen()
    assert recorder.fed == [bytes([n]) * 2 * BLOCK for n in range(1, 7)]
    assert reads["drops"] == 2  # at the key press, and at its release (the device pauses)


@pytest.mark.audio
def test_callsim_microphones_lists_the_devices_sdl_sees(tmp_path):
    raw = tmp_path / "mic.raw"
    raw.write_bytes(b"\0\0" * 16000)
    done = subprocess.run(
        [sys.executable, "-m", "simulator.cli", "microphones", "--json"],
        env=_disk_env(tmp_path, raw),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["devices"]["SDL"] == ["System audio capture device"]
    assert report["default_opens"] is True


def test_callsim_microphones_without_one_says_why_in_one_line(monkeypatch, capsys):
    from simulator.cli import main
    from simulator.listen import capture

    def missing(_wanted):
        raise CaptureUnavailable("no capture device")

    monkeypatch.setattr(capture, "BACKENDS", (("SDL", missing),))
    monkeypatch.setattr(capture, "capture_device_names", lambda: {"SDL": []})
    assert main(["microphones"]) == 1
    out, err = capsys.readouterr()
    assert out == "SDL:\n  (none)\n"
    assert err == "callsim microphones: no microphone opens: SDL: no capture device\n"


def test_enrol_names_a_microphone_that_is_not_there(monkeypatch, capsys):
    from simulator.cli import main
    from simulator.listen import capture

    monkeypatch.setattr(capture, "BACKENDS", (("SDL", lambda w: pick(["USB Headset"], w)),))
    assert main(["enrol", "--mic", "Yeti"]) == 2
    err = capsys.readouterr().err
    assert (
        "cannot record: no microphone input (SDL: no microphone named 'Yeti' (found: USB Headset))"
        in err
    )
    capture.choose_microphone(None)
