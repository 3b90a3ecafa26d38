"""Every worked example in the phrasing files is recognised, every counter-example is not."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from scoring.acts import (
    PHRASING_DIR,
    SPEAKERS,
    ActRule,
    PhrasingError,
    load_rules,
    recognise,
    rules_for,
)
from scoring.normalise import normalise
from scoring.safeyaml import load_file

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


def _load(tmp_path: Path, body: str) -> tuple[ActRule, ...]:
    path = tmp_path / "acts.yaml"
    path.write_text(body, encoding="utf-8")
    return load_rules(path)


def _matches(rule: ActRule, text: str) -> bool:
    return rule.matches(" " + normalise(text))


def test_requires_is_an_and_condition(tmp_path: Path) -> None:
    (rule,) = _load(
        tmp_path,
        'acts:\n  r:\n    requires: ["hold|moment"]\n    patterns: ["while i check"]\n'
        '    examples: ["x"]\n',
    )
    assert _matches(rule, "Can you hold while I check?")
    assert not _matches(rule, "I'll call you while I check.")


def test_implies_adds_the_contained_act(tmp_path: Path) -> None:
    rules = _load(
        tmp_path,
        'acts:\n  big:\n    implies: [small]\n    patterns: ["leave it with me"]\n'
        '  small:\n    patterns: ["i will help"]\n',
    )
    assert rules[0].implies == ("small",)


def test_implies_an_unknown_act_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(PhrasingError, match="implies unknown act"):
        _load(tmp_path, 'acts:\n  big:\n    implies: [nope]\n    patterns: ["x"]\n')


def test_line_start_and_word_boundaries(tmp_path: Path) -> None:
    (rule,) = _load(tmp_path, 'acts:\n  r:\n    patterns: ["^sorry", "call you"]\n')
    assert _matches(rule, "Sorry about that.")
    assert not _matches(rule, "I'm sorry.")  # "^" is the line start
    assert _matches(rule, "I'll call you.")
    assert not _matches(rule, "recall your order")  # patterns start at a word start


def test_shipped_implied_acts() -> None:
    assert "commit_help" in recognise("Leave it with me, I'll get back to you.", "agent")
    assert "offer_message" in recognise(
        "Would you like his voicemail, or shall I take a message?", "agent"
    )


_TRAILING_LOOKAROUND = re.compile(r"\(\?<?[!=][^()]*\)$")


def test_no_pattern_ends_in_a_space() -> None:
    """A pattern ending in a space can never match: a word character must follow it."""
    for speaker in SPEAKERS:
        data = load_file(PHRASING_DIR / f"{speaker}.yaml")
        for name, spec in data["acts"].items():
            for key in ("patterns", "unless", "requires"):
                for pat in spec.get(key) or ():
                    end = str(pat)
                    while (cut := _TRAILING_LOOKAROUND.sub("", end)) != end:
                        end = cut
                    assert not end.endswith(" "), f"{speaker}.{name} {key}: {pat!r}"
