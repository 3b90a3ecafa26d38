"""The cue words of the caller's facts (simulator/engine/data/topics.yaml): every example
finds its topic, no counter-example does, and only question sentences are searched."""

from __future__ import annotations

import pytest
import yaml

from simulator.engine.topics import (
    TOPICS_FILE,
    TopicFinder,
    actions_in,
    outcomes_in,
    topic_of,
    values_in,
)
from simulator.scenario.model import Fact

DATA = yaml.safe_load(TOPICS_FILE.read_text(encoding="utf-8"))
EXAMPLES = [(n, ex, True) for n, e in DATA["topics"].items() for ex in e["examples"]]
EXAMPLES += [(n, ex, False) for n, e in DATA["topics"].items() for ex in e["not"]]


@pytest.mark.parametrize(("topic", "text", "expected"), EXAMPLES)
def test_topic_examples(topic: str, text: str, expected: bool) -> None:
    assert (topic_of(text) == topic) == expected, f"{text!r}: {topic_of(text)}"


def test_only_the_question_sentences_are_searched() -> None:
    finder = TopicFinder((Fact("colour", (), ("Navy.",)),))
    assert finder.find("I'll note the colour. Anything else?") is None
    assert finder.find("Got it. What colour was it?") is not None
    assert finder.find("The colour is navy.") is None


def test_a_scenario_fact_may_bring_its_own_cues() -> None:
    finder = TopicFinder((Fact("dock_door", ("loading bay",), ("Door seven.",)),))
    found = finder.find("Which loading bay are you at?")
    assert found is not None
    assert found.topic == "dock_door"


def test_outcomes_named_in_an_offer() -> None:
    assert outcomes_in("Would you like a refund instead?") == {"refund"}
    # a caller who wants the item they ordered wants it sent: a replacement, not a refund
    assert outcomes_in("get the brown boots I ordered") == {"replacement"}
    assert outcomes_in("find out when my garden beds are actually coming") == frozenset()


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("pay invoice 20931 by card today", {"pay"}),
        ("reach my husband Dave right now", {"reach"}),
        ("so you want to leave a message for dave?", {"message"}),
        ("so you're disputing the late fee?", {"dispute"}),
        ("move my IRA appointment with Mr. Cloud to next week", {"schedule"}),
        # a payment named is not a payment made
        ("get the extra auto loan payment put back in my account", set()),
        ("get the second stop-payment fee taken off my statement", set()),
    ],
)
def test_errands_named_in_a_read_back(text: str, kinds: set[str]) -> None:
    assert actions_in(text) == kinds


@pytest.mark.parametrize(
    ("text", "trails_off"),
    [
        ("yeah so the brisa boots um", True),
        ("and the soles are, uh", True),
        ("they are waterproof", False),
        ("the boots are fine so", True),
        ("yes they can", False),
    ],
)
def test_a_line_that_trails_off_answers_nothing(text: str, trails_off: bool) -> None:
    from simulator.engine.topics import unfinished

    assert unfinished(text) is trails_off


@pytest.mark.parametrize(
    ("text", "yes_asked"),
    [
        ("is that everything?", True),
        ("Is that all for today?", True),
        ("anything else?", False),
        ("was that it then", True),
        ("is there anything else", False),
    ],
)
def test_is_that_all_asks_for_a_yes(text: str, yes_asked: bool) -> None:
    from simulator.engine.topics import asks_is_that_all

    assert asks_is_that_all(text) is yes_asked


# ----- the question in words no cue knows (FactByWords) ------------------------------------
_FAMILY = (
    Fact("hospital", ("hospital",), ("St. Vincent's, downtown. She fell this morning.",)),
    Fact("problem", (), ("His mother fell, and they took her to St. Vincent's.",)),
    Fact("previous_contact", (), ("I emailed Daniel on Monday, and I haven't heard back.",)),
    Fact("extension", (), ("I don't know his extension. I've only ever emailed him.",)),
    Fact("old_firm", (), ("Halvorsen Partners. I left them in August.",)),
    Fact("profile", (), ("It still lists my old firm. I'm with Voss Consulting now.",)),
    Fact("driver", (), ("Marty Kowal, truck 212.",)),
    Fact("company", (), ("Ridgeline Freight, out of Columbus.",)),
)


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        # an irregular form counts as its base word; "when" picks the fact that says a time
        ("when did she fall", "hospital"),
        # two facts say "emailed": the one with a day answers "when"
        ("when did you email him", "previous_contact"),
        # the fact's own name counts half again: the trucking company, not the truck
        ("whats the trucking company", "company"),
        # a fact named for the opposite of what is asked is no answer
        ("whats the new firm called", "profile"),
        ("what was the old firm", "old_firm"),
        # a tie with nothing to choose by is no answer
        ("why did she fall", None),
        ("what colour is the sky", None),
    ],
)
def test_fact_by_words(question: str, topic: str | None) -> None:
    from simulator.engine.topics import FactByWords

    found = FactByWords(_FAMILY).find(question)
    assert (found.topic if found else None) == topic


def test_a_yes_or_no_question_takes_the_first_of_a_tie() -> None:
    from simulator.engine.topics import FactByWords

    facts = (
        Fact("document", (), ("A signed certificate of conformance.",)),
        Fact("format", (), ("A PDF is fine, as long as it's signed.",)),
    )
    found = FactByWords(facts).find("do you need it signed")
    assert found is not None
    assert found.topic == "document"
    assert FactByWords(facts).find("could it be signed") is None  # a request, not yes-or-no


def test_overlapping_cues_the_longer_decides() -> None:
    assert topic_of("which department sent you here") == "previous_contact"
    assert topic_of("which department do you need") == "department"


@pytest.mark.parametrize(
    ("text", "is_request"),
    [
        ("could you send us a photo of the planter", True),
        ("can you check the label for me?", True),
        ("so would you mind emailing it over", True),
        ("would you mind email it over", True),
        ("can you please call us back tomorrow, the system is down", True),
        ("can you tell me the order number?", False),
        ("could you hold for a moment?", False),
        ("did you send it?", False),
    ],
)
def test_a_request_of_the_caller(text: str, is_request: bool) -> None:
    from simulator.engine.topics import asks_caller_to_act

    assert asks_caller_to_act(text) is is_request


@pytest.mark.parametrize(
    ("text", "kind", "values"),
    [
        ("so the bill came to $1,240?", "number", {"1240"}),
        ("so it's a four-foot teak bench?", "number", {"4"}),
        ("so it's a four-foot teak bench?", "material", {"teak"}),
        ("so before ten tomorrow morning, right?", "time", {"tomorrow", "morning"}),
        ("so the black ones?", "colour", {"black"}),
    ],
)
def test_values_a_read_back_says(text: str, kind: str, values: set[str]) -> None:
    assert values_in(text)[kind] == values


def test_the_wrong_one_is_no_number() -> None:
    assert "number" not in values_in("it's the wrong one, the black ones")


def test_a_question_word_cue_is_heard_with_other_words_between() -> None:
    """ "why is the invoice so late?" asks the cue "why so late"; a cue of another question
    word, or a fact named for the opposite, is no answer."""
    from simulator.engine.topics import FactByWords

    facts = (
        Fact("price", ("how much",), ("$960, with the late fee.",)),
        Fact("problem", ("why so late", "why is it late"), ("It got stuck with our bookkeeper.",)),
        Fact("plant", ("what do you need it for",), ("A Meyer lemon tree.",)),
    )
    finder = FactByWords(facts)
    assert finder.find("why is the invoice so late?").topic == "problem"  # type: ignore[union-attr]
    assert finder.find("what do you need the planter for?").topic == "plant"  # type: ignore[union-attr]
    assert finder.find("how late is the fee?").topic == "price"  # type: ignore[union-attr]


def test_a_where_question_is_answered_by_a_place_not_a_name_it_shares_a_word_with() -> None:
    from simulator.engine.topics import FactByWords

    facts = (
        Fact("driver", (), ("Marty Kowal, truck 212.",)),
        Fact("location", (), ("He's coming up I-71 from Cincinnati, about 40 minutes out.",)),
    )
    found = FactByWords(facts).find("where is the driver now?")
    assert found is not None
    assert found.topic == "location"
    found = FactByWords(facts).find("who is the driver?")
    assert found is not None
    assert found.topic == "driver"
