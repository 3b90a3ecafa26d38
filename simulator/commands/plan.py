"""`callsim plan TRAINEE [--json]`: the calls a trainee should practise next, and why.

Aimed at the protocol items they failed, with items passed long ago brought
back for review (a spaced-repetition card per item, `fsrs`), stepping up
difficulty once a level is passed. See docs/decisions.md for how a call's
results become review ratings.
"""

from __future__ import annotations

import argparse
import sys


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from simulator.records.options import add_db_option

    p = sub.add_parser(
        "plan", help="a trainee's retraining plan: what to practise next", description=__doc__
    )
    p.add_argument("trainee", metavar="TRAINEE", help="the trainee's name, as recorded")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument(
        "--scenario-dir",
        action="append",
        default=[],
        metavar="DIR",
        help="also choose from the scenarios in DIR (repeatable)",
    )
    add_db_option(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import orjson

    from simulator.records import StoreError, open_store
    from simulator.records.names import BadName, clean_name
    from simulator.training.service import known_trainee, plan_for

    try:
        name = clean_name(args.trainee)
        with open_store(args.db) as store:
            known_trainee(store, name)
            plan = plan_for(store, name, extra_dirs=args.scenario_dir)
    except (StoreError, BadName, LookupError) as exc:
        print(f"callsim plan: {exc}", file=sys.stderr)
        return 2
    if args.json:
        sys.stdout.write(orjson.dumps(plan.to_json()).decode() + "\n")
        return 0
    _print(plan)
    return 0


def _print(plan: object) -> None:
    from simulator.output import stdout_console
    from simulator.training.show import plan_text

    stdout_console(highlight=False).print(plan_text(plan), no_wrap=False)
