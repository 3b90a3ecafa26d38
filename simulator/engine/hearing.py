"""What the caller hears in an agent line: the act labels of `scoring.acts`, nothing else.

The caller reacts to the same act labels the grader credits (docs/acts.md),
so a phrase the caller understands is one the grader counts. The recogniser
is injected into the engine (tests may pass a stub); this is the default.
"""

from __future__ import annotations

from collections.abc import Callable

Recogniser = Callable[[str, str], frozenset[str]]


def default_recogniser() -> Recogniser:
    """`scoring.acts.recognise`, imported late so the engine module loads without it."""
    from scoring.acts import recognise

    return recognise
