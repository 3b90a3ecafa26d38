"""`callsim grade PATH... [--policy P] [--json]`: the QA scorecard for call transcripts."""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from scoring.batch import MAX_JOBS, GradeError, grade_files, grade_files_json
from scoring.grader import Scorecard
from scoring.literal import printable
from scoring.policy import PolicyError, shipped_policies
from scoring.reader import expand_paths
from simulator.output import OUTPUT_ERRNOS, quiet_stdout, stdout_console
from simulator.records.real_calls import add_grade_record_options, record_cards

if TYPE_CHECKING:
    from rich.console import Console

PROGRESS_FROM = 20  # files


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "grade",
        help="grade call transcripts and print QA scorecards",
        description="Grade call transcripts (files: callsim transcripts, captions, CSV, "
        "speech-to-text JSON, 'Agent:' text; or folders of .txt/.transcript/.vtt/.srt files) "
        "against a policy pack and print a scorecard for each.",
        epilog=f"Shipped policy packs: {', '.join(shipped_policies())}. "
        "Exit status: 0 all graded, 2 when any file could not be read or parsed "
        "(or the output could not be written).",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="transcript file or folder")
    p.add_argument(
        "--policy",
        action="append",
        metavar="NAME|PATH",
        help="policy pack for every file (default: the pack the transcript's '# policy:' "
        "header names among the shipped ones, else 'default'); given more than once, the "
        "packs a header may name",
    )
    p.add_argument("--json", action="store_true", help="print one JSON array (spec format)")
    p.add_argument("--failed-only", action="store_true", help="list only failed items")
    p.add_argument("--summary", action="store_true", help="only a one-line-per-call summary table")
    p.add_argument(
        "--jobs",
        type=_jobs,
        default=None,
        metavar="N",
        help=f"worker processes for large batches, 1-{MAX_JOBS} (default: all cores, up to 8)",
    )
    p.add_argument(
        "--agent-speaker",
        metavar="NAME[,NAME]",
        help="in captions, CSV or speech-to-text JSON: the speaker label(s) that are the agent, "
        "where the file cannot tell (docs/importing.md)",
    )
    add_grade_record_options(p)  # --record, --trainee, --team, --db (simulator/records)
    p.set_defaults(func=run)


def _jobs(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text[:20]!r}") from None
    if not 1 <= n <= MAX_JOBS:
        raise argparse.ArgumentTypeError(f"must be 1 to {MAX_JOBS}, not {n}")
    return n


def _say(message: str) -> None:
    """One line on stderr, with anything a file put in it shown literally."""
    print(f"callsim grade: {printable(message)}", file=sys.stderr)


def run(args: argparse.Namespace) -> int:
    paths = expand_paths(args.paths)
    err = _stderr(args.json, len(paths))
    if not paths:
        _say(f"no transcripts found in {', '.join(args.paths)}")
        return 2
    if args.policy:
        args.policy = tuple(args.policy)
    if getattr(args, "record", False) and args.json:
        _say("--record keeps scorecards; use it without --json")
        return 2
    try:
        with _progress(err, len(paths)) as advance:
            if args.json:
                return _run_json(args, paths, advance)
            return _run_cards(args, paths, advance, err)
    except PolicyError as exc:
        _say(str(exc))
        return 2
    except BrokenPipeError:  # `callsim grade ... | head`: the reader has what it wanted
        quiet_stdout()
        raise  # the cli ends quietly
    except OSError as exc:
        if exc.errno not in OUTPUT_ERRNOS:  # not the output: say what failed as it is
            _say(str(exc.strerror or exc))
            return 2
        quiet_stdout()  # stdout is a full disk, a read-only file ...
        _say(f"cannot write the output: {exc.strerror or exc}")
        return 2


def _stderr(as_json: bool, total: int) -> Console | None:
    """The stderr console for the progress bar; None for JSON output when no bar can
    show, so rich (a seventh of the start-up of `grade --json`) is not imported. Rich
    takes a stream for a terminal when it is one or FORCE_TERMINAL, FORCE_COLOR or
    TTY_COMPATIBLE say so; then it decides."""
    isatty = getattr(sys.stderr, "isatty", None)
    may_be_terminal = (isatty is not None and isatty()) or any(
        os.environ.get(k) for k in ("FORCE_TERMINAL", "FORCE_COLOR", "TTY_COMPATIBLE")
    )
    if as_json and not (total >= PROGRESS_FROM and may_be_terminal):
        return None
    from rich.console import Console

    return Console(stderr=True)


@contextmanager
def _progress(err: Console | None, total: int) -> Iterator[Callable[[int], None]]:
    """A progress bar on stderr for long batches on a terminal; a no-op otherwise."""
    if err is None or not (total >= PROGRESS_FROM and err.is_terminal):
        yield lambda n: None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    with Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=err,
        transient=True,
    ) as bar:
        task = bar.add_task("grading", total=total)
        yield lambda n: bar.advance(task, n)


def _run_json(args: argparse.Namespace, paths: list[str], advance: Callable[[int], None]) -> int:
    """Stream the array as files are graded: 10,000 calls make 120 MB of JSON,
    which is written as it comes rather than held in memory. Ctrl-C stops between
    two calls: what was graded stays a closed, valid array (then exit 130)."""
    bad = False
    sys.stdout.flush()
    # The workers made UTF-8 bytes: written as they are (a stream without a byte
    # buffer, as some embedders use, gets them decoded).
    out: Any = getattr(sys.stdout, "buffer", None) or _TextSink(sys.stdout)
    sep = b"[\n"
    with _CtrlC() as ctrl_c:
        for failed, text in grade_files_json(
            paths, args.policy, jobs=args.jobs, progress=advance, agent_speaker=args.agent_speaker
        ):
            bad = bad or failed
            with ctrl_c.held():  # a call is written whole, or not at all
                out.write(sep)
                out.write(text)
                out.flush()
            sep = b",\n"
            if ctrl_c.pressed:
                break
        with ctrl_c.held():
            out.write(b"[]\n" if sep == b"[\n" else b"\n]\n")
            out.flush()
    if ctrl_c.pressed:
        raise KeyboardInterrupt
    return 2 if bad else 0


class _CtrlC:
    """Ctrl-C noted, not raised, while a batch runs, so output is never cut mid-call."""

    def __init__(self) -> None:
        self.pressed = False
        self._saved: Any = None

    def _note(self, signum: int, frame: object) -> None:
        self.pressed = True

    @contextmanager
    def held(self) -> Iterator[None]:
        """Ctrl-C held back (blocked, then delivered) while a call's JSON is written: a
        signal in the middle of a long write to a pipe could leave half a call on it."""
        main = threading.current_thread() is threading.main_thread()
        if main and hasattr(signal, "pthread_sigmask"):
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
            try:
                yield
            finally:
                signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
        else:
            yield

    def __enter__(self) -> _CtrlC:
        if threading.current_thread() is threading.main_thread():
            self._saved = signal.signal(signal.SIGINT, self._note)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._saved is not None:
            signal.signal(signal.SIGINT, self._saved)


class _TextSink:
    def __init__(self, stream: Any) -> None:
        self.stream = stream

    def write(self, data: bytes) -> None:
        self.stream.write(data.decode("utf-8"))

    def flush(self) -> None:
        self.stream.flush()


def _run_cards(
    args: argparse.Namespace, paths: list[str], advance: Callable[[int], None], err: Console | None
) -> int:
    out = stdout_console(highlight=False)
    outcomes: list[Scorecard | GradeError] = []
    for outcome in grade_files(
        paths, args.policy, jobs=args.jobs, progress=advance, agent_speaker=args.agent_speaker
    ):
        outcomes.append(outcome)
        if not args.summary:
            _print_one(outcome, out, err, args.failed_only)
    _finish(args, outcomes, out, err)
    recorded = record_cards(outcomes, args) if getattr(args, "record", False) else 0
    return 2 if recorded or any(isinstance(o, GradeError) for o in outcomes) else 0


def _print_one(
    outcome: Scorecard | GradeError, out: Console, err: Console | None, failed_only: bool
) -> None:
    from scoring.render import print_scorecard

    if isinstance(outcome, GradeError):
        _say(outcome.error)
    else:
        print_scorecard(outcome, out, failed_only=failed_only)


def _finish(
    args: argparse.Namespace,
    outcomes: list[Scorecard | GradeError],
    out: Console,
    err: Console | None,
) -> None:
    """The summary: always with --summary (a row per file, errors too), else for 2+ calls."""
    from scoring.render import summary_table

    if args.summary or len(outcomes) > 1:
        out.print(summary_table(outcomes, width=out.width))
    if args.summary:
        for o in outcomes:
            if isinstance(o, GradeError):
                _say(o.error)
