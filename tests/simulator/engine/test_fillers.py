"""A trainee's hesitations are not words the caller answers (player5's class B)."""

from __future__ import annotations

import pytest

from scoring.normalise import normalise
from simulator.engine.topics import plain_words
from simulator.engine.understand import _restarted, without_fillers


@pytest.mark.parametrize(
    ("said", "heard"),
    [
        ("um so like basically which like car is the loan on", "so which car is the loan on"),
        ("um so like basically what uh what bench was it", "so what bench was it"),
        (
            "ok so like um basically which uh which hospital did you say",
            "ok so which hospital did you say",
        ),
        ("so, like, what happened?", "so, what happened?"),
        ("Hmm, let me check", "let me check"),
    ],
)
def test_hesitations_and_fillers_go(said: str, heard: str) -> None:
    assert without_fillers(said) == heard


@pytest.mark.parametrize(
    "said",
    [
        "I would like a refund",
        "Would you like me to transfer you?",
        "what is it like",
        "looks like it shipped",
        "just like that",
        "Umar is here",
        "Errol called about the order",
        "that that is right",
    ],
)
def test_like_as_a_word_and_names_stay(said: str) -> None:
    assert without_fillers(said) == said


@pytest.mark.parametrize(
    ("said", "heard"),
    [
        ("kindly do the needful and share your email id", "can you give me your email address"),
        (
            "no worries, just pop you on hold for a tick",
            "no worries let me just put you on hold for a moment",
        ),
        ("my supervisor will give you a bell", "my supervisor will call you"),
        ("i'll ring you back within the fortnight", "i will call you back within two weeks"),
        ("hello? are you their?", "hello are you there"),
    ],
)
def test_idioms_and_homophones_heard_plainly(said: str, heard: str) -> None:
    # compared in normal form: where the idiom is typed as the data writes it, the line
    # keeps its own capitals and commas ("xfer to AR" -> "transfer to AR")
    assert normalise(plain_words(said)).rstrip("?") == heard


def test_an_idiom_keeps_the_line_as_typed_around_it() -> None:
    assert plain_words("xfer to AR, thanks?") == "transfer to AR, thanks?"


def test_a_line_with_no_idiom_is_left_as_said() -> None:
    assert plain_words("The bell on the door rang, I'll share the news.") == (
        "The bell on the door rang, I'll share the news."
    )


@pytest.mark.parametrize(
    ("said", "heard"),
    [
        ("amt?", "how much is it?"),
        ("email?", "what is your email address?"),
        ("acct?", "what is your account number?"),
    ],
)
def test_a_clipped_whole_line_is_the_question_it_stands_for(said: str, heard: str) -> None:
    assert plain_words(said) == heard


def test_a_clipped_word_inside_a_line_stays() -> None:
    assert plain_words("I'll email you the form.") == "I'll email you the form."


@pytest.mark.parametrize(
    ("said", "heard"),
    [
        ("so the, the, sorry, how much do you, what is the balance?", "what is the balance?"),
        ("so you, I mean the, was it checking or savings?", "was it checking or savings?"),
        ("this appointment, when it is?", "this appointment, when it is?"),  # names its topic
    ],
)
def test_a_restarted_question_is_heard_without_its_false_starts(said: str, heard: str) -> None:
    assert _restarted(said) == heard
