"""Which calls' statements each LRS has accepted (the `xapi_sent` table, migration 0003)."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping

from sqlalchemy import insert, select
from sqlalchemy.engine import Connection

from simulator.records import schema as t


def lrs_key(url: str) -> str:
    return hashlib.sha256(url.strip().rstrip("/").encode("utf-8")).hexdigest()


def sent_calls(conn: Connection, url: str) -> set[int]:
    s = t.xapi_sent
    return set(conn.execute(select(s.c.call_id).where(s.c.lrs_key == lrs_key(url))).scalars())


def mark_sent(store: object, url: str, calls: Mapping[str, int]) -> None:
    """Mark the calls (statement id -> call id) sent to `url`, in one transaction."""
    if not calls:
        return
    now = dt.datetime.now(dt.UTC)
    key = lrs_key(url)
    rows = [
        {"call_id": call_id, "lrs_key": key, "lrs": url, "statement_id": sid, "sent_at": now}
        for sid, call_id in calls.items()
    ]
    engine = store.engine.execution_options(write=True)  # type: ignore[attr-defined]
    with engine.begin() as conn:
        already = sent_calls(conn, url)
        fresh = [r for r in rows if r["call_id"] not in already]
        if fresh:
            _insert(conn, fresh)


def _insert(conn: Connection, rows: list[dict[str, object]]) -> None:
    conn.execute(insert(t.xapi_sent), rows)
