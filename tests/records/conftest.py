"""Fixtures: a store URL per backend (a real SQLite file, a real PostgreSQL server).

Without a PostgreSQL server the PostgreSQL cases skip saying why, unless
CALLSIM_REQUIRE_POSTGRES=1 (set by .ci/run): then they fail.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.records.pg import NoServer, Server


@pytest.fixture(scope="session")
def pg_server() -> Iterator[Server | str]:
    """The running server, or the reason there is none."""
    try:
        server = Server()
        server.start()
    except NoServer as exc:
        yield str(exc)
        return
    try:
        yield server
    finally:
        server.stop()


def need_server(pg_server: Server | str) -> Server:
    if isinstance(pg_server, str):
        if os.environ.get("CALLSIM_REQUIRE_POSTGRES") == "1":
            pytest.fail(f"PostgreSQL is required here (CALLSIM_REQUIRE_POSTGRES=1): {pg_server}")
        pytest.skip(f"no PostgreSQL server: {pg_server}")
    return pg_server


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, empty store: a SQLite file, or a new database on the throwaway server."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'records.sqlite'}"
    server = need_server(request.getfixturevalue("pg_server"))
    return server.new_database()


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'records.sqlite'}"


@pytest.fixture(autouse=True)
def _own_identity(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Tests never read or write the user's remembered trainee."""
    from simulator.records import identity

    monkeypatch.setattr(identity, "settings_path", lambda: tmp_path / "trainee.json")
