"""Hostile scenario files (issue 18): each is one problem with file, line and column."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from simulator.engine.moves import MoveError, Say, Wait, parse_move
from simulator.scenario import scenario_files
from simulator.scenario.library import find_scenario
from simulator.scenario.loader import validate_file
from tests.simulator.scenario.test_loader import GOOD, problems


def test_a_placeholder_with_a_cyrillic_letter_is_named(tmp_path: Path) -> None:
    (p,) = problems(tmp_path, GOOD.replace("this is {agent}", "this is {\u0430gent}"))
    assert p.line == 17
    assert "U+0430 CYRILLIC SMALL LETTER A" in p.message
    assert p.hint == "did you mean 'agent'?"


def test_a_division_slash_command_is_refused(tmp_path: Path) -> None:
    (p,) = problems(tmp_path, GOOD.replace("/transfer 4410", "\u2215transfer 4410"))
    assert (p.line, p.column) == (18, 5)
    assert p.message == "'\u2215' is U+2215 DIVISION SLASH, not '/': write /transfer"


def test_a_superscript_wait_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    (p,) = problems(tmp_path, GOOD.replace("/transfer 4410", "/wait \u00b2"))
    assert "usage: /wait SECONDS" in p.message


def test_a_5000_digit_number_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    (p,) = problems(tmp_path, GOOD.replace("id_number: 12345", "id_number: " + "9" * 5000))
    assert p.line == 7
    assert "5,000 digits" in p.message


@pytest.mark.parametrize(
    ("name", "expected"),
    [("/etc/passwd", "one of advantus"), ("advantis", "did you mean 'advantus'?")],
)
def test_a_policy_is_a_shipped_pack_name(tmp_path: Path, name: str, expected: str) -> None:
    (p,) = problems(tmp_path, GOOD.replace("title: Test", f"title: Test\npolicy: {name}"))
    assert p.line == 2
    assert f"unknown policy pack '{name}'" in p.message
    assert expected in p.hint


def _make_fifo(path: Path) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    os.mkfifo(path)


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (_make_fifo, "is a FIFO (named pipe), not a regular file"),
        (lambda p: p.mkdir(), "is a folder, not a regular file"),
        (lambda p: p.symlink_to(p), "a symlink loop"),
    ],
)
def test_only_regular_files_are_read(
    tmp_path: Path, make: Callable[[Path], None], expected: str
) -> None:
    path = tmp_path / "odd.yaml"
    make(path)
    scenario, (p,) = validate_file(path)
    assert scenario is None
    assert str(p).startswith(f"{path}:1:1: {expected}")
    assert path in scenario_files([str(tmp_path)])  # listed, so it is reported, not skipped


def test_a_missing_scenario_folder_is_a_lookup_error(tmp_path: Path) -> None:
    with pytest.raises(LookupError, match="no such folder"):
        find_scenario("anything", [str(tmp_path / "nope")])


@pytest.mark.parametrize(
    ("text", "move"),
    [("/wait \u0663\u0660", Wait(30)), ("\u2215 is a slash", Say("\u2215 is a slash"))],
)
def test_parse_move_reads_unicode_as_meant(text: str, move: object) -> None:
    assert parse_move(text) == move


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("/wait \u00b2", "usage: /wait"),
        ("/wait \u2460", "usage: /wait"),
        ("/wait " + "9" * 5000, "usage: /wait"),
        ("\uff0fhold", "U+FF0F FULLWIDTH SOLIDUS, not '/': write /hold"),
        ("/h\u043eld", "U+043E CYRILLIC SMALL LETTER O"),
    ],
)
def test_parse_move_refuses_look_alikes_with_a_message(text: str, message: str) -> None:
    with pytest.raises(MoveError, match=re.escape(message)):
        parse_move(text)


def test_problems_show_escapes_literally(tmp_path: Path) -> None:
    path = tmp_path / "x\x1b[2Jy.yaml"
    path.write_text(GOOD.replace("title: Test", 'title: Test\nbrnd: "\\e[31m"'), encoding="utf-8")
    _, (p,) = validate_file(path)
    assert "\x1b" not in str(p)
    assert str(p).startswith(f"{tmp_path}/x\\x1b[2Jy.yaml:2:1: unknown key 'brnd'")
