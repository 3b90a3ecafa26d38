"""Trainee speech: domain-biased PocketSphinx recognition, end-of-turn detection, listeners.

Public surface: `build_domain_recogniser` (the recogniser for a scenario),
`WavFileListener` / `MicrophoneListener` / `open_microphone`, `Heard`,
`DIDNT_CATCH`, and the pure turn-taking rules in `turns`.
"""

from simulator.listen.domain import DomainTerms, load_scenario_terms, terms_from_scenario
from simulator.listen.listeners import (
    DIDNT_CATCH,
    Heard,
    Listener,
    ListenerUnavailable,
    MicrophoneListener,
    WavFileListener,
    acts_of,
    open_microphone,
)
from simulator.listen.recogniser import Recognition, SphinxRecogniser, build_domain_recogniser
from simulator.listen.turns import TurnPolicy, caller_cuts_in, is_interrupt, reply_delay

__all__ = [
    "DIDNT_CATCH",
    "DomainTerms",
    "Heard",
    "Listener",
    "ListenerUnavailable",
    "MicrophoneListener",
    "Recognition",
    "SphinxRecogniser",
    "TurnPolicy",
    "WavFileListener",
    "acts_of",
    "build_domain_recogniser",
    "caller_cuts_in",
    "is_interrupt",
    "load_scenario_terms",
    "open_microphone",
    "reply_delay",
    "terms_from_scenario",
]
