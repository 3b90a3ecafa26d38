"""Literal strings that every match of a regular expression must contain.

The act recogniser runs dozens of large patterns over every line, and most
lines do only a few acts. A pattern can only match a line containing at least
one of its *required literals*, computed here from the pattern's parse tree;
a quick literal-only scan rules most patterns out before the full pattern
runs. The test is a necessary condition by construction (every path through
the pattern consumes one of the literals), so gating never changes a result.
"""

from __future__ import annotations

import hashlib
import itertools
import re
from collections.abc import Iterator
from contextvars import ContextVar
from re import _constants as c  # type: ignore[attr-defined]
from re import _parser as sre  # type: ignore[attr-defined]
from typing import Any, cast

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


def required_alternatives(pattern: str, flags: int = 0) -> list[list[Literals]]:
    """Ways a match can be: one of them holds, each a list of groups that all do.

    A pattern that is one alternation at the top ("a ... b|so ... c") gives each
    alternative's own groups; any other gives `required_groups` as its one way.
    An alternative with no group means nothing is required at all ([]).
    """
    try:
        tree = list(sre.parse(pattern, flags))
    except re.error:
        return []
    if flags & re.IGNORECASE or _ignores_case(tree):
        return []  # the literals would be matched without regard to case
    while len(tree) == 1 and tree[0][0] is c.SUBPATTERN and not tree[0][1][1]:
        tree = list(tree[0][1][-1])  # (?:...) around the whole: its inside
    whole = len(tree) == 1 and tree[0][0] is c.BRANCH
    branches = [list(b) for b in tree[0][1][1]] if whole else [tree]
    out = []
    for branch in branches:
        groups = [_minimal(g) for g in _groups(branch) if g and _gates(g)]
        if not groups:
            return []
        out.append(groups)
    return out


def _ignores_case(items: Any) -> bool:
    """Does any part of the parsed expression turn IGNORECASE on (`(?i:...)`)?"""
    for op, av in items:
        if op is c.SUBPATTERN and av[1] & re.IGNORECASE:
            return True
        for sub in av if isinstance(av, (list, tuple)) else ():
            if isinstance(sub, sre.SubPattern) and _ignores_case(sub):
                return True
            if isinstance(sub, list) and any(
                isinstance(b, sre.SubPattern) and _ignores_case(b) for b in sub
            ):
                return True
    return False


def _gates(group: Literals) -> bool:
    """A group worth testing: none of its literals is blank space or one character."""
    return all(len(lit.strip()) >= 2 for lit in group)


class GatedPattern:
    """A compiled expression that first looks for the literals every match contains.

    A `\\b(?:...|...)` alternation of many words is tried by the regex engine at
    every character of the line; one Aho-Corasick pass finds whether any of the
    words needed is there at all, and most lines have none, so the expression
    never runs on them. The literals are worked out from the expression itself
    (`required_alternatives`), so a changed pattern brings its own gate. The
    answers are the pattern's own: only a line that cannot match is skipped.
    """

    __slots__ = ("compiled", "pattern", "flags", "_automaton", "_needs")

    def __init__(self, compiled: re.Pattern[str], ways: list[list[Literals]]) -> None:
        import ahocorasick

        self.compiled = compiled
        self.pattern = compiled.pattern
        self.flags = compiled.flags
        bit: dict[Literals, int] = {}
        values: dict[str, int] = {}
        needs = []
        for groups in ways:
            need = 0
            for g in groups:
                b = bit.setdefault(g, 1 << len(bit))
                need |= b
                for lit in g:
                    values[lit] = values.get(lit, 0) | b
            needs.append(need)
        self._needs = tuple(needs)
        self._automaton = ahocorasick.Automaton()
        for lit, value in values.items():
            self._automaton.add_word(lit, value)
        self._automaton.make_automaton()

    def possible(self, string: str) -> bool:
        """Does `string` hold the literals of one way the expression can match?"""
        found = 0
        for _end, bits in self._automaton.iter(string):
            found |= bits
        for need in self._needs:
            if not need & ~found:
                return True
        return False

    def search(self, string: str, *args: int) -> re.Match[str] | None:
        return self.compiled.search(string, *args) if self.possible(string) else None

    def match(self, string: str, *args: int) -> re.Match[str] | None:
        return self.compiled.match(string, *args) if self.possible(string) else None

    def fullmatch(self, string: str, *args: int) -> re.Match[str] | None:
        return self.compiled.fullmatch(string, *args) if self.possible(string) else None

    def findall(self, string: str, *args: int) -> list[Any]:
        return self.compiled.findall(string, *args) if self.possible(string) else []

    def finditer(self, string: str, *args: int) -> Iterator[re.Match[str]]:
        return self.compiled.finditer(string, *args) if self.possible(string) else iter(())

    def sub(self, repl: Any, string: str, count: int = 0) -> str:
        return self.compiled.sub(repl, string, count) if self.possible(string) else string

    def split(self, string: str, maxsplit: int = 0) -> list[str | Any]:
        return self.compiled.split(string, maxsplit) if self.possible(string) else [string]

    def subn(self, repl: Any, string: str, count: int = 0) -> tuple[str, int]:
        return self.compiled.subn(repl, string, count) if self.possible(string) else (string, 0)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.compiled, name)  # groups, groupindex, scanner ...

    def __repr__(self) -> str:
        return f"gated({self.compiled!r})"


def gated(compiled: re.Pattern[str]) -> re.Pattern[str]:
    """`compiled` behind a literal gate (`GatedPattern`), or as it is when no literal is
    required of its matches, or when it ignores case (the literals are case-sensitive).

    Typed as the pattern it stands in for: it answers the same calls the same way
    (anything other than the matching methods is the pattern's own attribute)."""
    if compiled.flags & re.IGNORECASE:
        return compiled
    ways = _alternatives_cached(compiled.pattern, compiled.flags)
    return cast(re.Pattern[str], GatedPattern(compiled, ways)) if ways else compiled


def _alternatives_cached(pattern: str, flags: int) -> list[list[Literals]]:
    """`required_alternatives`, kept in the user's cache folder between runs: parsing an
    expression again costs several milliseconds of every grader's start-up. Keyed by the
    pattern, its flags and this module's code; a file that does not read is recomputed."""
    import json
    import os
    from pathlib import Path

    from scoring.acts import _cache_dir

    digest = hashlib.sha256(Path(__file__).read_bytes() + f"{flags}\0{pattern}".encode())
    path = _cache_dir() / f"literals-{digest.hexdigest()[:24]}.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if _well_formed(data, pattern):
            return [[frozenset(g) for g in way] for way in data["ways"]]
    except (OSError, ValueError):
        pass
    ways = required_alternatives(pattern, flags)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        entry = {"pattern": pattern, "ways": [[sorted(g) for g in way] for way in ways]}
        tmp.write_text(json.dumps(entry), encoding="utf-8")
        os.replace(tmp, path)
    except OSError:
        pass
    return ways


def _well_formed(data: Any, pattern: str) -> bool:
    """A cached entry for `pattern` of the shape written (lists of lists of strings): a
    file of any other shape, or of another pattern, is recomputed, never half-read."""
    if not isinstance(data, dict) or data.get("pattern") != pattern:
        return False
    ways = data.get("ways")
    return isinstance(ways, list) and all(
        isinstance(way, list)
        and way
        and all(
            isinstance(g, list) and g and all(isinstance(lit, str) and lit for lit in g)
            for g in way
        )
        for way in ways
    )
