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
import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scoring.transcript import Event, Line
from scoring.writer import TranscriptWriteError, TranscriptWriter
from simulator.engine import CallEngine, CallState, Choice, Move, Output
from simulator.engine.engine import transcript_headers
from simulator.engine.hint import ListenHint
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
    # an id taken from a file's name may hold anything a name can (a newline, an escape)
    slug = re.sub(r"[^A-Za-z0-9_.-]+", "-", scenario.id).strip("-.") or "scenario"
    return data_dir() / "transcripts" / f"{stamp}-{slug}-seed{seed}.txt"


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


class Session:
    """One call from transcript to summary: the one path every front-end plays through.

    `play_session` drives it with a `Frontend` (terminal, autoplay, the window for one
    scenario); the window's desk, which is event-driven, drives it step by step:
    `open()` when the trainee answers (the transcript is created then, exclusively),
    `start()` and `apply(move)` while the call runs, `wrap_up(move)` for after-call work,
    and `finish()` for the graded summary. A call never answered ends with `abandon()`.
    Either way the transcript is written, the call is recorded and graded in one place,
    against the pack (`policy`, else the scenario's) whose pass mark it carries.

    `agent_name` is the trainee's full name for the transcript header and the records;
    `spoken_name` (default: the same) is the name the agent says in greetings.
    `unique`: add -2, -3 ... to a `transcript` path that is taken instead of refusing it.
    """

    def __init__(
        self,
        scenario: Scenario,
        *,
        seed: int = 0,
        transcript: str | os.PathLike[str] | None = None,
        agent_name: str | None = None,
        spoken_name: str | None = None,
        policy: str | None = None,
        record: CallRecorder | None = None,
        unique: bool = False,
        library: Sequence[Scenario] | None = None,
    ) -> None:
        self.pack, params = policy_params(policy or scenario.policy)
        policy = self.pack.name if policy else None  # the header names a pack, never a path
        self.scenario = scenario
        self.seed = seed
        self.record = record
        self.library = library
        self.agent_name = agent_name or scenario.agent
        self.headers = transcript_headers(scenario, seed, agent_name, policy)
        self.headers.update(record.headers() if record is not None else {})
        self._asked = transcript
        self._unique = unique
        self.writer: TranscriptWriter | None = None
        self.path: Path | None = None
        self.engine = CallEngine(
            scenario,
            seed=seed,
            params=params,
            agent_name=spoken_name or agent_name,
            on_line=self._write,
            policy=policy,
        )

    @property
    def pass_mark(self) -> float:
        """The pack's pass mark (`pass_mark:` in the policy file)."""
        return float(self.pack.pass_mark)

    @property
    def finished(self) -> bool:
        return self.engine.finished

    @property
    def state(self) -> CallState:
        return self.engine.state

    @property
    def choices(self) -> tuple[Choice, ...]:
        return self.engine.choices

    def _write(self, line: Line) -> None:
        if self.writer is not None:
            self.writer.write(line)

    def _create(self, headers: Mapping[str, str]) -> TranscriptWriter:
        if self._unique:
            wanted = self._asked or default_transcript_path(self.scenario, self.seed)
            return TranscriptWriter(wanted, headers, unique=True)
        return open_transcript(self.scenario, self.seed, self._asked, headers)

    def open(self) -> Path:
        """Create the transcript (never overwriting one) and start the call's record.

        Raises `TranscriptWriteError` when the transcript cannot be created."""
        if self.writer is None:
            self.writer = self._create(self.headers)
            self.path = Path(self.writer.path)
            if self.record is not None:
                self.record.begin(self.scenario, self.path, self.seed, self.pack, self.agent_name)
        assert self.path is not None
        return self.path

    def start(self) -> list[Output]:
        """The phone is answered: the transcript is open and the caller speaks first."""
        self.open()
        return self.engine.start()

    def apply(self, move: Move) -> list[Output]:
        """One move; a failed transcript write raises `TranscriptWriteError` (see `failed`)."""
        return self.engine.apply(move)

    def listen_hint(self) -> ListenHint:
        """What the trainee is likely to say next, for the speech recogniser (read-only)."""
        return self.engine.listen_hint()

    def wrap_up(self, move: Move) -> list[Output]:
        """After-call work (a note, ticket or email) logged once the caller has gone."""
        from simulator.wrapup import log_wrap_up

        return log_wrap_up(self.engine, move)

    def close(self) -> None:
        """Close the transcript (again is harmless)."""
        if self.writer is not None:
            self.writer.close()

    def finish(self) -> CallSummary:
        """The call is over: close the transcript, grade it, finish its record."""
        self.close()
        assert self.path is not None, "finish() before the call was opened"
        summary = summarise(self.path, self.pack, self.scenario, self.library)
        return self._end(summary)

    def interrupted(self) -> CallSummary:
        """Ctrl-C: a last `* call_interrupted` line, no grade (never a hang-up)."""
        assert self.writer is not None
        summary = _interrupted(self.engine, self.writer)
        self.close()
        return self._end(summary)

    def failed(self, exc: TranscriptWriteError) -> CallSummary:
        """A transcript write failed mid-call: the call ends, the lines so far are kept."""
        assert self.writer is not None
        kept = f"the call was ended; its first {self.writer.lines} lines are kept"
        self.close()
        return self._end(CallSummary(str(self.path), None, (), f"{exc}; {kept}"))

    def _end(self, summary: CallSummary) -> CallSummary:
        summary = replace(summary, pass_mark=self.pass_mark)
        if self.record is not None:
            self.record.end(self.engine, summary, self.pack)
        return summary

    def abandon(self) -> str:
        """The trainee left while the phone rang: a headers-only transcript saying
        `outcome: abandoned` (records count it, the grader does not), recorded as
        abandoned at ring. Returns the transcript's path."""
        if self.writer is not None:
            raise RuntimeError("the call was answered: finish() it")
        writer = self._create({**self.headers, "outcome": "abandoned"})
        writer.close()
        self.path = Path(writer.path)
        if self.record is not None:
            self.record.unanswered(self.scenario, self.path, self.seed, self.pack, self.agent_name)
        return str(self.path)


def play_session(
    scenario: Scenario,
    frontend: Frontend,
    *,
    seed: int = 0,
    transcript: str | os.PathLike[str] | None = None,
    agent_name: str | None = None,
    policy: str | None = None,
    record: CallRecorder | None = None,
    spoken_name: str | None = None,
) -> CallSummary:
    """Play the call on `frontend` through a `Session`: stream its transcript, record it,
    grade it, and show the result.

    `record` (simulator/records) keeps the call in the trainee's records: its row is
    started once the transcript is open and finished before the scorecard is shown.

    Raises `TranscriptWriteError` before the call starts when the transcript
    cannot be created (an existing `transcript` is never overwritten). A write
    that fails during the call ends it: the summary says what failed and the
    lines written so far are kept. Ctrl-C ends it as interrupted, not as a
    hang-up: the transcript's last line is `* call_interrupted`, and the call
    is not graded.
    """
    session = Session(
        scenario,
        seed=seed,
        transcript=transcript,
        agent_name=agent_name,
        spoken_name=spoken_name,
        policy=policy,
        record=record,
    )
    session.open()
    try:
        run_call(session, frontend)
    except KeyboardInterrupt:
        frontend.finish(session.interrupted())
        raise
    except TranscriptWriteError as exc:
        summary = session.failed(exc)
    except OSError:
        # the terminal's output failed mid-call (a pipe closed, a full disk): the call is
        # kept as interrupted, as Ctrl-C keeps it, not left "in progress" to be reaped
        # later as abandoned; nothing more is shown on an output that is gone
        session.interrupted()
        raise
    else:
        summary = session.finish()
    finally:
        session.close()  # whatever else went wrong, the lines so far are on disk
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


def summarise(
    path: Path, pack: Any, scenario: Scenario, library: Sequence[Scenario] | None = None
) -> CallSummary:
    """The graded summary of a transcript; `library`: the scenarios advice may name."""
    from simulator.advice import practise_next

    try:
        card = grade_file(path, pack)
    except ValueError as exc:
        return CallSummary(str(path), None, (), str(exc))
    return CallSummary(str(path), card, tuple(practise_next(card, scenario, library=library)))
