"""One role-play from start to scorecard: engine + flushed transcript + grader + advice.

This is the edge where I/O happens (the transcript file, the wall-clock date
in the file name); the engine stays pure. A crash mid-call leaves a transcript
ending at the last line spoken, which the grader reads; Ctrl-C adds a last
`* call_interrupted` line.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scoring.transcript import Event
from scoring.writer import TranscriptWriteError, TranscriptWriter
from simulator.engine import CallEngine
from simulator.engine.engine import transcript_headers
from simulator.frontend.base import CallSummary, Frontend, run_call
from simulator.scenario.model import Scenario

if TYPE_CHECKING:
    from simulator.records.recorder import CallRecorder

#: The event that ends the transcript of a call stopped with Ctrl-C (docs/decisions.md).
INTERRUPTED_EVENT = "call_interrupted"


def data_dir() -> Path:
    """Where callsim keeps the user's data (transcripts): platformdirs' user data dir."""
    import platformdirs

    return Path(platformdirs.user_data_dir("callsim"))


def default_transcript_path(scenario: Scenario, seed: int) -> Path:
    """The name to start from; `TranscriptWriter(unique=True)` adds `-2`, `-3` ... when taken."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    return data_dir() / "transcripts" / f"{stamp}-{scenario.id}-seed{seed}.txt"


def policy_params(policy: str) -> tuple[Any, Mapping[str, float]]:
    """The policy pack (a shipped name, or the user's --policy path) and its parameters."""
    from scoring.policy import load_policy

    pack = load_policy(policy)
    return pack, dict(pack.params)


def grade_file(path: str | os.PathLike[str], pack: Any) -> Any:
    """The scorecard of a transcript; a call in which nobody spoke has nothing to grade."""
    from scoring.grader import grade
    from scoring.reader import read_transcript

    transcript = read_transcript(path)
    if not transcript.has_speech:
        raise ValueError("nothing to grade: nobody spoke on the call")
    return grade(transcript, pack)


def play_session(
    scenario: Scenario,
    frontend: Frontend,
    *,
    seed: int = 0,
    transcript: str | os.PathLike[str] | None = None,
    agent_name: str | None = None,
    policy: str | None = None,
    record: CallRecorder | None = None,
) -> CallSummary:
    """Play the call on `frontend`, stream its transcript, grade it, and show the result.

    `record` (simulator/records) keeps the call in the trainee's records: its row is
    started once the transcript is open and finished before the scorecard is shown.

    Raises `TranscriptWriteError` before the call starts when the transcript
    cannot be created (an existing `transcript` is never overwritten). A write
    that fails during the call ends it: the summary says what failed and the
    lines written so far are kept. Ctrl-C ends it as interrupted, not as a
    hang-up: the transcript's last line is `* call_interrupted`, and the call
    is not graded.
    """
    pack, params = policy_params(policy or scenario.policy)
    policy = pack.name if policy else None  # the header names a pack, never a path
    headers = transcript_headers(scenario, seed, agent_name, policy)
    headers.update(record.headers() if record is not None else {})
    with open_transcript(scenario, seed, transcript, headers) as writer:
        path = Path(writer.path)
        engine = CallEngine(
            scenario,
            seed=seed,
            params=params,
            agent_name=agent_name,
            on_line=writer.write,
            policy=policy,
        )
        if record is not None:
            record.begin(scenario, path, seed, pack, engine.agent_name)
        try:
            run_call(engine, frontend)
        except KeyboardInterrupt:
            summary = _interrupted(engine, writer)
            if record is not None:
                record.end(engine, summary, pack)
            frontend.finish(summary)
            raise
        except TranscriptWriteError as exc:
            kept = f"the call was ended; its first {writer.lines} lines are kept"
            summary = CallSummary(str(path), None, (), f"{exc}; {kept}")
            if record is not None:
                record.end(engine, summary, pack)
            frontend.finish(summary)
            return summary
    summary = summarise(path, pack, scenario)
    if record is not None:
        record.end(engine, summary, pack)
    frontend.finish(summary)
    return summary


def open_transcript(
    scenario: Scenario,
    seed: int,
    transcript: str | os.PathLike[str] | None,
    headers: Mapping[str, str],
) -> TranscriptWriter:
    """A new transcript file: the path asked for, which must not exist, or a unique default."""
    if not transcript:
        return TranscriptWriter(default_transcript_path(scenario, seed), headers, unique=True)
    try:
        return TranscriptWriter(transcript, headers)
    except FileExistsError:
        raise TranscriptWriteError(
            errno.EEXIST,
            f"{os.fspath(transcript)} already exists; callsim never overwrites a transcript, "
            "so choose a new --transcript path",
        ) from None


def _interrupted(engine: CallEngine, writer: TranscriptWriter) -> CallSummary:
    """Record Ctrl-C as the call interrupted (never as the agent hanging up)."""
    at = engine.clock.now
    if not engine.finished:
        with contextlib.suppress(TranscriptWriteError):
            writer.write(Event(0, at, INTERRUPTED_EVENT))
    when = f"{at // 60:02d}:{at % 60:02d}"
    return CallSummary(writer.path, None, (), f"the call was interrupted (Ctrl-C) at {when}")


def summarise(path: Path, pack: Any, scenario: Scenario) -> CallSummary:
    from simulator.advice import practise_next

    try:
        card = grade_file(path, pack)
    except ValueError as exc:
        return CallSummary(str(path), None, (), str(exc))
    return CallSummary(str(path), card, tuple(practise_next(card, scenario)))
