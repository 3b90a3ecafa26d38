"""The literal prefilter never changes what the recogniser says (it only saves time)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scoring.acts import SPEAKERS, rules_for
from scoring.literals import (
    GatedPattern,
    gated,
    required_alternatives,
    required_groups,
    required_literals,
)
from scoring.normalise import normalise
from scoring.reader import read_transcript
from scoring.safeyaml import load_file

DATA = Path(__file__).resolve().parent.parent / "data" / "acts_corpus.yaml"
CALLS = Path(__file__).resolve().parent / "calls"


@pytest.mark.parametrize(
    ("pattern", "text", "matches"),
    [
        (r"colou?r", "what color is it", True),
        (r"(?:may|can) i (?:place|put) you on hold", "can i put you on hold", True),
        (r"(?:\w+ )?thanks?", "thank", True),
        (r"(?:re)?submitted", "resubmitted", True),
    ],
)
def test_required_literals_are_necessary(pattern: str, text: str, matches: bool) -> None:
    lits = required_literals(pattern)
    assert bool(re.search(pattern, text)) == matches
    if lits is not None and matches:
        assert any(lit in text for lit in lits)


def test_required_groups_are_each_necessary() -> None:
    groups = required_groups(r" (?:may|can) i (?:place|put)(?: you)? on (?:a )?(?:brief )?hold\b")
    # literals and alternations of plain words are spelled out whole (re's parser
    # factors "place|put" into "p" + "lace|ut": joined again here)
    assert {" may i place", " may i put", " can i place", " can i put"} in [set(g) for g in groups]
    assert any("hold" in lit for g in groups for lit in g)
    assert not any("brief" in lit for g in groups for lit in g)  # optional: not required
    assert not any("you" in lit for g in groups for lit in g)


def test_required_groups_join_a_run_to_the_words_after_it() -> None:
    groups = [set(g) for g in required_groups(r" (?:i|we) (?:can|will) \w+ (?:call|ring) me")]
    assert groups == [{" i can ", " i will ", " we can ", " we will "}, {" call me", " ring me"}]
    # an alternative that is not plain words ends the run at the literals before it
    assert [set(g) for g in required_groups(r"ab(?:c|\d)")] == [{"ab"}]
    # digits count as 0-9 only when asked (the recogniser's normal form has no others)
    assert required_groups(r"\d{3}") == []
    assert [set(g) for g in required_groups(r"\d{3}", ascii_digits=True)] == [set("0123456789")]


@given(
    st.text(alphabet="abcho ()?|+*", min_size=1, max_size=14),
    st.text(alphabet="abcho ", max_size=30),
)
def test_required_groups_on_random_patterns(pattern: str, text: str) -> None:
    try:
        found = re.search(pattern, text)
    except re.error:
        return
    if found:
        for group in required_groups(pattern):
            assert any(lit in text for lit in group), (pattern, text, group)


def _lines() -> list[tuple[str, str]]:
    rows = [(r["text"], r["speaker"]) for r in load_file(DATA)]
    for path in sorted(CALLS.glob("*.txt")):
        rows += [(ln.text, ln.speaker) for ln in read_transcript(path).speech()]
    return rows


def _gated_agrees(padded: str, speaker: str) -> None:
    """Searching only the gated patterns decides every act as the whole pattern does."""
    from scoring.acts import _plan

    kept = dict(_plan(speaker).candidates(padded))
    for rule in rules_for(speaker):
        whole = rule.pattern.search(padded) is not None
        gated = any(b.search(padded) for b in kept.get(rule, ()))
        assert gated == whole, (rule.name, padded)


def test_gate_never_drops_a_matching_act() -> None:
    for text, speaker in _lines():
        _gated_agrees(" " + normalise(text), speaker)


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz ", max_size=80), st.sampled_from(SPEAKERS))
def test_gate_on_random_text(text: str, speaker: str) -> None:
    _gated_agrees(" " + normalise(text), speaker)


def test_gated_hits_equal_every_rule_tried() -> None:
    from scoring.acts import _plan

    for text, speaker in _lines():
        padded = " " + normalise(text)
        every = [r.name for r in rules_for(speaker) if r.matches(padded)]
        assert [r.name for r in _plan(speaker).hits(padded)] == every, text


def _gate_of(speaker: str) -> tuple[int, list[int], list[tuple[str, int]]]:
    from scoring.acts import _plan

    _plan.cache_clear()
    plan = _plan(speaker)
    return plan.always, [need for _r, _b, need in plan.flat], sorted(plan.automaton.items())


@pytest.mark.parametrize("speaker", SPEAKERS)
def test_cached_gate_is_the_computed_gate(tmp_path: Path, monkeypatch, speaker: str) -> None:
    monkeypatch.setenv("CALLSIM_CACHE_DIR", str(tmp_path))
    computed = _gate_of(speaker)  # nothing cached yet: worked out, then written
    assert list(tmp_path.glob("gate-*.json"))
    assert _gate_of(speaker) == computed  # read back from the cache
    for cached in tmp_path.glob("gate-*.json"):
        cached.write_text("{not json", encoding="utf-8")
    assert _gate_of(speaker) == computed  # a broken cache is ignored and rewritten


@given(
    st.text(alphabet="abcho ()?|+*", min_size=1, max_size=14),
    st.text(alphabet="abcho ", max_size=30),
)
def test_required_alternatives_on_random_patterns(pattern: str, text: str) -> None:
    try:
        found = re.search(pattern, text)
    except re.error:
        return
    ways = required_alternatives(pattern)
    if found and ways:
        assert any(all(any(lit in text for lit in g) for g in way) for way in ways), (pattern, ways)


def test_required_alternatives_of_a_top_level_alternation() -> None:
    ways = required_alternatives(r"\b(?:sent|booked)\b.*\b(?:will|tomorrow)\b|^so\b.*\bnext\b")
    assert [[set(g) for g in way] for way in ways] == [
        [{"sent", "booked"}, {"will", "tomorrow"}],
        [{"so"}, {"next"}],
    ]
    assert required_alternatives(r"\bab|\w+") == []  # one way needs nothing: no gate
    assert required_alternatives(r"(?i:hello) there") == []  # literals would ignore case


def test_a_pattern_that_ignores_case_is_not_gated() -> None:
    pattern = re.compile(r"\bhello there\b", re.IGNORECASE)
    assert gated(pattern) is pattern
    plain = re.compile(r"\bhello there\b")
    assert isinstance(gated(plain), GatedPattern)
    assert gated(plain).search("oh HELLO there") is None
    assert gated(plain).sub("x", "say hello there") == "say x"
    assert gated(plain).split("a hello there b") == ["a ", " b"]
    assert gated(plain).groups == 0  # anything else is the pattern's own


def _gated_patterns() -> list[tuple[str, GatedPattern]]:
    import importlib
    import pkgutil

    import scoring.call
    import scoring.items

    modules = [scoring.call] + [
        importlib.import_module(m.name)
        for m in pkgutil.iter_modules(scoring.items.__path__, "scoring.items.")
    ]
    return [
        (f"{m.__name__}.{name}", value)
        for m in modules
        for name, value in vars(m).items()
        if isinstance(value, GatedPattern)
    ]


@pytest.mark.slow
def test_gated_patterns_answer_as_the_patterns_do() -> None:
    """Over every line of the calls and the act corpus (as written, in normal form and
    sentence by sentence), each gated expression of the item rules finds what the
    expression itself finds: the pre-check only skips lines that cannot match."""
    patterns = _gated_patterns()
    assert len(patterns) >= 10  # the item rules' costliest expressions are gated
    texts: set[str] = set()
    for text, _speaker in _lines():
        texts.update((text, normalise(text), text.lower()))
        texts.update(normalise(s) for s in re.split(r"(?<=[.!?])\s+", text))
    for name, pattern in patterns:
        skipped = [text for text in texts if not pattern.possible(text)]
        assert not [t for t in skipped if pattern.compiled.search(t)], name
        assert pattern.search(skipped[0]) is None if skipped else True
        kept = next((t for t in texts if pattern.possible(t)), "")
        got, want = pattern.search(kept), pattern.compiled.search(kept)
        assert (got and got.span()) == (want and want.span()), name


def test_literal_cache_of_another_shape_is_recomputed(tmp_path: Path, monkeypatch) -> None:
    from scoring.literals import _alternatives_cached

    monkeypatch.setenv("CALLSIM_CACHE_DIR", str(tmp_path))
    pattern = r"\b(?:sent|booked)\b.*\bwill\b"
    computed = _alternatives_cached(pattern, 0)
    assert computed == required_alternatives(pattern)
    (cached,) = tmp_path.glob("literals-*.json")
    for junk in ('{"ab": 1}', '["ab"]', "{not json", '{"pattern": "other", "ways": []}'):
        cached.write_text(junk, encoding="utf-8")
        assert _alternatives_cached(pattern, 0) == computed
    assert gated(re.compile(pattern)).search("it was sent, it will come") is not None
