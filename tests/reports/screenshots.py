"""The docs' report screenshots: `python -m tests.reports.screenshots [FOLDER]` (docs/reports).

Plays a trainee's fortnight of real calls through the session path into a throwaway store
(a few mistakes, an override), writes the call and trainee reports, and photographs them in
headless Chromium.
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
from pathlib import Path

from simulator.cli import main
from simulator.records import open_store
from simulator.reports import chart_cache
from simulator.reports.build import trainee_report, write_page
from tests.reports.chromium import Chromium, find_chromium
from tests.training.calls import T0, mistake, record

NAME = "Dana Whitfield"
CALLS = [  # (day, scenario, the item a mistake fails, or None for the ideal path)
    (0, "wrong-size-planter", "hold.ask_permission"),
    (1, "wrong-size-planter", "hold.max_segment"),
    (2, "documentation-request", "close.summarize"),
    (4, "wrong-size-planter", None),
    (5, "person-unavailable", "msg.collect_details"),
    (7, "documentation-request", None),
    (8, "wrong-number-advisor", None),
    (9, "refuses-hold", "hold.offer_alternative"),
    (11, "product-question-boots", None),
    (12, "wrong-item-exchange", "soft.empathy"),
    (14, "refuses-hold", None),
]


def build(folder: Path) -> tuple[str, int]:
    url = f"sqlite:///{folder / 'records.sqlite'}"
    ids = []
    for day, scenario, item in CALLS:
        moves = None
        if item:
            try:
                moves = mistake(scenario, item, NAME)
            except AssertionError:
                moves = None
        when = T0 + dt.timedelta(days=day, hours=day % 3)
        ids.append(record(url, folder, when, NAME, scenario=scenario, moves=moves))
    with open_store(url) as store:
        store.add_override(
            ids[0], "hold.wait_for_answer", "pass", "the caller said yes off-mic", "Sam Lee"
        )
    return url, ids[0]


def main_(out: Path) -> None:
    exe = find_chromium()
    if exe is None:
        raise SystemExit("no chromium on PATH")
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        chart_cache.cache_dir = lambda: folder / "charts"  # drawn, not the user's kept charts
        url, call_id = build(folder)
        call_html, trainee_html = folder / "call.html", folder / "trainee.html"
        main(["report", str(call_id), "--db", url, "--out", str(call_html)])
        with open_store(url) as store:  # the plan as of the day after the last call
            now = T0 + dt.timedelta(days=CALLS[-1][0] + 1, hours=9)
            write_page(trainee_html, trainee_report(store, NAME, now))
        browser = Chromium(exe, width=1100, height=900)
        try:
            for html, png, height in (
                (call_html, "report-call.png", 2200),
                (trainee_html, "report-trainee.png", 2400),
            ):
                page = browser.page()
                page.open(html)
                assert page.problems() == [], page.problems()
                page.screenshot(out / png, height)
                page.close()
        finally:
            browser.close()


if __name__ == "__main__":
    main_(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/reports"))
