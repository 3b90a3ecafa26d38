"""`callsim grade PATH... [--policy P] [--json]`: the QA scorecard for call transcripts."""

from __future__ import annotations

import argparse
import json
import sys

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

from scoring.batch import GradeError, grade_files
from scoring.grader import Scorecard
from scoring.policy import PolicyError, shipped_policies
from scoring.reader import expand_paths
from scoring.render import print_scorecard, summary_table

PROGRESS_FROM = 20  # files


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "grade",
        help="grade call transcripts and print QA scorecards",
        description="Grade call transcripts (files, or folders of .txt/.transcript files) "
        "against a policy pack and print a scorecard for each.",
        epilog=f"Shipped policy packs: {', '.join(shipped_policies())}. "
        "Exit status: 0 all graded, 2 when any file could not be read or parsed.",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="transcript file or folder")
    p.add_argument(
        "--policy",
        metavar="NAME|PATH",
        help="policy pack (default: the transcript's '# policy:' header, else 'default')",
    )
    p.add_argument("--json", action="store_true", help="print one JSON array (spec format)")
    p.add_argument("--failed-only", action="store_true", help="list only failed items")
    p.add_argument("--summary", action="store_true", help="only a one-line-per-call summary table")
    p.add_argument(
        "--jobs",
        type=int,
        default=None,
        metavar="N",
        help="worker processes for large batches (default: all cores)",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    paths = expand_paths(args.paths)
    err = Console(stderr=True)
    if not paths:
        err.print("callsim grade: no transcripts found in the given folder(s)")
        return 2
    out = Console(highlight=False)
    outcomes: list[Scorecard | GradeError] = []
    show_progress = len(paths) >= PROGRESS_FROM and err.is_terminal
    try:
        with Progress(
            "[progress.description]{task.description}",
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            console=err,
            transient=True,
            disable=not show_progress,
        ) as bar:
            task = bar.add_task("grading", total=len(paths))
            for outcome in grade_files(
                paths, args.policy, jobs=args.jobs, progress=lambda n: bar.advance(task, n)
            ):
                outcomes.append(outcome)
                if not args.json and not args.summary:
                    _print_one(outcome, out, err, args.failed_only)
    except PolicyError as exc:
        err.print(f"callsim grade: {exc}", markup=False, highlight=False)
        return 2
    _finish(args, outcomes, out, err)
    return 2 if any(isinstance(o, GradeError) for o in outcomes) else 0


def _print_one(
    outcome: Scorecard | GradeError, out: Console, err: Console, failed_only: bool
) -> None:
    if isinstance(outcome, GradeError):
        err.print(f"callsim grade: {outcome.error}", markup=False, highlight=False)
    else:
        print_scorecard(outcome, out, failed_only=failed_only)


def _finish(
    args: argparse.Namespace, outcomes: list[Scorecard | GradeError], out: Console, err: Console
) -> None:
    if args.json:
        sys.stdout.write(json.dumps([o.to_json() for o in outcomes], indent=2, ensure_ascii=False))
        sys.stdout.write("\n")
        return
    cards = [o for o in outcomes if isinstance(o, Scorecard)]
    if len(cards) > 1:
        out.print(summary_table(cards))
    if args.summary:
        for o in outcomes:
            if isinstance(o, GradeError):
                err.print(f"callsim grade: {o.error}", markup=False, highlight=False)
