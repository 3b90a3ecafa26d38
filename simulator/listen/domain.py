"""The domain text that biases recognition: what agents say, filled with the scenario's own words.

Sources, all read defensively (a missing or odd file only narrows the
model): the bundled phrasings (``data/agent_phrasings.txt``), the act
catalogue's examples (``docs/acts.md``), the grader's phrasing examples
(``scoring/phrasing/*.yaml``), and from a scenario its brand, names,
departments, extensions, numbers and the responses it offers the trainee.
"""

from __future__ import annotations

import functools
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
_SENTENCE = re.compile(r"(?<=[.?!])\s+")
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


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str | int) and not isinstance(value, bool):
        yield str(value)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


def _str(value: Any) -> str:
    return (
        str(value).strip() if isinstance(value, str | int) and not isinstance(value, bool) else ""
    )


def _agent_lines(script: Any) -> Iterator[str]:
    """Spoken lines of a scenario script, mistakes included (trainees say those too)."""
    if not isinstance(script, list):
        return
    for step in script:
        if isinstance(step, Mapping):
            yield from _agent_lines([step.get("agent")])
            for mistake in step.get("mistakes") or []:
                if isinstance(mistake, Mapping):
                    said = mistake.get("agent")
                    yield from _agent_lines(said if isinstance(said, list) else [said])
        elif isinstance(step, str) and step.strip() and not step.lstrip().startswith("/"):
            yield step.strip()


def _fill_placeholders(line: str, values: Mapping[str, str]) -> str:
    """``{brand}``, ``{caller.address}`` ... as the engine would fill them; unknown ones dropped."""
    return re.sub(r"\{([\w.]+)\}", lambda m: values.get(m.group(1), ""), line)


def _caller_values(data: Mapping[str, Any]) -> dict[str, str]:
    caller = data.get("caller") if isinstance(data.get("caller"), Mapping) else {}
    assert isinstance(caller, Mapping)
    name = _str(caller.get("name"))
    surname = name.split()[-1] if name else ""
    title = _str(caller.get("title")).rstrip(".")
    title_word = {"ms": "miss", "mrs": "missus", "mr": "mister", "dr": "doctor"}.get(
        title.lower(), title
    )
    return {
        "brand": _str(data.get("brand")),
        "agent": _str(data.get("agent")),
        "caller.name": name,
        "caller.first": name.split()[0] if name else "",
        "caller.address": f"{title_word} {surname}".strip() if title_word else name,
        "ticket_id": _str(data.get("ticket_id")),
        "phone": _str(caller.get("phone")),
        "id_number": _str(caller.get("id_number")),
    }


def terms_from_scenario(data: Any) -> DomainTerms:
    """Pick the words a scenario's agent would say out of its YAML (scenarios/*.yaml shape).

    Read defensively: any field may be missing or of the wrong type in a
    trainer's file, and that only narrows the model.
    """
    if not isinstance(data, Mapping):
        return DomainTerms()
    values = _caller_values(data)
    directory = [d for d in data.get("directory") or [] if isinstance(d, Mapping)]
    numbers = [values["phone"], values["id_number"], values["ticket_id"]]
    numbers.append(_str(data.get("correct_number")))

    def present(items: Iterable[str]) -> tuple[str, ...]:
        return tuple(dict.fromkeys(i for i in items if i))

    return DomainTerms(
        brand=present([values["brand"]]),
        agent=present([values["agent"]]),
        caller=present([values["caller.name"]]),
        person=present(_str(d.get("name")) for d in directory),
        dept=present(_str(d.get("dept")) for d in directory),
        ext=present(_str(d.get("ext")) for d in directory),
        number=present(numbers),
        responses=present(
            _fill_placeholders(line, values) for line in _agent_lines(data.get("script"))
        ),
    )


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
    return [name, parts[0], f"miss {last}", f"mister {last}", f"missus {last}"]


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


def fill_once(template: str, terms: DomainTerms, n: int) -> str:
    """Fill each slot with one scenario value, the ``n``-th in turn.

    For the corpus: thousands of lines each filled once, rotating through the
    values, teach the model every name without multiplying the lines.
    """
    for slot in dict.fromkeys(_SLOT.findall(template)):
        values = _slot_values(slot, terms)
        template = template.replace("{" + slot + "}", values[n % len(values)])
    return template


def corpus_lines(folder: Path = DATA / "corpus") -> list[str]:
    """The bundled agent-speech corpus (``data/corpus/*.txt``), one sentence per line."""
    out: list[str] = []
    for path in sorted(folder.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if line and not line.startswith("#"):
                out.extend(s for s in _SENTENCE.split(line) if s)
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
    for path in sorted(folder.glob("agent*.y*ml")):  # agent phrasings only
        try:
            st = path.stat()
        except OSError:
            continue
        yield from _file_examples(str(path), st.st_mtime_ns, st.st_size)


@functools.lru_cache(maxsize=8)
def _file_examples(path: str, mtime_ns: int, size: int) -> tuple[str, ...]:
    """One phrasing file's examples, parsed once per version of the file (keyed by its time and
    size): a call's model and its moment models read the same ~190 kB of YAML, about 1 s each."""
    import yaml

    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError):
        return ()
    return tuple(_examples_in(data))


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
    texts.extend(fill_once(line, terms, n) for n, line in enumerate(corpus_lines()))
    texts.extend(terms.responses)
    texts.extend(extra)
    # Names, brands and numbers also on their own: trainees say them in new sentences.
    for slot in ("brand", "agent", "caller", "person", "dept", "ext", "number"):
        if getattr(terms, slot):
            texts.extend(_slot_values(slot, terms))
    sentences = [tokens(t) for t in texts]
    return [s for s in sentences if s]


def terms_from_model(scenario: Any) -> DomainTerms:
    """Terms from the engine's `Scenario` dataclass (simulator.scenario.model), read by attribute.

    Goes through the same reader as the YAML, so both give the same model.
    """
    caller = getattr(scenario, "caller", None)

    def attr(obj: Any, name: str) -> Any:
        value = getattr(obj, name, "")
        return value if isinstance(value, str | int) else ""

    data = {
        "brand": attr(scenario, "brand"),
        "agent": attr(scenario, "agent"),
        "ticket_id": attr(scenario, "ticket_id"),
        "correct_number": attr(scenario, "correct_number"),
        "caller": {k: attr(caller, k) for k in ("name", "title", "phone", "id_number")},
        "directory": [
            {k: attr(c, k) for k in ("ext", "name", "dept")}
            for c in getattr(scenario, "directory", ()) or ()
        ],
        "script": [
            {
                "agent": attr(step, "agent"),
                "mistakes": [{"agent": attr(m, "agent")} for m in getattr(step, "mistakes", ())],
            }
            for step in getattr(scenario, "script", ()) or ()
        ],
    }
    return terms_from_scenario(data)
