"""A trigram language model in ARPA format, built at run time from domain sentences.

Pure and small on purpose. Fixed-discount back-off (as in pocketsphinx's
own ``lm.py``) is crude but needs no counts-of-counts, so it behaves on the
few hundred sentences a scenario gives. A background vocabulary (common
English words) gets a small share of the unigram mass, so a trainee's own
words can still be recognised when no phrasing used them.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence

__all__ = ["build_arpa"]

BOS, EOS = "<s>", "</s>"


def _log10(p: float) -> float:
    return math.log10(max(p, 1e-99))


Counts = tuple[Counter[str], dict[str, Counter[str]], dict[tuple[str, str], Counter[str]]]


def _count(sentences: Iterable[Sequence[str]]) -> Counts:
    c1: Counter[str] = Counter()
    c2: dict[str, Counter[str]] = defaultdict(Counter)
    c3: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for sentence in sentences:
        if not sentence:
            continue
        words = [BOS, *sentence, EOS]
        c1.update(words)
        for a, b in zip(words, words[1:], strict=False):
            c2[a][b] += 1
        for a, b, c in zip(words, words[1:], words[2:], strict=False):
            c3[(a, b)][c] += 1
    if not c1:
        raise ValueError("no sentences to build a language model from")
    return c1, c2, c3


def _unigrams(
    c1: Counter[str], background: Sequence[str], mass: float, weights: Mapping[str, float]
) -> dict[str, float]:
    extra = [w for w in dict.fromkeys(background) if w not in c1]
    total = sum(c1.values()) - c1[BOS]  # <s> is never predicted: it gets no mass
    own = 1.0 - mass if extra else 1.0
    p1 = {w: own * n / total for w, n in c1.items() if w != BOS}
    p1[BOS] = 0.0
    if extra:  # shared evenly, or in proportion to ``weights`` (a word without one: the least)
        least = min((weights[w] for w in extra if w in weights), default=1.0)
        share = [weights.get(w, least) for w in extra]
        p1.update({w: mass * x / sum(share) for w, x in zip(extra, share, strict=True)})
    return p1


def _bigrams(
    c1: Counter[str],
    c2: dict[str, Counter[str]],
    p1: dict[str, float],
    discount: float,
    background: Mapping[str, Mapping[str, float]],
    weight: float,
) -> tuple[dict[str, dict[str, float]], dict[str, float]]:
    """Bigram probabilities and unigram back-off weights.

    A history's seen bigrams keep ``1 - discount`` of its mass; with
    ``background`` (another model's p(b | a), e.g. general English), ``weight``
    of what is left (all of it times ``weight`` for a history the sentences
    never used) goes through those bigrams instead of straight to the
    unigrams, so "calling about" is likelier than "calling gardening" even
    where no domain sentence says either.
    """
    keep = 1.0 - discount
    p2: dict[str, dict[str, float]] = {}
    for a in set(c2) | {a for a in background if a in p1 and a != EOS}:
        seen = c2.get(a)
        row = {b: keep * n / c1[a] for b, n in seen.items()} if seen else {}
        share = (discount if seen else 1.0) * weight
        for b, q in background.get(a, {}).items():
            if b in p1 and b != BOS and q > 0:
                row[b] = row.get(b, 0.0) + share * q
        p2[a] = row
    bow1 = {
        a: max(1e-9, 1.0 - sum(row.values())) / max(1e-9, 1.0 - sum(p1[b] for b in row))
        for a, row in p2.items()
    }
    return p2, bow1


def build_arpa(
    sentences: Iterable[Sequence[str]],
    background: Sequence[str] = (),
    background_mass: float = 0.1,
    discount: float = 0.5,
    background_bigrams: Mapping[str, Mapping[str, float]] | None = None,
    bigram_weight: float = 0.5,
    background_weights: Mapping[str, float] | None = None,
) -> str:
    """ARPA text for a trigram model of ``sentences`` plus ``background`` unigrams.

    ``background_mass`` is the share of unigram probability given to
    background words not seen in the sentences; ``discount`` the mass each
    context keeps for backing off to shorter histories;
    ``background_bigrams`` (history -> next word -> probability) and
    ``bigram_weight``: see `_bigrams`; ``background_weights``: how the
    background mass is shared (e.g. general English frequencies; else evenly).
    """
    c1, c2, c3 = _count(sentences)
    keep = 1.0 - discount
    p1 = _unigrams(c1, background, background_mass, background_weights or {})
    p2, bow1 = _bigrams(c1, c2, p1, discount, background_bigrams or {}, bigram_weight)
    bow2 = {
        ab: discount / max(1e-9, 1.0 - sum(p2[ab[1]][c] for c in nexts)) for ab, nexts in c3.items()
    }
    n2 = sum(len(v) for v in p2.values())
    n3 = sum(len(v) for v in c3.values())
    lines = ["\\data\\", f"ngram 1={len(p1)}", f"ngram 2={n2}", f"ngram 3={n3}", "", "\\1-grams:"]
    for w in sorted(p1):
        prob = -99.0 if w == BOS else _log10(p1[w])
        lines.append(f"{prob:.4f} {w} {_log10(bow1.get(w, 1.0)):.4f}")
    lines += ["", "\\2-grams:"]
    for a in sorted(p2):
        for b in sorted(p2[a]):
            lines.append(f"{_log10(p2[a][b]):.4f} {a} {b} {_log10(bow2.get((a, b), 1.0)):.4f}")
    lines += ["", "\\3-grams:"]
    for ab in sorted(c3):
        total = c2[ab[0]][ab[1]]
        for c in sorted(c3[ab]):
            lines.append(f"{_log10(keep * c3[ab][c] / total):.4f} {ab[0]} {ab[1]} {c}")
    lines += ["", "\\end\\", ""]
    return "\n".join(lines)
