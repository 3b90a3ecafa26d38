"""The store under concurrent writers and a process killed mid-call (SQLite and PostgreSQL)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from scoring.reader import read_transcript
from simulator.records import open_store
from tests.records.helpers import play

ROOT = Path(__file__).resolve().parents[2]


def _worker(*args: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, "-m", "tests.records.worker", *args],
        cwd=ROOT,
        env=env,
        stderr=subprocess.PIPE,
    )


@pytest.mark.slow
def test_two_processes_recording_at_once_lose_nothing(db_url: str, tmp_path: Path) -> None:
    go = tmp_path / "go"
    ready = [tmp_path / f"ready{n}" for n in range(2)]
    workers = [_worker("many", db_url, "20", "Shared Trainee", str(r), str(go)) for r in ready]
    deadline = time.monotonic() + 60
    while not all(r.exists() for r in ready):  # both set up (and the store migrated) ...
        for w in workers:
            assert w.poll() is None, w.stderr.read().decode()[-2000:]  # type: ignore[union-attr]
        assert time.monotonic() < deadline
        time.sleep(0.02)
    go.touch()  # ... then both record at once
    for w in workers:
        _, err = w.communicate(timeout=120)
        assert w.returncode == 0, err.decode()[-2000:]
    with open_store(db_url) as store:
        rows = store.calls(limit=None)
        [trainee] = store.trainees()
        with store.engine.connect() as conn:
            n_items = conn.execute(text("SELECT count(*) FROM item_results")).scalar()
        items_per_call = len(store.call_detail(rows[0].id).items)  # type: ignore[union-attr]
    assert len(rows) == 40
    assert len({r.uid for r in rows}) == 40
    assert {r.outcome for r in rows} == {"completed"}
    assert n_items == 40 * items_per_call
    assert trainee.calls == 40


@pytest.mark.slow
def test_a_call_killed_mid_way_is_marked_abandoned(db_url: str, tmp_path: Path) -> None:
    transcript, marker = tmp_path / "killed.txt", tmp_path / "ready"
    w = _worker("hang", db_url, str(transcript), str(marker))
    deadline = time.monotonic() + 60
    while not marker.exists():
        assert w.poll() is None, w.stderr.read().decode()[-2000:]  # type: ignore[union-attr]
        assert time.monotonic() < deadline, "the call never got going"
        time.sleep(0.05)
    os.kill(w.pid, signal.SIGKILL)
    w.communicate(timeout=30)
    with open_store(db_url) as store:
        [row] = store.calls()
        assert row.outcome == "in_progress"
        if store.url.get_backend_name() == "sqlite":
            with store.engine.connect() as conn:
                assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"
    assert len(read_transcript(transcript).lines) >= 3  # the transcript is readable
    play(db_url, tmp_path, "Next Trainee")  # the next start marks the dead call abandoned
    with open_store(db_url) as store:
        outcomes = {r.trainee: r.outcome for r in store.calls()}
    assert outcomes == {"Killed Mid-Call": "abandoned", "Next Trainee": "completed"}
