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


#: The agent act labels of docs/acts.md; a scenario beat may be triggered by any of them.
AGENT_ACTS: frozenset[str] = frozenset(
    """thank_for_calling introduce_self ask_name commit_help empathy ask_account ask_hold
    hold_reason thank_for_holding ask_callback_number offer_hold_alternative
    offer_transfer_or_message announce_transfer offer_voicemail_choice offer_message
    say_unavailable ask_urgent promise_callback ask_callback_time ask_email promise_email
    ownership handoff check_history confirm_second_request notify_supervisor offer_supervisor
    refuse_supervisor summarize give_reference anything_else closing_thanks goodbye give_number
    create_record""".split()
)

#: Events that can trigger a beat (on the agent's next line after the event).
BEAT_EVENTS: frozenset[str] = frozenset({"resume", "lookup", "consult"})
