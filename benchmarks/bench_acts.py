"""Act recogniser accuracy on the labelled corpus (tests/data/acts_corpus.yaml).

Prints precision, recall and F1 per act, exact-match rate per line, and the
micro-averaged figures. The corpus was written independently of the phrasing
files (tests/data/README.md). Usage:

    python benchmarks/bench_acts.py [--split dev|test|all] [--errors ACT]

Tune only on `--split dev` errors; `test` is held out (benchmarks/splits.py).

Only acts the corpus labels somewhere are scored: acts added to the catalogue after
the corpus was written (the caller-facing ones of issue 12: `refuse_help`,
`small_talk` ...) were never labelled, so their firings are counted apart
("unlabelled acts") instead of as false alarms.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.splits import SPLITS, corpus_split, keep  # noqa: E402
from scoring.acts import act_names, recognise  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--corpus", default=str(ROOT / "tests/data/acts_corpus.yaml"))
    ap.add_argument("--errors", metavar="ACT", help="list the misses and false alarms of ACT")
    ap.add_argument("--split", choices=SPLITS, default="all", help="which part of the corpus")
    args = ap.parse_args()
    rows = yaml.safe_load(Path(args.corpus).read_text(encoding="utf-8"))
    data = [row for i, row in enumerate(rows) if keep(corpus_split(i), args.split)]
    labelled = {(row["speaker"], a) for row in rows for a in row["acts"]}
    unlabelled: Counter[str] = Counter()
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    exact = 0
    start = time.perf_counter()
    for row in data:
        known = set(act_names(row["speaker"]))
        want = set(row["acts"]) & known
        got = set(recognise(row["text"], row["speaker"]))
        for a in {a for a in got if (row["speaker"], a) not in labelled}:
            unlabelled[a] += 1
        got = {a for a in got if (row["speaker"], a) in labelled}
        exact += want == got
        for a in got & want:
            tp[f"{row['speaker']}.{a}"] += 1
        for a in got - want:
            fp[f"{row['speaker']}.{a}"] += 1
            if args.errors == a:
                print(f"  FALSE ALARM  {row['text']}")
        for a in want - got:
            fn[f"{row['speaker']}.{a}"] += 1
            if args.errors == a:
                print(f"  MISSED       {row['text']}")
    elapsed = time.perf_counter() - start
    print(f"{'act':38} {'prec':>6} {'recall':>6} {'F1':>6}  tp  fp  fn")
    for act in sorted(set(tp) | set(fp) | set(fn)):
        p = tp[act] / (tp[act] + fp[act]) if tp[act] + fp[act] else 1.0
        r = tp[act] / (tp[act] + fn[act]) if tp[act] + fn[act] else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        print(f"{act:38} {p:6.2f} {r:6.2f} {f:6.2f} {tp[act]:3} {fp[act]:3} {fn[act]:3}")
    TP, FP, FN = sum(tp.values()), sum(fp.values()), sum(fn.values())
    p, r = TP / (TP + FP), TP / (TP + FN)
    print(f"\nsplit: {args.split}  lines: {len(data)}", end="")
    print(f"  exact-match lines: {exact / len(data):.1%}")
    print(f"micro precision {p:.3f}  recall {r:.3f}  F1 {2 * p * r / (p + r):.3f}")
    print(f"time: {elapsed * 1000 / len(data):.3f} ms per line (first pass, cold cache)")
    if unlabelled:
        fired = ", ".join(f"{a} {n}" for a, n in unlabelled.most_common())
        print(f"unlabelled acts (not scored), lines they fired on: {fired}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
