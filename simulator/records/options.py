"""Command-line options shared by the commands that record or read calls.

`--db URL` picks the store for one command (else `CALLSIM_DB`, else the
SQLite file in the user's data folder); `--trainee NAME` and `--team T` say
who is playing.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from simulator.records.names import BadName

if TYPE_CHECKING:
    from simulator.records.recorder import CallRecorder


#: Ids and counts are 64-bit in SQLite and PostgreSQL: a bigger number names no call.
MAX_NUMBER = 2**63 - 1


def number(text: str) -> int:
    """An argparse type for a call id or a count: a whole number a store can hold."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text[:40]!r} is not a whole number") from None
    if abs(value) > MAX_NUMBER:
        raise argparse.ArgumentTypeError(f"{text[:20]}... is too big (at most {MAX_NUMBER:,})")
    return value


def add_db_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--db",
        metavar="URL",
        help="the records store: sqlite:///PATH, a file path, or postgresql://USER@HOST/DB "
        "(default: $CALLSIM_DB, else records.sqlite in your data folder)",
    )


def add_record_options(p: argparse.ArgumentParser) -> None:
    """`play`'s options: who is playing, and where the call is recorded."""
    p.add_argument(
        "--trainee",
        metavar="NAME",
        help="your full name for your training records and the transcript (asked once "
        "and remembered when not given)",
    )
    p.add_argument("--team", metavar="T", help="your team, for a trainer's team lists")
    add_db_option(p)


def export_db(args: argparse.Namespace) -> None:
    """`--db` for everything this process records, the window's desk included (it builds
    its own recorder, which reads CALLSIM_DB like every store opened without a URL)."""
    import os

    if getattr(args, "db", None):
        os.environ["CALLSIM_DB"] = args.db


def start_recording(args: argparse.Namespace) -> CallRecorder | None:
    """The recorder for `play`: resolves who is playing (asking once in the terminal) into
    `args.agent_name`. None after a one-line error for a name that cannot be used."""
    from simulator.records.identity import who_is_playing
    from simulator.records.recorder import CallRecorder

    ask = not getattr(args, "autoplay", None) and getattr(args, "ui", None) != "window"
    given = getattr(args, "trainee", None) or getattr(args, "agent_name", None)
    try:
        who = who_is_playing(given, getattr(args, "team", None), ask=ask)
    except BadName as exc:
        print(f"callsim play: {exc}", file=sys.stderr)
        return None
    if who is not None:
        args.agent_name = who.name
    return CallRecorder(
        getattr(args, "db", None),
        trainee=who.name if who else None,
        team=who.team if who else None,
    )
