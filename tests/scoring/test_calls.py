"""Hand-graded calls: every `# expect: item=result` in tests/scoring/calls holds.

The calls were written independently of the grader, in many phrasings, to
check it the way calls written by other people will (see calls/README*.md).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from scoring.grader import Scorecard, grade
from scoring.policy import load_policy
from scoring.reader import read_transcript
from scoring.safeyaml import load_file

CALLS = Path(__file__).parent / "calls"
KNOWN_GAPS = {
    (g["call"], g["item"]) for g in load_file(Path(__file__).parent / "known_gaps.yaml") or []
}
_cache: dict[Path, Scorecard] = {}


def _expectations() -> list[object]:
    out: list[object] = []
    for path in sorted(CALLS.glob("*.txt")):
        t = read_transcript(path)
        for part in t.headers.get("expect", "").split(","):
            if "=" in part:
                item_id, result = (s.strip() for s in part.split("=", 1))
                marks = (
                    [
                        pytest.mark.xfail(
                            reason="known gap: tests/scoring/known_gaps.yaml", strict=True
                        )
                    ]
                    if (path.stem, item_id) in KNOWN_GAPS
                    else []
                )
                out.append(pytest.param(path, item_id, result, marks=marks))
    return out


def _card(path: Path) -> Scorecard:
    if path not in _cache:
        _cache[path] = grade(read_transcript(path), load_policy("default"))
    return _cache[path]


@pytest.mark.parametrize(
    ("path", "item_id", "want"), _expectations(), ids=lambda v: getattr(v, "stem", v)
)
def test_expected_grade(path: Path, item_id: str, want: str) -> None:
    got = _card(path).results[item_id]
    # The message (and its re-read of the call's `why`) is built only on failure.
    assert got.result == want, (
        f"{item_id}: got {got.result} ({got.reason}); "
        f"expected because: {read_transcript(path).headers.get('why', '')}"
    )
