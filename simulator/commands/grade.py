"""`callsim grade PATH... [--policy P] [--json]`: the QA scorecard for call transcripts."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

from scoring.batch import GradeError, grade_files, grade_files_json
from scoring.grader import Scorecard
from scoring.policy import PolicyError, shipped_policies
from scoring.reader import expand_paths
from scoring.render import print_scorecard, summary_table

PROGRESS_FROM = 20  # files


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "grade",
        help="grade call transcripts and print QA scorecards",
        description="Grade call transcripts (files: callsim transcripts, captions, CSV, "
        "speech-to-text JSON, 'Agent:' text; or folders of .txt/.transcript/.vtt/.srt files) "
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
    p.add_argument(
        "--agent-speaker",
        metavar="NAME[,NAME]",
        help="in captions, CSV or speech-to-text JSON: the speaker label(s) that are the agent, "
        "where the file cannot tell (docs/importing.md)",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    paths = expand_paths(args.paths)
    err = Console(stderr=True)
    if not paths:
        print("callsim grade: no transcripts found in the given folder(s)", file=sys.stderr)
        return 2
    try:
        with _progress(err, len(paths)) as advance:
            if args.json:
                return _run_json(args, paths, advance)
            return _run_cards(args, paths, advance, err)
    except PolicyError as exc:
        print(f"callsim grade: {exc}", file=sys.stderr)
        return 2


@contextmanager
def _progress(err: Console, total: int) -> Iterator[Callable[[int], None]]:
    """A progress bar on stderr for long batches on a terminal; a no-op otherwise."""
    with Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=err,
        transient=True,
        disable=not (total >= PROGRESS_FROM and err.is_terminal),
    ) as bar:
        task = bar.add_task("grading", total=total)
        yield lambda n: bar.advance(task, n)


def _run_json(args: argparse.Namespace, paths: list[str], advance: Callable[[int], None]) -> int:
    """Stream the array as files are graded: 10,000 calls make 120 MB of JSON,
    which is written as it comes rather than held in memory."""
    bad = False
    sys.stdout.flush()
    # The workers made UTF-8 bytes: written as they are (a stream without a byte
    # buffer, as some embedders use, gets them decoded).
    out: Any = getattr(sys.stdout, "buffer", None) or _TextSink(sys.stdout)
    sep = b"[\n"
    for failed, text in grade_files_json(
        paths, args.policy, jobs=args.jobs, progress=advance, agent_speaker=args.agent_speaker
    ):
        bad = bad or failed
        out.write(sep)
        out.write(text)
        sep = b",\n"
    out.write(b"[]\n" if sep == b"[\n" else b"\n]\n")
    out.flush()
    return 2 if bad else 0


class _TextSink:
    def __init__(self, stream: Any) -> None:
        self.stream = stream

    def write(self, data: bytes) -> None:
        self.stream.write(data.decode("utf-8"))

    def flush(self) -> None:
        self.stream.flush()


def _run_cards(
    args: argparse.Namespace, paths: list[str], advance: Callable[[int], None], err: Console
) -> int:
    out = Console(highlight=False)
    outcomes: list[Scorecard | GradeError] = []
    for outcome in grade_files(
        paths, args.policy, jobs=args.jobs, progress=advance, agent_speaker=args.agent_speaker
    ):
        outcomes.append(outcome)
        if not args.summary:
            _print_one(outcome, out, err, args.failed_only)
    _finish(args, outcomes, out, err)
    return 2 if any(isinstance(o, GradeError) for o in outcomes) else 0


def _print_one(
    outcome: Scorecard | GradeError, out: Console, err: Console, failed_only: bool
) -> None:
    if isinstance(outcome, GradeError):
        print(f"callsim grade: {outcome.error}", file=sys.stderr)
    else:
        print_scorecard(outcome, out, failed_only=failed_only)


def _finish(
    args: argparse.Namespace, outcomes: list[Scorecard | GradeError], out: Console, err: Console
) -> None:
    cards = [o for o in outcomes if isinstance(o, Scorecard)]
    if len(cards) > 1:
        out.print(summary_table(cards))
    if args.summary:
        for o in outcomes:
            if isinstance(o, GradeError):
                print(f"callsim grade: {o.error}", file=sys.stderr)
