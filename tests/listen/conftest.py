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


@pytest.fixture(scope="session", autouse=True)
def _model_cache(tmp_path_factory):
    """Built language models go to a cache of the test session's own, not the user's."""
    import os

    before = os.environ.get("CALLSIM_CACHE_DIR")
    os.environ["CALLSIM_CACHE_DIR"] = str(tmp_path_factory.mktemp("model-cache"))
    yield
    if before is None:
        os.environ.pop("CALLSIM_CACHE_DIR", None)
    else:
        os.environ["CALLSIM_CACHE_DIR"] = before
