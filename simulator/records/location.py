"""Where the store is: `--db URL`, else `CALLSIM_DB`, else SQLite in the user's data folder.

A team points every desk at one PostgreSQL server with the same URL form
(`postgresql://user:password@host/db`); callsim talks to it with psycopg 3,
whatever driver a bare `postgresql://` would pick in SQLAlchemy.
"""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from simulator.records.errors import StoreError

ENV_VAR = "CALLSIM_DB"
SUPPORTED = ("sqlite", "postgresql")


def default_path() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir("callsim")) / "records.sqlite"


def resolve_url(db: str | None = None) -> URL:
    """The store's URL: the `--db` value, else $CALLSIM_DB, else the default SQLite file.

    A plain path (no `scheme://`) means a SQLite file there."""
    if db is not None and not db.strip():
        raise StoreError("records: --db is empty (give a file, sqlite:///PATH or a server URL)")
    raw = db or os.environ.get(ENV_VAR, "").strip() or None
    if raw is None:
        return URL.create("sqlite", database=str(default_path()))
    if "://" not in raw:
        return URL.create("sqlite", database=str(Path(raw).expanduser()))
    try:
        url = make_url(raw)
    except ArgumentError:
        raise StoreError(f"records: {safe_url(raw)!r} is not a database URL") from None
    backend = url.get_backend_name()
    if backend not in SUPPORTED:
        raise StoreError(
            f"records: {backend!r} stores are not supported; use sqlite:///PATH or "
            "postgresql://USER@HOST/DB"
        )
    if backend == "postgresql":
        url = url.set(drivername="postgresql+psycopg")
    elif url.database in (None, "", ":memory:"):
        raise StoreError("records: an in-memory store keeps nothing; name a file (sqlite:///PATH)")
    elif url.query and "uri" not in url.query:  # the driver would warn and ignore them
        from scoring.literal import printable

        raise StoreError(
            f"records: {printable(safe_url(url))}: SQLite options need the URI form "
            "(sqlite:///file:PATH?OPTION=VALUE&uri=true)"
        )
    return url


def safe_url(raw: str | URL) -> str:
    """A URL fit to print: the password hidden."""
    try:
        url = make_url(raw) if isinstance(raw, str) else raw
    except ArgumentError:
        return "(unreadable URL)"
    return url.render_as_string(hide_password=True)


def describe(url: URL) -> str:
    """The store as a trainee would name it: the SQLite file, or the server's URL."""
    from scoring.literal import printable, unicode_safe  # here: a report need not load scoring

    if url.get_backend_name() == "sqlite":
        return printable(unicode_safe(url.database or "(in memory)"))
    return printable(unicode_safe(safe_url(url)))
