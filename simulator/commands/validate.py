"""`callsim validate PATH...`: check scenario files, every problem with FILE:LINE:COL and a hint.

Checking the file is not enough: by default validate also plays the ideal path and every
mistake through the engine and grades them (`simulator.playcheck`), so a scenario whose
ideal path fails an item, or whose mistake fails other items than it names, is reported.
`--no-play` checks the files only.
"""

from __future__ import annotations

import argparse
import os
import sys

from scoring.files import regular_problem, walk_files
from scoring.literal import printable
from simulator.scenario.loader import SUFFIXES, validate_file
from simulator.scenario.problems import Problem


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "validate",
        help="check scenario files (and play their scripts)",
        description=(
            "Check scenario YAML files (a folder means every scenario in it), then play each "
            "one's ideal path and every mistake and grade them: the ideal path must fail no "
            "item, and a mistake must fail exactly the items it names."
        ),
    )
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument(
        "--no-play",
        action="store_true",
        help="only check the files; do not play the ideal path and the mistakes",
    )
    p.set_defaults(func=run)


def _expand(paths: list[str]) -> list[str]:
    out: list[str] = []
    for p in paths:
        if os.path.isdir(p) and not os.path.islink(p):
            out.extend(walk_files(p, SUFFIXES))  # links and FIFOs listed, then refused
        else:
            out.append(p)
    return out


def check(path: str, play: bool = True) -> tuple[str, list[Problem]]:
    """`(ok line, [])` for a good scenario, else `("", problems)`."""
    why = regular_problem(path)
    if why is not None:  # a FIFO, a folder named *.yaml, a dangling link: reported, not read
        return "", [Problem(path, 1, 1, why)]
    scenario, problems = validate_file(path)
    if scenario is None:
        return "", problems
    if play:
        from scoring.safeyaml import load_yaml
        from simulator.playcheck import play_problems

        with open(path, encoding="utf-8-sig") as f:  # read and checked by validate_file
            doc = load_yaml(f.read())
        problems = play_problems(scenario, doc, path)
        if problems:
            return "", problems
    played = ", ideal path and mistakes played" if play else ""
    return f"ok  {path}  ({scenario.id}: {scenario.title}{played})", []


def run(args: argparse.Namespace) -> int:
    files = _expand(args.paths)
    if not files:
        print("callsim validate: no scenario files found", file=sys.stderr)
        return 2
    bad = 0
    for f in files:
        ok, problems = check(f, play=not args.no_play)
        if ok:
            print(printable(ok))  # a name that is not UTF-8, or with control characters
            continue
        bad += 1
        for problem in problems:
            print(printable(str(problem)))
    if bad:
        print(f"{bad} of {len(files)} file(s) have problems", file=sys.stderr)
    return 1 if bad else 0
