"""Trainee and team names in Unicode's composed form (NFC), names typed two ways merged.

Before this revision "José" typed with a combining accent (macOS input) and with the
precomposed letter (Windows) were two trainees with two keys, though they look the same
in every list. `clean_name` now composes every name as it enters; here the names already
stored are composed too. Two trainees whose names compose to the same become one: the
oldest row (lowest id) keeps its id, the others' calls move to it, it takes a team from
them when it had none, and the others are deleted. Their retraining-plan caches are
dropped (derived data, rebuilt on the next `plan`). No call, grading or override is lost.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-07
"""

from __future__ import annotations

import unicodedata

import sqlalchemy as sa
from alembic import op

from simulator.records.names import name_key

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def _nfc(text: str | None) -> str | None:
    return None if text is None else unicodedata.normalize("NFC", text)


def upgrade() -> None:
    conn = op.get_bind()
    rows = conn.execute(sa.text("SELECT id, name, team FROM trainees ORDER BY id")).all()
    keep: dict[str, list[int | str | None]] = {}  # composed name -> [surviving id, team]
    changed: set[int] = set()
    for tid, raw, raw_team in rows:
        name, team = _nfc(raw) or "", _nfc(raw_team)
        if (name, team) != (raw, raw_team):
            changed.add(tid)
        if name not in keep:
            keep[name] = [tid, team]
            continue
        _merge(conn, int(keep[name][0] or 0), tid)
        changed.add(int(keep[name][0] or 0))
        if keep[name][1] is None:
            keep[name][1] = team
    # once merged, no two rows share a composed name, so no new key collides with another
    update = sa.text("UPDATE trainees SET name = :n, name_key = :k, team = :tm WHERE id = :i")
    values = [
        {"i": tid, "n": name, "k": name_key(name), "tm": team}
        for name, (tid, team) in keep.items()
        if tid in changed
    ]
    if values:
        conn.execute(update, values)


def _merge(conn: sa.Connection, into: int, tid: int) -> None:
    """Trainee `tid`'s calls become trainee `into`'s; `tid` goes."""
    both = {"i": into, "t": tid}
    conn.execute(sa.text("UPDATE calls SET trainee_id = :i WHERE trainee_id = :t"), both)
    conn.execute(sa.text("DELETE FROM plan_cache WHERE trainee_id IN (:i, :t)"), both)
    conn.execute(sa.text("DELETE FROM trainees WHERE id = :t"), {"t": tid})


def downgrade() -> None:
    """Nothing to undo: a composed name is the same name."""
