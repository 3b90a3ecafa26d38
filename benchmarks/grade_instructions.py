"""Instructions per graded call, for comparing two builds under any load.

Builds a fixed bench_grade.py corpus, warms the grader up (patterns, gates,
policy, one call graded), then grades the calls inside `functools.reduce`, so
callgrind can count only the grading loop:

    valgrind --tool=callgrind --toggle-collect=functools_reduce \\
        --callgrind-out-file=/dev/null python benchmarks/grade_instructions.py [--count 99]

Divide "Collected" by the count. Instruction counts repeat to a fraction of a
percent whatever else the machine runs; run it on a worktree of HEAD and on
the changed tree (docs/importing.md, Speed).
"""

from __future__ import annotations

import argparse
import functools
import gc
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_grade import build_corpus  # noqa: E402

from scoring.acts import SPEAKERS, warm_up  # noqa: E402
from scoring.batch import grade_file, outcome_json  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--count", type=int, default=99, help="calls graded in the counted loop")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        paths = [str(p) for p in build_corpus(Path(tmp), args.count + 1)]
        for speaker in SPEAKERS:
            warm_up(speaker, graded_only=True)
        outcome_json(grade_file(paths[-1]))  # the policy and every lazy table loaded
        gc.freeze()  # as in a forked worker
        functools.reduce(lambda _, p: outcome_json(grade_file(p)), paths[:-1], b"")
    print(f"graded {args.count} calls", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
