"""xAPI (Experience API 1.0.3) statements: one per completed role-play call.

- actor: the trainee, an Agent identified by an account (`homePage` is the organisation's
  IRL, `--homepage`; the name as recorded), since callsim knows no e-mail addresses;
- verb: ADL's `passed` or `failed`;
- object: the scenario, an Activity of ADL's `simulation` type, its id an IRI under the
  home page, its name the scenario's title;
- result: the score (scaled 0..1, raw 0..100), success, completion, the call's duration
  (ISO 8601), and the failed items (overrides applied) in an extension;
- context: platform `callsim`, the call's id, policy and team in extensions;
- timestamp: when the call started; id: a UUID derived from the call's uid, so a statement
  sent twice is the same statement (an LRS keeps one).
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

from simulator.exports.rows import ExportCall

DEFAULT_HOMEPAGE = "https://callsim.invalid"
NAMESPACE = uuid.UUID("6f1c3a52-5d0e-4d8b-9a57-0b7c2d1e9f31")  # callsim's statement ids
VERBS = {
    True: {"id": "http://adlnet.gov/expapi/verbs/passed", "display": {"en-US": "passed"}},
    False: {"id": "http://adlnet.gov/expapi/verbs/failed", "display": {"en-US": "failed"}},
}
SIMULATION = "http://adlnet.gov/expapi/activities/simulation"


def exportable(c: ExportCall) -> bool:
    """A completed, graded role-play call (real calls and unfinished ones are not learning
    activities to report)."""
    return (
        c.kind == "roleplay"
        and c.outcome == "completed"
        and c.score is not None
        and bool(c.scenario)
    )


def statement_id(c: ExportCall) -> str:
    return str(uuid.uuid5(NAMESPACE, c.uid))


def duration(seconds: float) -> str:
    """ISO 8601 duration with the 0.01 s precision xAPI keeps: `PT183.45S`."""
    return f"PT{max(seconds, 0.0):.2f}S"


def statement(c: ExportCall, homepage: str, titles: Mapping[str, str]) -> dict[str, Any]:
    base = homepage.rstrip("/")
    ext = f"{base}/xapi/extensions"
    scenario = c.scenario or ""
    score = float(c.score or 0.0)
    result: dict[str, Any] = {
        "score": {"scaled": round(score / 100, 4), "raw": score, "min": 0, "max": 100},
        "success": bool(c.passed),
        "completion": True,
        "extensions": {f"{ext}/failed-items": c.failed},
    }
    if c.duration_s is not None:
        result["duration"] = duration(c.duration_s)
    context: dict[str, Any] = {
        "platform": "callsim",
        "language": "en-US",
        "extensions": {f"{ext}/call": c.uid, f"{ext}/policy": c.policy},
    }
    if c.team:
        context["extensions"][f"{ext}/team"] = c.team
    return {
        "id": statement_id(c),
        "actor": {
            "objectType": "Agent",
            "name": c.trainee,
            "account": {"homePage": homepage, "name": c.trainee},
        },
        "verb": VERBS[bool(c.passed)],
        "object": {
            "objectType": "Activity",
            "id": f"{base}/scenarios/{quote(scenario, safe='')}",
            "definition": {
                "name": {"en-US": titles.get(scenario, scenario)},
                "type": SIMULATION,
            },
        },
        "result": result,
        "context": context,
        "timestamp": c.started_at.isoformat(),
    }
