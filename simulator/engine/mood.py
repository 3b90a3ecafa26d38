"""The caller's temper: a mood level and a patience budget, moved by what the agent does.

Numbers live here, in one table, so a trainer reading docs/engine.md can find
why a caller got angry. Penalties bite harder on an angry caller.
"""

from __future__ import annotations

from dataclasses import dataclass

from simulator.scenario.model import MOODS, MoodName

#: what the agent did -> (patience change, mood change). Positive mood = angrier.
EFFECTS: dict[str, tuple[float, int]] = {
    # agent acts (docs/acts.md) that calm
    "empathy": (8, -1),
    "ownership": (6, 0),
    "commit_help": (3, 0),
    "thank_for_holding": (3, 0),
    "summarize": (3, 0),
    "offer_supervisor": (8, -1),
    "notify_supervisor": (4, 0),
    "offer_hold_alternative": (4, 0),
    # an apology after the caller was mistreated more than once: patience, not a mood step
    "empathy_partial": (5, 0),
    # what angers, mildest first
    "jargon": (-3, 0),
    "bad_news": (-3, 0),
    "silence": (-4, 0),
    "small_talk_irate": (-5, 0),
    "no_thanks_after_hold": (-5, 0),
    "hold_announced": (-6, 0),
    "they_blame": (-8, 0),
    "interrupt": (-10, 0),
    "broken_promise": (-10, 0),
    "refuse_help": (-8, 1),
    "dismiss": (-10, 1),
    "blame_caller": (-10, 1),
    "ignored_complaint": (-10, 1),
    "mute": (-15, 1),
    "ignored_supervisor": (-12, 1),
    "talk_down": (-14, 1),
    "interrupt_venting": (-20, 1),
    "hold_without_ok": (-25, 1),
    "hold_after_refusal": (-30, 1),
    "refuse_supervisor": (-30, 1),
    "second_transfer": (-45, 2),
}

#: patience lost per second on hold beyond the policy's check-in time.
HOLD_OVERTIME_PER_S = 0.5
#: patience lost per second on any hold: a long hold costs more than a short one.
HOLD_PER_S = 0.03


@dataclass
class Temper:
    mood: int
    patience: float

    @classmethod
    def start(cls, mood: str, patience: int) -> Temper:
        return cls(MOODS.index(mood), float(patience))  # type: ignore[arg-type,unused-ignore]

    @property
    def label(self) -> MoodName:
        return MOODS[self.mood]

    @property
    def exhausted(self) -> bool:
        return self.patience <= 0

    def apply(self, what: str) -> None:
        dp, dm = EFFECTS[what]
        if dp < 0 and self.mood >= 2:
            dp *= 1.5
        self.patience = max(0.0, min(100.0, self.patience + dp))
        self.mood = max(0, min(len(MOODS) - 1, self.mood + dm))

    def drain(self, amount: float) -> None:
        factor = 2.0 if self.mood >= 2 else 1.0
        self.patience = max(0.0, self.patience - amount * factor)

    def shift(self, steps: int) -> None:
        self.mood = max(0, min(len(MOODS) - 1, self.mood + steps))
