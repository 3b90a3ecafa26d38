"""The terminal desk: /directory, /transfer without an extension, Tab completion (readline),
and cards worded as what the agent says or does (no labels, no /commands)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pexpect
import pytest

from simulator.frontend.terminal import completions
from simulator.scenario import find_scenario

CALLSIM = str(Path(sys.executable).with_name("callsim"))


class Person:
    def __init__(self, name: str, dept: str, ext: str) -> None:
        self.name, self.dept, self.ext = name, dept, ext


DIRECTORY = [Person("Dave Ortiz", "Warehouse", "4410"), Person("Ana Lee", "HR", "4420")]


def test_completions_of_commands_and_extensions() -> None:
    assert completions("/tra") == ["/transfer "]
    assert "/directory " in completions("/d")
    assert completions("/transfer ", DIRECTORY) == ["4410", "4420"]
    assert completions("/consult 442", DIRECTORY) == ["4420"]
    assert completions("/lookup o") == ["order"]
    assert completions("hello th") == []  # own words are not completed


def _spawn(tmp_path: Path, scenario: str) -> pexpect.spawn:
    return pexpect.spawn(
        CALLSIM,
        ["play", scenario, "--ui", "terminal", "--transcript", str(tmp_path / "t.txt")],
        env={**os.environ, "COLUMNS": "100", "TERM": "xterm"},
        encoding="utf-8",
        timeout=20,
    )


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pty")
def test_directory_transfer_without_extension_and_tab(tmp_path: Path) -> None:
    scenario = find_scenario("family-emergency-transfer")
    person = scenario.directory[0]
    child = _spawn(tmp_path, scenario.id)
    child.expect("> ")
    child.sendline("/directory")
    child.expect(f"{person.ext}  {person.name}")
    child.expect("> ")
    child.sendline("/transfer")
    child.expect("needs an extension")
    child.expect(f"{person.ext}  {person.name}")
    child.expect("> ")
    child.send("/dir\t")  # Tab completes the command
    child.send("\r")
    child.expect("Company directory")
    child.expect("> ")
    child.sendline("/quit")
    child.expect(pexpect.EOF)
    child.close()


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pty")
def test_cards_show_no_labels_or_commands(tmp_path: Path) -> None:
    scenario = find_scenario("wrong-size-planter")
    labels = [m.label for step in scenario.script for m in step.mistakes if m.label]
    child = _spawn(tmp_path, scenario.id)
    child.expect("> ")
    child.sendline("/choices")
    child.expect("> ")
    shown = child.before
    assert "  1. " in shown
    for line in shown.splitlines():
        body = line.strip()
        if body[:2] in {f"{n}." for n in range(1, 10)}:
            assert not body[3:].startswith(("/", "(")), body
            assert body[3:] not in labels
    child.sendline("/quit")
    child.expect(pexpect.EOF)
    child.close()


def test_review_mode_marks_the_cards_and_plain_mode_does_not() -> None:
    import io

    from simulator.engine import CallEngine, ChoicesOffered
    from simulator.frontend.terminal import TerminalFrontend

    scenario = find_scenario("wrong-size-planter")
    choices = CallEngine(scenario, seed=1).choices
    labels = [c.label for c in choices]
    for review in (False, True):
        out = io.StringIO()
        TerminalFrontend(stdout=out, review=review, directory=scenario.directory).show(
            [ChoicesOffered(tuple(choices))]
        )
        text = out.getvalue()
        assert ("[ideal]" in text) is review
        assert ("[mistake:" in text) is review
        if not review:
            for label in labels:
                if label.startswith("("):
                    assert label not in text


def test_a_picked_mistake_is_explained_after_the_call(tmp_path: Path) -> None:
    import io

    from simulator.autoplay import mistake_moves
    from simulator.engine import CallEngine
    from simulator.frontend.terminal import TerminalFrontend
    from simulator.session import play_session

    scenario = find_scenario("wrong-size-planter")
    wrong = mistake_moves(scenario, 0, 0)[0]
    key = next(c.key for c in CallEngine(scenario, seed=1).choices if c.move == wrong)
    out = io.StringIO()
    front = TerminalFrontend(stdin=io.StringIO(f"{key}\n/quit\n"), stdout=out, scenario=scenario)
    play_session(scenario, front, seed=1, transcript=tmp_path / "t.txt")
    shown = out.getvalue()
    assert "Responses to rethink:" in shown
    assert scenario.script[0].mistakes[0].why in shown
    assert "wrap-up>" not in shown  # /quit goes straight to the scorecard
