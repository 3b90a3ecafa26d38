"""The normal form (scoring.normalise) and extractor fast paths: they change no result."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scoring import normalise as N


@pytest.mark.parametrize(
    ("text", "normal"),
    [
        ("I'll put you on hold, OK?", "i will put you on hold okay"),
        ("We can't do that; it's policy.", "we can not do that it is policy"),
        ("the refund's been issued", "the refund has been issued"),
        ("Thе оrder", "the order"),  # Cyrillic е and о
        ("ill send it over", "i will send it over"),
        ("I'm ill, sorry", "i am ill sorry"),
        ("I cannot do that", "i can not do that"),
        ("mail me at a.b@c.com", "mail me at email address"),
        ("o k, gonna check", "okay going to check"),
        ("“Don’t” – sure", "do not sure"),
        ("Sí, claro. Renée's at the café", "si claro renee at the cafe"),  # accents off (gaps8)
        ("", ""),
    ],
)
def test_normal_form(text, normal):
    assert N.normalise(text) == normal


def _reference(text: str) -> str:
    """The plain sequence of substitutions, without the fast paths."""
    ud = __import__("unicodedata")
    t = ud.normalize("NFKC", text).lower().translate(N._CONFUSABLES)
    # accents off (gaps8): "Sí" -> "si", "Renée" -> "renee"
    t = "".join(c for c in ud.normalize("NFKD", t) if not ud.combining(c))
    t = N._EMAIL.sub(" email address ", t)
    t = N._APOS_RUN.sub("'", t)
    t = N._CONTRACTIONS.sub(N._contraction, t)
    t = t.replace("'", " ").replace("e-mail", "email").replace("#", " number ")
    t = N._ID_NO.sub(r"\1 number", t)
    t = N._NON_WORD.sub(" ", t)
    t = N._BARE_RE.sub(lambda m: N._BARE[m.group(1)], t)
    t = _plain_letter_words(t)
    t = N._ILL.sub("i will ", t)
    return re.sub(r"\s+", " ", t).strip()


def _plain_letter_words(t: str) -> str:
    """ "u" and "r" read as words unless a neighbour is a lone letter or digit (spelled)."""
    words = t.split(" ")  # (runs of spaces kept, as the substitutions before left them)
    out = []
    for i, w in enumerate(words):
        if w in N._LETTER_WORDS:
            near = [x for x in words[:i] if x][-1:] + [x for x in words[i + 1 :] if x][:1]
            spelled = [x for x in near if x not in N._LETTER_WORDS]
            digit_words = "oh zero one two three four five six seven eight nine double".split()
            lone = [x for x in spelled if len(x) == 1 or x.isdigit() or x in digit_words]
            if near and not lone:
                w = N._BARE[w]
        out.append(w)
    return " ".join(out)


_WORDS = [*N._BARE, *N._FIXED, "ill", "send", "o", "k", "it's", "cannot", "e-mail", "a@b.co", "x"]
_WORDS += [
    "I'll",
    "the refund's",
    "been",
    "got",
    "that's",
    "let's",
    "y'all",
    "boss'",
    "#",
    "u",
    "r",
    "order",
    "no",
    "no.",
]
_ODD = "ab o'`’@.-&!0Оа\u00a0\t"
_PIECES = st.one_of(st.sampled_from(_WORDS), st.text(alphabet=_ODD, max_size=6))


_GLUE = st.sampled_from(["", " ", ", ", "' ", "- ", "  "])


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(_PIECES, _GLUE), max_size=10))
def test_fast_paths_agree_with_the_plain_substitutions(parts):
    text = "".join(a + b for a, b in parts)
    assert N.normalise.__wrapped__(text) == _reference(text)


@given(st.text(alphabet="az09@ .,!?()'\x00-\té", max_size=30))
def test_punctuation_to_spaces_agrees_with_the_substitution(text: str) -> None:
    assert N._non_word_to_space(text) == N._NON_WORD.sub(" ", text)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_any_text_agrees_with_the_plain_substitutions(text):
    assert N.normalise.__wrapped__(text) == _reference(text)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="0123456789 +-.()x", max_size=24), st.text(alphabet="ab 1", max_size=8))
def test_phone_shape_fast_path_agrees_with_the_plain_search(number: str, prefix: str) -> None:
    from scoring.extract import _PHONE_SHAPE, has_phone_shape

    text = prefix + number
    assert has_phone_shape(text) == (_PHONE_SHAPE.search(N.fold(text)) is not None)


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "oh",
                "ahh",
                "aww",
                "yep",
                "okey-dokey",
                "okie dokie",
                "alrighty",
                "eek",
                "whoops",
                "oopsie",
                "john",
                "2",
                "oh5",
                "the",
                "ok",
                ",",
                "-",
                "_",
                "Oh!",
                "YEP",
                "okay dokey",
            ]
        ),
        max_size=8,
    )
)
def test_jargon_hint_never_hides_jargon(words: list[str]) -> None:
    from scoring.items import soft

    text = " ".join(words)
    tokens = soft._TOKEN.findall(N.fold(text).replace("-", " ").replace("_", " "))
    if soft._JARGON.search(" ".join(tokens)):
        assert any(hint in N.fold(text) for hint in soft._JARGON_HINTS)


_TIME_PIECES = [
    *"within in inside under about next the a an one two five ten twelve 24 48 3 to or".split(),
    *"business working minute minutes min mins hour hours hr hrs day days week weeks month".split(),
    *"months right straight away immediately now moment momentarily today tonight this".split(),
    *"morning afternoon evening later by end of close cob eod before you we tomorrow".split(),
    *"overnight friday monday sunday couple few several more at around after between".split(),
    *"noon midday thirty a m p m o clock @ x weekday hourly dayz ahour".split(),
    # gaps9: periods with a preposition
    *"weekend play fortnight quarter year christmas june first second twelfth 14th".split(),
    *"thing start over on until till sometime early late midweek night for".split(),
]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_TIME_PIECES), max_size=9), st.sampled_from([" ", "", "@"]))
def test_time_frame_word_gate_changes_nothing(words: list[str], glue: str) -> None:
    """A line the gate sends away has no time frame the expressions would find."""
    from scoring.extract import _timeframe_hours, _timeframe_scan

    t = N.normalise(glue.join(words))
    assert _timeframe_hours.__wrapped__(t) == _timeframe_scan(t)


@pytest.mark.parametrize(
    ("typed", "normal"),
    [
        ("whats ur phone number", "what is your phone number"),
        ("can u spell that", "can you spell that"),
        ("r u still there", "are you still there"),
        ("ill have someone call u back tmrw", "i will have someone call you back tomorrow"),
        ("whats the order #", "what is the order number"),
        ("I'll pass the msg to the dept", "i will pass the message to the department"),
        (
            "can u send pics of the damage thru email",
            "can you send pictures of the damage through email",
        ),
        ("one sec pls", "one second please"),
        # a spelled id keeps its letters
        ("P R O 5 5 8", "p r o 5 5 8"),
        ("the ref is U 4 R 7", "the ref is u 4 r 7"),
        ("M U R P H Y", "m u r p h y"),
        ("I'm writing to your \u0421\u0415\u041e", "i am writing to your ceo"),
        (
            "same booking reference, A R oh four oh nine",
            "same booking reference a r oh four oh nine",
        ),
        ("it's flat 3 r", "it is flat 3 r"),
        # "no" for "number" after an id's name, but never a real no
        ("can u repeat the order no", "can you repeat the order number"),
        ("account no. 4471?", "account number 4471"),
        ("Is it about an order? No.", "is it about an order no"),
        ("the account no longer exists", "the account no longer exists"),
    ],
)
def test_chat_shorthand_reads_as_the_words(typed: str, normal: str) -> None:
    """Trainees type as they chat (issue 12's off-script tester, 7 Dec: 43 of 118 cases)."""
    assert N.normalise(typed) == normal
