"""Who is playing: given, from the environment, remembered, or asked once."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from simulator.records.identity import Who, remembered, who_is_playing
from simulator.records.names import BadName


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture(autouse=True)
def _no_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CALLSIM_TRAINEE", raising=False)
    monkeypatch.delenv("CALLSIM_TEAM", raising=False)


def test_asked_once_then_remembered(tmp_path: Path) -> None:
    path = tmp_path / "t.json"
    err = io.StringIO()
    who = who_is_playing(None, "Blue", ask=True, stdin=Tty("  Dana   Whitfield \n"), stderr=err,
                         path=path)  # fmt: skip
    assert who == Who("Dana Whitfield", "Blue")
    assert "Your name" in err.getvalue()
    again = who_is_playing(None, None, ask=True, stdin=Tty(""), stderr=io.StringIO(), path=path)
    assert again == Who("Dana Whitfield", "Blue")  # not asked again


def test_a_given_name_wins_and_becomes_the_default(tmp_path: Path) -> None:
    path = tmp_path / "t.json"
    who_is_playing("First", None, ask=False, path=path)
    assert who_is_playing("Second", "Red", ask=False, path=path) == Who("Second", "Red")
    assert remembered(path) == Who("Second", "Red")


def test_no_one_to_ask_means_no_name(tmp_path: Path) -> None:
    assert who_is_playing(None, None, ask=True, stdin=io.StringIO(""), path=tmp_path / "t") is None
    assert who_is_playing(None, None, ask=False, stdin=Tty("X\n"), path=tmp_path / "t") is None


def test_an_empty_answer_is_asked_again(tmp_path: Path) -> None:
    err = io.StringIO()
    who = who_is_playing(None, None, ask=True, stdin=Tty("\x1b\n\nKim\n"), stderr=err,
                         path=tmp_path / "t")  # fmt: skip
    assert who == Who("Kim")
    assert err.getvalue().count("the trainee name is empty") == 2


def test_the_environment_names_the_desk_trainee(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CALLSIM_TRAINEE", "Desk 4")
    monkeypatch.setenv("CALLSIM_TEAM", "Nights")
    assert who_is_playing(None, None, ask=True, path=tmp_path / "t") == Who("Desk 4", "Nights")


def test_a_broken_settings_file_is_no_name(tmp_path: Path) -> None:
    path = tmp_path / "t.json"
    path.write_text("{not json")
    assert remembered(path) is None
    with pytest.raises(BadName):
        who_is_playing("\x00", None, ask=False, path=path)
