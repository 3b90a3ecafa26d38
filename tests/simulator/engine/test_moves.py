from __future__ import annotations

import pytest

from simulator.engine import (
    Consult,
    Email,
    HangUp,
    Hold,
    Lookup,
    MoveError,
    Note,
    Notify,
    Say,
    Ticket,
    Transfer,
    Wait,
    format_move,
    help_text,
    parse_move,
)


@pytest.mark.parametrize(
    ("text", "move"),
    [
        ("Hello there", Say("Hello there")),
        ("/hold", Hold()),
        ("/HANGUP", HangUp()),
        ("/transfer 4410", Transfer("4410")),
        ("/consult 4410", Consult("4410")),
        ("/lookup", Lookup("history")),
        ("/lookup order", Lookup("order")),
        ("/note called about a fee", Note("called about a fee")),
        ("/ticket", Ticket("")),
        ("/ticket CU-1", Ticket("CU-1")),
        ("/email", Email()),
        ("/notify manager", Notify("manager")),
        ("/wait 90", Wait(90)),
    ],
)
def test_parse_and_format_round_trip(text: str, move: object) -> None:
    assert parse_move(text) == move
    assert parse_move(format_move(parse_move(text))) == move


@pytest.mark.parametrize(
    "text",
    [
        "/teleport",
        "/transfer",
        "/transfer 1 2",
        "/lookup shoes",
        "/note",
        "/wait x",
        "/wait 0",
        "/notify ceo",
    ],
)
def test_bad_commands_say_how_to_write_them(text: str) -> None:
    with pytest.raises(MoveError):
        parse_move(text)


def test_help_lists_every_phone_command() -> None:
    text = help_text()
    for cmd in ("/hold", "/resume", "/transfer EXT", "/consult EXT", "/note TEXT", "/hangup"):
        assert cmd in text
