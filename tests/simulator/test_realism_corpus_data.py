"""Well-formedness of the realism corpus (tests/data/realism/, issue 12).

The corpus is the truth the listening caller is measured against, so each case must
be playable (its moves parse), use a known class, and agree with its scenario: an
`answers_fact` case asks for words the scenario's `caller.facts` actually hold, a
time-frame objection needs `expects.callback_within`, and so on. Otherwise a case
would measure the data, not the caller. The caller's replies themselves are checked
by the engine's realism tests and `benchmarks/bench_realism.py`.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from simulator.engine import Say, parse_move

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "data" / "realism"
SCENARIOS = ROOT / "scenarios"

CLASSES = {
    "answers_fact", "dont_know", "repeats", "spells", "confirms", "corrects", "corrects_reason",
    "objects_timeframe", "objects_transfer", "accepts", "declines", "answers_hold",
    "no_polite_close", "climbs", "pushes_back", "notices_wrong_number", "steers_back",
    "angrier", "not_calmer", "not_generic", "still_there", "back_to_goal", "first_call",
    "takes_answer", "gives_reason", "chooses", "takes_hold", "asks_rest",
}  # fmt: skip
NEEDS_CONTAINS = {
    "answers_fact", "repeats", "spells", "corrects", "corrects_reason", "steers_back",
    "back_to_goal", "gives_reason", "chooses", "asks_rest",
}  # fmt: skip
KEYS = {"id", "before", "agent", "expect", "contains", "lacks", "why"}
_KEBAB = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_DIGIT_GAP = re.compile(r"(?<=\d)[\s-](?=\d)")


@functools.cache
def _yaml(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def texts(value: Any) -> list[str]:
    """Every string inside a YAML value (lines, variants, mood mappings, facts)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [t for v in value.values() for t in texts(v)]
    if isinstance(value, list):
        return [t for v in value for t in texts(v)]
    return []


def has_word(text: str, word: str) -> bool:
    """`word` in `text`, case-insensitive, whole word; digits read one by one count."""
    text = _DIGIT_GAP.sub("", text)
    if word.isdigit():  # a number is its digits, whatever letters lead it ("FG772014")
        return re.search(rf"(?<!\d){word}(?!\d)", text) is not None
    return re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text, re.IGNORECASE) is not None


SHIPPED = sorted(p.stem for p in SCENARIOS.glob("*.yaml"))
FILES = sorted(CORPUS.glob("*.yaml"))
CASES = [(p.stem, case) for p in FILES for case in _yaml(p)["cases"]]


def test_one_file_per_shipped_scenario() -> None:
    assert [p.stem for p in FILES] == SHIPPED
    for path in FILES:
        assert _yaml(path)["scenario"] == path.stem


def test_enough_cases_everywhere() -> None:
    per_file = {p.stem: len(_yaml(p)["cases"]) for p in FILES}
    assert min(per_file.values()) >= 10, per_file
    assert len(CASES) >= 160
    assert {c["expect"] for _, c in CASES} == CLASSES  # every class is exercised


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_ids_are_unique_kebab_case(path: Path) -> None:
    ids = [c["id"] for c in _yaml(path)["cases"]]
    assert len(ids) == len(set(ids))
    assert all(_KEBAB.match(i) for i in ids), ids


@pytest.mark.parametrize(("sid", "case"), CASES, ids=[f"{s}:{c['id']}" for s, c in CASES])
def test_case_is_well_formed(sid: str, case: dict[str, Any]) -> None:
    assert set(case) <= KEYS
    assert {"id", "agent", "expect", "why"} <= set(case)
    assert case["expect"] in CLASSES
    assert isinstance(case["why"], str)
    assert case["why"].strip()
    if case["expect"] in NEEDS_CONTAINS:
        assert case.get("contains"), "this class needs `contains`"
    contains = case.get("contains", [])
    assert isinstance(contains, list)
    assert all(isinstance(w, str) and w for w in contains)
    for text in [*case.get("before", []), case["agent"]]:
        move = parse_move(text)  # raises on an unknown /command
        assert isinstance(move, Say) != text.startswith("/"), text


@pytest.mark.parametrize(("sid", "case"), CASES, ids=[f"{s}:{c['id']}" for s, c in CASES])
def test_case_agrees_with_its_scenario(sid: str, case: dict[str, Any]) -> None:
    scenario = _yaml(SCENARIOS / f"{sid}.yaml")
    caller = scenario["caller"]
    expects = caller.get("expects", {})
    facts = texts(caller.get("facts", {}))
    words = case.get("contains", [])
    wanted: dict[str, list[str] | bool] = {
        "answers_fact": [
            caller.get("name", ""),
            *facts,
            *(str(caller.get(k, "")) for k in ("id_number", "phone", "email", "calling_for")),
            *(str(o) for o in caller.get("orders", [])),
            *case.get("before", []),  # what the agent told them earlier in the call
            str(scenario.get("ticket_id", "")),  # ... and the case number it gave
            *texts(scenario["lines"]),  # a time for the call back is a line of theirs
        ],
        "steers_back": [caller.get("goal", "")],
        "corrects_reason": [caller.get("goal", "")],
        "back_to_goal": [caller.get("goal", "")],
        "asks_rest": [caller.get("goal", "")],
        "gives_reason": [caller.get("goal", ""), *texts(scenario["lines"])],
        # a caller repeats their own lines or the fact they just gave, or reads back what
        # the agent gave them
        "repeats": [
            *facts,
            *texts(scenario["lines"]),
            *case.get("before", []),
            *(str(caller.get(k, "")) for k in ("id_number", "phone", "email")),
        ],
        "spells": [caller["name"], caller.get("email", ""), *facts],  # or a street, a firm
        "corrects": [
            *facts,
            *(str(caller.get(k, "")) for k in ("name", "id_number", "phone", "email")),
            *case.get("before", []),  # a promise the agent made earlier, now said back wrong
            *texts(scenario["lines"]),  # ... or what they said themselves (the time for a call)
        ],
        "objects_timeframe": "callback_within" in expects,
        "objects_transfer": expects.get("no_transfer") is True,
        "notices_wrong_number": bool(caller.get("calling_for")),
        "pushes_back": "spam" in scenario["context"],
    }
    need = wanted.get(case["expect"], True)
    if isinstance(need, bool):
        assert need, f"{case['expect']} needs the scenario data for it"
        return
    for word in words[:1] if case["expect"] == "spells" else words:
        assert any(has_word(t, word) for t in need), f"{word!r} is not in the scenario"


def test_every_scenario_has_a_goal_and_facts() -> None:
    for sid in SHIPPED:
        caller = _yaml(SCENARIOS / f"{sid}.yaml")["caller"]
        assert caller.get("goal"), sid
        assert caller.get("facts"), sid
