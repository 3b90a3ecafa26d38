"""Load and validate scenario files: safe YAML, then the schema, then cross-references.

`validate_file` returns every problem found (for `callsim validate`);
`load_scenario` raises `ScenarioError` with them, or returns the model.
"""

from __future__ import annotations

import os
from pathlib import Path

from scoring.files import FileProblem, read_regular
from scoring.literal import excerpt, printable, unicode_safe
from scoring.safeyaml import MAX_BYTES, YamlDoc, YamlError, load_yaml
from simulator.scenario.build import build_scenario
from simulator.scenario.checks import caller_line_problems, semantic_problems
from simulator.scenario.model import Scenario
from simulator.scenario.problems import Problem, ScenarioError, did_you_mean
from simulator.scenario.schema import schema_problems

SUFFIXES = (".yaml", ".yml")


def policy_problem(doc: YamlDoc, path: str) -> tuple[frozenset[str] | None, list[Problem]]:
    """The item ids of the shipped pack the scenario's `policy:` names, or why it cannot be used.

    A scenario names a pack only by name (never a path: a scenario file must not
    make callsim read other files), among the shipped packs.
    """
    from scoring.policy import PolicyError, load_named, shipped_policies

    name = doc.data.get("policy", "default")
    known = shipped_policies()
    try:
        if isinstance(name, str) and name in known:
            return frozenset(load_named(name).items), []
        message = f"policy: unknown policy pack {excerpt(name)}"
        hint = did_you_mean(str(name), known) or "one of " + ", ".join(known)
    except PolicyError as exc:
        message, hint = f"policy: {exc}", ""
    m = doc.mark(("policy",))
    return None, [Problem(path, m.line, m.column, message, hint)]


#: byte order marks that say how a file is encoded (UTF-32's first: FF FE 00 00 begins
#: like UTF-16's FF FE); a UTF-8 one is skipped by the YAML reader
_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


def _encoding(raw: bytes) -> str:
    """UTF-8, or the UTF-16 or UTF-32 a byte order mark names (PowerShell 5's `>` and
    `Out-File` write UTF-16 with one; it was refused as not UTF-8)."""
    return next((name for bom, name in _BOMS if raw.startswith(bom)), "utf-8")


def _read(path: str) -> tuple[YamlDoc | None, list[Problem]]:
    try:
        raw = read_regular(path, MAX_BYTES, what="scenario")  # a FIFO is refused, not read
        encoding = _encoding(raw)
        text = raw.decode(encoding)
    except FileProblem as exc:
        return None, [Problem(path, 1, 1, exc.message)]
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].decode(encoding, "replace").count("\n") + 1
        what = "not UTF-8 text" if encoding == "utf-8" else f"not {encoding.upper()} text"
        return None, [Problem(path, line, 1, what, "save the file as UTF-8")]
    try:
        return load_yaml(text), []
    except YamlError as exc:
        return None, [Problem(path, exc.mark.line, exc.mark.column, exc.message, exc.hint)]


def validate_file(path: str | os.PathLike[str]) -> tuple[Scenario | None, list[Problem]]:
    name = os.fspath(path)
    doc, problems = _read(name)
    if doc is None:
        return None, problems
    if not isinstance(doc.data, dict):
        return None, [Problem(name, 1, 1, "a scenario is a mapping of keys (title:, caller: ...)")]
    problems = schema_problems(doc, name)
    if problems:
        return None, problems
    item_ids, problems = policy_problem(doc, name)
    problems += semantic_problems(doc, name, item_ids)
    if problems:
        return None, problems
    # an id from a file's name, which may hold an escape sequence or bytes not UTF-8 (the
    # transcript's `# scenario:` header could not be written): shown as escapes instead
    default_id = printable(unicode_safe(Path(name).stem))
    scenario = build_scenario(doc.data, default_id=default_id, path=name)
    problems = caller_line_problems(scenario, doc, name)
    return (None, problems) if problems else (scenario, [])


def load_scenario(path: str | os.PathLike[str]) -> Scenario:
    scenario, problems = validate_file(path)
    if scenario is None:
        raise ScenarioError(problems)
    return scenario
