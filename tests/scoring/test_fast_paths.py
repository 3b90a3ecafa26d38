"""The grader's hand-tuned hot paths build exactly what the plain code builds (speed only)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scoring.batch import choose_policy
from scoring.grader import Scorecard, grade
from scoring.reader import parse_text, read_transcript
from scoring.transcript import Speech, new_speech

CALLS = Path(__file__).resolve().parent / "calls"


def test_new_speech_is_the_dataclass() -> None:
    made = new_speech(7, 125, "agent", "Thanks for holding.", "CSR")
    plain = Speech(7, 125, "agent", "Thanks for holding.", "CSR")
    assert made == plain
    assert hash(made) == hash(plain)
    assert repr(made) == repr(plain)
    assert type(made) is Speech
    assert made.is_agent
    assert made.label == "CSR"
    with pytest.raises(AttributeError):
        made.text = "changed"  # type: ignore[misc]  # still frozen


@pytest.mark.parametrize(
    ("stamp", "seconds"),
    [
        ("00:00", 0),
        ("7:05", 425),
        ("09:59", 599),
        ("99:59", 5999),
        ("123:04", 7384),
        ("0007:01", 421),
    ],
)
def test_speech_times(stamp: str, seconds: int) -> None:
    t = parse_text(f"# callsim transcript: 1\n\n[{stamp}] AGENT: Hello.\n")
    assert t.lines[0].time == seconds


def _reference_json(card: Scorecard) -> dict[str, Any]:
    """Scorecard.to_json as written before it was tuned."""
    return {
        "file": card.file,
        "policy": card.policy,
        "score": card.score,
        "critical_failures": list(card.critical_failures),
        "items": {
            k: {
                "result": r.check.result,
                "reason": r.check.reason,
                "evidence": [e.to_json() for e in r.check.evidence],
                "source": r.spec.source,
            }
            for k, r in card.results.items()
        },
        **card.meta,
    }


def test_scorecard_json_is_unchanged() -> None:
    for path in sorted(CALLS.glob("*.txt"))[:60]:
        t = read_transcript(path)
        card = grade(t, choose_policy(t, None))
        assert card.to_json() == _reference_json(card)
        assert list(card.to_json()["items"]) == list(card.results)


def _bare_words_by_splitting(t: str) -> str:
    """`normalise._bare_words` as written before its Aho-Corasick test: split, set test."""
    from scoring import normalise as n

    if " o k " in f" {t} ":
        t = n._BARE_RE.sub(lambda m: n._BARE[m.group(1)], t)
    words = t.split(" ")
    if n._BARE_KEYS.isdisjoint(words):
        return t
    if n._LETTER_WORDS.isdisjoint(words):
        return " ".join([n._BARE.get(w, w) for w in words])
    return n._letter_words(
        " ".join([w if w in n._LETTER_WORDS else n._BARE.get(w, w) for w in words])
    )


@given(
    st.lists(st.sampled_from(["im", "ok", "o", "k", "u", "r", "dont", "a", "4", "", "okay", "imo"]))
)
def test_bare_words_as_by_splitting(words: list[str]) -> None:
    from scoring.normalise import _bare_words

    line = " ".join(words)
    assert _bare_words(line) == _bare_words_by_splitting(line)


_PIECES = ["can", "won", "shan", "ain", "let", "y", "that", "it", "s", "n", "t", "all", "ll", "re"]
_PIECES += ["ve", "m", "d", "been", "got", "cannot", "cant", "wont", "x", "_", "é", "'", "''", " "]


@given(st.lists(st.sampled_from(_PIECES), max_size=12))
def test_contractions_as_the_expression_does(pieces: list[str]) -> None:
    from scoring import normalise as n

    text = "".join(pieces)
    assert n._expand_contractions(text) == n._CONTRACTIONS.sub(n._contraction, text)
