"""`callsim override CALL_ID ITEM pass|fail|na --reason TEXT --by NAME`: a trainer's ruling.

A trainer overrules one item on one stored call, as QA tools let agents
dispute a mark. The ruling is kept beside the grader's mark (never instead
of it), changes the call's score and verdict, is shown wherever the call's
results are shown, and survives `callsim regrade`. A later ruling on the
same item replaces the earlier one; all are kept.
"""

from __future__ import annotations

import argparse
import sys


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from simulator.records.options import add_db_option, number

    p = sub.add_parser(
        "override",
        help="overrule one item's mark on a recorded call",
        description=__doc__,
    )
    p.add_argument("call_id", type=number, metavar="CALL_ID", help="the call (see callsim history)")
    p.add_argument("item", metavar="ITEM", help="the item id, e.g. hold.ask_permission")
    p.add_argument("result", choices=("pass", "fail", "na"), help="the mark the item gets")
    p.add_argument("--reason", required=True, metavar="TEXT", help="why (kept with the ruling)")
    p.add_argument("--by", required=True, metavar="NAME", help="who rules (the trainer)")
    add_db_option(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from simulator.records import StoreError, open_store
    from simulator.records.names import BadName, clean_name, shown

    try:
        by = clean_name(args.by, "--by name")
        reason = clean_name(args.reason, "--reason")
        with open_store(args.db) as store:
            before = store.call_detail(args.call_id)
            score, passed = store.add_override(args.call_id, args.item, args.result, reason, by)
    except (StoreError, BadName, LookupError) as exc:
        msg = exc.args[0] if isinstance(exc, LookupError) else exc
        print(f"callsim override: {msg}", file=sys.stderr)
        return 2
    old = next((i for i in before.items if i.item == args.item), None) if before else None
    was = old.result if old else "?"
    verdict = "-" if score is None else f"{score:.1f} {'PASS' if passed else 'FAIL'}"
    print(
        f"Call {args.call_id}: {args.item} {was} -> {args.result} "
        f"(ruled by {shown(by)}); the call now scores {verdict}."
    )
    return 0
