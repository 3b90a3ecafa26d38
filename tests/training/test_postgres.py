"""The plan, the reports and the exports read a team's PostgreSQL store as they read SQLite
(the same queries; the plan's card cache written there too)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from simulator.cli import main
from simulator.records import open_store
from simulator.training.practice import Practice
from simulator.training.service import plan_for
from tests.records.conftest import need_server, pg_server  # noqa: F401  (the fixture)
from tests.training.calls import T0, mistake, record

NAME = "Dana 'O<b>' Whitfield"


def test_plan_reports_and_exports_on_postgresql(
    pg_server: object,  # noqa: F811
    tmp_path: Path,
    catalogue: list[Practice],
    capsys: pytest.CaptureFixture[str],
) -> None:
    url = need_server(pg_server).new_database()  # type: ignore[arg-type]
    first = record(
        url, tmp_path, T0, NAME, moves=mistake("wrong-size-planter", "hold.max_segment", NAME)
    )
    record(url, tmp_path, T0 + dt.timedelta(days=1), NAME, scenario="documentation-request")
    with open_store(url) as store:
        store.add_override(first, "close.thank", "fail", "mumbled", "Sam")
        plan = plan_for(store, NAME, T0 + dt.timedelta(days=2), catalogue)
        again = plan_for(store, NAME, T0 + dt.timedelta(days=2), catalogue)  # from the cache
    # failed and not since passed, then overridden to a fail and passed the next day (due)
    assert plan.targets[:2] == ("hold.max_segment", "close.thank")
    assert again == plan
    for args in (["report", str(first)], ["report", NAME], ["report", "--team"]):
        out = tmp_path / "r.html"
        assert main([*args, "--db", url, "--out", str(out)]) == 0
        assert "&lt;b&gt;" in out.read_text(encoding="utf-8")
    capsys.readouterr()
    assert main(["export", "xapi", "--db", url]) == 0
    statements = json.loads(capsys.readouterr().out)
    assert [s["actor"]["name"] for s in statements] == [NAME, NAME]
    assert main(["export", "csv", "--long", "--db", url]) == 0
    assert "close.thank,fail,yes" in capsys.readouterr().out
