"""The store's operations: start and finish a call, record a graded real call, override, read.

Every write is one transaction. A call's row is written when the call
starts (`in_progress`) and finished when it ends, so a process killed
mid-call leaves a row that the next start marks `abandoned`.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import socket
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Literal, ParamSpec, TypeVar

import orjson
from sqlalchemy import delete, insert, select, text, update
from sqlalchemy.engine import URL, Connection, Engine

from simulator.records import schema as t
from simulator.records.engine import friendly, guard_errors, make_engine, migrate, still_recording
from simulator.records.errors import StoreError
from simulator.records.location import describe, resolve_url
from simulator.records.marks import Mark, card_marks, effective_score, failed_items
from simulator.records.names import name_key

P = ParamSpec("P")
R = TypeVar("R")
#: an in-progress call older than this is abandoned whatever desk started it
STALE_AFTER = dt.timedelta(hours=12)


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def utc(value: dt.datetime | None) -> dt.datetime | None:
    """SQLite gives back naive datetimes: everything stored is UTC."""
    if value is None:
        return None
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def _guarded(fn: Callable[P, R]) -> Callable[P, R]:
    """Database and file errors leave a Store method as one-line StoreErrors."""

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return fn(*args, **kwargs)
        except StoreError:
            raise
        except guard_errors() as exc:
            store = args[0]
            raise friendly(exc, store.url) from None  # type: ignore[attr-defined]

    return wrapper


#: two starts this close are one call's (a file's date against the one recorded from it)
_SAME_START = dt.timedelta(milliseconds=1)


def _digest(text: str) -> bytes:
    import hashlib

    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest()


@dataclass(frozen=True)
class CallStart:
    """What is known when a call starts."""

    trainee: str
    transcript: str
    policy: str
    team: str | None = None
    kind: str = "roleplay"
    scenario: str | None = None
    difficulty: str | None = None
    scenario_hash: str | None = None
    seed: int | None = None
    started_at: dt.datetime | None = None
    #: a real call from a file (`grade --record`) is recorded once: "dated" when
    #: `started_at` is the file's date (a call from the same file that started then is
    #: this one), "undated" when the file has none (any call from the file is this one);
    #: None: every call is new (a role-play)
    once: Literal["dated", "undated"] | None = None


class AlreadyRecorded(LookupError):
    """`record_graded`: the call is in the store already (another run recorded the file)."""

    def __init__(self, call_id: int) -> None:
        super().__init__(f"call {call_id} is recorded from this file")
        self.call_id = call_id


@dataclass(frozen=True)
class Grading:
    """A call's end: how it ended and, when it could be graded, its scorecard."""

    outcome: str
    duration_s: float | None = None
    card: Any = None  # scoring.grader.Scorecard
    pass_mark: float | None = None
    error: str | None = None


class Store:
    def __init__(self, engine: Engine, url: URL) -> None:
        self.engine = engine
        self.url = url
        self._write = engine.execution_options(write=True)

    @property
    def where(self) -> str:
        return describe(self.url)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ----- writing ------------------------------------------------------------------
    @_guarded
    def start_call(self, start: CallStart) -> int:
        """Create the call's row (`in_progress`); first mark dead processes' calls abandoned."""
        self.reap_abandoned()
        with self._write.begin() as conn:
            trainee_id = self._trainee(conn, start.trainee, start.team)
            return self._insert_call(conn, trainee_id, start, "in_progress")

    @_guarded
    def finish_call(self, call_id: int, grading: Grading) -> None:
        with self._write.begin() as conn:
            self._finish(conn, call_id, grading)

    @_guarded
    def record_graded(self, start: CallStart, grading: Grading) -> int:
        """A call graded after the fact (`callsim grade --record`): one transaction.
        With `start.once`, raises AlreadyRecorded when the newest call recorded from the
        same transcript file is this call (see `CallStart.once`); the question and the
        insert are one write transaction: asked before it, four runs of `grade --record`
        on one folder at once recorded a file up to four times."""
        with self._write.begin() as conn:
            if start.once is not None:
                self._not_recorded(conn, start)
            trainee_id = self._trainee(conn, start.trainee, start.team)
            call_id = self._insert_call(conn, trainee_id, start, grading.outcome)
            self._finish(conn, call_id, grading)
            return call_id

    @_guarded
    def reap_abandoned(self, host: str | None = None) -> int:
        """Mark `abandoned` the in-progress calls whose process is gone; how many."""
        host = host or socket.gethostname()
        c = t.calls
        with self._write.begin() as conn:
            rows = conn.execute(
                select(c.c.id, c.c.host, c.c.pid, c.c.started_at).where(
                    c.c.outcome == "in_progress"
                )
            ).all()
            stale = now() - STALE_AFTER
            dead = [
                r.id
                for r in rows
                if (r.host == host and not still_recording(r.pid))
                or (utc(r.started_at) or now()) < stale
            ]
            if dead:
                conn.execute(update(c).where(c.c.id.in_(dead)).values(outcome="abandoned"))
        return len(dead)

    def _not_recorded(self, conn: Connection, start: CallStart) -> None:
        c = t.calls
        if conn.dialect.name == "postgresql":  # SQLite's BEGIN IMMEDIATE already queues
            key = int.from_bytes(_digest(start.transcript)[:8], "big", signed=True)
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": key})
        row = conn.execute(
            select(c.c.id, c.c.started_at)
            .where(c.c.transcript == start.transcript)
            .order_by(c.c.id.desc())
            .limit(1)
        ).first()
        if row is None:
            return
        recorded, dated = utc(row.started_at), start.started_at
        if start.once == "undated" or recorded is None or dated is None:
            raise AlreadyRecorded(int(row.id))
        if abs(dated - recorded) < _SAME_START:
            raise AlreadyRecorded(int(row.id))

    def _trainee(self, conn: Connection, name: str, team: str | None) -> int:
        """The trainee's id, creating the row if needed (safe when two desks race)."""
        key = name_key(name)
        tr = t.trainees
        row = conn.execute(select(tr.c.id, tr.c.team).where(tr.c.name_key == key)).first()
        if row is None:
            conn.execute(
                _insert_ignore(conn, tr).values(
                    name=name, name_key=key, team=team, created_at=now()
                )
            )
            row = conn.execute(select(tr.c.id, tr.c.team).where(tr.c.name_key == key)).one()
        if team is not None and row.team != team:
            conn.execute(update(tr).where(tr.c.id == row.id).values(team=team))
        return int(row.id)

    def _insert_call(self, conn: Connection, trainee_id: int, s: CallStart, outcome: str) -> int:
        result = conn.execute(
            insert(t.calls).values(
                uid=str(uuid.uuid4()),
                trainee_id=trainee_id,
                kind=s.kind,
                scenario=s.scenario,
                difficulty=s.difficulty,
                scenario_hash=s.scenario_hash,
                policy=s.policy,
                seed=s.seed,
                started_at=(s.started_at or now()).astimezone(dt.UTC),  # SQLite keeps no zone
                transcript=s.transcript,
                outcome=outcome,
                host=socket.gethostname(),
                pid=os.getpid(),
            )
        )
        key = result.inserted_primary_key
        assert key is not None
        return int(key[0])

    def _finish(self, conn: Connection, call_id: int, g: Grading) -> None:
        values: dict[str, Any] = {"outcome": g.outcome, "duration_s": g.duration_s}
        values["error"] = g.error
        if g.card is not None:
            self._replace_items(conn, call_id, g.card)
            values.update(self._scores(conn, call_id, g.card, g.pass_mark))
        conn.execute(update(t.calls).where(t.calls.c.id == call_id).values(**values))

    def _replace_items(self, conn: Connection, call_id: int, card: Any) -> None:
        ir = t.item_results
        conn.execute(delete(ir).where(ir.c.call_id == call_id))
        rows = [
            {
                "call_id": call_id,
                "item": r.id,
                "result": r.result,
                "reason": r.reason,
                "evidence": orjson.dumps([e.to_json() for e in r.evidence]).decode(),
                "weight": float(r.weight),
                "critical": bool(r.critical),
            }
            for r in card.results.values()
        ]
        if rows:
            conn.execute(insert(ir), rows)

    def _scores(
        self, conn: Connection, call_id: int, card: Any, pass_mark: float | None
    ) -> dict[str, Any]:
        mark = 80.0 if pass_mark is None else float(pass_mark)
        marks, overrides = card_marks(card), self._overrides(conn, call_id)
        score, passed = effective_score(marks, overrides, mark)
        return {
            "grader_score": float(card.score),
            "score": score,
            "passed": passed,
            "failed_items": failed_items(marks, overrides),
            "pass_mark": mark,
            "graded_at": now(),
        }

    def _overrides(self, conn: Connection, call_id: int) -> dict[str, str]:
        """Each item's latest override on a call."""
        o = t.overrides
        rows = conn.execute(
            select(o.c.item, o.c.result).where(o.c.call_id == call_id).order_by(o.c.id)
        ).all()
        return {r.item: r.result for r in rows}

    # ----- regrading and overrides ------------------------------------------------------
    @_guarded
    def regrade_call(self, call_id: int, card: Any, pass_mark: float, policy: str) -> Change:
        """Replace a call's item results with a new grading; overrides stay and still apply."""
        c = t.calls
        with self._write.begin() as conn:
            before = self._results(conn, call_id)
            old = conn.execute(select(c.c.score, c.c.passed).where(c.c.id == call_id)).one()
            self._replace_items(conn, call_id, card)
            values = self._scores(conn, call_id, card, pass_mark)
            values["policy"] = policy
            values["error"] = None
            conn.execute(update(c).where(c.c.id == call_id).values(**values))
            ruled = bool(self._overrides(conn, call_id))
        after = {r.id: r.result for r in card.results.values()}
        changed = tuple(
            sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
        )
        old_passed = None if old.passed is None else bool(old.passed)
        return Change(
            call_id, old.score, values["score"], changed, old_passed, values["passed"], ruled
        )

    @_guarded
    def move_call(self, call_id: int, trainee: str, team: str | None) -> str | None:
        """Give a call to another trainee (a trainer recording it again under a name they
        chose); the name it was recorded for before, or None when it already was theirs."""
        c, tr = t.calls, t.trainees
        with self._write.begin() as conn:
            was = conn.execute(
                select(tr.c.id, tr.c.name)
                .join(c, c.c.trainee_id == tr.c.id)
                .where(c.c.id == call_id)
            ).one()
            into = self._trainee(conn, trainee, team)
            if into == was.id:
                return None
            conn.execute(update(c).where(c.c.id == call_id).values(trainee_id=into))
            pc = t.plan_cache  # both trainees' histories changed: derived, rebuilt on `plan`
            conn.execute(delete(pc).where(pc.c.trainee_id.in_((into, was.id))))
        return str(was.name)

    @_guarded
    def regrade_failed(self, call_id: int, error: str) -> None:
        with self._write.begin() as conn:
            conn.execute(update(t.calls).where(t.calls.c.id == call_id).values(error=error))

    def _results(self, conn: Connection, call_id: int) -> dict[str, str]:
        ir = t.item_results
        rows = conn.execute(select(ir.c.item, ir.c.result).where(ir.c.call_id == call_id))
        return {r.item: r.result for r in rows}

    @_guarded
    def add_override(
        self, call_id: int, item: str, result: str, reason: str, by: str
    ) -> tuple[float | None, bool | None]:
        """Overrule one item of one call; the call's score and verdict follow. Raises
        LookupError for an unknown call or an item the call was not graded on."""
        with self._write.begin() as conn:
            call = conn.execute(select(t.calls.c.pass_mark).where(t.calls.c.id == call_id)).first()
            if call is None:
                raise LookupError(f"no call {call_id} in the store")
            marks = self._marks(conn, call_id)
            if item not in {m.item for m in marks}:
                from scoring.literal import excerpt  # here: a report need not load scoring

                raise LookupError(f"call {call_id} has no graded item {excerpt(item, 80)}")
            conn.execute(
                insert(t.overrides).values(
                    call_id=call_id,
                    item=item,
                    result=result,
                    reason=reason,
                    by_name=by,
                    created_at=now(),
                )
            )
            mark = 80.0 if call.pass_mark is None else call.pass_mark
            ruled = self._overrides(conn, call_id)
            score, passed = effective_score(marks, ruled, mark)
            conn.execute(
                update(t.calls)
                .where(t.calls.c.id == call_id)
                .values(score=score, passed=passed, failed_items=failed_items(marks, ruled))
            )
        return score, passed

    def _marks(self, conn: Connection, call_id: int) -> list[Mark]:
        ir = t.item_results
        rows = conn.execute(
            select(ir.c.item, ir.c.result, ir.c.weight, ir.c.critical).where(
                ir.c.call_id == call_id
            )
        )
        return [Mark(r.item, r.result, r.weight, bool(r.critical)) for r in rows]

    # ----- reading ------------------------------------------------------------------
    @_guarded
    def call_by_transcript(self, transcript: str) -> int | None:
        """The newest call recorded from this transcript file, if any."""
        c = t.calls
        with self.engine.connect() as conn:
            found = conn.execute(
                select(c.c.id).where(c.c.transcript == transcript).order_by(c.c.id.desc()).limit(1)
            ).scalar()
        return None if found is None else int(found)

    @_guarded
    def started_of(self, call_id: int) -> dt.datetime | None:
        """When a call started (UTC), or None for an unknown call."""
        c = t.calls
        with self.engine.connect() as conn:
            found = conn.execute(select(c.c.started_at).where(c.c.id == call_id)).scalar()
        return utc(found)

    @_guarded
    def regradable(self) -> list[tuple[int, str, str]]:
        """(id, transcript, policy) of every graded call, oldest first (a call abandoned or
        interrupted before its scorecard has no results to recompute)."""
        c = t.calls
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(c.c.id, c.c.transcript, c.c.policy)
                .where(c.c.graded_at.is_not(None))
                .order_by(c.c.id)
            ).all()
        return [(r.id, r.transcript, r.policy) for r in rows]

    @_guarded
    def calls(
        self,
        trainee: str | None = None,
        scenario: str | None = None,
        since: dt.datetime | None = None,
        limit: int | None = None,
    ) -> list[CallRow]:
        """Calls, newest first, with the trainee's name and the count of overrides."""
        from simulator.records.queries import call_rows

        with self.engine.connect() as conn:
            return call_rows(conn, trainee, scenario, since, limit)

    @_guarded
    def count_calls(self, trainee: str | None = None) -> int:
        from simulator.records.queries import count_calls

        with self.engine.connect() as conn:
            return count_calls(conn, trainee)

    @_guarded
    def trainees(self, team: str | None = None) -> list[TraineeRow]:
        from simulator.records.queries import trainee_rows

        with self.engine.connect() as conn:
            return trainee_rows(conn, team)

    @_guarded
    def trainee_history(self, name: str) -> Any:
        """`queries.TraineeHistory` of one trainee (empty when unknown)."""
        from simulator.records.queries import trainee_history

        with self.engine.connect() as conn:
            return trainee_history(conn, name)

    @_guarded
    def call_detail(self, call_id: int) -> CallDetail | None:
        from simulator.records.queries import call_detail

        if abs(call_id) > 2**63 - 1:  # no store holds it (SQLite would overflow)
            return None
        with self.engine.connect() as conn:
            return call_detail(conn, call_id)


@dataclass(frozen=True)
class Change:
    call_id: int
    old_score: float | None
    new_score: float | None
    changed_items: tuple[str, ...]
    old_passed: bool | None = None
    new_passed: bool | None = None
    overridden: bool = False


@dataclass(frozen=True)
class CallRow:
    id: int
    uid: str
    trainee: str
    team: str | None
    kind: str
    scenario: str | None
    policy: str
    seed: int | None
    started_at: dt.datetime
    duration_s: float | None
    transcript: str
    outcome: str
    score: float | None
    grader_score: float | None
    passed: bool | None
    overrides: int

    def to_json(self) -> dict[str, Any]:
        out = dict(self.__dict__)
        out["started_at"] = self.started_at.isoformat()
        return out


@dataclass(frozen=True)
class TraineeRow:
    name: str
    team: str | None
    calls: int
    last_played: dt.datetime | None
    average_score: float | None
    last_score: float | None
    weakest: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        out = dict(self.__dict__)
        out["last_played"] = self.last_played.isoformat() if self.last_played else None
        out["weakest"] = list(self.weakest)
        return out


@dataclass(frozen=True)
class ItemRow:
    item: str
    result: str  # effective (the latest override's, if any)
    grader_result: str
    reason: str
    evidence: tuple[Mapping[str, Any], ...]
    override: Mapping[str, Any] | None


@dataclass(frozen=True)
class CallDetail:
    call: CallRow
    items: tuple[ItemRow, ...]
    overrides: tuple[Mapping[str, Any], ...]


def _insert_ignore(conn: Connection, table: Any) -> Any:
    """INSERT that does nothing when the unique key exists (another desk got there first)."""
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert(table).on_conflict_do_nothing()
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    return sqlite_insert(table).on_conflict_do_nothing()


def open_store(db: str | None = None, *, timeout: float = 5.0) -> Store:
    """Open (creating and migrating as needed) the store `db` names, or the default one."""
    url = resolve_url(db)
    engine = make_engine(url, timeout)
    try:
        migrate(engine, url)
    except StoreError:
        engine.dispose()
        raise
    except guard_errors() as exc:
        engine.dispose()
        raise friendly(exc, url) from None
    return Store(engine, url)
