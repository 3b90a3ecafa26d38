"""Trainee speech: domain-biased PocketSphinx recognition, end-of-turn detection, listeners.

Public surface: `build_domain_recogniser` (the recogniser for a scenario),
`WavFileListener` / `MicrophoneListener` / `open_microphone`, `Heard`,
`DIDNT_CATCH`, and the pure turn-taking rules in `turns`.

The names load on first use: importing a light module of this package (the
play command's speech options, say) must not load PocketSphinx and numpy,
which every `callsim` command would then pay for at start-up (150 ms).
"""

from __future__ import annotations

import importlib
from typing import Any

_WHERE = {
    "DomainTerms": "domain",
    "load_scenario_terms": "domain",
    "terms_from_scenario": "domain",
    "DIDNT_CATCH": "listeners",
    "Heard": "listeners",
    "Listener": "listeners",
    "ListenerUnavailable": "listeners",
    "MicrophoneListener": "listeners",
    "WavFileListener": "listeners",
    "acts_of": "listeners",
    "open_microphone": "listeners",
    "Recognition": "recogniser",
    "SphinxRecogniser": "recogniser",
    "build_domain_recogniser": "recogniser",
    "TurnPolicy": "turns",
    "caller_cuts_in": "turns",
    "is_interrupt": "turns",
    "reply_delay": "turns",
}

__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{module}"), name)
