"""A whole session with the headless front-end: streamed transcript, grade, advice."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

from scoring.reader import read_transcript
from simulator.autoplay import ideal_moves, mistake_moves
from simulator.engine import CallState, Choice, Move, Say
from simulator.frontend.headless import HeadlessFrontend
from simulator.scenario import find_scenario
from simulator.session import default_transcript_path, play_session


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
