"""The window's side: calls recorded from a front-end that runs its own loop, and the
trainee's history for the start screen."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from scoring.writer import TranscriptWriter
from simulator.autoplay import ideal_moves
from simulator.engine import CallEngine
from simulator.engine.engine import transcript_headers
from simulator.frontend.base import run_call
from simulator.frontend.headless import HeadlessFrontend
from simulator.records import desk, open_store
from simulator.records.recorder import CallRecorder
from simulator.scenario import find_scenario
from simulator.session import policy_params
from tests.records.helpers import hang_up_after_greeting, play


def test_a_window_call_and_an_unanswered_one_are_recorded(db_url: str, tmp_path: Path) -> None:
    s = find_scenario("wrong-size-planter")
    pack, params = policy_params(s.policy)
    rec = CallRecorder(db_url)
    path = tmp_path / "w.txt"
    with TranscriptWriter(path, transcript_headers(s, 0, "Win Dow")) as writer:
        engine = CallEngine(s, seed=0, params=params, agent_name="Win Dow", on_line=writer.write)
        rec.begin(s, path, 0, pack, "Win Dow")
        run_call(engine, HeadlessFrontend(ideal_moves(s, "Win Dow")))
    rec.end_from_transcript(engine, str(path), pack)
    rec.unanswered(s, tmp_path / "u.txt", 0, pack, "Win Dow")
    rec.close()
    with open_store(db_url) as store:
        rows = {r.outcome: r for r in store.calls()}
    assert set(rows) == {"completed", "abandoned_at_ring"}
    assert rows["completed"].score is not None
    assert rows["abandoned_at_ring"].score is None


def test_history_for_the_start_screen(db_url: str, tmp_path: Path) -> None:
    play(db_url, tmp_path, "Ann")
    play(db_url, tmp_path, "Ann", moves=hang_up_after_greeting())
    play(db_url, tmp_path, "Ann", scenario="refuses-hold")
    play(db_url, tmp_path, "Bob")
    h = desk.history("Ann", db_url)
    assert h is not None
    assert h.calls == 3
    planter = h.scenarios["wrong-size-planter"]
    assert planter.calls == 2
    assert planter.best is not None
    assert planter.last is not None
    assert planter.best >= planter.last  # the early hang-up came last
    assert "refuses-hold" in h.scenarios
    assert len(h.weakest) == 3
    assert desk.history("Nobody Yet", db_url).calls == 0


def test_no_history_from_a_store_it_cannot_read(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/r.sqlite"
    with open_store(url) as store, store.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    assert desk.history("Ann", url) is None  # a newer callsim's store: shown without history
    assert desk.history("\x00", f"sqlite:///{tmp_path}/other.sqlite") is None  # no name
