"""`callsim microphones [--json]`: the input devices callsim can record from.

The names to give ``callsim play --mic NAME`` and ``callsim enrol --mic NAME``
(a part of a name is enough when only one device contains it), per capture
backend: SDL2 through pygame (the default), sounddevice where PortAudio is
there. Also says which backend would open, and why not when none can.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

__all__ = ["register", "run"]


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "microphones",
        help="list the input devices to pick with --mic",
        description="List the microphones (input devices) callsim can record from.",
    )
    parser.add_argument("--json", action="store_true", help="print the list as JSON")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from simulator.listen.capture import CaptureUnavailable, capture_device_names, open_capture

    found = capture_device_names()
    try:
        _read, close = open_capture(None)
        close()
        problem = None
    except CaptureUnavailable as exc:
        problem = str(exc)
    if args.json:
        print(json.dumps({"devices": found, "default_opens": problem is None, "problem": problem}))
        return 0 if problem is None else 1
    for backend, names in found.items():
        print(f"{backend}:")
        for name in names or ["(none)"]:
            print(f"  {name}")
    if problem is not None:
        print(f"callsim microphones: no microphone opens: {problem}", file=sys.stderr)
        return 1
    return 0
