"""`callsim trainees [--team T] [--json]`: every trainee with calls, scores and weakest items."""

from __future__ import annotations

import argparse
import sys

import orjson


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from simulator.records.options import add_db_option

    p = sub.add_parser(
        "trainees",
        help="list trainees: calls, last played, average and last score, weakest items",
        description=__doc__,
    )
    p.add_argument("--team", metavar="T", help="only this team's trainees")
    p.add_argument("--json", action="store_true", help="print JSON")
    add_db_option(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from simulator.output import stdout_console
    from simulator.records import StoreError, open_store
    from simulator.records.names import BadName, clean_team
    from simulator.records.show import trainees_table

    try:
        team = clean_team(args.team)
        with open_store(args.db) as store:
            rows = store.trainees(team)
    except (StoreError, BadName) as exc:
        print(f"callsim trainees: {exc}", file=sys.stderr)
        return 2
    if args.json:
        sys.stdout.write(orjson.dumps([r.to_json() for r in rows]).decode() + "\n")
        return 0
    if not rows:
        print("No trainees recorded yet" + (" in that team." if team else "."))
        return 0
    trainees_table(rows).print(stdout_console(highlight=False))
    return 0
