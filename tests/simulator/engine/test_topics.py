"""The cue words of the caller's facts (simulator/engine/data/topics.yaml): every example
finds its topic, no counter-example does, and only question sentences are searched."""

from __future__ import annotations

import pytest
import yaml

from simulator.engine.topics import TOPICS_FILE, TopicFinder, outcomes_in, topic_of
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
