"""Every worked example in the phrasing files is recognised, every counter-example is not."""

from __future__ import annotations

import pytest

from scoring.acts import SPEAKERS, recognise, rules_for

CASES = [
    (speaker, rule.name, text, expected)
    for speaker in SPEAKERS
    for rule in rules_for(speaker)
    for texts, expected in ((rule.examples, True), (rule.counter_examples, False))
    for text in texts
]


@pytest.mark.parametrize(("speaker", "act", "text", "expected"), CASES)
def test_phrasing_examples(speaker: str, act: str, text: str, expected: bool) -> None:
    acts = recognise(text, speaker)
    assert (act in acts) == expected, f"{speaker} {text!r}: got {sorted(acts)}"


def test_every_act_has_examples() -> None:
    for speaker in SPEAKERS:
        for rule in rules_for(speaker):
            assert rule.examples, f"{speaker}.{rule.name} has no examples"
