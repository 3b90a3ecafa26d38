"""The session's recording hook: one call's row, from ring to scorecard, never in the way.

`play_session` calls `begin` once the transcript is open and `end` when the
call is over (or interrupted). Any store problem is one line on stderr and
the call goes on unrecorded: the transcript, the source of truth, is written
either way and can be recorded later with `callsim grade FILE --record`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import sys
from typing import IO, TYPE_CHECKING, Any

from simulator.records.errors import StoreError
from simulator.records.names import BadName, clean_name, clean_team

if TYPE_CHECKING:  # the store (SQLAlchemy) loads with the first call, not with the window
    from simulator.records.store import Store

DEFAULT_PASS_MARK = 80.0


def scenario_hash(path: str) -> str | None:
    """SHA-256 of the scenario file as played (None for a scenario built in code)."""
    if not path:
        return None
    try:
        with open(path, "rb") as fh:
            return hashlib.file_digest(fh, "sha256").hexdigest()
    except OSError:
        return None


def pack_ref(pack: Any, fallback: str) -> str:
    """How the store names a loaded pack: a shipped pack by name, any other by its file."""
    from scoring.policy import POLICY_DIR

    where = str(getattr(pack, "path", "") or "")
    if not where:
        return str(getattr(pack, "name", "") or fallback)
    if os.path.dirname(os.path.abspath(where)) == str(POLICY_DIR):
        return str(pack.name)
    return os.path.abspath(where)


def policy_ref(policy: str) -> str:
    """A trainer's `--policy` as the store names it: a pack file (what `load_policy` takes
    as a path) by its absolute path, so `callsim regrade` finds it from any folder; else the
    shipped pack's name."""
    if policy.endswith((".yaml", ".yml")) or os.sep in policy or os.path.exists(policy):
        return os.path.abspath(policy)
    return policy


def pass_mark(pack: Any) -> float:
    return float(getattr(pack, "pass_mark", DEFAULT_PASS_MARK) or DEFAULT_PASS_MARK)


def outcome_of(engine: Any) -> str:
    """How the call ended, from the engine: who hung up, and how far the call got.

    A call the engine had not finished was stopped from outside (Ctrl-C, a failed
    transcript write): interrupted."""
    if not engine.finished:
        return "interrupted"
    if getattr(engine, "ended_by", "") != "agent":
        return "completed"
    if engine.memory.agent_lines == 0:
        return "abandoned_at_ring"
    if not engine.cursor.done:
        return "hung_up_early"
    return "completed"


def _agent(name: str) -> str:
    """The header's agent as a trainee name (a scenario's agent is file input too)."""
    try:
        return clean_name(name)
    except BadName:
        return "(no name)"


class CallRecorder:
    """Records the calls of one front-end session (one call, or a shift of them)."""

    def __init__(
        self,
        db: str | None = None,
        *,
        trainee: str | None = None,
        team: str | None = None,
        stderr: IO[str] | None = None,
        timeout: float = 5.0,
    ) -> None:
        self.db = db
        self.trainee = clean_name(trainee) if trainee else None
        self.team = clean_team(team)
        self.timeout = timeout
        self.err = stderr or sys.stderr
        self.store: Store | None = None
        self.call_id: int | None = None
        self.failed = False
        self._started = 0.0

    def headers(self) -> dict[str, str]:
        """Extra transcript headers: the team (spec: unknown keys are kept as metadata)."""
        return {"team": self.team} if self.team else {}

    def _notice(self, exc: StoreError) -> None:
        print(f"callsim: this call is not recorded: {exc}", file=self.err)

    def _open(self) -> Store | None:
        if self.store is None and not self.failed:
            from simulator.records.store import open_store

            try:
                self.store = open_store(self.db, timeout=self.timeout)
            except StoreError as exc:
                self.failed = True
                self._notice(exc)
        return self.store

    def begin(
        self, scenario: Any, transcript: str | os.PathLike[str], seed: int, pack: Any, agent: str
    ) -> None:
        from simulator.records.store import CallStart

        self.call_id = None
        path = os.path.abspath(os.fspath(transcript))
        if path.encode("utf-8", "surrogateescape") != path.encode("utf-8", "replace"):
            self._notice(StoreError("records: the transcript's path is not UTF-8 text"))
            return  # bytes not UTF-8 in its name: no store can keep it (SQLite text is UTF-8)
        store = self._open()
        if store is None:
            return
        start = CallStart(
            trainee=self.trainee or _agent(agent),
            team=self.team,
            transcript=path,
            policy=pack_ref(pack, scenario.policy),
            scenario=scenario.id,
            difficulty=getattr(scenario, "difficulty", None),
            scenario_hash=scenario_hash(getattr(scenario, "path", "")),
            seed=seed,
            started_at=dt.datetime.now(dt.UTC),
        )
        try:
            self.call_id = store.start_call(start)
        except StoreError as exc:
            self._notice(exc)

    def end(self, engine: Any, summary: Any, pack: Any) -> None:
        from simulator.records.store import Grading

        if self.store is None or self.call_id is None:
            return
        card = getattr(summary, "scorecard", None)
        grading = Grading(
            outcome=outcome_of(engine),
            duration_s=float(engine.clock.now),
            card=card,
            pass_mark=pass_mark(pack),
            error=(getattr(summary, "error", "") or None) if card is None else None,
        )
        try:
            self.store.finish_call(self.call_id, grading)
        except StoreError as exc:
            print(f"callsim: the call's record is not finished: {exc}", file=self.err)
        self.call_id = None

    def end_from_transcript(self, engine: Any, transcript: str, pack: Any) -> None:
        """`end` for a front-end that grades in its own way (the window): the scorecard is
        made here from the transcript with the session's `grade_file`, against `pack`."""
        from simulator.frontend.base import CallSummary
        from simulator.session import grade_file

        if self.store is None or self.call_id is None:
            return
        try:
            summary = CallSummary(transcript, grade_file(transcript, pack))
        except (OSError, ValueError) as exc:
            summary = CallSummary(transcript, None, (), str(exc))
        self.end(engine, summary, pack)

    def unanswered(
        self, scenario: Any, transcript: str | os.PathLike[str], seed: int, pack: Any, agent: str
    ) -> None:
        """A call the trainee never picked up: recorded as abandoned at ring, not graded."""
        from simulator.records.store import Grading

        self.begin(scenario, transcript, seed, pack, agent)
        if self.store is None or self.call_id is None:
            return
        try:
            self.store.finish_call(self.call_id, Grading("abandoned_at_ring", 0.0))
        except StoreError as exc:
            print(f"callsim: the call's record is not finished: {exc}", file=self.err)
        self.call_id = None

    def close(self) -> None:
        if self.store is not None:
            self.store.close()
            self.store = None
