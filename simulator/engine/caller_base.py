"""What every part of the caller's reactions may use: the call's state, provided by
`CallEngine`, and the steps one reaction module asks of another.

`Reactions` is assembled from mixins (`read_backs.ReadBacks`, `choices.Choices`,
`outcomes.Outcomes`, `archetypes.Archetypes`); each declares here what it needs from the
others so that it type-checks alone. The stubs are overridden; none runs.
"""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

from simulator.engine.caller_state import CallerState
from simulator.engine.understand import Heard

if TYPE_CHECKING:
    from simulator.engine.mood import Temper
    from simulator.scenario.model import Beat, Scenario


class CallerBase:
    """The state and steps the reaction mixins share (declared, provided elsewhere)."""

    # provided by CallEngine
    _values: dict[str, str]
    _aggrieved: bool = False  # this turn's reply already carries a grievance
    _just_accepted: bool = False  # this turn's reply says yes to an offer of what they need
    _thanked_for_done: bool = False  # this turn thanks the agent for an outcome already done
    seed: int
    scenario: Scenario
    memory: CallerState
    beats: tuple[Beat, ...]
    on_hold: bool
    params: dict[str, float]

    @property
    def temper(self) -> Temper:
        raise NotImplementedError

    def caller_says(self, parts: list[str], cuts_in: bool = False) -> None:
        raise NotImplementedError

    def caller_hangs_up(self, reason: str, by: str = "caller") -> None:
        raise NotImplementedError

    def hear_value(self, name: str, value: str) -> None:
        raise NotImplementedError

    def heard_value(self, name: str) -> str:
        raise NotImplementedError

    def chance(self) -> random.Random:
        raise NotImplementedError

    # ----- steps one mixin asks of another ---------------------------------
    def _asks_fact(self, heard: Heard) -> bool:
        raise NotImplementedError

    def _goal_stems(self) -> set[str]:
        raise NotImplementedError

    def _other_outcome(self, text: str) -> bool:
        raise NotImplementedError

    def _own_words(self) -> str:
        raise NotImplementedError

    @property
    def _own_parts(self) -> tuple[str, ...]:
        raise NotImplementedError

    def _step_to_goal(self, text: str) -> bool:
        raise NotImplementedError

    def _topical(self, text: str) -> bool:
        raise NotImplementedError

    def _wanted_stems(self) -> set[str]:
        raise NotImplementedError
