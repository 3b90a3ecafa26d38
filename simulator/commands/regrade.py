"""`callsim regrade [--policy P]`: grade every stored call again from its transcript.

After a policy pack or the grader changes, the stored item results are
recomputed from the transcripts (the source of truth). Trainers' overrides
are kept and applied on top. A transcript that is gone or unreadable leaves
that call's results as they were, and is listed.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from simulator.records.options import add_db_option

    p = sub.add_parser(
        "regrade",
        help="recompute stored results from the transcripts (after a policy or grader change)",
        description=__doc__,
    )
    p.add_argument(
        "--policy",
        metavar="NAME|PATH",
        help="grade against this pack (default: the pack each call was graded with)",
    )
    add_db_option(p)
    p.set_defaults(func=run)


@dataclass
class Tally:
    regraded: int = 0
    score_changed: int = 0
    passed_changed: int = 0
    items_changed: int = 0
    with_overrides: int = 0
    unreadable: list[str] = field(default_factory=list)


def run(args: argparse.Namespace) -> int:
    from rich.console import Console

    from simulator.records import StoreError, open_store

    err = Console(stderr=True, highlight=False)
    tally, calls = Tally(), []
    try:
        with open_store(args.db) as store:
            calls = store.regradable()
            if not calls:
                print("No ended calls in the store to regrade.")
                return 0
            _regrade_all(store, calls, args.policy, err, tally)
    except (StoreError, ValueError) as exc:
        print(f"callsim regrade: {exc}{_kept(tally, calls)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"callsim regrade: interrupted{_kept(tally, calls)}", file=sys.stderr)
        return 130
    _summary(tally, len(calls))
    return 1 if tally.unreadable else 0


def _kept(t: Tally, calls: list[tuple[int, str, str]]) -> str:
    """What a regrade stopped part-way kept: each call is its own transaction, so the ones
    done keep their new results (it said only "interrupted", as if none had been)."""
    done = t.regraded + len(t.unreadable)
    if not calls or not done:
        return ""
    return f" (regraded {t.regraded} of {len(calls)} calls before, kept; run it again for the rest)"


def _regrade_all(
    store: Any,
    calls: list[tuple[int, str, str]],
    policy: str | None,
    err: Any,
    tally: Tally | None = None,
) -> Tally:
    """Regrade `calls`, counting into `tally` as it goes (the caller's, so a regrade
    stopped part-way can say what it kept)."""
    tally = Tally() if tally is None else tally
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from simulator.records.recorder import policy_ref

    packs = _pack_loader()
    with Progress(
        TextColumn("regrading"),
        BarColumn(),
        MofNCompleteColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal,  # no bar (nor its blank line) in a log or a pipe
    ) as bar:
        task = bar.add_task("regrade", total=len(calls))
        for call_id, transcript, stored_policy in calls:
            chosen = policy_ref(policy) if policy else stored_policy
            _regrade_one(store, call_id, transcript, chosen, packs, tally)
            bar.advance(task)
    return tally


def _pack_loader() -> Callable[[str], Any]:
    """Packs, each loaded once: an absolute path is a pack file (the trainer's --policy, or
    one callsim stored for a call graded with a pack file); anything else is a pack name,
    loaded as a name only (`load_named`), never as a path. A PolicyError ends the regrade."""
    from scoring.policy import load_named, load_policy

    cache: dict[str, Any] = {}

    def get(ref: str) -> Any:
        if ref not in cache:
            cache[ref] = load_policy(ref) if os.path.isabs(ref) else load_named(ref)
        return cache[ref]

    return get


def _regrade_one(
    store: Any, call_id: int, transcript: str, policy: str, packs: Callable[[str], Any], t: Tally
) -> None:
    from scoring.grader import grade
    from scoring.reader import read_transcript
    from simulator.records.recorder import pass_mark

    pack = packs(policy)
    try:
        card = grade(read_transcript(transcript), pack)
    except (OSError, ValueError) as exc:
        store.regrade_failed(call_id, str(exc)[:500])
        t.unreadable.append(f"call {call_id}: {' '.join(str(exc).split())[:200]}")
        return
    change = store.regrade_call(call_id, card, pass_mark(pack), policy)
    t.regraded += 1
    t.items_changed += len(change.changed_items)
    t.score_changed += change.old_score != change.new_score
    t.passed_changed += change.old_passed != change.new_passed
    t.with_overrides += change.overridden


def _summary(t: Tally, total: int) -> None:
    print(
        f"Regraded {t.regraded} of {total} calls: {t.score_changed} scores changed, "
        f"{t.passed_changed} verdicts changed, {t.items_changed} item results changed; "
        f"overrides kept on {t.with_overrides} calls."
    )
    if t.unreadable:
        print(f"{len(t.unreadable)} transcripts could not be read (results left as they were):")
        for line in t.unreadable[:20]:
            print(f"  {line}")
        if len(t.unreadable) > 20:
            print(f"  ... and {len(t.unreadable) - 20} more")
