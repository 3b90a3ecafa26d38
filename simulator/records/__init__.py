"""Trainee records: every call kept, in a store a team can share.

One SQL store (SQLite in the user's data folder by default, or a shared
PostgreSQL server with `--db postgresql://...`) holds trainees, calls, one
row per item result, and trainers' overrides. The transcript file stays the
source of truth: everything graded here can be graded again from it
(`callsim regrade`). The store is opened through `open_store`, which brings
its schema up to date with the Alembic migrations shipped in this package.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from simulator.records.errors import StoreError

if TYPE_CHECKING:
    from simulator.records.location import resolve_url
    from simulator.records.store import Store, open_store

__all__ = ["Store", "StoreError", "open_store", "resolve_url"]


def __getattr__(name: str) -> Any:
    """SQLAlchemy loads on first use, not with every `callsim` command that can record."""
    if name in ("Store", "open_store"):
        from simulator.records import store

        return getattr(store, name)
    if name == "resolve_url":
        from simulator.records.location import resolve_url

        return resolve_url
    raise AttributeError(name)
