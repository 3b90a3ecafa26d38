"""Shared fixtures for the voice tests: one real eSpeak synthesizer per session."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")


@pytest.fixture(scope="session")
def synth():
    from simulator.voice.tts import EspeakSynthesizer

    return EspeakSynthesizer()
