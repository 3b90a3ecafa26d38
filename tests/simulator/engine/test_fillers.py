"""A trainee's hesitations are not words the caller answers (player5's class B)."""

from __future__ import annotations

import pytest

from simulator.engine.understand import without_fillers


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
