"""Scenario validation: every problem with file, line, column and a hint."""

from __future__ import annotations

from pathlib import Path

import pytest

from scoring.transcript import CONTEXT_FACTS
from simulator.scenario import (
    DEFAULT_SCENARIO,
    Problem,
    ScenarioError,
    load_scenario,
    scenario_files,
)
from simulator.scenario.loader import validate_file
from tests.simulator.conftest import SHIPPED

GOOD = """\
title: Test
brand: Acme
difficulty: easy
context: [order]
caller:
  name: Ann Lee
  id_number: 12345
directory:
  - {ext: 4410, name: Carol Reyes}
lines:
  reason: My order is late.
beats:
  - id: push
    after: beat:reason
    say: Can you hurry?
script:
  - "Thank you for calling {brand}, this is {agent}."
  - /transfer 4410
"""


def problems(tmp_path: Path, text: str) -> list[Problem]:
    path = tmp_path / "case.yaml"
    path.write_text(text, encoding="utf-8")
    scenario, found = validate_file(path)
    assert scenario is None
    return found


def test_good_file_loads_and_normalises_ids(tmp_path: Path) -> None:
    path = tmp_path / "good.yaml"
    path.write_text(GOOD, encoding="utf-8")
    s = load_scenario(path)
    assert s.id == "good"
    assert s.caller.id_number == "12345"
    assert s.directory[0].ext == "4410"


def test_unknown_key_points_at_the_key_with_a_hint(tmp_path: Path) -> None:
    (p,) = problems(tmp_path, GOOD.replace("title: Test", "tilte: Test\ntitle: Test"))
    assert (p.line, p.column) == (1, 1)
    assert "unknown key 'tilte'" in p.message
    assert "title" in p.hint
    assert str(p).startswith(f"{tmp_path / 'case.yaml'}:1:1: unknown key 'tilte'")


def test_nested_unknown_key(tmp_path: Path) -> None:
    (p,) = problems(tmp_path, GOOD.replace("  name: Ann Lee", "  name: Ann Lee\n  phne: 555"))
    assert (p.line, p.column) == (7, 3)
    assert "phone" in p.hint


def test_bad_enum_value_has_line_and_hint(tmp_path: Path) -> None:
    (p,) = problems(tmp_path, GOOD.replace("difficulty: easy", "difficulty: eazy"))
    assert (p.line, p.column) == (3, 13)
    assert "easy" in p.hint


def test_transfer_to_extension_not_in_directory(tmp_path: Path) -> None:
    (p,) = problems(tmp_path, GOOD.replace("/transfer 4410", "/transfer 9999"))
    assert "transfer to extension 9999" in p.message
    assert "4410" in p.hint
    assert (p.line, p.column) == (18, 5)


def test_unreachable_beat(tmp_path: Path) -> None:
    (p,) = problems(tmp_path, GOOD.replace("after: beat:reason", "after: beat:nothing"))
    assert "unreachable beat" in p.message
    assert p.line == 14


def test_unknown_trigger_suggests_an_act(tmp_path: Path) -> None:
    (p,) = problems(tmp_path, GOOD.replace("after: beat:reason", "after: empathie"))
    assert "unknown trigger" in p.message
    assert "empathy" in p.hint


def test_missing_reason_line(tmp_path: Path) -> None:
    (p,) = problems(tmp_path, GOOD.replace("  reason: My order is late.", "  ack: Okay."))
    assert "missing line 'reason'" in p.message


def test_missing_caller_data_for_a_reachable_situation(tmp_path: Path) -> None:
    (p,) = problems(tmp_path, GOOD.replace("  id_number: 12345\n", ""))
    assert "caller.id_number" in p.message


def test_wrong_number_needs_the_correct_number(tmp_path: Path) -> None:
    found = problems(tmp_path, GOOD.replace("context: [order]", "context: [wrong_number]"))
    assert any("correct_number" in p.message for p in found)


def test_unknown_placeholder(tmp_path: Path) -> None:
    (p,) = problems(tmp_path, GOOD.replace("this is {agent}", "this is {agnet}"))
    assert "{agnet}" in p.message


def test_bad_command_in_script(tmp_path: Path) -> None:
    (p,) = problems(tmp_path, GOOD.replace("/transfer 4410", "/teleport 4410"))
    assert "unknown command" in p.message


def test_not_a_mapping(tmp_path: Path) -> None:
    (p,) = problems(tmp_path, "- just\n- a list\n")
    assert "mapping" in p.message


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "bin.yaml"
    path.write_bytes(b"title: \xff\xfe\n")
    _, found = validate_file(path)
    assert "UTF-8" in found[0].message


def test_load_scenario_raises_with_all_problems(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(GOOD.replace("title: Test", "tilte: Test").replace("brand:", "brnd:"))
    with pytest.raises(ScenarioError) as exc:
        load_scenario(path)
    assert len(exc.value.problems) >= 2


@pytest.mark.parametrize("path", scenario_files(), ids=lambda p: p.stem)
def test_every_shipped_scenario_validates(path: Path) -> None:
    _, found = validate_file(path)
    assert [str(p) for p in found] == []


def test_library_covers_every_context_fact_and_level() -> None:
    assert len(SHIPPED) >= 14
    covered = set().union(*(s.context for s in SHIPPED))
    assert covered == CONTEXT_FACTS
    assert {s.difficulty for s in SHIPPED} == {"easy", "medium", "hard"}
    assert [s.id for s in SHIPPED if s.default] == [DEFAULT_SCENARIO]


def test_a_caller_line_the_grader_would_misread_is_a_problem(tmp_path: Path) -> None:
    text = GOOD.replace("  reason: My order is late.", "  reason: Late.\n  agree_hold: Hmm.")
    (p,) = problems(tmp_path, text)
    assert "does not read 'Hmm.' as 'agree'" in p.message
    assert p.line == 12


def test_default_lines_are_read_by_the_grader_as_meant() -> None:
    from scoring.acts import recognise
    from simulator.scenario.checks import CALLER_ACTS
    from simulator.scenario.lines import DEFAULT_LINES

    for situation, act in CALLER_ACTS.items():
        for text in DEFAULT_LINES[situation]:
            assert act in recognise(text, "caller"), (situation, text)


def test_mistake_naming_an_item_the_policy_lacks(tmp_path: Path) -> None:
    step = "  - agent: /transfer 4410\n    mistakes:\n      - agent: /skip\n"
    text = GOOD.replace("  - /transfer 4410", step + "        fails: [close.thanks]")
    (p,) = problems(tmp_path, text)
    assert "unknown protocol item 'close.thanks'" in p.message
    assert "close.thank" in p.hint
