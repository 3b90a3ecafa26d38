"""Recordings and devices the second red-team trial found mishandled (each failed before its fix).

A float WAV may hold NaN or samples far past full scale (a broken DSP chain,
a hostile file): NumPy's "invalid value encountered in cast" warning, naming a
line of callsim's source, reached the trainer and NaN became arbitrary
samples. A many-channel recording was held whole as float32 before it was mixed down
(a 3 MB FLAC of near-silence: 570 MB). `callsim microphones --json` began with
pygame's two-line greeting on stdout, so its output was not JSON.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import warnings
from pathlib import Path

import numpy as np
import pytest
import soundfile

from simulator.voice.audio import read_wav
from tests.conftest import ROOT
from tests.hostile.test_cli_hostile import run_cli


def _samples(path: Path) -> np.ndarray:
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # any NumPy warning fails the test
        audio = read_wav(path)
    return np.frombuffer(audio.pcm, dtype="<i2")


def test_float_wav_nan_is_silence_and_past_full_scale_clips(tmp_path: Path) -> None:
    mono = np.array([np.nan, np.inf, -np.inf, 1e30, -1e30, 0.5], dtype="float64")
    soundfile.write(tmp_path / "mono.wav", mono, 16000, subtype="DOUBLE")
    assert _samples(tmp_path / "mono.wav").tolist() == [0, 32767, -32768, 32767, -32768, 16384]
    stereo = np.array([[3e38, 3e38], [np.nan, np.inf], [0.25, 0.25]], dtype="float32")
    soundfile.write(tmp_path / "stereo.wav", stereo, 16000, subtype="FLOAT")
    assert _samples(tmp_path / "stereo.wav").tolist() == [32767, 16384, 8192]


def test_microphones_json_is_json(tmp_path: Path) -> None:
    saved = os.environ.pop("PYGAME_HIDE_SUPPORT_PROMPT", None)  # as a user's shell has it
    try:
        done = run_cli(["microphones", "--json"], tmp_path)
    finally:
        if saved is not None:
            os.environ["PYGAME_HIDE_SUPPORT_PROMPT"] = saved
    assert "Traceback" not in done.stderr
    assert "devices" in json.loads(done.stdout)


_PEAK = """
import resource, sys
from simulator.voice.audio import read_wav
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
audio = read_wav(sys.argv[1])
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(len(audio.pcm), (after - before) // 1024)
"""


@pytest.mark.slow  # writes and reads a 2-minute 8-channel FLAC: about 2-4 s
def test_a_many_channel_recording_is_not_held_whole_as_float(tmp_path: Path) -> None:
    """An 8-channel 48 kHz FLAC of near-silence is 1.5 MB; read whole as float32 it took
    about 4 bytes a sample of every channel (a 3 MB one: 570 MB); mixed down a block at a
    time it takes about the 16-bit mono it becomes."""
    rng = np.random.default_rng(0)
    quiet = np.zeros((48000, 8), dtype="int16")
    hiss = rng.integers(-2, 3, size=(48000, 8)).astype("int16")
    path = tmp_path / "eight.flac"
    with soundfile.SoundFile(path, "w", 48000, 8, format="FLAC", subtype="PCM_16") as f:
        for second in range(120):
            f.write(hiss if second % 12 == 0 else quiet)
    done = subprocess.run(
        [sys.executable, "-c", _PEAK, str(path)],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    size, grew_mb = (int(n) for n in done.stdout.split())
    assert size == 120 * 48000 * 2  # 16-bit mono, every frame
    assert grew_mb < 60, f"reading grew the process by {grew_mb} MB (float32 whole: 184 MB)"
