"""`callsim grade FILE... --record`: real calls' gradings kept against the agent in the header.

A QA lead grades a transcript of a real call; with `--record` the scorecard is
stored like a role-play's (kind `real`), against the trainee named by the
transcript's `# agent:` header (or `--trainee`). A transcript recorded before
is graded again in place rather than stored twice; given `--trainee` naming
someone else, it moves to that trainee, and a line says so. A file whose date
(header, else modification time) is not the recorded call's is another call
saved under the same name, and is recorded as a new one.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Sequence
from typing import Any

from scoring.literal import excerpt, printable, unicode_safe
from simulator.records.names import BadName, clean_name, clean_team


def add_grade_record_options(p: argparse.ArgumentParser) -> None:
    from simulator.records.options import add_db_option

    p.add_argument(
        "--record",
        action="store_true",
        help="keep each graded call in the records store, against the header's agent",
    )
    p.add_argument("--trainee", metavar="NAME", help="with --record: record against NAME")
    p.add_argument("--team", metavar="T", help="with --record: the trainee's team")
    add_db_option(p)


#: The earliest start a call may have; the latest is tomorrow. A header dated
#: year 1 or 9999 would overflow the retraining plan's and the reports' date sums.
EARLIEST = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def _plausible(value: dt.datetime) -> bool:
    return EARLIEST <= value <= dt.datetime.now(dt.UTC) + dt.timedelta(days=1)


def _dated(card: Any, path: str) -> dt.datetime | None:
    """The call's date from the file (header, else modification time), if it has one."""
    raw = str(card.meta.get("date", "")) if getattr(card, "meta", None) else ""
    try:
        value = dt.datetime.fromisoformat(raw.strip())
        value = (value if value.tzinfo else value.astimezone()).astimezone(dt.UTC)
        if _plausible(value):
            return value
    except (ValueError, OverflowError):  # year 1 at +23:59 is before year 1 in UTC
        pass
    try:
        value = dt.datetime.fromtimestamp(os.path.getmtime(path), dt.UTC)
        if _plausible(value):
            return value
    except (OSError, OverflowError, ValueError):
        pass
    return None


def _same_call(store: Any, call_id: int, card: Any, path: str) -> bool:
    """Whether the file is still the call recorded from it: its date (header, else
    modification time) is the recorded start. Exports keep one name ("transcript.vtt"), so
    another call saved over a recorded file must not be graded over the first."""
    dated, recorded = _dated(card, path), store.started_of(call_id)
    if dated is None or recorded is None:
        return True
    return abs((dated - recorded).total_seconds()) < 0.001


def _scenario(card: Any) -> str | None:
    """The header's scenario id, cleaned like a name (no escape sequence reaches a table)."""
    try:
        return clean_name(str(card.meta.get("scenario") or ""), "'# scenario:' header")
    except BadName:
        return None


def _pack_for(card: Any, given: Sequence[str] | None) -> tuple[str, Any]:
    """(the store's name for the pack the card was graded with, the pack)."""
    from scoring.policy import load_named, load_policy
    from simulator.records.recorder import pack_ref

    packs = {p.name: p for p in (load_policy(ref) for ref in given or ())}
    pack = load_named(card.policy, packs)  # a name from the file: never taken as a path
    return pack_ref(pack, card.policy), pack


def record_cards(outcomes: Sequence[Any], args: argparse.Namespace) -> int:
    """Store every scorecard among `outcomes`; 0, or 2 after one-line errors."""
    from simulator.records import StoreError, open_store

    cards = [o for o in outcomes if hasattr(o, "results")]
    if not cards:
        return 0
    done = [0, 0]  # new, graded again: what is kept when the store fails mid-batch
    try:
        given = clean_name(args.trainee) if args.trainee else None
        team = clean_team(args.team)
        with open_store(args.db) as store:
            new, again, skipped = _record_all(store, cards, args.policy, given, team, done)
            where = store.where
    except (StoreError, BadName) as exc:
        kept = (
            f" (recorded {done[0]} new call(s), graded {done[1]} again, before)"
            if any(done)
            else ""
        )
        print(f"callsim grade: not recorded: {exc}{kept}", file=sys.stderr)
        return 2
    for line in skipped:
        print(f"callsim grade: not recorded: {line}", file=sys.stderr)
    print(f"Recorded {new} new call(s), graded {again} again in place, in {where}.")
    return 2 if skipped else 0


def _record_all(
    store: Any,
    cards: list[Any],
    policy: Sequence[str] | None,
    given: str | None,
    team: str | None,
    done: list[int],
) -> tuple[int, int, list[str]]:
    """(new, graded again, files skipped); each call is its own transaction, counted in
    `done` as it is kept, so a store failing mid-batch can say what it kept."""
    from simulator.records.recorder import pass_mark
    from simulator.records.store import AlreadyRecorded, CallStart, Grading

    new = again = 0
    skipped: list[str] = []
    for card in cards:
        path = os.path.abspath(card.file)
        shown = printable(unicode_safe(str(card.file)))
        if unicode_safe(path) != path:  # bytes not UTF-8 in its name: no store can keep it
            skipped.append(f"{shown}: its path is not UTF-8 text (rename the file)")
            continue
        try:
            trainee = given or clean_name(str(card.meta.get("agent", "")), "'# agent:' header")
        except BadName as exc:
            skipped.append(f"{shown}: {exc} (give --trainee NAME)")
            continue
        ref, pack = _pack_for(card, policy)
        known = store.call_by_transcript(path)
        if known is not None and not _same_call(store, known, card, path):
            print(
                f"{shown}: not the call recorded from this file before (call {known}, kept): "
                "its date differs, so it is recorded as a new call"
            )
            known = None
        if known is None:
            dated = _dated(card, path)
            start = CallStart(
                trainee, path, ref, team=team, kind="real", scenario=_scenario(card),
                started_at=dated or dt.datetime.now(dt.UTC),
                once="undated" if dated is None else "dated",
            )  # fmt: skip
            try:
                store.record_graded(start, Grading("completed", None, card, pass_mark(pack)))
                new += 1
                done[0] = new
                continue
            except AlreadyRecorded as exc:  # by another run since the question above
                known = exc.call_id
        if given is not None and (was := store.move_call(known, given, team)) is not None:
            print(f"{shown}: was recorded for {excerpt(was, 60)}; now for {excerpt(given, 60)}")
        store.regrade_call(known, card, pass_mark(pack), ref)
        again += 1
        done[1] = again
    return new, again, skipped
