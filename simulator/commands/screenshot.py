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


#: A side longer than a large monitor's is no window (100000x100000 ran pygame out of memory).
MAX_SIDE = 8192


def _fail(message: str) -> int:
    from scoring.literal import printable, unicode_safe

    print(f"callsim screenshot: {printable(unicode_safe(message))}", file=sys.stderr)
    return 2


def run(args: argparse.Namespace) -> int:
    try:
        w, h = (int(n) for n in args.size.lower().split("x"))
    except ValueError:
        return _fail(f"--size wants WxH, not {args.size!r}")
    if not (1 <= w <= MAX_SIDE and 1 <= h <= MAX_SIDE):
        return _fail(f"--size {args.size!r}: each side 1 to {MAX_SIDE} pixels")
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    import pygame

    from scoring.literal import printable, unicode_safe
    from simulator.window.screenshot import take_screenshots

    try:
        saved = take_screenshots(args.out, (w, h), args.scenario)
    except KeyError as exc:  # an unknown --scenario
        return _fail(str(exc.args[0]) if exc.args else "no such scenario")
    except (OSError, pygame.error) as exc:
        return _fail(f"cannot save in {args.out!r}: {getattr(exc, 'strerror', None) or exc}")
    for path in saved:
        print(printable(unicode_safe(str(path))))
    return 0
