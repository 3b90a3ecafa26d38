"""Opening a store: the SQLAlchemy engine, SQLite's pragmas, and the schema brought up to date.

SQLite: WAL journal (readers never wait for the writer), a busy timeout so
two desks' writes queue instead of failing, `BEGIN IMMEDIATE` for write
transactions (a deferred one that reads first can fail at once when another
writer got in between), `synchronous=NORMAL` (WAL stays consistent after a
crash; a power cut may lose the last call's row, never the transcript).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event, inspect, text
from sqlalchemy.engine import URL, Connection, Engine
from sqlalchemy.exc import SQLAlchemyError

from simulator.records.errors import StoreError
from simulator.records.location import describe

#: the newest schema revision this callsim knows (a test checks it is Alembic's head)
HEAD = "0005"
KNOWN = frozenset({"0001", "0002", "0003", "0004", "0005"})
SCRIPT_LOCATION = "simulator.records:migrations"
_PG_MIGRATION_LOCK = 7_302_113  # pg_advisory_xact_lock key: one desk migrates at a time


def make_engine(url: URL, timeout: float = 5.0) -> Engine:
    if url.get_backend_name() == "sqlite":
        return _sqlite_engine(url, timeout)
    return create_engine(
        url,
        pool_size=1,
        pool_pre_ping=True,  # a desk left open overnight: the server may have closed it
        connect_args={
            "connect_timeout": max(1, int(timeout)),
            # a table another program holds locked fails after `timeout`, not never
            "options": f"-c lock_timeout={max(1, int(timeout * 1000))}",
        },
    )


def _sqlite_engine(url: URL, timeout: float) -> Engine:
    database = url.database or ""
    if database and database != ":memory:" and not database.startswith("file:"):
        try:
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(
                f"records: cannot create the folder for {describe(url)}: {exc.strerror}"
            ) from None
    engine = create_engine(url, pool_size=1, connect_args={"timeout": timeout})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # SQLAlchemy emits BEGIN itself (below)
        cur = dbapi_conn.cursor()
        try:
            cur.execute("PRAGMA foreign_keys=ON")
            if not _foreign_tables(cur):  # another program's file keeps its journal mode
                cur.execute("PRAGMA journal_mode=WAL")
                cur.execute("PRAGMA synchronous=NORMAL")
        except Exception:  # noqa: BLE001 - a read-only file keeps its journal mode
            pass
        finally:
            cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        write = conn.get_execution_options().get("write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine


#: the tables every callsim store has had since its first schema
_OURS = frozenset({"alembic_version", "trainees", "calls", "item_results"})


_TABLES = (
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%' ORDER BY name"
)


def _foreign_tables(cur: Any) -> list[str]:
    """The tables of an SQLite database (a DB-API cursor) that make it another program's:
    any, when it lacks callsim's own (an empty database, or a callsim store, has none)."""
    cur.execute(_TABLES)
    return _foreign([str(r[0]) for r in cur.fetchall()])


def _foreign(tables: list[str]) -> list[str]:
    if not tables or _OURS <= set(tables):
        return []
    return [t for t in tables if t != "alembic_version"] or tables


def current_revision(conn: Connection) -> str | None:
    """The store's schema revision (None: a new store), read without importing Alembic,
    which only loads when there is something to migrate."""
    if not inspect(conn).has_table("alembic_version"):
        return None
    found = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    return None if found is None else str(found)


def migrate(engine: Engine, url: URL) -> None:
    """Bring the schema to HEAD; refuse a store from a newer callsim, and an SQLite
    database of another program's (`--db` naming a browser's history by a slip of the
    finger added callsim's tables to it and switched its journal to WAL)."""
    with engine.connect() as conn:
        if conn.dialect.name == "sqlite":
            _refuse_foreign(conn, url)
        current = current_revision(conn)
    if current == HEAD:
        return
    _refuse_newer(current, url)
    with engine.execution_options(write=True).begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_MIGRATION_LOCK})
        _refuse_newer(current_revision(conn), url)
        upgrade(conn, "head")


def _refuse_foreign(conn: Connection, url: URL) -> None:
    foreign = _foreign([str(t) for t in conn.exec_driver_sql(_TABLES).scalars()])
    if foreign:
        from scoring.literal import printable, unicode_safe

        shown = ", ".join(foreign[:5]) + (", ..." if len(foreign) > 5 else "")
        raise StoreError(
            f"records: {describe(url)} is not a callsim store (it holds another program's "
            f"tables: {printable(unicode_safe(shown))[:200]}); give --db a new file or a "
            "callsim store"
        )


def _refuse_newer(current: str | None, url: URL) -> None:
    if current is not None and current not in KNOWN:
        raise StoreError(
            f"records: the store {describe(url)} has schema {current!r}, newer than this "
            "callsim knows; upgrade callsim to use it"
        )


def alembic_config(conn: Connection | None) -> Any:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", SCRIPT_LOCATION)
    cfg.attributes["connection"] = conn
    return cfg


def upgrade(conn: Connection, target: str) -> None:
    from alembic import command

    command.upgrade(alembic_config(conn), target)


def friendly(exc: BaseException, url: URL) -> StoreError:
    """One line for a database error: what is wrong with which store."""
    where = describe(url)
    orig = getattr(exc, "orig", None) or exc
    message = " ".join(str(orig).split("\n")[0].split()) or type(orig).__name__
    low = message.lower()
    if "locked" in low or "lock timeout" in low:
        return StoreError(f"records: the store {where} is locked by another program; try again")
    if "readonly" in low or "read-only" in low or "read only" in low:
        return StoreError(f"records: the store {where} is read-only")
    if "unable to open" in low:
        return StoreError(f"records: cannot open the store {where} (missing folder or no access)")
    if "file is not a database" in low:
        return StoreError(f"records: {where} is not a callsim store (not an SQLite database)")
    if "could not decode to utf-8" in low:
        return StoreError(f"records: the store {where} is damaged: {_undecodable(message)}")
    return StoreError(f"records: the store {where}: {message[:300]}")


def _undecodable(message: str) -> str:
    """What Python's sqlite3 could not read as text ("Could not decode to UTF-8 column 'name'
    with text 'Ann \ufffdLee'": bytes another program wrote), with the tables that have
    such a column, and what to do."""
    import re

    from scoring.literal import excerpt
    from simulator.records import schema

    found = re.search(r"column '([^']*)' with text '(.*)'$", message)
    column, value = (found.group(1), found.group(2)) if found else ("", "")
    where = [f"{tb.name}.{column}" for tb in schema.metadata.sorted_tables if column in tb.c]
    what = " or ".join(where) or f"a column {excerpt(column, 40)}"
    return (
        f"{what} holds text that is not UTF-8 ({excerpt(value, 60)}); restore a backup, "
        "or correct or delete that row"
    )


def guard_errors() -> tuple[type[BaseException], ...]:
    return (SQLAlchemyError, OSError)


def still_recording(pid: int) -> bool:
    """Whether the process that started an in-progress call (on this machine) may still be
    in it. This process is starting a new call, so any call it left in progress is over."""
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's live process
        return True
    return True
