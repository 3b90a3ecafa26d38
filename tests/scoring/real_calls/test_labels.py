"""The real-calls set is well formed: every call has a label for every item, and reads."""

from __future__ import annotations

from pathlib import Path

import pytest

from scoring.importers import read_file
from scoring.policy import load_policy
from scoring.safeyaml import load_file

HERE = Path(__file__).parent
LABELS = sorted(HERE.rglob("*.labels.yaml"))


def test_the_set_has_calls_in_both_splits() -> None:
    splits = {str(load_file(p)["split"]) for p in LABELS}
    assert splits == {"dev", "held-out"}


@pytest.mark.parametrize("labels", LABELS, ids=lambda p: p.name)
def test_every_default_item_is_labelled_once_and_the_call_reads(labels: Path) -> None:
    spec = load_file(labels)
    items = set(load_policy("default").items)
    assert set(spec["labels"]) == items
    assert {str(v["result"]) for v in spec["labels"].values()} <= {"pass", "fail", "na"}
    assert all(str(v.get("why", "")).strip() for v in spec["labels"].values())
    stem = labels.name.removesuffix(".labels.yaml")
    (call,) = [p for p in labels.parent.glob(stem + ".*") if p != labels]
    assert any(True for _ in read_file(call).speech())
