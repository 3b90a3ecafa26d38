"""The spec's worked examples grade exactly as their .expected.json says, item by item."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scoring.grader import grade
from scoring.policy import load_policy
from scoring.reader import read_transcript
from tests.conftest import SPEC_EXAMPLES

EXAMPLES = sorted(SPEC_EXAMPLES.glob("*.txt")) if SPEC_EXAMPLES.is_dir() else []
CASES = [
    (ex, item_id, want["result"])
    for ex in EXAMPLES
    for item_id, want in json.loads(ex.with_suffix(".expected.json").read_text())["items"].items()
]


@pytest.mark.skipif(not EXAMPLES, reason="../shared/spec/examples not present")
@pytest.mark.parametrize(("path", "item_id", "want"), CASES, ids=lambda v: getattr(v, "stem", v))
def test_example_item(path: Path, item_id: str, want: str) -> None:
    card = grade(read_transcript(path), load_policy("default"))
    got = card.results[item_id]
    assert got.result == want, f"{item_id}: {got.reason}"


@pytest.mark.skipif(not EXAMPLES, reason="../shared/spec/examples not present")
@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_example_critical_failures(path: Path) -> None:
    want = json.loads(path.with_suffix(".expected.json").read_text())
    card = grade(read_transcript(path), load_policy("default"))
    assert sorted(card.critical_failures) == sorted(want["critical_failures"])
