"""Agreement of the grader with hand labels on the real-calls set (issue 17, part 1).

Each call in tests/scoring/real_calls/ has a `SID.labels.yaml` beside it: the
split (`dev` or `held-out`), the headers a QA lead adds (brand, context) and a
label per item of the default policy, written before the grader was run on
the call. This grades every labelled call and reports, per split, agreement
on all labels and on applicable items (where the grader or the label says
the item applies). Disagreements are listed for the development split only:
held-out calls are counted, never shown, so that no pattern is tuned on them.

    python benchmarks/bench_real_calls.py
"""

from __future__ import annotations

import sys
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scoring.grader import grade  # noqa: E402
from scoring.importers import read_file  # noqa: E402
from scoring.policy import load_policy  # noqa: E402
from scoring.safeyaml import load_file  # noqa: E402

SET = ROOT / "tests" / "scoring" / "real_calls"
LABELS = ".labels.yaml"


def _call_file(labels: Path) -> Path:
    stem = labels.name[: -len(LABELS)]
    found = [p for p in labels.parent.glob(stem + ".*") if not p.name.endswith(LABELS)]
    if len(found) != 1:
        raise SystemExit(f"{labels}: expected one call file named {stem}.*, found {len(found)}")
    return found[0]


def _graded(labels: Path, spec: dict) -> dict[str, str]:
    t = read_file(_call_file(labels))
    headers = dict(t.headers)
    headers.update({k: str(spec[k]) for k in ("brand", "context") if spec.get(k)})
    card = grade(replace(t, headers=headers), load_policy("default"))
    return {item: v["result"] for item, v in card.to_json()["items"].items()}


def main() -> int:
    tally: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])  # all ok, all, app ok, app
    shown: list[str] = []
    for labels in sorted(SET.rglob("*" + LABELS)):
        spec = load_file(labels)
        split = str(spec["split"])
        got = _graded(labels, spec)
        for item, label in spec["labels"].items():
            want, mine = str(label["result"]), got.get(item, "missing")
            t = tally[split]
            t[0] += want == mine
            t[1] += 1
            if "na" not in (want, mine) or want != mine:
                t[2] += want == mine
                t[3] += 1
            if want != mine and split == "dev":
                shown.append(
                    f"  {labels.name[: -len(LABELS)]} {item}: label {want}, grader {mine}"
                    f" ({label.get('why', '')})"
                )
    for split, (ok, n, app_ok, app) in sorted(tally.items()):
        calls = sum(1 for p in SET.rglob("*" + LABELS) if str(load_file(p)["split"]) == split)
        print(
            f"{split:9s} {calls} calls: all labels {ok}/{n} = {ok / n:.1%}; "
            f"applicable {app_ok}/{app} = {app_ok / max(app, 1):.1%}"
        )
    if shown:
        print("development disagreements:")
        print("\n".join(shown))
    return 0


if __name__ == "__main__":
    sys.exit(main())
