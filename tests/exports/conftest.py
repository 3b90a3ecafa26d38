"""Fixtures: a store of real calls per test, the scenario catalogue cache, and a real LRS.

Without Ralph the LRS tests skip saying why, unless CALLSIM_REQUIRE_RALPH=1 (set by
.ci/run, which installs it): then they fail.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.exports.ralph import NoRalph, Ralph, find_ralph


@pytest.fixture(autouse=True)
def _own_cache(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory, tmp_path: Path
) -> None:
    from simulator.records import identity
    from simulator.training import practice

    cache = tmp_path_factory.getbasetemp() / "practice-items.json"
    monkeypatch.setattr(practice, "cache_path", lambda: cache)
    monkeypatch.setattr(identity, "settings_path", lambda: tmp_path / "trainee.json")


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'records.sqlite'}"


@pytest.fixture(scope="session")
def ralph(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Ralph]:
    exe = find_ralph()
    why = "no Ralph LRS (pip install 'ralph-malph[cli,lrs,backend-fs]'; CALLSIM_RALPH=path)"
    server = None
    if exe is not None:
        server = Ralph(exe, tmp_path_factory.mktemp("ralph"))
        try:
            server.start()
        except NoRalph as exc:
            server.stop()
            why, server = str(exc), None
    if server is None:
        if os.environ.get("CALLSIM_REQUIRE_RALPH") == "1":
            pytest.fail(f"a real LRS is required here (CALLSIM_REQUIRE_RALPH=1): {why}")
        pytest.skip(why)
    try:
        yield server
    finally:
        server.stop()
