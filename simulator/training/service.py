"""The plan from a store: what `callsim plan`, the reports and the window call.

`plan_for(store, name)` reads the trainee's graded calls and the scenario
catalogue; `desk_plan(name)` is the window's one-call version that never
raises (None when there is no store to read).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from simulator.training.plan import Plan, build_plan
from simulator.training.practice import Practice, catalogue
from simulator.training.reviews import graded_calls


def plan_for(
    store: Any,
    name: str,
    now: dt.datetime | None = None,
    scenarios: Sequence[Practice] | None = None,
    extra_dirs: Iterable[str] = (),
) -> Plan:
    """`store` is an open `simulator.records.Store`; `now` the clock (UTC now by default)."""
    from simulator.training.cache import cached_cards

    now = now or dt.datetime.now(dt.UTC)
    with store.engine.connect() as conn:
        calls = graded_calls(conn, name)
    found = list(scenarios) if scenarios is not None else catalogue(extra_dirs)
    return build_plan(name, calls, found, now, cached_cards(store, name, calls))


def desk_plan(name: str, db: str | None = None) -> Plan | None:
    """The window's start screen: the trainee's plan, or None (no store, a bad name)."""
    from simulator.records import StoreError, open_store
    from simulator.records.names import BadName, clean_name

    try:
        who = clean_name(name)
        with open_store(db, timeout=1.0) as store:
            return plan_for(store, who)
    except (StoreError, BadName, LookupError):
        return None


def known_trainee(store: Any, name: str) -> None:
    """Raise LookupError naming the trainee when the store has no such trainee."""
    from simulator.records.names import shown

    if not any(r.name == name for r in store.trainees()):
        raise LookupError(
            f"no trainee {shown(name)!r} in the store {store.where} (callsim trainees lists them)"
        )
