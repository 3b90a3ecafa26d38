"""`callsim validate PATH...`: check scenario files, every problem with FILE:LINE:COL and a hint."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from simulator.scenario.loader import SUFFIXES, validate_file


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "validate",
        help="check scenario files",
        description="Check scenario YAML files (a folder means every scenario in it).",
    )
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.set_defaults(func=run)


def _expand(paths: list[str]) -> list[str]:
    out: list[str] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            out.extend(str(f) for f in sorted(path.rglob("*")) if f.suffix in SUFFIXES)
        else:
            out.append(p)
    return out


def run(args: argparse.Namespace) -> int:
    files = _expand(args.paths)
    if not files:
        print("callsim validate: no scenario files found", file=sys.stderr)
        return 2
    bad = 0
    for f in files:
        scenario, problems = validate_file(f)
        if scenario is not None:
            print(f"ok  {f}  ({scenario.id}: {scenario.title})")
            continue
        bad += 1
        for problem in problems:
            print(problem)
    if bad:
        print(f"{bad} of {len(files)} file(s) have problems", file=sys.stderr)
    return 1 if bad else 0
