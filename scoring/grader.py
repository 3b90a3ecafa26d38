"""Grade a transcript against a policy pack: the scoring engine of the whole product.

`grade` is a pure function of the transcript and the policy: no clock, no
I/O, no global state. A role-play and a recorded real call go through the
same function, and a stored call can be re-graded when its pack changes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from scoring.call import Call
from scoring.items import REGISTRY
from scoring.items.base import Check, Evidence
from scoring.policy import Policy
from scoring.transcript import Transcript


@dataclass(frozen=True)
class ItemResult:
    """One item's mark on the scorecard, with what decided it."""

    id: str
    result: str
    reason: str
    evidence: tuple[Evidence, ...]
    source: str
    section: str
    title: str
    rule: str
    weight: float
    critical: bool

    def to_json(self) -> dict[str, Any]:
        return {
            "result": self.result,
            "reason": self.reason,
            "evidence": [e.to_json() for e in self.evidence],
            "source": self.source,
        }


@dataclass(frozen=True)
class Scorecard:
    file: str
    policy: str
    score: float
    critical_failures: tuple[str, ...]
    results: Mapping[str, ItemResult]

    @property
    def failed_call(self) -> bool:
        """A failed critical item fails the call whatever the score."""
        return bool(self.critical_failures)

    def counts(self) -> dict[str, int]:
        out = {"pass": 0, "fail": 0, "na": 0}
        for r in self.results.values():
            out[r.result] += 1
        return out

    def to_json(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "policy": self.policy,
            "score": self.score,
            "critical_failures": list(self.critical_failures),
            "items": {k: v.to_json() for k, v in self.results.items()},
        }


def grade(transcript: Transcript, policy: Policy) -> Scorecard:
    """Every item of the policy, pass / fail / na with reason and evidence, and the score."""
    call = Call(transcript)
    results: dict[str, ItemResult] = {}
    for item_id, weight in policy.weights.items():
        spec = REGISTRY[item_id]
        check: Check = spec.check(call, policy.params)
        results[item_id] = ItemResult(
            id=item_id,
            result=check.result,
            reason=check.reason,
            evidence=check.evidence,
            source=spec.source,
            section=spec.section,
            title=spec.title,
            rule=spec.rule_text,
            weight=weight,
            critical=item_id in policy.critical,
        )
    applicable = [r for r in results.values() if r.result != "na"]
    total = sum(r.weight for r in applicable)
    won = sum(r.weight for r in applicable if r.result == "pass")
    score = round(100.0 * won / total, 1) if total else 100.0
    critical = tuple(r.id for r in results.values() if r.critical and r.result == "fail")
    return Scorecard(transcript.path, policy.name, score, critical, results)
