"""Reports from a store: which call, trainee or team, and the HTML file written.

`call_report`, `trainee_report` and `team_report` return the page;
`write_page` writes it whole or not at all; `report_for_transcript` is the
window's "Report" button (the call just played, by its transcript path).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import os
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from simulator.reports.gather import call_view, team_view, trainee_view
from simulator.reports.render import call_page, team_page, trainee_page

if TYPE_CHECKING:
    from simulator.reports.chart_worker import ChartWorker


def call_report(store: Any, call_id: int) -> str:
    detail = store.call_detail(call_id)
    if detail is None:
        raise LookupError(f"no call {call_id} in the store {store.where}")
    return call_page(call_view(detail, _hold_limit(detail.call.policy)))


def _hold_limit(policy: str) -> float | None:
    from scoring.policy import PolicyError, load_policy

    try:
        return float(load_policy(policy).params.get("hold_checkin_s", 120))
    except (PolicyError, OSError, ValueError, LookupError):
        return None


def trainee_report(
    store: Any, name: str, now: dt.datetime | None = None, worker: ChartWorker | None = None
) -> str:
    """The trainee's page. Charts not in the chart cache go to `worker` (a helper process
    started before the store was opened) as soon as their values are known, and are drawn
    there while the plan is made; without one they are drawn here."""
    from simulator.reports.chart_cache import ChartCache
    from simulator.reports.chart_worker import draw_here
    from simulator.reports.render import environment, trainee_charts
    from simulator.training.cache import cached_cards
    from simulator.training.plan import build_plan
    from simulator.training.practice import catalogue
    from simulator.training.reviews import graded_calls

    row = next((r for r in store.trainees() if r.name == name), None)
    if row is None:
        from simulator.records.names import shown

        raise LookupError(f"no trainee {shown(name)!r} in the store {store.where}")
    with store.engine.connect() as conn:
        calls = graded_calls(conn, name)
    view = trainee_view(name, row.team, calls, row.calls, plan=None)
    charts = ChartCache(f"trainee\n{name}", trainee_charts(view))
    if worker is not None and charts.jobs:
        worker.send(charts.jobs)
    elif worker is not None:
        worker.stop()  # every chart kept: nothing to draw
    cards = cached_cards(store, name, calls)
    view.plan = build_plan(name, calls, catalogue(), now or dt.datetime.now(dt.UTC), cards)
    environment().get_template("trainee.html")  # loaded while the helper draws
    drawn = worker.receive() if worker is not None and charts.jobs else draw_here(charts.jobs)
    return trainee_page(view, charts.finish(drawn))


def team_report(store: Any, team: str | None) -> str:
    with store.engine.connect() as conn:
        view = team_view(conn, team)
    if not view.trainees:
        what = f"in the team {team!r}" if team is not None else "at all"
        raise LookupError(f"no trainees {what} in the store {store.where}")
    return team_page(view, sum(n for _, n, _ in view.trainees))


def default_name(kind: str, what: str) -> str:
    """A file name for a report: `callsim-report-call-42.html`, the name made file-safe;
    when that loses characters ('Ann Lee', 'José', '张伟'), a short hash of the name is
    added, so two trainees' reports never share a default file."""
    slug = re.sub(r"[^A-Za-z0-9]+", "-", what).strip("-")[:40].rstrip("-")
    if slug != what:
        import hashlib

        tag = hashlib.sha256(what.encode("utf-8", "surrogatepass")).hexdigest()[:8]
        slug = f"{slug}-{tag}" if slug else tag
    return f"callsim-report-{kind}-{slug}.html"


def write_page(path: Path, html: str) -> Path:
    """Write the page whole (a temporary file renamed over the target); never over a
    SQLite database or its write-ahead log (`--out` naming the records store replaced it,
    every recorded call lost)."""
    with open_page(path) as out:
        out.write(html)
    return path.expanduser()


@contextlib.contextmanager
def open_page(path: Path) -> Iterator[IO[str]]:
    """A file to write a page (or an export) into piece by piece, that appears at `path`
    whole when the block ends, and not at all if it ends in an exception (a full disk,
    Ctrl-C, a damaged store mid-way); never over a SQLite database (`write_page`)."""
    path = path.expanduser()
    _not_a_database(path)
    if path.exists() and not path.is_file():  # /dev/stdout, a device, a FIFO: write into it
        with open(path, "w", encoding="utf-8") as out:  # (renaming over it replaced /dev/full)
            yield out
        return
    folder = path.parent if str(path.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=".callsim-report-", suffix=".html", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            yield f
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes it private; a report is an ordinary file
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


#: how a SQLite database and its write-ahead log begin
_SQLITE_MAGIC = (b"SQLite format 3\x00", b"\x37\x7f\x06\x82", b"\x37\x7f\x06\x83")


def _not_a_database(path: Path) -> None:
    try:
        if not path.is_file():
            return
        with open(path, "rb") as f:
            head = f.read(16)
    except OSError:
        return  # the write says what is wrong
    if head.startswith(_SQLITE_MAGIC):
        raise FileExistsError(
            errno.EEXIST, "it is a SQLite database (a records store?); not replaced", str(path)
        )


def report_for_transcript(transcript: str | os.PathLike[str], db: str | None = None) -> Path | None:
    """The window's "Report" button: write the report of the call recorded from `transcript`
    into the reports folder beside the transcripts and return its path; None when the call
    is not in the store (or the store cannot be read)."""
    from simulator.records import StoreError, open_store
    from simulator.session import data_dir

    try:
        with open_store(db, timeout=1.0) as store:
            call_id = store.call_by_transcript(str(Path(transcript).resolve()))
            if call_id is None:
                return None
            html = call_report(store, call_id)
        out = data_dir() / "reports"
        out.mkdir(parents=True, exist_ok=True)
        return write_page(out / default_name("call", str(call_id)), html)
    except (StoreError, LookupError, OSError):
        return None
