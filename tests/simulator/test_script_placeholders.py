"""Autoplay script files fill placeholders as scenarios do; an unknown one names its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.autoplay import ScriptError, load_script
from simulator.engine.moves import Say
from simulator.scenario.library import find_scenario
from simulator.scenario.lines import template_values


def test_placeholders_are_filled(tmp_path: Path) -> None:
    scenario = find_scenario("wrong-size-planter")
    script = tmp_path / "s.moves"
    script.write_text(
        "# a comment {left alone}\nThanks, {caller.address}, from {brand}.\n/hangup\n"
    )
    moves = load_script(str(script), template_values(scenario, "Robin"))
    assert moves[0] == Say(f"Thanks, {scenario.caller.title} Whitford, from {scenario.brand}.")


def test_an_unknown_placeholder_is_an_error_with_its_line(tmp_path: Path) -> None:
    scenario = find_scenario("wrong-size-planter")
    script = tmp_path / "s.moves"
    script.write_text("Hello.\nHi {caller.adress}\n")
    with pytest.raises(ScriptError, match=r"s\.moves:2: unknown placeholder \{caller\.adress\}"):
        load_script(str(script), template_values(scenario, "Robin"))
