"""Recordings and devices the second red-team trial found mishandled (each failed before its fix).

A float WAV may hold NaN or samples far past full scale (a broken DSP chain,
a hostile file): NumPy's "invalid value encountered in cast" warning, naming a
line of callsim's source, reached the trainer and NaN became arbitrary
samples. `callsim microphones --json` began with pygame's two-line greeting on
stdout, so its output was not JSON.
"""

from __future__ import annotations

import json
import os
import warnings
from pathlib import Path

import numpy as np
import soundfile

from simulator.voice.audio import read_wav
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
