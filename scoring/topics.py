"""Topics of a reason for calling, from `scoring/phrasing/topics.yaml`.

open.restate_reason asks whether the agent's reply *names* the caller's reason, and
callers and agents name one thing in different words ("my power has been out" ->
"your outage"). The groups of such words are knowledge of language, so they live in
data beside the act phrasings, with examples and counter-examples the tests check.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from scoring.call import stem
from scoring.normalise import normalise
from scoring.safeyaml import YamlError, load_file

TOPICS_FILE = Path(__file__).resolve().parent / "phrasing" / "topics.yaml"


class TopicsError(ValueError):
    """The topics file does not load: names the file and the topic."""


@dataclass(frozen=True)
class Topics:
    """Each topic's word stems and phrases, numbered in file order."""

    names: tuple[str, ...]
    by_stem: dict[str, int]
    phrases: tuple[tuple[str, int], ...]  # (" phrase ", topic), padded to match whole words
    examples: tuple[tuple[str, str], ...] = ()
    counter_examples: tuple[tuple[str, str], ...] = ()

    def of(self, stems: Iterable[str], normal: str) -> set[int]:
        """The topics a line touches: by its content stems, and by phrases in its normal form."""
        found = {self.by_stem[s] for s in stems if s in self.by_stem}
        if self.phrases:
            padded = f" {normal} "
            found.update(n for phrase, n in self.phrases if phrase in padded)
        return found

    def named(self, topics: set[int], stems: Iterable[str], normal: str) -> set[str]:
        """The words and phrases of `topics` a reply uses (for the mark's reason)."""
        out = {s for s in stems if self.by_stem.get(s) in topics}
        if self.phrases:
            padded = f" {normal} "
            out.update(p.strip() for p, n in self.phrases if n in topics and p in padded)
        return out


def _pairs(value: Any, where: str) -> tuple[tuple[str, str], ...]:
    if not isinstance(value, list) or not all(
        isinstance(p, list) and len(p) == 2 and all(isinstance(s, str) for s in p) for p in value
    ):
        raise TopicsError(f"{where}: expected a list of [reason, reply] pairs")
    return tuple((p[0], p[1]) for p in value)


def load_topics(path: Path = TOPICS_FILE) -> Topics:
    """Load a topics file (raises `TopicsError` naming the file and what is wrong)."""
    try:
        data: Any = load_file(path)
    except YamlError as exc:
        raise TopicsError(str(exc)) from None
    if not isinstance(data, dict) or not isinstance(data.get("topics"), dict):
        raise TopicsError(f"{path.name}: expected a mapping with 'topics'")
    names: list[str] = []
    by_stem: dict[str, int] = {}
    phrases: list[tuple[str, int]] = []
    for n, (name, spec) in enumerate(data["topics"].items()):
        where = f"{path.name}: topic {name}"
        if not isinstance(spec, dict) or not isinstance(spec.get("words"), str):
            raise TopicsError(f"{where}: needs 'words', one line of words")
        names.append(str(name))
        for word in spec["words"].split():
            key = stem(word.lower())
            if by_stem.get(key, n) != n:
                raise TopicsError(f"{where}: '{word}' is also in topic {names[by_stem[key]]}")
            by_stem[key] = n
        for phrase in spec.get("phrases") or ():
            if not isinstance(phrase, str) or not normalise(phrase):
                raise TopicsError(f"{where}: a phrase must be non-empty text")
            phrases.append((f" {normalise(phrase)} ", n))
    return Topics(
        names=tuple(names),
        by_stem=by_stem,
        phrases=tuple(phrases),
        examples=_pairs(data.get("examples") or [], f"{path.name}: examples"),
        counter_examples=_pairs(data.get("not") or [], f"{path.name}: not"),
    )


@lru_cache(maxsize=1)
def topics() -> Topics:
    """The shipped topics (loaded once)."""
    return load_topics()
