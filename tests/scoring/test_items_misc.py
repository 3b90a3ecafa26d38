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


def test_they_for_a_one_word_firm_named_at_a_sentence_start_is_fine() -> None:
    call = (
        "[00:00] AGENT: Thank you for calling Acme Energy, this is Dana.\n"
        "[00:03] CALLER: I'm leaving Voltco and they want a fee.\n"
        "[00:05] AGENT: Welcome. Voltco may charge an exit fee.\n"
        "[00:08] CALLER: Will you cover it?\n"
        "[00:10] AGENT: Yes, just send us their final bill.\n"
    )
    assert _result(call, "soft.we_not_they") == "pass"


def test_a_capitalised_word_that_is_not_a_name_elsewhere_is_no_firm() -> None:
    call = (
        "[00:00] AGENT: Thank you for calling Acme Energy, this is Dana.\n"
        "[00:03] CALLER: Where is my refund?\n"
        "[00:05] AGENT: Honestly, they always take weeks over it.\n"
    )
    assert _result(call, "soft.we_not_they") == "fail"


_TRANSFER_41 = (
    "# context: order\n"
    "[00:00] AGENT: Thank you for calling Acme, this is Dana.\n"
    "[00:03] CALLER: My bill went up by forty-one dollars. Account 5 5 1 2 0.\n"
    "[00:06] AGENT: I'll put you through to Ann Lee in billing{ext}.\n"
    "[00:09] CALLER: Okay.\n"
    '[00:10] * transfer ext=41 to="Ann Lee"\n'
)


def test_an_extension_read_in_tens_is_announced() -> None:
    call = _TRANSFER_41.format(ext=", extension forty-one")
    assert _result(call, "xfer.announce") == "pass"


def test_the_same_number_as_an_amount_is_no_extension() -> None:
    assert _result(_TRANSFER_41.format(ext=""), "xfer.announce") == "fail"


_PRODUCT = (
    "# context: product_question\n"
    "[00:00] AGENT: Thank you for calling Acme, this is Dana.\n"
    "[00:03] CALLER: Do your boots come in wide? Text me on 07700 900765.\n"
    "[00:06] AGENT: I'll find out and text you. {line}\n"
)


def test_a_colleagues_mobile_is_an_internal_contact() -> None:
    call = _PRODUCT.format(line="Or try Sam's mobile, 07700 900123.")
    assert _result(call, "xfer.no_internal_contacts") == "fail"


def test_the_callers_own_mobile_read_back_is_not() -> None:
    call = _PRODUCT.format(line="I'll text your mobile, 07700 900765.")
    assert _result(call, "xfer.no_internal_contacts") == "pass"
