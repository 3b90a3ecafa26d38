"""`callsim screenshot`: save pictures of the game window's screens (for docs and review)."""

from __future__ import annotations

import argparse
import os
import sys


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "screenshot",
        help="save screenshots of the game window (start, call on hold, scorecard)",
        description="Play a scenario's ideal path in an off-screen window and save the start, "
        "call (on hold, with captions) and scorecard screens as PNG files.",
    )
    p.add_argument("--out", default="docs", help="folder for the PNG files (default: docs)")
    p.add_argument("--size", default="1280x800", help="window size WxH (default 1280x800)")
    p.add_argument("--scenario", default="", help="scenario id (default: the recommended one)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    try:
        w, h = (int(n) for n in args.size.lower().split("x"))
    except ValueError:
        print(f"callsim screenshot: --size wants WxH, not {args.size!r}", file=sys.stderr)
        return 2
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    from simulator.window.screenshot import take_screenshots

    for path in take_screenshots(args.out, (w, h), args.scenario):
        print(path)
    return 0
