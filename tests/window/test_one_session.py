"""One way to run a call: a call played on the desk's start screen, and the calls of a shift,
leave the same transcript, the same rows in the records store and the same grade as
`play_session` given the same scenario, seed, trainee and moves (issue 13, item 1)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pygame
import pytest

from scoring.reader import read_transcript
from simulator import session as session_mod
from simulator.engine import Move
from simulator.frontend.headless import HeadlessFrontend
from simulator.records import open_store
from simulator.records.recorder import CallRecorder
from simulator.scenario import find_scenario
from simulator.session import Session, play_session
from simulator.window.actions import Action

pytestmark = pytest.mark.window

TRAINEE = "Carla Mendes O'Brien"
TEAM = "Desk 2"
SEED = 3


@pytest.fixture
def moves(monkeypatch: pytest.MonkeyPatch) -> list[list[Move]]:
    """The moves each session was given, one list per call, whoever drove it."""
    played: list[list[Move]] = []
    start, apply = Session.start, Session.apply

    def started(self: Session) -> Any:
        played.append([])
        return start(self)

    def applied(self: Session, move: Move) -> Any:
        played[-1].append(move)
        return apply(self, move)

    monkeypatch.setattr(Session, "start", started)
    monkeypatch.setattr(Session, "apply", applied)
    return played


@pytest.fixture
def make_desk(tmp_path: Path, make_driver: Any) -> Any:
    """A desk over given scenarios, with the options a `callsim play` command line sets."""

    def make(scenarios: list[Any], **options: Any) -> Any:
        options.setdefault("transcript_dir", str(tmp_path / "desk"))
        return make_driver(scenarios, trainee=TRAINEE, sound=False, **options)

    return make


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    url = f"sqlite:///{tmp_path}/records.sqlite"
    monkeypatch.setenv("CALLSIM_DB", url)  # the desk's recorder opens the default store
    return url


def play_ideal(d: Any) -> None:
    """Answer, take the ideal card until the call ends (letting hold time pass), DONE."""
    d.frames(2.0)
    d.key(pygame.K_SPACE)
    for _ in range(200):
        call = d.app.call
        if call.phase != "live":
            break
        if any(c.ideal for c in call.choices):
            d.choose(ideal=True)
        d.frames(1.0, step=0.5)
    assert d.app.call.phase == "ended"
    d.key(pygame.K_RETURN)  # wrap-up done: the scorecard (or the shift's next call)


def same_call_from_play_session(tmp_path: Path, db: str, moves: list[Move], n: int) -> Any:
    scenario = find_scenario("refuses-hold")
    rec = CallRecorder(db, team=TEAM)
    summary = play_session(
        scenario,
        HeadlessFrontend(list(moves)),
        seed=SEED,
        transcript=tmp_path / f"terminal-{n}.txt",
        agent_name=TRAINEE,
        spoken_name="Carla",  # the desk's agent says the first name
        record=rec,
    )
    rec.close()
    return summary


def transcript_of(path: str) -> tuple[dict[str, str], list[str]]:
    t = read_transcript(path)
    return dict(t.headers), [ln.render() for ln in t.lines]


def stored(db: str) -> dict[str, tuple[tuple[Any, ...], tuple[Any, ...]]]:
    """Each stored call by its transcript: its row (less id, time, path) and its items."""
    out = {}
    with open_store(db) as store:
        for row in store.calls():
            detail = store.call_detail(row.id)
            assert detail is not None
            fields = (row.trainee, row.team, row.kind, row.scenario, row.policy, row.seed)
            fields += (row.outcome, row.score, row.grader_score, row.passed)  # type: ignore[assignment]
            items = tuple((i.item, i.result, i.reason, i.evidence) for i in detail.items)
            out[Path(row.transcript).name] = (fields, items)
    return out


def assert_same_as_play_session(
    tmp_path: Path, db: str, window_path: str, shown: Any, moves: list[Move], n: int
) -> None:
    summary = same_call_from_play_session(tmp_path, db, moves, n)
    assert transcript_of(window_path) == transcript_of(summary.transcript_path)
    headers, _ = transcript_of(window_path)
    assert headers["agent"] == TRAINEE  # the full name, not the first
    rows = stored(db)
    assert rows[Path(window_path).name] == rows[Path(summary.transcript_path).name]
    assert rows[Path(window_path).name][0][:2] == (TRAINEE, TEAM)
    card = summary.scorecard
    assert card is not None
    assert shown.score == pytest.approx(card.score)
    assert shown.passed == (not card.critical_failures and card.score >= summary.pass_mark)
    shown_items = {it.id: it.result for s in shown.sections for it in s.items}
    assert shown_items == {k: r.result for k, r in card.results.items()}


def test_a_start_screen_call_is_the_same_call_as_play_session(
    make_desk: Any, tmp_path: Path, db: str, moves: list[list[Move]]
) -> None:
    scenario = find_scenario("refuses-hold")
    d = make_desk([scenario], seed=SEED, team=TEAM)
    d.key(pygame.K_RETURN)  # start the scenario picked on the start screen
    play_ideal(d)
    assert d.app.screen.name == "scorecard"
    path = d.app.transcript_path
    greeting = next(read_transcript(path).speech())
    assert "this is Carla." in greeting.text  # spoken: the first name
    assert_same_as_play_session(tmp_path, db, path, d.app.last_card, moves[0], 0)


def test_the_calls_of_a_shift_are_the_same_calls_as_play_session(
    make_desk: Any, tmp_path: Path, db: str, moves: list[list[Move]]
) -> None:
    scenario = find_scenario("refuses-hold")
    d = make_desk([scenario], seed=SEED, team=TEAM, shift_size=2)
    d.app.do(Action("shift", {"scenario": scenario.id, "trainee": TRAINEE}))
    for _ in range(2):
        play_ideal(d)
    assert d.app.screen.name == "shift"
    cards = [card for _, card in d.app.finished_shift.cards]
    paths = [card.transcript_path for card in cards]
    assert len(set(paths)) == 2
    assert len(moves) == 2
    for n, (path, card) in enumerate(zip(paths, cards, strict=True)):
        assert_same_as_play_session(tmp_path, db, path, card, moves[n], n)


def test_the_desk_takes_policy_and_transcript_as_the_terminal_does(
    make_desk: Any, tmp_path: Path, db: str, moves: list[list[Move]]
) -> None:
    scenario = find_scenario("wrong-number-advisor")
    wanted = tmp_path / "mine.txt"
    d = make_desk([scenario], policy="advisorycloud", transcript=str(wanted))
    d.key(pygame.K_RETURN)
    play_ideal(d)
    assert d.app.transcript_path == str(wanted)
    assert read_transcript(wanted).policy == "advisorycloud"
    assert d.app.last_card.score is not None
    d.key(pygame.K_r)  # retry: the asked-for name is never overwritten, the next is numbered
    d.frames(2.0)
    d.key(pygame.K_SPACE)
    assert d.app.transcript_path == str(tmp_path / "mine-2.txt")


def test_pass_mark_comes_from_the_pack_not_the_window(monkeypatch: pytest.MonkeyPatch) -> None:
    import simulator.window.scorecard_view as view

    assert not hasattr(view, "PASS_MARK")
    assert not hasattr(view, "grade_file")
    assert session_mod.grade_file is not None


def desk_args(**given: Any) -> Any:
    import argparse

    args: dict[str, Any] = dict(ui="window", scenario=None, autoplay=None, speed=2.0, seed=7)
    args.update(agent_name=None, scenario_dir=[], trainee=None, team=None, policy=None)
    args.update(transcript=None)
    args.update(given)
    return argparse.Namespace(**args)


def test_play_options_reach_the_desk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    from simulator.records import identity
    from simulator.window import app as app_mod
    from simulator.window.launch import run_desk

    monkeypatch.setattr(identity, "settings_path", lambda: tmp_path / "trainee.json")
    got: list[Any] = []
    monkeypatch.setattr(app_mod, "run_window", lambda options, **_: got.append(options) or 0)  # type: ignore[func-returns-value]
    args = desk_args(
        trainee=f"  {TRAINEE}\x1b[31m ",
        team=TEAM,
        policy="advisorycloud",
        transcript=str(tmp_path / "new.txt"),
    )
    assert run_desk(args, stderr=io.StringIO()) == 0
    (o,) = got
    assert (o.trainee, o.team, o.policy, o.transcript) == (
        f"{TRAINEE}[31m",  # cleaned as the terminal cleans it: no escape character
        TEAM,
        "advisorycloud",
        str(tmp_path / "new.txt"),
    )
    assert (o.speed, o.seed) == (2.0, 7)


@pytest.mark.parametrize(
    ("given", "says"),
    [
        ({"transcript": "TAKEN"}, "already exists; callsim never overwrites a transcript"),
        ({"policy": "no-such-pack"}, "no-such-pack"),
        ({"trainee": "\x00\x01"}, "the trainee name is empty"),
    ],
)
def test_bad_play_options_stop_the_desk_in_one_line(
    given: dict[str, str], says: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    from simulator.records import identity
    from simulator.window import app as app_mod
    from simulator.window.launch import run_desk

    monkeypatch.setattr(identity, "settings_path", lambda: tmp_path / "trainee.json")
    monkeypatch.setattr(app_mod, "run_window", lambda *a, **k: pytest.fail("desk opened"))
    taken = tmp_path / "taken.txt"
    taken.write_text("# agent: someone\n")
    given = {k: str(taken) if v == "TAKEN" else v for k, v in given.items()}
    err = io.StringIO()
    assert run_desk(desk_args(**given), stderr=err) == 2
    assert err.getvalue().count("\n") == 1
    assert err.getvalue().startswith("callsim play: ")
    assert says in err.getvalue()


def test_a_full_disk_mid_call_ends_a_desk_call_as_it_ends_a_terminal_one(
    make_desk: Any, tmp_path: Path, db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import functools

    from scoring.writer import TranscriptWriter
    from tests.faults import FullDisk

    disk = functools.partial(TranscriptWriter, write=FullDisk(1000))
    monkeypatch.setattr(session_mod, "TranscriptWriter", disk)
    d = make_desk([find_scenario("refuses-hold")], seed=SEED)
    d.key(pygame.K_RETURN)
    play_ideal(d)  # the call ends when the disk is full; DONE shows its scorecard
    assert d.app.screen.name == "scorecard"
    card = d.app.last_card
    assert "not graded" in card.bonus
    assert "No space left on device" in card.bonus
    assert "the call was ended" in card.bonus
    kept = read_transcript(card.transcript_path).lines
    assert kept
    assert f"first {len(kept)} lines are kept" in card.bonus
    with open_store(db) as store:
        (row,) = store.calls()
    assert row.outcome != "in_progress"  # the record is finished, not left open
    assert row.score is None
