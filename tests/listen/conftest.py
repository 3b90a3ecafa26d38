"""Fixtures for the listener tests: one eSpeak synthesizer and one domain recogniser per session."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def synth():
    from simulator.voice.tts import EspeakSynthesizer

    return EspeakSynthesizer()


@pytest.fixture(scope="session")
def recogniser():
    from simulator.listen.recogniser import build_domain_recogniser

    return build_domain_recogniser()
