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


def agent_acts() -> frozenset[str]:
    """The agent act labels the recogniser knows; a scenario beat may be triggered by any."""
    from scoring.acts import act_names

    return frozenset(act_names("agent"))


def jargon_detector() -> Callable[[str], list[str]]:
    """The grader's own jargon finder (soft.no_jargon), so the caller minds the same words."""
    from scoring.items.soft import jargon_words

    return jargon_words


def gives_number(text: str, number: str) -> bool:
    """The line gives `number` (a wrong-number call's correct number), as the grader reads it."""
    from scoring.extract import digits_only, mentions_digits

    digits = digits_only(number)
    return bool(digits) and mentions_digits(text, digits)


#: Events that can trigger a beat (on the agent's next line after the event).
BEAT_EVENTS: frozenset[str] = frozenset({"resume", "lookup", "consult"})
