"""Grade a transcript against a policy pack: the scoring engine of the whole product.

`grade` is a pure function of the transcript and the policy: no clock, no
I/O, no global state. A role-play and a recorded real call go through the
same function, and a stored call can be re-graded when its pack changes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from scoring.acts import _cache_dir
from scoring.pattern_cache import remembered
from scoring.policy import Policy
from scoring.transcript import Transcript

# The protocol items compile ~130 expressions as they load, a fifth of a grader's start-up:
# remembered between runs (scoring.pattern_cache), keyed by these modules' files.
_HERE = Path(__file__).resolve().parent
with remembered(_cache_dir(), "items", sorted((*_HERE.glob("*.py"), *_HERE.glob("items/*.py")))):
    from scoring.call import Call
    from scoring.items import REGISTRY
    from scoring.items.base import Check, Evidence, ItemSpec

#: Header keys a scorecard carries beside the spec's fields (who, which scenario, when).
META_HEADERS = ("agent", "scenario", "date")


class ItemResult(NamedTuple):
    """One item's mark on the scorecard, with what decided it.

    Holds the item's spec and the rule's `Check` rather than copies of their
    fields: a scorecard has one per item, and every call graded builds ~50.
    A named tuple, like `Check` and `Evidence`: built in a fifth of the time of
    a frozen dataclass, which sets each field through `object.__setattr__`.
    """

    spec: ItemSpec
    check: Check
    weight: float
    critical: bool

    @property
    def id(self) -> str:
        return self.spec.id

    @property
    def result(self) -> str:
        return self.check.result

    @property
    def reason(self) -> str:
        return self.check.reason

    @property
    def evidence(self) -> tuple[Evidence, ...]:
        return self.check.evidence

    @property
    def source(self) -> str:
        return self.spec.source

    @property
    def section(self) -> str:
        return self.spec.section

    @property
    def title(self) -> str:
        return self.spec.title

    @property
    def rule(self) -> str:
        return self.spec.rule_text

    def to_json(self) -> dict[str, Any]:
        check = self.check
        return {
            "result": check.result,
            "reason": check.reason,
            "evidence": [
                {"line": line, "time": time, "text": text} for line, time, text in check.evidence
            ],  # `Evidence.to_json`, without a call per line
            "source": self.spec.source,
        }


@dataclass(frozen=True)
class Scorecard:
    file: str
    policy: str
    score: float
    critical_failures: tuple[str, ...]
    results: Mapping[str, ItemResult]
    #: the header's agent, scenario and date where given (beside the spec's fields in JSON)
    meta: Mapping[str, str] = field(default_factory=dict)

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
        # `ItemResult.to_json` inlined in a plain loop: ~50 items a call, and a comprehension
        # (a function of its own in Python 3.11) per item's evidence cost a fifth of this
        items: dict[str, Any] = {}
        for k, (spec, (result, reason, evidence), _weight, _critical) in self.results.items():
            cited = []
            for n, t, x in evidence:
                cited.append({"line": n, "time": t, "text": x})
            source = spec.source
            items[k] = {"result": result, "reason": reason, "evidence": cited, "source": source}
        return {
            "file": self.file,
            "policy": self.policy,
            "score": self.score,
            "critical_failures": list(self.critical_failures),
            "items": items,
            **self.meta,
        }


_new_tuple = tuple.__new__


def grade(transcript: Transcript, policy: Policy) -> Scorecard:
    """Every item of the policy, pass / fail / na with reason and evidence, and the score."""
    call = Call(transcript)
    params, critical = policy.params, policy.critical
    results: dict[str, ItemResult] = {}
    total = won = 0.0
    for item_id, weight in policy.weights.items():
        spec = REGISTRY[item_id]
        check: Check = spec.check(call, params)
        # `ItemResult(...)` without the named tuple's Python-level `__new__`
        results[item_id] = _new_tuple(ItemResult, (spec, check, weight, item_id in critical))
        if check.result != "na":
            total += weight
            won += weight if check.result == "pass" else 0.0
    score = round(100.0 * won / total, 1) if total else 100.0
    failed = tuple(r.id for r in results.values() if r.critical and r.result == "fail")
    meta = {k: transcript.headers[k] for k in META_HEADERS if transcript.headers.get(k)}
    return Scorecard(transcript.path, policy.name, score, failed, results, meta)
