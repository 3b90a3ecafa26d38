"""Act recogniser accuracy on the caller-facing acts (tests/data/caller_facing_acts.yaml).

The 13 agent acts the role-play caller reacts to (`announce_hold` ... `guess`,
docs/acts.md) have a hand-labelled corpus of their own, written from the
catalogue's definitions without reading the recogniser's patterns
(tests/data/README.md, "Caller-facing acts"). This prints precision, recall
and F1 per act, the micro figures for the dev and test parts, and optionally
the recogniser's errors. Only the 13 labels are scored: other acts the
recogniser reports (empathy, ask_hold ...) are not labelled in this file.
Usage:

    python benchmarks/bench_caller_acts.py [--split dev|test|all] [--errors ACT] [--worst N]

Split: every 4th line by position (index % 4 == 3) is `test`, the rest `dev`.
Look only at `dev` errors when tuning the phrasing files; `test` is held out.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scoring.acts import recognise  # noqa: E402

CORPUS = ROOT / "tests" / "data" / "caller_facing_acts.yaml"
CALLER_FACING = (
    "announce_hold",
    "repair_request",
    "ask_spell",
    "confirm_detail",
    "refuse_help",
    "dismiss",
    "blame_caller",
    "blame_other",
    "talk_down",
    "small_talk",
    "bad_news",
    "make_offer",
    "guess",
)
SPLITS = ("dev", "test", "all")


def split_of(index: int) -> str:
    """The split of the line at 0-based position `index` (by position, never content)."""
    return "test" if index % 4 == 3 else "dev"


@dataclass
class Tally:
    """True/false positives and misses per act, plus the lines that went wrong."""

    tp: Counter[str] = field(default_factory=Counter)
    fp: Counter[str] = field(default_factory=Counter)
    fn: Counter[str] = field(default_factory=Counter)
    lines: int = 0
    exact: int = 0
    errors: list[tuple[int, str, frozenset[str], frozenset[str]]] = field(default_factory=list)

    def add(self, index: int, text: str, want: frozenset[str], got: frozenset[str]) -> None:
        self.lines += 1
        self.exact += want == got
        self.tp.update(want & got)
        self.fp.update(got - want)
        self.fn.update(want - got)
        if want != got:
            self.errors.append((index, text, want, got))

    def figures(self, act: str | None = None) -> tuple[float, float, float]:
        """Precision, recall, F1 of one act, or micro-averaged over all acts."""
        tp, fp, fn = (
            (self.tp[act], self.fp[act], self.fn[act])
            if act
            else (sum(self.tp.values()), sum(self.fp.values()), sum(self.fn.values()))
        )
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def load(path: Path) -> list[tuple[str, frozenset[str]]]:
    """(text, labels) per line; a malformed file is a one-line error naming it."""
    try:
        rows = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise SystemExit(f"{path}: cannot read: {str(exc).splitlines()[0]}") from None
    if not isinstance(rows, list):
        raise SystemExit(f"{path}: top level must be a list of entries")
    out = []
    for i, row in enumerate(rows):
        ok = isinstance(row, dict) and isinstance(row.get("text"), str)
        labels = row.get("acts") if ok else None
        if not ok or not isinstance(labels, list) or not set(labels) <= set(CALLER_FACING):
            raise SystemExit(f"{path}: entry {i} is not {{speaker, text, acts}} with known acts")
        out.append((row["text"], frozenset(labels)))
    return out


def measure(rows: list[tuple[str, frozenset[str]]]) -> dict[str, Tally]:
    """One tally per split, recognising each line once."""
    tallies = {s: Tally() for s in SPLITS}
    scored = frozenset(CALLER_FACING)
    for i, (text, want) in enumerate(rows):
        got = frozenset(recognise(text, "agent")) & scored
        for split in ("all", split_of(i)):
            tallies[split].add(i, text, want, got)
    return tallies


def print_table(tally: Tally, split: str) -> None:
    print(f"{'act':16} {'prec':>6} {'recall':>6} {'F1':>6}  {'tp':>3} {'fp':>3} {'fn':>3}")
    for act in CALLER_FACING:
        p, r, f = tally.figures(act)
        counts = f"{tally.tp[act]:3} {tally.fp[act]:3} {tally.fn[act]:3}"
        print(f"{act:16} {p:6.2f} {r:6.2f} {f:6.2f}  {counts}")
    print(f"\nsplit {split}: {tally.lines} lines, exact-match {tally.exact / tally.lines:.1%}")


def print_errors(tally: Tally, act: str | None, worst: int) -> None:
    """Misses and false alarms: of one act, or the `worst` lines with most wrong labels."""
    errors = tally.errors
    if act:
        errors = [e for e in errors if act in (e[2] ^ e[3])]
    else:
        errors = sorted(errors, key=lambda e: (-len(e[2] ^ e[3]), e[0]))[:worst]
    for index, text, want, got in errors:
        missed = ", ".join(sorted(want - got)) or "-"
        alarms = ", ".join(sorted(got - want)) or "-"
        print(f"  [{index}] missed: {missed}; false alarm: {alarms}\n      {text}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--split", choices=SPLITS, default="all", help="which part the table shows")
    ap.add_argument("--errors", metavar="ACT", choices=CALLER_FACING, help="list the errors of ACT")
    ap.add_argument("--worst", type=int, default=0, metavar="N", help="list N lines most wrong")
    args = ap.parse_args()
    rows = load(args.corpus)
    start = time.perf_counter()
    tallies = measure(rows)
    elapsed = time.perf_counter() - start
    print_table(tallies[args.split], args.split)
    for split in SPLITS:
        p, r, f = tallies[split].figures()
        print(f"micro {split:4} ({tallies[split].lines:3} lines): P {p:.3f}  R {r:.3f}  F1 {f:.3f}")
    print(f"time: {elapsed * 1000 / len(rows):.3f} ms per line")
    if args.errors or args.worst:
        print_errors(tallies[args.split], args.errors, args.worst)
    return 0


if __name__ == "__main__":
    sys.exit(main())
