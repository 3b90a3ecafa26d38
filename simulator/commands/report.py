"""`callsim report CALL_ID|TRAINEE|--team T [--out FILE.html]`: a trainer's report as one
self-contained HTML file (no network, no scripts; open it in any browser, mail it, print it).

A call: the scorecard with every item's evidence, the timeline with holds to scale, the
transcript with each line's recognised acts, and overrides. A trainee: score per call over
time, pass rate per section, per-item trend, weakest items and the retraining plan. A team
(or everyone, `--team` with no trainee): a trainee-by-item grid of pass rates.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from simulator.records.options import add_db_option

    p = sub.add_parser(
        "report", help="write an HTML report of a call, a trainee or a team", description=__doc__
    )
    p.add_argument(
        "what", nargs="?", metavar="CALL_ID|TRAINEE", help="a call's number or a trainee's name"
    )
    p.add_argument(
        "--team",
        metavar="T",
        nargs="?",
        const="",
        help="a team's grid of pass rates (--team alone: every trainee)",
    )
    p.add_argument(
        "--out", metavar="FILE.html", help="where to write it (default: callsim-report-*.html here)"
    )
    add_db_option(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from simulator.records import StoreError, open_store
    from simulator.records.names import BadName

    if (args.what is None) == (args.team is None):
        print("callsim report: give a call number, a trainee's name, or --team T", file=sys.stderr)
        return 2
    worker = _worker(args)
    try:
        with open_store(args.db) as store:
            kind, label, html = _build(store, args, worker)
        out = Path(args.out) if args.out else Path(_default(kind, label))
        path = _write(out, html)
    except (StoreError, BadName, LookupError) as exc:
        print(f"callsim report: {exc}", file=sys.stderr)
        return 2
    finally:
        if worker is not None:
            worker.stop()
    print(f"Wrote {_shown(path)}")
    return 0


def _shown(path: Path) -> str:
    """A path fit to print: an escape sequence or a byte not UTF-8 in it written as an
    escape (`--out` is typed or pasted by a user; its ESC[2J cleared the screen). As the
    report shows text (`scoring.literal` would load the grader: a report need not)."""
    from simulator.reports.render import literal

    return str(literal(str(path)))


def _worker(args: argparse.Namespace) -> Any:
    """For a trainee's report, a helper process importing matplotlib for its charts while
    the store is read (simulator/reports/chart_worker.py)."""
    if args.what is None or args.what.strip().isdigit():
        return None  # a team (no charts) or, most likely, a call (one small chart)
    from simulator.reports.chart_worker import ChartWorker

    return ChartWorker()


def _default(kind: str, label: str) -> str:
    from simulator.reports.build import default_name

    return default_name(kind, label)


def _write(out: Path, html: str) -> Path:
    from simulator.reports.build import write_page

    try:
        return write_page(out, html)
    except OSError as exc:
        raise LookupError(f"cannot write {_shown(out)}: {exc.strerror or exc}") from None


def _build(store: object, args: argparse.Namespace, worker: Any) -> tuple[str, str, str]:
    from simulator.records.names import clean_name, clean_team
    from simulator.reports.build import call_report, team_report, trainee_report

    if args.team is not None:
        team = clean_team(args.team)
        return "team", team or "everyone", team_report(store, team)
    what = args.what.strip()
    if what.isdigit() and store.call_detail(int(what)) is not None:  # type: ignore[attr-defined]
        return "call", what, call_report(store, int(what))
    name = clean_name(what)
    try:
        return "trainee", name, trainee_report(store, name, worker=worker)
    except LookupError:
        if what.isdigit():
            raise LookupError(f"no call {what} and no trainee {what!r} in the store") from None
        raise
