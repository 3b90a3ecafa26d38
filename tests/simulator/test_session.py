"""A whole session with the headless front-end: streamed transcript, grade, advice."""

from __future__ import annotations

import functools
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

from scoring.reader import read_transcript
from scoring.writer import TranscriptWriteError, TranscriptWriter
from simulator import session
from simulator.autoplay import ideal_moves, mistake_moves
from simulator.engine import CallState, Choice, Move, Say
from simulator.frontend.headless import HeadlessFrontend
from simulator.scenario import find_scenario
from simulator.session import default_transcript_path, play_session
from tests.faults import FullDisk


def test_ideal_session_grades_and_advises_a_harder_call(tmp_path: Path) -> None:
    scenario = find_scenario("wrong-size-planter")
    front = HeadlessFrontend(ideal_moves(scenario))
    summary = play_session(scenario, front, seed=2, transcript=tmp_path / "call.txt")
    assert front.summary == summary
    assert summary.scorecard.score == 100.0
    assert "harder" in summary.advice[0]
    assert read_transcript(summary.transcript_path).headers["scenario"] == scenario.id


def test_mistakes_lead_to_advice_naming_a_scenario(tmp_path: Path) -> None:
    scenario = find_scenario("wrong-size-planter")
    moves = mistake_moves(scenario, 7, 0)  # a hold over three minutes
    summary = play_session(scenario, HeadlessFrontend(moves), transcript=tmp_path / "c.txt")
    assert summary.scorecard.results["hold.max_segment"].result == "fail"
    assert any("callsim play" in tip and "Holds" in tip for tip in summary.advice)


def test_a_quitting_trainee_still_leaves_a_graded_transcript(tmp_path: Path) -> None:
    scenario = find_scenario("refuses-hold")
    front = HeadlessFrontend([Say("Hello?")])  # then nothing: the front-end quits
    summary = play_session(scenario, front, transcript=tmp_path / "q.txt")
    t = read_transcript(summary.transcript_path)
    assert t.lines[-1].name == "hangup"  # type: ignore[union-attr]
    assert summary.scorecard is not None


def test_policy_override_is_written_to_the_transcript(tmp_path: Path) -> None:
    scenario = find_scenario("wrong-number-advisor")
    summary = play_session(
        scenario,
        HeadlessFrontend(ideal_moves(scenario)),
        transcript=tmp_path / "p.txt",
        policy="advisorycloud",
    )
    assert read_transcript(summary.transcript_path).policy == "advisorycloud"


@pytest.mark.skipif(sys.platform != "linux", reason="XDG_DATA_HOME is the Linux data dir")
def test_default_transcripts_go_to_the_user_data_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    path = default_transcript_path(find_scenario(None), 4)
    assert path.is_relative_to(tmp_path / "callsim" / "transcripts")
    assert path.name.endswith("-wrong-size-planter-seed4.txt")


class _Peeking(HeadlessFrontend):
    """Reads the transcript file before each move: what a crash at that moment would leave."""

    def __init__(self, moves: list[Move], path: Path) -> None:
        super().__init__(moves)
        self.path = path
        self.seen: list[int] = []

    def next_move(self, state: CallState, choices: Sequence[Choice]) -> Move | None:
        self.seen.append(len(read_transcript(self.path).lines))
        return super().next_move(state, choices)


def test_the_transcript_on_disk_is_complete_after_every_move(tmp_path: Path) -> None:
    scenario = find_scenario("irate-double-charge")
    path = tmp_path / "live.txt"
    front = _Peeking(ideal_moves(scenario), path)
    play_session(scenario, front, transcript=path)
    final = len(read_transcript(path).lines)
    assert front.seen[0] == 0
    assert front.seen == sorted(front.seen)
    assert front.seen[-1] < final
    assert len(set(front.seen)) > 10


def test_an_existing_transcript_is_refused_not_overwritten(tmp_path: Path) -> None:
    scenario = find_scenario("wrong-size-planter")
    path = tmp_path / "mine.txt"
    path.write_text("an earlier call\n", encoding="utf-8")
    with pytest.raises(TranscriptWriteError, match="already exists"):
        play_session(scenario, HeadlessFrontend(ideal_moves(scenario)), transcript=path)
    assert path.read_text(encoding="utf-8") == "an earlier call\n"


def test_default_names_never_collide(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    scenario = find_scenario("wrong-size-planter")
    same = tmp_path / "20261207-000000-wrong-size-planter-seed0.txt"
    monkeypatch.setattr(session, "default_transcript_path", lambda s, seed: same)
    paths = [
        play_session(scenario, HeadlessFrontend(ideal_moves(scenario))).transcript_path
        for _ in range(3)
    ]
    assert [Path(p).name for p in paths] == [
        same.name,
        same.name.replace(".txt", "-2.txt"),
        same.name.replace(".txt", "-3.txt"),
    ]


def test_a_full_disk_mid_call_ends_it_and_keeps_the_lines_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scenario = find_scenario("wrong-size-planter")
    disk = functools.partial(TranscriptWriter, write=FullDisk(1000))
    monkeypatch.setattr(session, "TranscriptWriter", disk)
    front = HeadlessFrontend(ideal_moves(scenario))
    summary = play_session(scenario, front, transcript=tmp_path / "full.txt")
    assert summary.scorecard is None
    assert "No space left on device" in summary.error
    assert "the call was ended" in summary.error
    assert front.summary == summary
    data = (tmp_path / "full.txt").read_bytes()
    assert 500 < len(data) <= 1000
    assert data.endswith(b"\n")  # no half-written line
    kept = read_transcript(tmp_path / "full.txt").lines
    assert f"first {len(kept)} lines are kept" in summary.error


class _CtrlC(HeadlessFrontend):
    """A trainee who presses Ctrl-C at the `at`-th move."""

    def __init__(self, moves: list[Move], at: int) -> None:
        super().__init__(moves)
        self.at = at

    def next_move(self, state: CallState, choices: Sequence[Choice]) -> Move | None:
        self.at -= 1
        if self.at == 0:
            raise KeyboardInterrupt
        return super().next_move(state, choices)


def test_ctrl_c_is_recorded_as_the_call_interrupted_not_a_hang_up(tmp_path: Path) -> None:
    scenario = find_scenario("wrong-size-planter")
    front = _CtrlC(ideal_moves(scenario), at=4)
    with pytest.raises(KeyboardInterrupt):
        play_session(scenario, front, transcript=tmp_path / "cut.txt")
    t = read_transcript(tmp_path / "cut.txt")
    assert [e.name for e in t.events()][-1] == session.INTERRUPTED_EVENT
    assert not list(t.events("hangup"))
    assert front.summary is not None
    assert front.summary.scorecard is None
    assert "interrupted" in front.summary.error


def test_a_policy_file_is_named_in_the_header_never_its_path(tmp_path: Path) -> None:
    pack = tmp_path / "strict.yaml"
    pack.write_text("name: strict\nextends: default\nparams:\n  hold_checkin_s: 90\n")
    scenario = find_scenario("wrong-size-planter")
    front = HeadlessFrontend(ideal_moves(scenario))
    summary = play_session(scenario, front, transcript=tmp_path / "c.txt", policy=str(pack))
    assert read_transcript(summary.transcript_path).headers["policy"] == "strict"
    assert summary.scorecard is not None


def test_a_call_with_no_words_is_not_scored(tmp_path: Path) -> None:
    scenario = find_scenario("wrong-size-planter")
    summary = play_session(scenario, HeadlessFrontend([]), transcript=tmp_path / "e.txt")
    assert summary.scorecard is None
    assert summary.error.startswith("nothing to grade")


def test_a_superscript_wait_in_a_live_call_is_a_message_not_a_crash(tmp_path: Path) -> None:
    import io

    from simulator.frontend.terminal import TerminalFrontend

    scenario = find_scenario("wrong-size-planter")
    out = io.StringIO()
    typed = io.StringIO("/wait \u00b2\n\u2215hold\n/hangup\n")
    front = TerminalFrontend(stdin=typed, stdout=out, show_choices=False)
    summary = play_session(scenario, front, transcript=tmp_path / "w.txt")
    shown = out.getvalue()
    assert "usage: /wait SECONDS (1 to 3600)" in shown
    assert "U+2215 DIVISION SLASH, not '/': write /hold" in shown
    assert [e.name for e in read_transcript(summary.transcript_path).events()] == ["hangup"]
