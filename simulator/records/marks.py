"""A call's effective marks: the grader's item results with trainers' overrides applied.

The score follows the grader's rule (scoring/grader.py): the weighted share
of applicable items passed, 100 when none applies. The call passes when no
critical item fails and the score reaches the policy pack's pass mark.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Mark:
    item: str
    result: str
    weight: float
    critical: bool


def effective_score(
    marks: Iterable[Mark], overrides: Mapping[str, str], pass_mark: float
) -> tuple[float, bool]:
    total = won = 0.0
    critical_failed = False
    for m in marks:
        result = overrides.get(m.item, m.result)
        if result == "na":
            continue
        total += m.weight
        if result == "pass":
            won += m.weight
        elif m.critical:
            critical_failed = True
    score = round(100.0 * won / total, 1) if total else 100.0
    return score, (not critical_failed and score >= pass_mark)


def failed_items(marks: Iterable[Mark], overrides: Mapping[str, str]) -> str:
    """The ids of the items failed, overrides applied, space-separated (the calls column)."""
    return " ".join(sorted(m.item for m in marks if overrides.get(m.item, m.result) == "fail"))


def card_marks(card: object) -> list[Mark]:
    """The marks of a `scoring.grader.Scorecard`."""
    results = getattr(card, "results", {})
    return [Mark(r.id, r.result, float(r.weight), bool(r.critical)) for r in results.values()]
