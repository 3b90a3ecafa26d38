"""A learner's question in another language's word order is heard as the standard one."""

import pytest

from simulator.engine.word_order import learner_order


@pytest.mark.parametrize(
    ("said", "heard"),
    [
        ("the certificate, when you need it?", "when do you need the certificate?"),
        ("the driver, where he is now?", "where is the driver now?"),
        ("the invoice, why it is so late?", "why is the invoice so late?"),
        ("the owner, what you want from him?", "what do you want from the owner?"),
        ("the planter, for what you need it?", "what do you need the planter for?"),
        ("since when you have this problem?", "since when do you have this problem?"),
        ("why you are calling today?", "why are you calling today?"),
        ("the refund, when you want it?", "when do you want the refund?"),
        ("how much you paid?", "how much did you paid?"),  # order fixed, the tense left
    ],
)
def test_a_learners_question_is_put_in_standard_order(said: str, heard: str) -> None:
    assert learner_order(said) == heard


@pytest.mark.parametrize(
    "line",
    [
        "when do you need it?",
        "what is your name?",
        "I don't know what you need.",  # not a question: left alone
        "the Tamsin boots, right?",  # a read-back, no question word
        "what's your account number?",
    ],
)
def test_standard_lines_are_left_alone(line: str) -> None:
    assert learner_order(line) == line


@pytest.mark.parametrize(
    ("said", "heard"),
    [
        ("ill reverse the fee", "I will reverse the fee"),
        ("ok ill put you on hold", "ok I will put you on hold"),
        ("sorry, ill check", "sorry, I will check"),
        ("sorry you're ill", "sorry you're ill"),  # not a clause that starts with it
        ("ill health", "I will health"),  # the one false reading left: a line that starts so
    ],
)
def test_ill_without_its_apostrophe_is_i_will_where_a_clause_starts(said: str, heard: str) -> None:
    from simulator.engine.understand import _ILL

    assert _ILL.sub(r"\1I will", said) == heard


@pytest.mark.parametrize(
    ("line", "tagged"),
    [
        ("the audit is friday, isnt it", True),
        ("the planter isnt damaged is it", True),
        ("you walk to work, don't you", True),
        ("how many pallets was it", False),  # a question already, not a tag
        ("here you are", False),
        ("thank you", False),
    ],
)
def test_a_question_tag_makes_a_statement_a_question(line: str, tagged: bool) -> None:
    from simulator.engine.topics import ends_with_tag

    assert ends_with_tag(line) is tagged


@pytest.mark.parametrize(
    ("said", "heard"),
    [
        ("would it be ok if i email it to you", "I can email it to you, is that ok?"),
        ("would you mind if i send a return label", "I can send a return label, is that ok?"),
        ("is it okay if I put you on hold for a moment?", "can I put you on hold for a moment?"),
        ("could i possibly ask for your order number", "can I have your order number?"),
        ("may i ask what the invoice was for", "what was the invoice for?"),
        ("May I ask who is calling?", "who is calling?"),
    ],
)
def test_asking_leave_is_heard_as_the_offer_or_question_inside(said: str, heard: str) -> None:
    assert learner_order(said) == heard


@pytest.mark.parametrize(
    ("offer", "options"),
    [
        (
            "i can exchange them for brown, refund you, or give you a credit, which do you want",
            ("exchange them for brown", "refund you", "give you a credit"),
        ),
        (
            "i can email it, fax it, or mail a paper copy, which one you prefer",
            ("email it", "fax it", "mail a paper copy"),
        ),
        ("would you like a refund or a replacement?", ("a refund", "a replacement")),
        # a preface before a pair is not a list
        (
            "thanks for holding, the large is in stock, would you like it shipped standard or "
            "express?",
            ("shipped standard", "express"),
        ),
    ],
)
def test_the_options_of_a_choice_of_two_or_more(offer: str, options: tuple[str, ...]) -> None:
    from simulator.engine.choices import _options

    assert _options(offer) == options
