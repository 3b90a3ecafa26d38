"""The records as the window's start screen wants them: one call, never an error.

`history(name)` is the trainee's own history (calls played, last and best
score per scenario, the three weakest items) or None when there is no store
to read (a locked or newer store, no name yet): the start screen then shows
what it can without it.
"""

from __future__ import annotations

from typing import Any

from simulator.records.errors import StoreError
from simulator.records.names import BadName, clean_name


def history(name: str, db: str | None = None) -> Any:
    """`simulator.records.queries.TraineeHistory`, or None."""
    from simulator.records.store import open_store

    try:
        who = clean_name(name)
        with open_store(db, timeout=1.0) as store:
            return store.trainee_history(who)
    except (StoreError, BadName):
        return None
