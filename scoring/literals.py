"""Literal strings that every match of a regular expression must contain.

The act recogniser runs dozens of large patterns over every line, and most
lines do only a few acts. A pattern can only match a line containing at least
one of its *required literals*, computed here from the pattern's parse tree;
a quick literal-only scan rules most patterns out before the full pattern
runs. The test is a necessary condition by construction (every path through
the pattern consumes one of the literals), so gating never changes a result.
"""

from __future__ import annotations

import itertools
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
    """The necessary groups of a concatenation, literals joined across alternations.

    A run of literals and the alternations of plain words after it make one
    group of whole strings: " (?:i|we) (?:can|will)" needs one of " i can",
    " i will", " we can", " we will", not just " i" or " we" and then "can" or
    "will" (re's parser also splits "thank|that" into "th" + "ank|at", which
    alone would keep every "th" of a line in the gate).
    """
    out: list[Literals] = []
    run: set[str] | None = None  # the strings the match spells out up to here
    for op, av in items:
        alts = _spelled(op, av)
        if alts is not None:
            if run is not None and len(run) * len(alts) > _MAX_SPELLED:
                out.append(frozenset(run))
                run = None
            run = set(alts) if run is None else {r + a for r in run for a in alts}
            continue
        if run is not None:
            out.append(frozenset(_led_into(run, op, av)))
            run = None
        if op is c.SUBPATTERN:
            out += _groups(list(av[-1]))
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT) and av[0] >= 1:
            out += _groups(list(av[2]))
        else:
            found = _node(op, av)
            if found:
                out.append(found)
    if run is not None:
        out.append(frozenset(run))
    return out


#: Joined strings kept for one spot of a pattern; past this the run ends there.
_MAX_SPELLED = 64


def _spelled(op: Any, av: Any) -> list[str] | None:
    """The strings one element matches when it can only match plain literals
    (a character, "a|bc", "[ab]"); None when it can match anything else."""
    if op is c.LITERAL:
        return [chr(av)]
    if op is c.IN and all(o is c.LITERAL for o, _ in av):
        return [chr(a) for _, a in av]
    if op is c.BRANCH and all(all(o is c.LITERAL for o, _ in b) for b in av[1]):
        return ["".join(chr(a) for _, a in b) for b in av[1]]
    return None


def _led_into(run: set[str], op: Any, av: Any) -> set[str]:
    """`run` followed by the literal start of every alternative of an alternation,
    where each alternative has one ("a|b" then "(?:call|ring) \\w+" -> "a call"...);
    else `run` itself."""
    if op is not c.BRANCH:
        return run
    leads = []
    for branch in av[1]:
        lead = "".join(chr(a) for o, a in itertools.takewhile(lambda x: x[0] is c.LITERAL, branch))
        if not lead:
            return run
        leads.append(lead)
    if len(run) * len(leads) > _MAX_SPELLED:
        return run
    return {r + lead for r in run for lead in leads}


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
