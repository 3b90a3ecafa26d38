"""Turn-taking rules, pure: who is talking over whom.

The engine calls these with times from its injected clock (seconds since the
call started) and writes what they decide into the transcript, so the grader
sees an ``interrupt`` event exactly when the live call had one. No I/O, no
wall clock: every rule is testable with plain numbers.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

__all__ = ["DEFAULT_POLICY", "TurnPolicy", "caller_cuts_in", "is_interrupt", "reply_delay"]


@dataclass(frozen=True)
class TurnPolicy:
    """The timing knobs of a phone conversation (seconds)."""

    # Starting this close to the end of the caller's line is a natural hand-over, not an
    # interrupt: people begin as the other person's last word fades.
    overlap_grace: float = 0.25
    # An "interrupts" caller lets the agent talk this long before cutting in ...
    cut_in_after: float = 6.0
    # ... a bit sooner when the caller is irate.
    irate_cut_in_after: float = 4.0
    # The caller answers this long after the agent stops (a prompt human reply).
    reply_gap: float = 0.15


DEFAULT_POLICY = TurnPolicy()


def is_interrupt(
    caller_started: float | None,
    caller_ends: float | None,
    agent_onset: float,
    policy: TurnPolicy = DEFAULT_POLICY,
) -> bool:
    """Did the trainee start talking while the caller was still speaking?

    ``caller_started``/``caller_ends`` bound the caller's current line as
    played (``caller_ends`` is when its audio finishes, or when it was cut
    short); ``agent_onset`` is when the trainee's speech began.
    """
    if caller_started is None or caller_ends is None:
        return False
    return caller_started <= agent_onset < caller_ends - policy.overlap_grace


def caller_cuts_in(
    agent_started: float,
    now: float,
    traits: Collection[str],
    mood: str | None = None,
    policy: TurnPolicy = DEFAULT_POLICY,
) -> bool:
    """Should a caller with the ``interrupts`` trait talk over the agent's long turn now?"""
    if "interrupts" not in traits:
        return False
    limit = policy.irate_cut_in_after if mood in ("irate", "angry") else policy.cut_in_after
    return now - agent_started >= limit


def reply_delay(
    agent_ended: float, now: float, synthesis_ready: float, policy: TurnPolicy = DEFAULT_POLICY
) -> float:
    """Seconds to wait before playing the caller's reply so it comes a human gap after the agent.

    ``synthesis_ready`` is when the reply audio is ready; if it is already
    later than the natural gap, play at once.
    """
    target = agent_ended + policy.reply_gap
    return max(0.0, target - max(now, synthesis_ready))
