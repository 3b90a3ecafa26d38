"""`callsim history [TRAINEE] [--scenario ID] [--since DATE] [--json]`: one row per call.

`--call ID` shows one call in full: every item's mark and reason, and any
trainer's override beside the grader's mark.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from typing import Any

import orjson

DEFAULT_LIMIT = 50


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from simulator.records.options import add_db_option, number

    p = sub.add_parser("history", help="list recorded calls, newest first", description=__doc__)
    p.add_argument("trainee", nargs="?", metavar="TRAINEE", help="only this trainee's calls")
    p.add_argument("--scenario", metavar="ID", help="only calls of this scenario")
    p.add_argument("--since", metavar="DATE", help="only calls from DATE on (YYYY-MM-DD)")
    p.add_argument("--call", type=number, metavar="ID", help="show one call in full")
    p.add_argument(
        "--limit",
        type=number,
        default=DEFAULT_LIMIT,
        metavar="N",
        help=f"show the newest N calls (default {DEFAULT_LIMIT}; 0: all; --json: all)",
    )
    p.add_argument("--json", action="store_true", help="print JSON")
    add_db_option(p)
    p.set_defaults(func=run)


def parse_since(text: str) -> dt.datetime:
    """A date or date-time (ISO 8601), local time unless it says otherwise."""
    try:
        value = dt.datetime.fromisoformat(text.strip())
        value = value if value.tzinfo else value.astimezone()
        value.astimezone(dt.UTC)  # as the query compares it: year 1 at +23:59 is not a time
    except (ValueError, OverflowError):
        raise ValueError(f"--since {text[:40]!r} is not a date (use YYYY-MM-DD)") from None
    return value


def run(args: argparse.Namespace) -> int:
    from simulator.records import StoreError, open_store
    from simulator.records.names import BadName, clean_name

    try:
        since = parse_since(args.since) if args.since else None
        trainee = clean_name(args.trainee) if args.trainee else None
        with open_store(args.db) as store:
            if args.call is not None:
                return _one(store, args.call, args.json)
            limit = None if args.json or args.limit <= 0 else args.limit
            rows = store.calls(trainee, args.scenario, since, limit)
            total = store.count_calls(trainee) if limit and len(rows) == limit else len(rows)
    except (StoreError, BadName, ValueError) as exc:
        from simulator.records.damage import explained

        print(f"callsim history: {explained(exc, args.db)}", file=sys.stderr)
        return 2
    if args.json:
        sys.stdout.write(orjson.dumps([r.to_json() for r in rows]).decode() + "\n")
        return 0
    return _print_rows(rows, total)


def _print_rows(rows: list[Any], total: int) -> int:
    from simulator.output import stdout_console
    from simulator.records.show import calls_table

    if not rows:
        print("No calls recorded yet that match.")
        return 0
    calls_table(rows).print(stdout_console(highlight=False))
    if total > len(rows):
        print(f"(the newest {len(rows)}; --limit 0 lists all; --call ID shows one in full)")
    return 0


def _one(store: object, call_id: int, as_json: bool) -> int:
    from simulator.output import stdout_console
    from simulator.records.show import print_call

    detail = store.call_detail(call_id)  # type: ignore[attr-defined]
    if detail is None:
        print(f"callsim history: no call {call_id} in the store", file=sys.stderr)
        return 2
    if as_json:
        data = {
            "call": detail.call.to_json(),
            "items": [i.__dict__ for i in detail.items],
            "overrides": list(detail.overrides),
        }
        sys.stdout.write(orjson.dumps(data).decode() + "\n")
        return 0
    print_call(detail, stdout_console(highlight=False, soft_wrap=not sys.stdout.isatty()))
    return 0
