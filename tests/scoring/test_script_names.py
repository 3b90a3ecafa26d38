"""A caller's name in a script the normal form drops (CJK, Hebrew), or of one letter
(gaps12, red team 4): heard as the caller's name, and not heard where it is not said."""

from __future__ import annotations

import pytest

from scoring.call import name_tokens
from scoring.grader import grade
from scoring.policy import load_policy
from scoring.reader import parse_text


def _call(name: str, second: str, third: str) -> str:
    return (
        "# callsim transcript: 1\n# brand: Acme\n# agent: Dana\n"
        f"# caller: {name}\n"
        "[00:00] AGENT: Thank you for calling Acme, this is Dana. May I have your name?\n"
        f"[00:03] CALLER: It's {name}.\n"
        f"[00:05] AGENT: {second}\n"
        "[00:08] CALLER: My card is blocked.\n"
        f"[00:10] AGENT: {third}\n"
        "[00:12] * hangup by=caller\n"
    )


def _uses(text: str) -> str:
    card = grade(parse_text(text), load_policy("default"))
    return card.results["open.use_caller_name"].result


@pytest.mark.parametrize(
    ("name", "first"),
    [("李娜", "李娜"), ("王小明", "王小明"), ("שרה כהן", "שרה"), ("سارة", "سارة"), ("Q", "Q")],
)
def test_a_name_in_any_script_or_of_one_letter_is_heard(name: str, first: str) -> None:
    text = _call(name, f"Thank you, {first}. How can I help?", f"Sorry about that, {first}.")
    assert _uses(text) == "pass"


@pytest.mark.parametrize("name", ["李娜", "שרה כהן", "Q"])
def test_said_once_is_once(name: str) -> None:
    first = name.split()[0]
    text = _call(name, f"Thank you, {first}. How can I help?", "Sorry about that.")
    assert _uses(text) == "fail"


def test_other_words_in_the_same_script_are_not_the_name() -> None:
    # the agent writes other Han characters, never the caller's name
    text = _call("李娜", "谢谢. How can I help?", "Sorry about that, 先生.")
    assert _uses(text) == "fail"


def test_a_one_letter_name_spelled_in_a_reference_is_not_addressing() -> None:
    text = _call("Q", "Thank you. How can I help?", "Your reference is Q, P, four, seven.")
    assert _uses(text) == "fail"


def test_an_initial_before_a_surname_is_still_dropped() -> None:
    assert name_tokens("J. Smith") == ["smith"]
    assert name_tokens("Mr. James Whitford") == ["james", "whitford"]
    assert name_tokens("Q") == ["q"]
