"""Grader agreement with the hand-graded calls (tests/scoring/calls), per item and split.

Each call carries `# expect: item=result` headers written by a QA reading of
the spec, independently of the grader. This prints, for the chosen split
(benchmarks/splits.py), how many expectations the grader agrees with, per
item and overall. Usage:

    python benchmarks/bench_items.py [--split dev|test|all] [--errors]

Tune only on `--split dev`; `test` is held out. `--errors` lists each
disagreement with the grader's reason and the file's `why`.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.splits import SPLITS, call_split, keep  # noqa: E402
from scoring.grader import grade  # noqa: E402
from scoring.policy import load_policy  # noqa: E402
from scoring.reader import read_transcript  # noqa: E402


def expectations(text: str) -> list[tuple[str, str]]:
    out = []
    for part in text.split(","):
        if "=" in part:
            item_id, result = (s.strip() for s in part.split("=", 1))
            out.append((item_id, result))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--calls", default=str(ROOT / "tests/scoring/calls"))
    ap.add_argument("--split", choices=SPLITS, default="all", help="which calls")
    ap.add_argument("--errors", action="store_true", help="list every disagreement")
    args = ap.parse_args()
    policy = load_policy("default")
    agree: Counter[str] = Counter()
    total: Counter[str] = Counter()
    files = [p for p in sorted(Path(args.calls).glob("*.txt")) if keep(call_split(p), args.split)]
    for path in files:
        t = read_transcript(path)
        card = grade(t, policy)
        for item_id, want in expectations(t.headers.get("expect", "")):
            got = card.results[item_id]
            total[item_id] += 1
            agree[item_id] += got.result == want
            if args.errors and got.result != want:
                print(f"  {path.name}: {item_id} got {got.result}, want {want} ({got.reason})")
                print(f"      why: {t.headers.get('why', '')}")
    print(f"{'item':32} {'agree':>5} / {'total':<5}")
    for item_id in sorted(total):
        mark = "" if agree[item_id] == total[item_id] else "  *"
        print(f"{item_id:32} {agree[item_id]:5} / {total[item_id]:<5}{mark}")
    a, n = sum(agree.values()), sum(total.values())
    print(f"\nsplit: {args.split}  calls: {len(files)}  expectations: {n}")
    print(f"agreement {a}/{n} = {a / n:.1%}  disagreements {n - a}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
