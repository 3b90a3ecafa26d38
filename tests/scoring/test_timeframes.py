"""Time frames said as a day or a period with a preposition (gaps9, issue 17).

The caller engine and the grader both read "by end of week" or "first thing Monday" as a
promise of when; the hours are how far ahead the period reaches (scoring/extract.py)."""

from __future__ import annotations

import pytest

from scoring.extract import has_timeframe, timeframe_hours


@pytest.mark.parametrize(
    ("line", "hours"),
    [
        ("You'll have it by end of week.", 96),
        ("She'll ring you by the end of the week.", 96),
        ("It'll be with you by the weekend.", 120),
        ("I'll have the quote to you end of play Friday.", 96),
        ("The engineer will call first thing Monday.", 96),
        ("We'll confirm by close of business.", 8),
        ("You'll hear by close of play.", 8),
        ("Expect the refund before the end of the month.", 720),
        ("He'll get back to you first thing in the morning.", 24),
        ("The pack goes out by the 14th.", 720),
        ("Your new card arrives by the twelfth of March.", 720),
        ("We'll sort it over the weekend.", 120),
        ("She'll call you at the weekend.", 120),
        ("She'll call you back this weekend.", 120),
        ("The results should be back by the end of the afternoon.", 8),
        ("Statements go out by Christmas.", 720),
        ("We'll let you know by email in a couple weeks.", 336),
        ("It can take a few weeks to come through.", 336),
    ],
)
def test_period_with_preposition_is_a_time_frame(line: str, hours: float) -> None:
    assert timeframe_hours(line) == hours


@pytest.mark.parametrize(
    "line",
    [
        "At the end of the day it's your call.",
        "He's gone for the day, I'm afraid.",
        "At first I thought it was the fuse.",
        "Give me a second.",
        "I was on the phone to them.",
        "We opened in May.",
        "It broke on the day of the party.",
        "This year's invoice is for a full plot.",
        "May I take your name?",
    ],
)
def test_no_period_no_time_frame(line: str) -> None:
    assert not has_timeframe(line)
