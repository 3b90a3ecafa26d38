"""Literal strings that every match of a regular expression must contain.

The act recogniser runs dozens of large patterns over every line, and most
lines do only a few acts. A pattern can only match a line containing at least
one of its *required literals*, computed here from the pattern's parse tree;
a quick literal-only scan rules most patterns out before the full pattern
runs. The test is a necessary condition by construction (every path through
the pattern consumes one of the literals), so gating never changes a result.
"""

from __future__ import annotations

import re
from contextvars import ContextVar
from re import _constants as c  # type: ignore[attr-defined]
from re import _parser as sre  # type: ignore[attr-defined]
from typing import Any

Literals = frozenset[str]

_ASCII_DIGITS: Literals = frozenset("0123456789")
#: Set by `required_groups(..., ascii_digits=True)` for the parse it runs.
_DIGITS: ContextVar[bool] = ContextVar("ascii_digits", default=False)


def required_literals(pattern: str) -> Literals | None:
    """Strings of which every match contains one; None when no such set is known."""
    try:
        tree = sre.parse(pattern)
    except re.error:
        return None
    found = _sequence(list(tree))
    return _minimal(found) if found else None


def required_groups(pattern: str, *, ascii_digits: bool = False) -> list[Literals]:
    """Every necessary group of the pattern's top-level concatenation: a match
    contains one literal of *each* group. `required_literals` is the strongest;
    checking them all gates far more sharply (" i ", "hold", {"put", "place"}).

    `ascii_digits`: the text searched has no digits but 0-9 (the recogniser's
    normal form), so a `\\d` requires one of "0" ... "9". A phone number pattern
    then needs a digit or a number word instead of nothing at all.
    """
    try:
        tree = sre.parse(pattern)
    except re.error:
        return []
    token = _DIGITS.set(ascii_digits)
    try:
        return [_minimal(g) for g in _groups(list(tree)) if g]
    finally:
        _DIGITS.reset(token)


def _groups(items: list[tuple[Any, Any]]) -> list[Literals]:
    out: list[Literals] = []
    run: list[str] = []
    for op, av in items:
        if op is c.LITERAL:
            run.append(chr(av))
            continue
        if run:
            out.append(frozenset({"".join(run)}))
            run = []
        if op is c.SUBPATTERN:
            out += _groups(list(av[-1]))
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT) and av[0] >= 1:
            out += _groups(list(av[2]))
        else:
            found = _node(op, av)
            if found:
                out.append(found)
    if run:
        out.append(frozenset({"".join(run)}))
    return out


def _minimal(lits: Literals) -> Literals:
    """Drop literals that contain a shorter one (the shorter already decides)."""
    out: list[str] = []
    for lit in sorted(lits, key=len):
        if not any(short in lit for short in out):
            out.append(lit)
    return frozenset(out)


def _strength(lits: Literals) -> tuple[int, int]:
    if not any(s.strip() for s in lits):
        return (0, 0)  # spaces: in every line, the weakest requirement there is
    return (min(len(s) for s in lits), -len(lits))


def _sequence(items: list[tuple[Any, Any]]) -> Literals | None:
    """A concatenation: any one element's requirement is the whole's; keep the strongest."""
    groups = _groups(items)
    return max(groups, key=_strength) if groups else None


def _node(op: Any, av: Any) -> Literals | None:
    if op is c.SUBPATTERN:
        return _sequence(list(av[-1]))
    if op is c.ATOMIC_GROUP:
        return _sequence(list(av))
    if op is c.BRANCH:
        branches = [_sequence(list(b)) for b in av[1]]
        if any(not b for b in branches):
            return None
        return frozenset().union(*branches)  # type: ignore[arg-type]
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
        low, _high, item = av
        return _sequence(list(item)) if low >= 1 else None
    if op is c.IN and all(o is c.LITERAL for o, _ in av):
        return frozenset(chr(a) for _, a in av)
    if op is c.IN and _DIGITS.get() and av == [(c.CATEGORY, c.CATEGORY_DIGIT)]:
        return _ASCII_DIGITS
    return None  # lookarounds, anchors, classes, wildcards: no literal is required
