"""Play the terminal front-end for real, in a pseudo-terminal, from ring to scorecard."""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

import pexpect
import pytest

from scoring.reader import read_transcript
from simulator.autoplay import ideal_moves
from simulator.engine import CallEngine, format_move
from simulator.scenario import find_scenario

CALLSIM = str(Path(sys.executable).with_name("callsim"))

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pty")


def test_play_a_whole_call_in_the_terminal(tmp_path: Path) -> None:
    scenario = find_scenario("wrong-size-planter")
    seed = 5
    first_choice = next(c for c in CallEngine(scenario, seed=seed).choices if c.ideal)
    moves = [format_move(m) for m in ideal_moves(scenario)]
    out = tmp_path / "call.txt"
    child = pexpect.spawn(
        CALLSIM,
        [
            "play",
            "wrong-size-planter",
            "--ui",
            "terminal",
            "--seed",
            str(seed),
            "--transcript",
            str(out),
            "--speed",
            "60",
        ],
        env={**os.environ, "COLUMNS": "100", "TERM": "dumb"},
        encoding="utf-8",
        timeout=20,
    )
    with (tmp_path / "screen.log").open("w") as screen:
        child.logfile_read = screen
        _play(child, first_choice.key, moves, out)
    assert child.exitstatus in (0, 1)
    t = read_transcript(out)
    assert [e.name for e in t.events()][-2:] == ["hangup", "note"]
    assert any(e.name == "hold" for e in t.events())


def _play(child: pexpect.spawn, first_key: str, moves: list[str], out: Path) -> None:
    child.expect("Incoming call")
    child.expect("> ")
    child.sendline("/help")
    child.expect("/transfer EXT")
    child.expect("> ")
    child.sendline(first_key)  # a numbered response
    child.expect("CALLER: [^\n]*Whitford")
    for move in moves[1:]:
        if move.startswith("/wait"):
            child.expect(r"ON HOLD 0[1-9]:")  # the hold timer runs (x60)
            continue
        if move != "/resume":
            child.expect("> ")
        child.sendline(move)
    child.expect("Call ended")
    child.expect("wrap-up> ")  # after-call work: a note after the caller has gone
    child.sendline("/note Wrapped up after the call.")
    child.expect("wrap-up> ")
    child.sendline("")  # the scorecard
    child.expect("close.thank|Closing|closing")  # the scorecard
    child.expect("Transcript: " + str(out))
    child.expect("Practise next:")
    child.expect(pexpect.EOF)
    child.close()


def test_ctrl_c_leaves_a_transcript_the_grader_reads(tmp_path: Path) -> None:
    out = tmp_path / "cut.txt"
    # a runner that starts jobs in the background ignores SIGINT, and children inherit that:
    # give the call the default a person's terminal has
    child = pexpect.spawn(
        CALLSIM,
        ["play", "--transcript", str(out)],
        encoding="utf-8",
        timeout=20,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    child.expect("> ")
    child.sendline("Thank you for calling Fernwood Garden Supply, this is Carla.")
    child.expect("CALLER:")
    child.expect("> ")
    child.sendintr()
    child.expect(pexpect.EOF)
    child.close()
    t = read_transcript(out)
    assert t.lines[0].text.startswith("Thank you for calling")  # type: ignore[union-attr]
    # issue 18: Ctrl-C is the call interrupted, not the agent hanging up
    assert t.lines[-1].name == "call_interrupted"  # type: ignore[union-attr]
    assert not list(t.events("hangup"))
