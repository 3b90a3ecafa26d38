"""Small item rules found while wiring the engine: each a real case, pass and fail."""

from __future__ import annotations

from scoring.grader import grade
from scoring.policy import load_policy
from scoring.reader import parse_text


def _result(text: str, item: str) -> str:
    return (
        grade(parse_text("# callsim transcript: 1\n" + text), load_policy("default"))
        .results[item]
        .result
    )


def test_their_for_a_named_other_company_is_fine() -> None:
    call = (
        "# context: wrong_number\n"
        "[00:00] AGENT: Thank you for calling Acme, this is Dana.\n"
        "[00:03] CALLER: I need Bob's Plumbing.\n"
        "[00:05] AGENT: You've reached Acme, not Bob's Plumbing. You'll need their number.\n"
    )
    assert _result(call, "soft.we_not_they") == "pass"


def test_their_for_our_own_team_fails() -> None:
    call = (
        "[00:00] AGENT: Thank you for calling Acme, this is Dana.\n"
        "[00:03] CALLER: Where is my refund?\n"
        "[00:05] AGENT: Our billing team has it; they are always slow, sorry.\n"
    )
    assert _result(call, "soft.we_not_they") == "fail"


def test_no_to_anything_else_is_not_no_to_the_transfer() -> None:
    call = (
        "[00:00] AGENT: Thank you for calling Acme, this is Dana.\n"
        "[00:03] CALLER: Can you put me through to Ann in billing?\n"
        "[00:05] AGENT: I'm putting you through to Ann Lee at extension 4410. Anything else?\n"
        "[00:08] CALLER: No, that's all.\n"
        '[00:09] * transfer ext=4410 to="Ann Lee"\n'
    )
    assert _result(call, "xfer.permission") == "pass"
