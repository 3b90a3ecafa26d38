"""The domain text that biases recognition: what agents say, filled with the scenario's own words.

Sources, all read defensively (a missing or odd file only narrows the
model): the bundled phrasings (``data/agent_phrasings.txt``), the act
catalogue's examples (``docs/acts.md``), the grader's phrasing examples
(``scoring/phrasing/*.yaml``), and from a scenario its brand, names,
departments, extensions, numbers and the responses it offers the trainee.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from simulator.listen.words import number_variants, tokens

__all__ = ["DomainTerms", "domain_sentences", "load_scenario_terms", "terms_from_scenario"]

DATA = Path(__file__).parent / "data"
REPO = Path(__file__).resolve().parents[2]

_SLOT = re.compile(r"\{(\w+)\}")
# Stand-ins when no scenario fills a slot: the act catalogue's own examples.
_DEFAULTS = {
    "brand": ("acme", "the company"),
    "agent": ("dana", "alex"),
    "caller": ("ms lopez", "mister smith"),
    "person": ("carol", "the manager"),
    "dept": ("billing", "sales", "support"),
    "ext": ("110", "204"),
    "number": ("4410", "555 614 2200"),
    "item": ("the order",),
}
_MAX_FILLS = 4  # values per slot per template: enough to learn the names, not to swamp the rest


@dataclass(frozen=True)
class DomainTerms:
    """The scenario's words that agents say; each field a tuple of strings."""

    brand: tuple[str, ...] = ()
    agent: tuple[str, ...] = ()
    caller: tuple[str, ...] = ()
    person: tuple[str, ...] = ()
    dept: tuple[str, ...] = ()
    ext: tuple[str, ...] = ()
    number: tuple[str, ...] = ()
    responses: tuple[str, ...] = field(default=())

    def merged(self, other: DomainTerms) -> DomainTerms:
        return DomainTerms(
            **{
                f.name: tuple(dict.fromkeys(getattr(self, f.name) + getattr(other, f.name)))
                for f in fields(self)
            }
        )


_KEYMAP = {
    "brand": "brand", "company": "brand", "business": "brand",
    "agent": "agent", "agent_name": "agent",
    "caller": "caller", "caller_name": "caller", "customer": "caller",
    "department": "dept", "dept": "dept", "departments": "dept", "team": "dept",
    "ext": "ext", "extension": "ext",
    "phone": "number", "number": "number", "correct_number": "number",
    "order_number": "number", "account_number": "number", "member_number": "number",
    "callback_number": "number", "ticket": "number", "reference": "number",
    "choices": "responses", "responses": "responses", "options": "responses",
    "agent_lines": "responses", "say": "responses",
}  # fmt: skip
_PEOPLE_KEYS = {"people", "staff", "directory", "colleagues", "employees", "contacts", "person"}


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str | int) and not isinstance(value, bool):
        yield str(value)
    elif isinstance(value, Mapping):
        for key in ("text", "say", "line", "name", "label"):
            if key in value:
                yield from _strings(value[key])
                return
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


def _walk(node: Any, found: dict[str, list[str]], parent: str = "") -> None:
    if isinstance(node, Mapping):
        for key, value in node.items():
            k = str(key).lower()
            slot = _KEYMAP.get(k)
            if k == "name" and parent in _PEOPLE_KEYS:
                slot = "person"
            if k == "name" and parent in ("caller", "customer"):
                slot = "caller"
            if k == "name" and parent == "agent":
                slot = "agent"
            if slot and not isinstance(value, Mapping):
                found[slot].extend(_strings(value))
            _walk(
                value, found, k if k in _PEOPLE_KEYS | {"caller", "customer", "agent"} else parent
            )
    elif isinstance(node, list | tuple):
        for item in node:
            _walk(item, found, parent)


def terms_from_scenario(data: Any) -> DomainTerms:
    """Pick the words a scenario's agent would say out of its YAML, whatever its exact shape."""
    found: dict[str, list[str]] = {f.name: [] for f in fields(DomainTerms)}
    _walk(data, found)
    return DomainTerms(**{k: tuple(dict.fromkeys(v)) for k, v in found.items()})


def load_scenario_terms(path: str | Path) -> DomainTerms:
    """Read a scenario YAML file's terms; raises ValueError if it is not readable YAML."""
    import yaml

    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ValueError(f"{path}: cannot read scenario: {exc}") from exc
    return terms_from_scenario(data)


def _name_forms(name: str) -> list[str]:
    """How an agent addresses someone: full name, first name, title and surname."""
    parts = name.split()
    if len(parts) < 2:
        return [name]
    last = parts[-1]
    return [name, parts[0], f"miss {last}", f"ms {last}", f"mister {last}", f"missus {last}"]


def _slot_values(slot: str, terms: DomainTerms) -> list[str]:
    if slot in ("caller", "person", "agent"):
        values = [f for n in getattr(terms, slot) for f in _name_forms(n)]
    elif slot in ("ext", "number"):
        values = []
        for raw in getattr(terms, slot):
            digits = re.sub(r"\D", "", raw)
            values.extend(number_variants(digits) if digits else [])
    elif slot == "item" or not hasattr(terms, slot):
        values = []
    else:
        values = list(getattr(terms, slot))
    return values or list(_DEFAULTS.get(slot, ("",)))


def expand_template(template: str, terms: DomainTerms) -> list[str]:
    """Fill each slot with up to a few scenario values (all combinations, capped)."""
    slots = list(dict.fromkeys(_SLOT.findall(template)))
    if not slots:
        return [template]
    choices = [_slot_values(s, terms)[:_MAX_FILLS] for s in slots]
    out = []
    for combo in itertools.islice(itertools.product(*choices), _MAX_FILLS * 2):
        text = template
        for slot, value in zip(slots, combo, strict=True):
            text = text.replace("{" + slot + "}", value)
        out.append(text)
    return out


def _phrasing_file_lines() -> Iterator[str]:
    for line in (DATA / "agent_phrasings.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            yield line.strip()


def _acts_doc_examples(path: Path) -> Iterator[str]:
    """Quoted examples in the agent half of the act catalogue."""
    if not path.is_file():
        return
    text = path.read_text(encoding="utf-8").split("## Caller acts")[0]
    yield from re.findall(r'"([^"]+)"', text)


def _phrasing_yaml_examples(folder: Path) -> Iterator[str]:
    """``examples:`` lists in the grader's phrasing pattern files, where they have landed."""
    if not folder.is_dir():
        return
    import yaml

    for path in sorted(folder.glob("*.y*ml")):
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError):
            continue
        yield from _examples_in(data)


def _examples_in(node: Any) -> Iterator[str]:
    if isinstance(node, Mapping):
        for key, value in node.items():
            if str(key) == "examples":
                yield from _strings(value)
            else:
                yield from _examples_in(value)
    elif isinstance(node, list):
        for item in node:
            yield from _examples_in(item)


def domain_sentences(
    terms: DomainTerms | None = None, extra: Iterable[str] = (), repo: Path = REPO
) -> list[list[str]]:
    """Tokenised sentences for the language model, scenario slots filled."""
    terms = terms or DomainTerms()
    texts: list[str] = []
    for template in _phrasing_file_lines():
        texts.extend(expand_template(template, terms))
    texts.extend(_acts_doc_examples(repo / "docs" / "acts.md"))
    texts.extend(_phrasing_yaml_examples(repo / "scoring" / "phrasing"))
    texts.extend(terms.responses)
    texts.extend(extra)
    # Names, brands and numbers also on their own: trainees say them in new sentences.
    for slot in ("brand", "agent", "caller", "person", "dept", "ext", "number"):
        if getattr(terms, slot):
            texts.extend(_slot_values(slot, terms))
    sentences = [tokens(t) for t in texts]
    return [s for s in sentences if s]
