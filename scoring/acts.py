"""The act recogniser: what a line *does* (asks to hold, announces a transfer ...).

One recogniser serves the grader and the simulated caller (DESIGN.md, point
4), so a phrasing the caller reacts to is one the grader credits. The
knowledge lives in data, `scoring/phrasing/{agent,caller}.yaml`: regular
expressions over the normal form of a line (`scoring.normalise`), with
macros, a condition the whole line must also meet (`requires`), vetoes
(`unless`), implied acts (`implies`) and worked examples that the tests
check. The act labels are documented in docs/acts.md.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

from scoring.literals import required_groups
from scoring.normalise import normalise
from scoring.safeyaml import YamlError, load_file

PHRASING_DIR = Path(__file__).resolve().parent / "phrasing"
SPEAKERS = ("agent", "caller")
_MACRO = re.compile(r"\{([A-Z][A-Z0-9_]*)\}")


class PhrasingError(ValueError):
    """A phrasing file that does not load: names the file and the act."""


@dataclass(frozen=True)
class ActRule:
    """One act's patterns (compiled on first use), plus the worked examples kept for tests."""

    name: str
    veto_source: str | None  # the `unless` patterns as one expression (see `_source`)
    examples: tuple[str, ...]
    counter_examples: tuple[str, ...]
    implies: tuple[str, ...] = ()
    requires_source: str | None = None
    #: "caller": only the simulated caller reacts to this act, so grading skips it
    audience: str = "all"
    # The patterns one by one (see `_source`): the recogniser searches only
    # those whose required literals are in the line (`_Plan`).
    sources: tuple[str, ...] = ()
    where: str = ""  # "agent.yaml: act hold" for a pattern that does not compile
    #: the `unless` patterns one by one: the recogniser searches those whose literals are there
    veto_sources: tuple[str, ...] = ()

    # Compiled on first use: grading never searches the caller-facing acts' patterns
    # (about 40% of the agent's), so a grader does not compile them at start-up.
    @cached_property
    def branches(self) -> tuple[re.Pattern[str], ...]:
        return tuple(_compiled(src, self.where) for src in self.sources)

    @cached_property
    def veto_branches(self) -> tuple[re.Pattern[str], ...]:
        return tuple(_compiled(src, self.where) for src in self.veto_sources)

    @cached_property
    def veto(self) -> re.Pattern[str] | None:
        return None if self.veto_source is None else _compiled(self.veto_source, self.where)

    @cached_property
    def requires(self) -> re.Pattern[str] | None:
        src = self.requires_source
        return None if src is None else _compiled(src, self.where)

    @cached_property
    def acts(self) -> frozenset[str]:
        """The act and the acts it implies: what a line that does it does."""
        return frozenset((self.name, *self.implies))

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        """All the patterns as one alternation (for tests and tools; compiled on first use)."""
        inner = [src[len(_HEAD) : -len(_TAIL)] for src in self.sources]
        return _compiled(_HEAD + "|".join(inner) + _TAIL, self.where)

    def matches(self, padded: str) -> bool:
        """Does the act match `padded` (" " + the normal form of a line; see `_source`)?

        The recogniser itself goes through `_Plan.hits`, which searches only the
        gated patterns; this whole-pattern check is what it must agree with (tests).
        """
        if not self.pattern.search(padded):
            return False
        if self.requires is not None and not self.requires.search(padded):
            return False
        return not (self.veto and self.veto.search(padded))


def _expand(pattern: str, macros: Mapping[str, str], where: str) -> str:
    def sub(m: re.Match[str]) -> str:
        key = m.group(1)
        if key not in macros:
            raise PhrasingError(f"{where}: unknown macro {{{key}}}")
        return macros[key]

    # Macros may use macros; three rounds is plenty and bounds the expansion.
    for _ in range(3):
        pattern = _MACRO.sub(sub, pattern)
    return pattern


# Patterns are matched against " " + the normal form: every pattern is compiled
# to start with that literal space, which both marks a word start (the space or
# the padded line start comes before) and lets the regex engine jump from space
# to space instead of trying every character. A "^" in a pattern (line start)
# becomes "just after the padding space".
_LINE_START = re.compile(r"(?<!\[)(?<!\\)\^")


_HEAD, _TAIL = " (?:", r")(?![a-z0-9])"


def _source(patterns: list[str], macros: Mapping[str, str], where: str) -> str:
    """The patterns as one expression over the padded normal form (macros expanded)."""
    parts = [f"(?:{_LINE_START.sub('(?<=^ )', _expand(str(p), macros, where))})" for p in patterns]
    return _HEAD + "|".join(parts) + _TAIL


#: Patterns compiled in one go by `_precompile` (from the cache of scoring.pattern_cache).
_READY: dict[str, re.Pattern[str]] = {}


def _compiled(source: str, where: str) -> re.Pattern[str]:
    """`source` compiled with ASCII classes: the normal form, the only text the patterns
    see, is ASCII ([a-z0-9@ ]), on which `\\w`, `\\b`, `\\d` and `\\s` match the same
    either way, and the ASCII tests are table lookups, not Unicode database calls."""
    ready = _READY.get(source)
    if ready is not None:
        return ready
    try:
        return re.compile(source, re.ASCII)
    except re.error as exc:
        raise PhrasingError(f"{where}: bad pattern: {exc}") from None


def load_rules(path: Path) -> tuple[ActRule, ...]:
    """Load one phrasing file into compiled rules (raises `PhrasingError`)."""
    try:
        data: Any = load_file(path)
    except YamlError as exc:
        raise PhrasingError(str(exc)) from None
    if not isinstance(data, dict) or not isinstance(data.get("acts"), dict):
        raise PhrasingError(f"{path}: expected a mapping with 'acts'")
    macros = {str(k): str(v) for k, v in (data.get("macros") or {}).items()}
    rules = []
    for name, spec in data["acts"].items():
        where = f"{path.name}: act {name}"
        if not isinstance(spec, dict) or not spec.get("patterns"):
            raise PhrasingError(f"{where}: needs a non-empty 'patterns' list")
        veto = _source(spec["unless"], macros, where) if spec.get("unless") else None
        needs = _source(spec["requires"], macros, where) if spec.get("requires") else None
        rules.append(
            ActRule(
                name=str(name),
                # each pattern on its own: a line matches the act's alternation exactly
                # when it matches one of them (a search succeeds iff some alternative does)
                sources=tuple(_source([p], macros, where) for p in spec["patterns"]),
                veto_source=veto,
                veto_sources=tuple(_source([p], macros, where) for p in spec.get("unless") or ()),
                examples=tuple(spec.get("examples") or ()),
                counter_examples=tuple(spec.get("not") or ()),
                implies=tuple(str(a) for a in spec.get("implies") or ()),
                requires_source=needs,
                audience=str(spec.get("audience", "all")),
                where=where,
            )
        )
    names = {r.name for r in rules}
    for r in rules:
        for implied in r.implies:
            if implied not in names:
                raise PhrasingError(f"{path.name}: act {r.name} implies unknown act {implied}")
    return tuple(rules)


@lru_cache(maxsize=4)
def rules_for(speaker: str) -> tuple[ActRule, ...]:
    """The shipped rules for `agent` or `caller` lines (loaded once)."""
    if speaker not in SPEAKERS:
        raise ValueError(f"speaker must be one of {SPEAKERS}, not {speaker!r}")
    return load_rules(PHRASING_DIR / f"{speaker}.yaml")


def act_names(speaker: str) -> tuple[str, ...]:
    return tuple(r.name for r in rules_for(speaker))


@dataclass(frozen=True)
class _Plan:
    """Which patterns could match a line at all.

    Every pattern needs one literal from each of several groups
    (`scoring.literals.required_groups`: " hold", {"put", "place"} ...). One
    Aho-Corasick pass over the line finds the literals present, as two bit
    masks: the groups with a literal in the line, and the patterns whose
    rarest group (its *key*) has one. A keyed pattern is searched only if all
    its other groups are present too. Gating is exact: it never drops a match.
    Both masks travel as one integer, group bits below `shift`.
    """

    rules: tuple[ActRule, ...]
    automaton: Any  # ahocorasick.Automaton (literal -> group bits | pattern bits << shift)
    always: int  # patterns with no usable literal: always tried
    flat: tuple[tuple[ActRule, re.Pattern[str], int], ...]  # bit i: rule, pattern, groups needed
    shift: int = 0
    groups: int = 0  # every group bit: (1 << shift) - 1
    #: bit i: the veto of pattern i's act, each alternative with the groups it needs (None: none)
    vetoes: tuple[tuple[tuple[re.Pattern[str], int], ...] | None, ...] = ()

    def _gated(self, padded: str) -> Iterator[tuple[ActRule, re.Pattern[str]]]:
        """The patterns worth searching on `padded`: rules in order, each one's in order."""
        if self.automaton is None:
            yield from ((rule, branch) for rule, branch, _need in self.flat)
            return
        found = 0
        for _end, bits in self.automaton.iter(padded):
            found |= bits
        present = found & ((1 << self.shift) - 1)
        keyed = found >> self.shift | self.always
        flat = self.flat
        while keyed:  # set bits, lowest first
            low = keyed & -keyed
            keyed ^= low
            rule, branch, need = flat[low.bit_length() - 1]
            if not need & ~present:
                yield rule, branch

    def candidates(self, padded: str) -> list[tuple[ActRule, list[re.Pattern[str]]]]:
        """The acts worth trying on `padded`, in rule order, each with its patterns to search."""
        out: list[tuple[ActRule, list[re.Pattern[str]]]] = []
        for rule, branch in self._gated(padded):
            if out and out[-1][0] is rule:
                out[-1][1].append(branch)
            else:
                out.append((rule, [branch]))
        return out

    def hits(self, padded: str) -> list[ActRule]:
        """The acts `padded` does: the gated patterns searched, each act decided once.

        `_gated` inlined: this runs on every line graded, and the generator's
        per-pattern hand-offs cost as much as the literal scan itself.
        """
        if self.automaton is None:
            return self._decide(padded, ((r, b) for r, b, _need in self.flat))
        found = 0
        for _end, bits in self.automaton.iter(padded):
            found |= bits
        missing = ~found & self.groups  # the groups with no literal in the line
        keyed = found >> self.shift | self.always
        flat = self.flat
        out: list[ActRule] = []
        decided: ActRule | None = None
        while keyed:  # set bits, lowest first: rules in order, each one's patterns in order
            low = keyed & -keyed
            keyed ^= low
            i = low.bit_length() - 1
            rule, branch, need = flat[i]
            if need & missing or rule is decided or not branch.search(padded):
                continue
            decided = rule  # its first matching pattern decides; the rest are skipped
            if rule.requires is not None and not rule.requires.search(padded):
                continue
            vetoes = self.vetoes[i]
            if vetoes is None or not _vetoed(vetoes, missing, padded):
                out.append(rule)
        return out

    @staticmethod
    def _decide(padded: str, pairs: Iterable[tuple[ActRule, re.Pattern[str]]]) -> list[ActRule]:
        """`hits` over the patterns given (no gate): the first match decides each act."""
        out: list[ActRule] = []
        decided: ActRule | None = None
        for rule, branch in pairs:
            if rule is decided or not branch.search(padded):
                continue
            decided = rule
            if rule.requires is not None and not rule.requires.search(padded):
                continue
            if rule.veto is None or not rule.veto.search(padded):
                out.append(rule)
        return out


def _vetoed(vetoes: tuple[tuple[re.Pattern[str], int], ...], missing: int, padded: str) -> bool:
    """Does one of the veto's alternatives match? Those missing a group are not searched:
    the veto matches exactly when one alternative does (a search over an alternation)."""
    for pattern, need in vetoes:
        if not need & missing and pattern.search(padded):
            return True
    return False


def _usable(group: frozenset[str]) -> bool:
    """A group worth a place in the gate: no literal so short that nearly every line
    has it. Single digits are kept: a line of words has none, so a number pattern
    (a phone number, a reference read in groups) is searched only where there are
    digits or number words."""
    return all(len(lit) >= 2 or lit.isdigit() for lit in group)


def _rules_in_scope(speaker: str, graded: bool) -> tuple[ActRule, ...]:
    rules = rules_for(speaker)
    return tuple(r for r in rules if r.audience != "caller") if graded else rules


def _compiled_pairs(rules: tuple[ActRule, ...]) -> list[tuple[ActRule, re.Pattern[str]]]:
    """Each rule with each of its patterns, all that the rules search compiled now:
    before a grader's workers fork, not once in each."""
    _precompile(rules)
    for rule in rules:
        _ = rule.veto, rule.veto_branches, rule.requires, rule.acts
    return [(rule, branch) for rule in rules for branch in rule.branches]


def _precompile(rules: tuple[ActRule, ...]) -> None:
    """The rules' patterns not compiled yet, compiled at once: the engine's code for them is
    kept between runs (scoring.pattern_cache), as parsing them was most of start-up."""
    todo = [
        src
        for rule in rules
        if "branches" not in rule.__dict__
        for src in (*rule.sources, *rule.veto_sources, rule.veto_source, rule.requires_source)
        if src is not None and src not in _READY
    ]
    if todo:
        from scoring.pattern_cache import compile_all

        _READY.update(compile_all(list(dict.fromkeys(todo)), re.ASCII, _cache_dir()))


@lru_cache(maxsize=8)
def _plan(speaker: str, graded: bool = False) -> _Plan:
    """The gate for `speaker`'s rules; `graded` leaves out the acts only the caller hears."""
    rules = _rules_in_scope(speaker, graded)
    pairs = _compiled_pairs(rules)
    try:
        import ahocorasick
    except ImportError:  # pragma: no cover - the gate only saves time
        return _Plan(rules, None, 0, tuple((r, b, 0) for r, b in pairs))
    veto_pairs = [(rule, alt) for rule in rules for alt in rule.veto_branches]
    groups_all, often = _gate_groups(rules, pairs + veto_pairs)
    # A group in most lines ("the", "to", "he") prunes few searches, and its literals were
    # a third of the scan's matches: not required (the gate stays exact, only less sharp).
    lines = sum(len(r.examples) + len(r.counter_examples) for r in rules)
    common = {g for g, n in often.items() if n > lines * COMMON_GROUP}
    groups_all = [[g for g in groups if g not in common] for groups in groups_all]
    groups_of, veto_groups = groups_all[: len(pairs)], groups_all[len(pairs) :]
    group_bit: dict[frozenset[str], int] = {}
    for groups in groups_all:
        for g in groups:
            group_bit.setdefault(g, len(group_bit))
    shift = len(group_bit)
    values: dict[str, int] = {}  # literal -> group bits | key-pattern bits << shift
    always = 0
    flat = []
    for i, ((rule, branch), groups) in enumerate(zip(pairs, groups_of, strict=True)):
        if not groups:
            always |= 1 << i
            flat.append((rule, branch, 0))
            continue
        key = min(groups, key=lambda g: (often[g], -min(map(len, g))))
        for lit in key:
            values[lit] = values.get(lit, 0) | 1 << (shift + i)
        need = 0
        for g in groups:
            need |= 1 << group_bit[g]
            for lit in g:
                values[lit] = values.get(lit, 0) | 1 << group_bit[g]
        flat.append((rule, branch, need))
    vetoes = _veto_table(pairs, veto_pairs, veto_groups, group_bit, values)
    automaton = ahocorasick.Automaton()
    for lit, bits in values.items():
        automaton.add_word(lit, bits)
    automaton.make_automaton()
    return _Plan(rules, automaton, always, tuple(flat), shift, (1 << shift) - 1, vetoes)


def _veto_table(
    pairs: list[tuple[ActRule, re.Pattern[str]]],
    veto_pairs: list[tuple[ActRule, re.Pattern[str]]],
    veto_groups: Groups,
    group_bit: dict[frozenset[str], int],
    values: dict[str, int],
) -> tuple[tuple[tuple[re.Pattern[str], int], ...] | None, ...]:
    """For each pattern, its act's veto alternatives with the group bits each needs (their
    literals added to `values`), so that `hits` searches only those that can match."""
    by_rule: dict[int, list[tuple[re.Pattern[str], int]]] = {}
    for (rule, alt), groups in zip(veto_pairs, veto_groups, strict=True):
        need = 0
        for g in groups:
            need |= 1 << group_bit[g]
            for lit in g:
                values[lit] = values.get(lit, 0) | 1 << group_bit[g]
        by_rule.setdefault(id(rule), []).append((alt, need))
    return tuple(tuple(by_rule[id(r)]) if id(r) in by_rule else None for r, _b in pairs)


Groups = list[list[frozenset[str]]]
#: A literal group found in more than this share of the phrasing examples is not gated on
#: (measured: 0.5 saved 0.9% of a graded call's instructions; 0.25 and 0.65 less).
COMMON_GROUP = 0.5


def _gate_groups(
    rules: tuple[ActRule, ...], pairs: list[tuple[ActRule, re.Pattern[str]]]
) -> tuple[Groups, dict[frozenset[str], int]]:
    """Each pattern's required literal groups, and how common each group is.

    Working them out parses every pattern again (a quarter of a second at
    start-up), so they are kept in the user's cache folder, keyed by a hash of
    the patterns, the examples and the code that derives them (this module and
    scoring.literals): any change to those makes a new entry. A cache that
    cannot be read or written is skipped. `\\d` counts as 0-9: the gate only
    ever sees the normal form, whose only digits are ASCII.
    """
    from scoring import literals

    digest = hashlib.sha256(Path(literals.__file__).read_bytes() + Path(__file__).read_bytes())
    for _rule, branch in pairs:
        digest.update(branch.pattern.encode() + b"\0")
    for rule in rules:
        digest.update("\0".join((*rule.examples, *rule.counter_examples)).encode() + b"\1")
    path = _cache_dir() / f"gate-{digest.hexdigest()[:24]}.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        groups_of = [[frozenset(g) for g in groups] for groups in data["groups"]]
        often = {frozenset(g): int(n) for g, n in data["often"]}
        if len(groups_of) == len(pairs) and all(g in often for gs in groups_of for g in gs):
            return groups_of, often
    except (OSError, ValueError, KeyError, TypeError):
        pass
    groups_of = [
        [g for g in required_groups(b.pattern, ascii_digits=True) if _usable(g)] for _r, b in pairs
    ]
    order: dict[frozenset[str], int] = {}
    for groups in groups_of:
        for g in groups:
            order.setdefault(g, len(order))
    often = _group_frequency(order, rules)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(
            json.dumps(
                {
                    "groups": [[sorted(g) for g in groups] for groups in groups_of],
                    "often": [[sorted(g), n] for g, n in often.items()],
                }
            ),
            encoding="utf-8",
        )
        os.replace(tmp, path)
    except OSError:
        pass
    return groups_of, often


def _cache_dir() -> Path:
    """`CALLSIM_CACHE_DIR`, else the platform's user cache folder for callsim."""
    override = os.environ.get("CALLSIM_CACHE_DIR")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_cache_dir("callsim"))


def _group_frequency(
    group_bit: Mapping[frozenset[str], int], rules: tuple[ActRule, ...]
) -> dict[frozenset[str], int]:
    """How many of the phrasing file's example lines hold a literal of each group:
    the rarest group of a pattern makes the sharpest key."""
    import ahocorasick

    automaton = ahocorasick.Automaton()
    bits: dict[str, int] = {}
    for g, bit in group_bit.items():
        for lit in g:
            bits[lit] = bits.get(lit, 0) | 1 << bit
    for lit, b in bits.items():
        automaton.add_word(lit, b)
    automaton.make_automaton()
    per_bit = [0] * len(group_bit)
    for rule in rules:
        for text in (*rule.examples, *rule.counter_examples):
            present = 0
            for _end, b in automaton.iter(" " + normalise(text)):
                present |= b
            while present:
                low = present & -present
                per_bit[low.bit_length() - 1] += 1
                present ^= low
    return {g: per_bit[bit] for g, bit in group_bit.items()}


def warm_up(speaker: str, *, graded_only: bool = False) -> None:
    """Load and compile everything `recognise` needs for `speaker` now, not on first use.

    `graded_only`: just what grading asks for (the grader's workers never hear the
    caller-facing acts, so their gate is not built)."""
    # Positional, as `recognise` asks: lru_cache keys `f(x, True)` and `f(x, graded=True)`
    # apart, and a worker forked after this would build the grader's gate again.
    if not graded_only:
        _plan(speaker, False)
    _plan(speaker, True)


@lru_cache(maxsize=131072)
def recognise(text: str, speaker: str = "agent", graded: bool = False) -> frozenset[str]:
    """The acts a line does, as labels from docs/acts.md (empty: none recognised).

    `graded`: only the acts protocol items read; the grader asks for these, and skips
    the acts only the role-play caller reacts to (`audience: caller`)."""
    normal = normalise(text)
    if not normal:
        return _NONE
    padded = " " + normal
    hits = _plan(speaker, graded).hits(padded)
    # Some acts contain others by definition (tests/data/README.md rules 11 and
    # 21: taking ownership is committing to help; offering a transfer or a
    # message is offering a message), declared in the YAML with `implies`:
    # `ActRule.acts` holds both. Most lines do one act or none.
    if len(hits) == 1:
        return hits[0].acts
    return frozenset().union(*(r.acts for r in hits)) if hits else _NONE


_NONE: frozenset[str] = frozenset()
