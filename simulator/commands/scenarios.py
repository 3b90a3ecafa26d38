"""`callsim scenarios [--json] [--scenario-dir DIR]`: list the scenarios one can play."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from simulator.scenario.library import DEFAULT_SCENARIO, load_all


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("scenarios", help="list the scenarios", description=__doc__)
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument(
        "--scenario-dir",
        action="append",
        default=[],
        metavar="DIR",
        help="also list the scenarios in DIR (repeatable)",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    found, errors = load_all(args.scenario_dir)
    rows: list[dict[str, Any]] = [
        {
            "id": s.id,
            "title": s.title,
            "difficulty": s.difficulty,
            "context": sorted(s.context),
            "tags": list(s.tags),
            "default": s.default and s.id == DEFAULT_SCENARIO,
            "path": s.path,
        }
        for s in found
    ]
    if args.json:
        print(json.dumps(rows, indent=2))
    else:
        for r in rows:
            star = "*" if r["default"] else " "
            ctx = ",".join(r["context"])
            print(f"{star} {r['id']:<30} {r['difficulty']:<7} {ctx:<36} {r['title']}")
        print("(* the default scenario; play one with: callsim play ID)")
    for err in errors:
        print(err, file=sys.stderr)
    return 1 if errors else 0
