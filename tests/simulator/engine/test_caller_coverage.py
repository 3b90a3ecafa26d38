"""Nothing the caller could hear or feel is forgotten: every act and every mood row is used."""

from __future__ import annotations

import re
from pathlib import Path

from scoring.acts import act_names
from simulator.engine.mood import EFFECTS
from simulator.engine.reactions import REACTS_TO
from simulator.engine.replies import ANSWERS, UNHEARD

ENGINE = Path(__file__).resolve().parents[3] / "simulator" / "engine"
#: labels the engine adds from the grader's own finders, not the phrasing files
EXTRA = {"jargon", "give_number"}


def test_every_agent_act_is_answered_reacted_to_or_deliberately_unheard() -> None:
    acts = set(act_names("agent"))
    handled = set(ANSWERS) | UNHEARD | REACTS_TO
    assert not acts - handled, f"acts the caller does not handle: {sorted(acts - handled)}"


def test_no_handled_act_is_stale() -> None:
    known = set(act_names("agent")) | EXTRA
    stale = (set(ANSWERS) | UNHEARD | REACTS_TO) - known
    assert not stale, f"handled but unknown to the recogniser: {sorted(stale)}"


def test_every_mood_row_is_applied_somewhere() -> None:
    source = "\n".join(
        p.read_text(encoding="utf-8") for p in ENGINE.glob("*.py") if p.name != "mood.py"
    )
    unused = [row for row in EFFECTS if not re.search(rf"[\"']{row}[\"']", source)]
    assert not unused, f"mood rows never applied: {unused}"
