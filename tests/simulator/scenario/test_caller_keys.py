"""The scenario keys of the listening caller: read into the model, checked by validate."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

from simulator.scenario.lines import SITUATIONS
from simulator.scenario.loader import validate_file

BASE = """\
title: Test
brand: Acme
difficulty: easy
context: [order, irate]
caller:
  name: Ann Lee
  id_number: 12345
  goal: get my order delivered
  facts:
    colour: "Navy."
    dock_door: {ask: [dock, door], say: ["Door seven.", "Seven, on the east side."]}
  expects: {callback_within: 30 minutes, fixed_within: 3 days, no_transfer: true, person: Carol}
escalation:
  supervisor: {calm: "May I speak to a supervisor?", furious: "Get me your supervisor!"}
lines:
  reason: {calm: "My order is late.", angry: "My order is STILL late."}
script:
  - "Thank you for calling {brand}, this is {agent}."
"""


def write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "s.yaml"
    p.write_text(text, encoding="utf-8")
    return p


def test_the_new_keys_load_into_the_model(tmp_path: Path) -> None:
    scenario, problems = validate_file(write(tmp_path, BASE))
    assert problems == []
    assert scenario is not None
    c = scenario.caller
    assert c.goal == "get my order delivered"
    assert [f.topic for f in c.facts] == ["colour", "dock_door"]
    assert c.facts[1].cues == ("dock", "door")
    assert c.expects.callback_within_h == 0.5
    assert c.expects.fixed_within_h == 72
    assert c.expects.no_transfer
    assert scenario.line_in_mood("reason", "furious") == ("My order is STILL late.",)
    assert scenario.line_in_mood("reason", "annoyed") == ("My order is late.",)
    assert scenario.line("reason") == ("My order is late.",)
    assert scenario.escalation["supervisor"]["furious"] == ("Get me your supervisor!",)


def test_a_bad_placeholder_in_a_mood_line_or_fact_is_reported_with_its_line(
    tmp_path: Path,
) -> None:
    text = BASE.replace('"Navy."', '"Navy, {caller.nmae}."').replace(
        'angry: "My order is STILL late."', 'angry: "Still late, {brnd}."'
    )
    _, problems = validate_file(write(tmp_path, text))
    lines = sorted(p.line for p in problems)
    assert lines == [10, 16]
    assert all("placeholder" in p.message for p in problems)


def test_a_mood_variant_the_grader_misreads_is_reported(tmp_path: Path) -> None:
    text = BASE.replace(
        "lines:\n", "lines:\n  agree_hold: {calm: 'Sure, go ahead.', angry: 'Why do you ask?'}\n"
    )
    _, problems = validate_file(write(tmp_path, text))
    assert [p.line for p in problems] == [16]
    assert "'agree'" in problems[0].message
    assert "Why do you ask?" in problems[0].message


def test_unknown_expectation_or_bad_duration_is_refused(tmp_path: Path) -> None:
    _, problems = validate_file(write(tmp_path, BASE.replace("30 minutes", "soonish")))
    assert problems
    assert problems[0].line == 12
    _, problems = validate_file(write(tmp_path, BASE.replace("no_transfer: true", "nope: 1")))
    assert any("nope" in p.message for p in problems)


def test_the_schema_lists_every_situation_the_engine_can_say() -> None:
    text = resources.files("scenarios").joinpath("scenario.schema.json").read_text("utf-8")
    schema = json.loads(text)
    assert set(schema["properties"]["lines"]["properties"]) == set(SITUATIONS)
