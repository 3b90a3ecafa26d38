"""Fixtures: the scenario catalogue (played once per session, cached in a temp folder),
a SQLite store, and real calls recorded through the session path."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.training import practice


@pytest.fixture(scope="session")
def catalogue(tmp_path_factory: pytest.TempPathFactory) -> list[practice.Practice]:
    cache = tmp_path_factory.mktemp("cache") / "practice-items.json"
    mp = pytest.MonkeyPatch()
    mp.setattr(practice, "cache_path", lambda: cache)
    try:
        return practice.catalogue()
    finally:
        mp.undo()


@pytest.fixture(autouse=True)
def _own_cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Tests never read or write the user's cache or remembered trainee."""
    from simulator.records import identity
    from simulator.reports import chart_cache

    monkeypatch.setattr(practice, "cache_path", lambda: tmp_path / "practice-items.json")
    monkeypatch.setattr(chart_cache, "cache_dir", lambda: tmp_path / "charts")
    monkeypatch.setattr(identity, "settings_path", lambda: tmp_path / "trainee.json")


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'records.sqlite'}"
