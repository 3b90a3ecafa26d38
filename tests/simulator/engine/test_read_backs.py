"""A value read back to the caller is checked against what they know and said (player5's
class A): a wrong number, colour, material or time gets "No." and theirs; a right one, yes."""

from __future__ import annotations

import pytest

from tests.simulator.engine.realism import Case, play

CALLBACK_TIME = (
    "Thank you for calling {brand}, this is {agent}. May I have your name, please?",
    "Thank you, {caller.address}. How can I help you today?",
    "I'm sorry you've been passed around, Mr. Diaz. May I have your member number?",
    "Rather than transfer you again, I'll take a message for Loan Servicing. "
    "What's the best number to reach you?",
    "When is the most convenient time for Loan Servicing to call you?",
)


def _reply(scenario: str, line: str, before: tuple[str, ...] | None = None) -> str:
    return play(Case(scenario, "t", line, "not_generic", before, (), ""), 0).reply


@pytest.mark.parametrize(
    ("scenario", "line", "theirs"),
    [
        ("refuses-hold", "so the bill came to $241?", "214"),
        ("demands-supervisor", "so it's a four-foot teak bench?", "six-foot"),
        ("furious-late-delivery", "so it was two pine garden beds?", "cedar"),
    ],
)
def test_a_wrong_value_is_put_right(scenario: str, line: str, theirs: str) -> None:
    reply = _reply(scenario, line)
    assert reply.startswith("No"), reply
    assert theirs in reply


def test_the_time_they_just_gave_is_checked() -> None:
    assert _reply(
        "already-transferred", "so before ten tomorrow morning, right?", CALLBACK_TIME
    ).startswith("Yes")
    wrong = _reply("already-transferred", "so that's tomorrow afternoon?", CALLBACK_TIME)
    assert wrong.startswith("No")
    assert "morning" in wrong.lower()


def test_an_offer_with_a_time_is_no_read_back() -> None:
    reply = _reply(
        "furious-late-delivery",
        "ok so I can get them out to you tomorrow morning, is that alright?",
    )
    assert not reply.startswith("No, that's not right")


@pytest.mark.parametrize(
    ("scenario", "line", "first"),
    [
        ("refuses-hold", "so the gate isn't locked", ("No",)),  # it's locked, because of the dog
        ("refuses-hold", "so you have called before about this", ("No",)),  # the first time
        ("irate-double-charge", "so you've called before", ("Yes", "That's correct")),
        ("refuses-hold", "so nothing has changed at the house", ("Yes", "That's correct")),
    ],
)
def test_whether_a_thing_is_so_is_checked(scenario: str, line: str, first: tuple[str, ...]) -> None:
    assert _reply(scenario, line).startswith(first)


@pytest.mark.parametrize(
    ("scenario", "line", "theirs"),
    [
        ("carrier-pickup-voicemail", "okay so you are with Redline Freight?", "Ridgeline Freight"),
        ("invoice-settling-transfer", "so Mr. Jensen from Jensen Plumbing?", "Jensen Hardware"),
        ("already-transferred", "and your name was Ray Dias?", "Diaz"),
    ],
)
def test_a_name_read_back_wrong_is_put_right(scenario: str, line: str, theirs: str) -> None:
    reply = _reply(scenario, line)
    assert reply.startswith("No"), reply
    assert theirs in reply


def test_a_name_read_back_right_is_not_questioned() -> None:
    assert not _reply(
        "family-emergency-transfer", "so his mother's at st vincent's, right?"
    ).startswith("No")
