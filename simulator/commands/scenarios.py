"""`callsim scenarios [--json] [--scenario-dir DIR]`: list the scenarios one can play."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from scoring.literal import printable
from simulator.output import quiet_stdout
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
    """Exit status 0 when all listed, 1 when some scenario could not be loaded, 2 when a
    --scenario-dir cannot be listed (or the list cannot be written)."""
    try:
        found, errors = load_all(args.scenario_dir)
    except LookupError as exc:  # a --scenario-dir that is missing or not a folder
        print(f"callsim scenarios: {printable(str(exc).strip(chr(39)))}", file=sys.stderr)
        return 2
    try:
        _print(args, found)
    except BrokenPipeError:
        raise  # `callsim scenarios | head`: the cli ends quietly
    except OSError as exc:  # stdout is a full disk, a read-only file ...
        quiet_stdout()
        print(f"callsim scenarios: cannot write the list: {exc.strerror or exc}", file=sys.stderr)
        return 2
    for err in errors:
        print(printable(str(err)), file=sys.stderr)
    return 1 if errors else 0


def _print(args: argparse.Namespace, found: list[Any]) -> None:
    """The list, every text from a scenario file shown literally (escapes escaped)."""
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
        print(json.dumps(rows, indent=2))  # JSON escapes control characters itself
        sys.stdout.flush()
        return
    for r in rows:
        star = "*" if r["default"] else " "
        ctx = printable(",".join(r["context"]))
        line = f"{star} {printable(r['id']):<30} {printable(str(r['difficulty'])):<7} {ctx:<36}"
        print(f"{line} {printable(r['title'])}")
    print("(* the default scenario; play one with: callsim play ID)")
    sys.stdout.flush()
