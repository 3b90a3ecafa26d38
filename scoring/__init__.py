"""callsim's scoring engine: transcripts in, QA scorecards out.

Public surface: `read_transcript`, `parse_text`, `grade`, `load_policy`,
`recognise` and the types they take and give. Everything here is pure: no
clock, no network, no global state.

The reader's names load with the package; the grader's, the policy loader's
and the recogniser's load on first use (importing them compiles the protocol
items, about 0.25 s, which the simulator's start-up should not pay just to
read a transcript).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from scoring.reader import TranscriptError, parse_text, read_transcript
from scoring.transcript import Event, Speech, Transcript

if TYPE_CHECKING:
    from scoring.acts import recognise
    from scoring.grader import Scorecard, grade
    from scoring.policy import Policy, PolicyError, load_policy

_LAZY = {
    "grade": "scoring.grader",
    "Scorecard": "scoring.grader",
    "load_policy": "scoring.policy",
    "Policy": "scoring.policy",
    "PolicyError": "scoring.policy",
    "recognise": "scoring.acts",
}

__all__ = [
    "Event",
    "Policy",
    "PolicyError",
    "Scorecard",
    "Speech",
    "Transcript",
    "TranscriptError",
    "grade",
    "load_policy",
    "parse_text",
    "read_transcript",
    "recognise",
]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'scoring' has no attribute {name!r}")
