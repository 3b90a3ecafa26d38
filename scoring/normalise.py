"""Text normalisation shared by the act recogniser and the extractors.

Lines arrive typed, transcribed by a QA lead, or recognised from speech (no
capitals, no punctuation, numbers as words), and sometimes pasted from
documents with look-alike letters from other scripts (seed 004 has Cyrillic
"а", "е", "о", "р", "с", "ѕ", "ԛ"). Normalising them all to one plain form
lets one set of phrasing patterns serve every source.

The normal form: NFKC, look-alikes folded to Latin, lower case, contractions
spelled out ("I'll" -> "i will", "can't" -> "can not"), hyphens and
punctuation turned to spaces, single spaces. Digits stay digits.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

# Look-alike letters (Cyrillic, Greek, fullwidth handled by NFKC) -> Latin.
_CONFUSABLES = str.maketrans(
    {
        "а": "a", "в": "b", "е": "e", "ё": "e", "к": "k", "м": "m", "н": "h", "о": "o",
        "р": "p", "с": "c", "т": "t", "у": "y", "х": "x", "ѕ": "s", "і": "i", "ї": "i",
        "ј": "j", "ԁ": "d", "ԛ": "q", "ԝ": "w", "һ": "h", "ӏ": "l", "ɡ": "g",
        "α": "a", "ο": "o", "ρ": "p", "ν": "v", "τ": "t", "ι": "i", "κ": "k", "ε": "e",
        "‘": "'", "’": "'", "‚": "'", "‛": "'", "ʼ": "'", "`": "'", "´": "'",
        "“": '"', "”": '"', "„": '"',
        "–": "-", "—": "-", "‐": "-", "‑": "-", "−": "-",
    }
)  # fmt: skip

# Contractions whose "'s" means "is" (others are possessive and simply drop).
_IS_WORDS = (
    "it|that|what|there|here|he|she|who|where|how|when|why|everything|nothing|"
    "something|someone|somebody|today|this|name"
)
_FIXED = {
    "can't": "can not", "cant": "can not", "cannot": "can not", "won't": "will not",
    "wont": "will not", "shan't": "shall not", "ain't": "is not", "let's": "let us",
    "y'all": "you all", "n't": " not", "'ll": " will", "'re": " are", "'ve": " have",
    "'m": " am", "'d": " would", "'s": "", "s'": "s",
}  # fmt: skip
# One pass over the line; alternatives are tried in this order at each position.
_CONTRACTIONS = re.compile(
    r"\bcan'?t\b|\bcannot\b|\bwon'?t\b|\bshan't\b|\bain't\b|\blet's\b|\by'all\b|n't\b|"
    r"'ll\b|'re\b|'ve\b|'m\b|'d\b|\b(?P<is>" + _IS_WORDS + r")'s\b(?! been\b| got\b)|"
    r"'s(?= been\b| got\b)|'s\b|s'(?=\s|$)"
)


#: The words `_CONTRACTIONS` spells out before an apostrophe ("can't", "let's", "that's"):
#: a match that starts at a word's start and reaches the apostrophe after it is one of these.
_LEADS = frozenset(("can", "won", "shan", "ain", "let", "y", *_IS_WORDS.split("|")))


def _contraction(m: re.Match[str]) -> str:
    if m.group("is"):
        return f"{m.group('is')} is"
    if m.group(0) == "'s" and m.string.startswith((" been", " got"), m.end()):
        return " has"  # "the refund's been issued" -> "the refund has been issued"
    return _FIXED[m.group(0)]


def _expand_contractions(t: str) -> str:
    """`_CONTRACTIONS.sub(_contraction, t)`, trying the pattern only where a match can start.

    Every alternative starts at an apostrophe, one character before it ("n't",
    "s'"), at the start of the run of word characters before it when that run
    is a word the alternatives spell out (`_LEADS`; the ones that begin with
    `\\b`: inside a run there is no word boundary), or at "cannot" / "cant" /
    "wont". Trying those positions in order, as `sub`
    would, gives the same result without running a 20-way alternation at
    every character of the line (it was 40% of `normalise`).
    """
    starts: set[int] = set()
    a = t.find("'")
    while a >= 0:
        w = a
        while w > 0 and (t[w - 1].isalnum() or t[w - 1] == "_"):
            w -= 1
        # only where an alternative can start: a word it spells out before the apostrophe,
        # an "n" or "s" just before it ("n't", "s'"), the apostrophe itself
        if t[w:a] in _LEADS:
            starts.add(w)
        if a > w and t[a - 1] in "ns":
            starts.add(a - 1)
        starts.add(a)
        a = t.find("'", a + 1)
    for word in ("cannot", "cant", "wont"):
        i = t.find(word)
        while i >= 0:
            starts.add(i)
            i = t.find(word, i + 1)
    out: list[str] = []
    done = 0
    for p in sorted(starts):
        if p < done:
            continue
        m = _CONTRACTIONS.match(t, p)
        if m:
            out += (t[done:p], _contraction(m))
            done = m.end()
    return "".join(out) + t[done:] if out else t


# Speech recognisers and hurried typists drop apostrophes.
_BARE = {
    "im": "i am", "youre": "you are", "theyre": "they are", "dont": "do not",
    "doesnt": "does not", "didnt": "did not", "isnt": "is not", "arent": "are not",
    "wasnt": "was not", "werent": "were not", "havent": "have not", "hasnt": "has not",
    "whos": "who is", "hows": "how is", "wheres": "where is", "whens": "when is",
    "cant": "can not", "wont": "will not", "wouldnt": "would not", "couldnt": "could not",
    "shouldnt": "should not", "thats": "that is", "whats": "what is", "theres": "there is",
    "ive": "i have", "youve": "you have", "weve": "we have", "youll": "you will",
    "theyll": "they will", "itll": "it will", "youd": "you would", "hes": "he is",
    "shes": "she is", "lets": "let us", "wanna": "want to", "gonna": "going to",
    "gotta": "got to", "lemme": "let me", "gimme": "give me", "kinda": "kind of",
    "ok": "okay", "o k": "okay", "e-mail": "email", "thx": "thanks", "pls": "please",
    "plz": "please",
    # chat shorthand a trainee types (data/examples: tests/scoring/test_normalise.py)
    "ur": "your", "msg": "message", "msgs": "messages", "dept": "department",
    "appt": "appointment", "appts": "appointments", "pics": "pictures", "pic": "picture",
    "thru": "through", "tmrw": "tomorrow", "tmr": "tomorrow", "tmrow": "tomorrow",
    "2moro": "tomorrow", "b4": "before", "cuz": "because", "bc": "because", "acct": "account",
    "ty": "thank you", "np": "no problem", "yw": "you are welcome", "ppl": "people",
    "sec": "second", "secs": "seconds", "mins": "minutes", "hrs": "hours",
    "u": "you", "r": "are", "yall": "you all",
    # gaps9 (issue 17): "anything" as said in Scotland, London or the North ("Is there
    # onything else I can help wi?", "anythin' else?")
    "onything": "anything", "anythin": "anything", "anythink": "anything",
    "anyfink": "anything", "anyfing": "anything",
}  # fmt: skip
#: one-letter shorthand that is also a letter of a spelled id ("P R O 5 5 8"): read as a
#: word only between words
_LETTER_WORDS = frozenset({"u", "r"})
_BARE_KEYS = frozenset(_BARE)
_BARE_RE = re.compile(  # (the one-letter words follow their own rule: `_shorthand`)
    r"\b("
    + "|".join(sorted(map(re.escape, _BARE.keys() - _LETTER_WORDS), key=len, reverse=True))
    + r")\b"
)

# "ill" typed or transcribed for "I'll", only where a verb follows ("I'm ill" stays).
_ILL = re.compile(
    r"\bill (?=(?:send|call|get|check|look|have|be|make|put|transfer|email|let|do|see|pass|"
    r"give|take|find|ring|just|go|try|chase|sort|need|also|book|arrange|note)\b)"
)
#: "no" as the short form of "number" after the name of an id: only with nothing but spaces
#: between ("an order? no." stays a no) and before the line's end, a question mark, the
#: digits or a word that asks ("order no please", "account no again").
_ID_NO = re.compile(
    r"\b(order|account|invoice|policy|case|ticket|reference|ref|phone|tel|serial|tracking|"
    r"claim|member|membership|customer|booking|confirmation|po|contract|item|model|part|job|"
    r"registration|reg|flight|room|unit|house|passport|licence|license|id) +no\b\.?"
    r"(?= *(?:$|[?!:]|\d|(?:again|please|is|was|then|for|of|on|there)\b))"
)
_NON_WORD = re.compile(r"[^a-z0-9@ ]+")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_APOS_RUN = re.compile(r"'+")


#: Byte by byte: every ASCII character `_NON_WORD` replaces becomes a NUL, the rest stay.
_MARK_NON_WORD = bytes(c if re.fullmatch(r"[a-z0-9@ ]", chr(c)) else 0 for c in range(256))


def _non_word_to_space(t: str) -> str:
    """`_NON_WORD.sub(" ", t)`: each run of other characters becomes one space.

    On an ASCII line, a byte-for-byte `translate` gives the same result
    whenever no two such characters stand together ("okay, thanks."), which is
    most lines, in a third of the regular expression's time (`str.translate`
    with a mapping is no faster than the expression).
    """
    if t.isascii():
        marked = t.encode("ascii").translate(_MARK_NON_WORD)
        if b"\0\0" not in marked:
            return marked.replace(b"\0", b" ").decode("ascii")
    return _NON_WORD.sub(" ", t)


def fold(text: str) -> str:
    """NFKC plus look-alike folding and lower case: the first step of every comparison."""
    if text.isascii():  # NFKC leaves ASCII alone; "`" is the only ASCII look-alike
        return text.replace("`", "'").lower()
    # lower case first: the table is of small letters, so "СЕО" (Cyrillic capitals) folds too
    t = unicodedata.normalize("NFKC", text).lower().translate(_CONFUSABLES)
    if t.isascii():
        return t
    # gaps8 (issue 17): accents off ("Sí" -> "si", "Renée" -> "renee", "café" -> "cafe"):
    # the normal form keeps [a-z0-9] only, so an accented letter cut the word in two
    return "".join(c for c in unicodedata.normalize("NFKD", t) if not unicodedata.combining(c))


def _bare_words(t: str) -> str:
    """`_BARE` applied word by word: the same result as `_BARE_RE` on a line of
    [a-z0-9 ] (no "@"), several times faster than the 50-way alternation.
    Most lines have no such word: one Aho-Corasick pass over " line " for " word "
    says so (a word is in `t.split(" ")` exactly when " word " is in " t ": the line
    has no other space than " "), without splitting the line and hashing each word."""
    padded = f" {t} "
    if " o k " in padded:
        t = _BARE_RE.sub(lambda m: _BARE[m.group(1)], t)
    elif next(_BARE_SCAN.iter(padded), None) is None:
        return t
    words = t.split(" ")  # keeps runs of spaces
    if _BARE_KEYS.isdisjoint(words):
        return t
    if _LETTER_WORDS.isdisjoint(words):
        return " ".join([_BARE.get(w, w) for w in words])
    return _letter_words(" ".join([w if w in _LETTER_WORDS else _BARE.get(w, w) for w in words]))


def _bare_scan() -> Any:
    """An Aho-Corasick automaton of " word " for every `_BARE` word (the one-letter ones too)."""
    import ahocorasick

    automaton = ahocorasick.Automaton()
    for word in _BARE_KEYS:
        automaton.add_word(f" {word} ", word)
    automaton.make_automaton()
    return automaton


_BARE_SCAN = _bare_scan()


def _letter_words(t: str) -> str:
    """Only the one-letter shorthand of `_bare_words` (after `_BARE_RE` did the rest)."""
    words = t.split(" ")
    if _LETTER_WORDS.isdisjoint(words):
        return t
    return " ".join([_shorthand(words, i) for i in range(len(words))])


def _shorthand(words: list[str], i: int) -> str:
    """`words[i]`, a one-letter shorthand read as its word unless a neighbour is spelled."""
    w = words[i]
    if w not in _LETTER_WORDS:
        return w
    before = next((x for x in reversed(words[:i]) if x), "")
    after = next((x for x in words[i + 1 :] if x), "")
    near = [x for x in (before, after) if x and x not in _LETTER_WORDS]
    if not (before or after) or any(_spelled(x) for x in near):
        return w
    return _BARE[w]


def _spelled(word: str) -> bool:
    """A lone letter, a number or a digit's word ("A R oh four"): part of a spelled id."""
    return len(word) == 1 or word.isdigit() or word in _DIGIT_WORDS


_DIGIT_WORDS = frozenset("oh zero one two three four five six seven eight nine double".split())


@lru_cache(maxsize=65536)
def normalise(text: str) -> str:
    """The plain normal form patterns are written against (see module doc).

    Each step is skipped when the character it acts on is absent: grading
    normalises every line of every call, and most lines have no apostrophe,
    e-mail address or "ill".
    """
    t = fold(text)
    if "@" in t:
        t = _EMAIL.sub(" email address ", t)
    if "'" in t or "cannot" in t:  # "cannot" is the one contraction with no apostrophe
        if "''" in t:
            t = _APOS_RUN.sub("'", t)
        t = _expand_contractions(t)
        t = t.replace("'", " ")
    if "e-mail" in t:
        t = t.replace("e-mail", "email")
    if "#" in t:  # "order #", "ur #"
        t = t.replace("#", " number ")
    if " no" in t:  # "can u repeat the order no", "account no. 4471": the number
        t = _ID_NO.sub(r"\1 number", t)
    t = _non_word_to_space(t)
    if "@" in t:
        t = _letter_words(_BARE_RE.sub(lambda m: _BARE[m.group(1)], t))
    else:
        t = _bare_words(t)
    if "ill " in t and (t.startswith("ill ") or " ill " in t or "@ill " in t):  # not "will"
        t = _ILL.sub("i will ", t)
    return " ".join(t.split())  # only spaces are left: the same as collapsing \s+
