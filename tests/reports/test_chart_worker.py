"""The drawing helper of `callsim report`: it draws what the report's own process would,
and whatever goes wrong with it, the charts are drawn in the report's process instead."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest

from simulator.cli import main
from simulator.reports import chart_worker
from simulator.reports.chart_worker import ChartWorker, draw_here
from tests.reports.conftest import HOSTILE, Records

T = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
JOBS = [
    ("sections", ({"hold": 0.5, "open <b>": 1.0},)),
    ("scores", ([T, T + dt.timedelta(days=1)], [70.0, 90.0], [False, True], 80.0)),
]


@pytest.mark.slow  # a process that imports matplotlib
def test_the_helper_draws_what_this_process_draws() -> None:
    with ChartWorker() as worker:
        assert worker.proc is not None
        worker.send(JOBS)
        assert worker.receive() == draw_here(JOBS)


@pytest.mark.parametrize(
    "helper",
    [
        ["/no/such/python"],  # cannot start
        [sys.executable, "-c", "raise SystemExit(3)"],  # dies
        [sys.executable, "-c", "import sys; sys.stdin.read(); print('nonsense')"],
        [sys.executable, "-c", "import sys; sys.stdin.read(); print('[\"<svg>\"]')"],  # 1 of 2
        [sys.executable, "-c", 'import sys; sys.stdin.read(); print(\'["<p>", "<p>"]\')'],
    ],
)
def test_a_failing_helper_costs_only_speed(
    helper: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(chart_worker, "command", lambda: helper)
    with ChartWorker() as worker:
        worker.send(JOBS)
        assert worker.receive() == draw_here(JOBS)


def test_an_unused_helper_is_stopped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(chart_worker, "command", lambda: [sys.executable, "-c", "input()"])
    worker = ChartWorker()
    proc = worker.proc
    assert proc is not None
    worker.stop()
    assert proc.returncode is not None
    worker.stop()  # twice is fine


def test_a_helper_stopped_while_drawing_is_ended(monkeypatch: pytest.MonkeyPatch) -> None:
    slow = [sys.executable, "-c", "import sys, time; sys.stdin.buffer.read(); time.sleep(60)"]
    monkeypatch.setattr(chart_worker, "command", lambda: slow)
    worker = ChartWorker()
    proc = worker.proc
    assert proc is not None
    worker.send(JOBS)
    worker.stop()  # an error in the report between sending and receiving
    assert proc.returncode is not None


@pytest.mark.slow  # a process that imports matplotlib
def test_callsim_report_draws_a_trainees_charts_in_the_helper(
    records: Records, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    used: list[tuple[list[str], bool]] = []

    class Watched(ChartWorker):
        def receive(self) -> list[str]:
            svgs = super().receive()
            used.append(([name for name, _ in self.jobs], self._answer is not None))
            return svgs

    monkeypatch.setattr(chart_worker, "ChartWorker", Watched)
    out = tmp_path / "r.html"
    assert main(["report", HOSTILE, "--db", records.url, "--out", str(out)]) == 0
    assert used == [(["scores", "sections", "trend"], True)]  # drawn by the helper
    assert out.read_text(encoding="utf-8").count("<svg") == 3
