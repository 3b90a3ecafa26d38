"""Policy packs: which items a call is graded on, their weights, the critical ones, parameters.

A pack is a YAML file (schema: scoring/policies/policy.schema.json). The
project ships `default` and one pack per organisation in the seeds; a trainer
writes their own and passes `--policy PATH`. A pack may `extends:` another
and change only what differs (a 90-second hold rule, closing items weighted
double). Packs are trainer input: loaded with the bounded YAML loader and
checked item by item, with errors that name the file and line.

Names written inside files are not paths: a transcript's `# policy:` header
names a pack among the shipped ones and those the user gave with `--policy`
(`load_named`), and a pack's `extends:` is resolved inside the pack's own
folder (`_extends_path`), so no file can make the grader read another file.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

from scoring.literal import excerpt
from scoring.safeyaml import YamlDoc, YamlError, load_file_doc

POLICY_DIR = Path(__file__).resolve().parent / "policies"
SCHEMA_PATH = POLICY_DIR / "policy.schema.json"
#: How many packs one `extends:` chain may pass through.
MAX_EXTENDS = 8


@dataclass(frozen=True)
class PolicyParams:
    """The policy parameters and their defaults: the one place they are written.

    A pack's `params:` overrides any of them; the simulator's engine and the
    window read their hold limit and transfer limit from here too.
    """

    hold_checkin_s: float = 120  # longest hold segment before a check-in (seed 003: 2 minutes)
    callback_hours: float = 24  # when a promised callback must come (seed 001)
    irate_callback_hours: float = 1  # ... for an irate caller (seed 001: within the hour)
    max_transfers: int = 1  # transfers per call (seed 001)


DEFAULTS = PolicyParams()
DEFAULT_PARAMS: Mapping[str, float] = MappingProxyType(asdict(DEFAULTS))

# A pack name as a transcript header or `extends:` may give it: a word, no path.
_PACK_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,79}\Z")


class PolicyError(ValueError):
    """A policy pack that cannot be used, as `PATH:LINE: what is wrong`."""


@dataclass(frozen=True)
class Policy:
    name: str
    weights: Mapping[str, float]  # item id -> weight, in scorecard order
    critical: frozenset[str]
    params: Mapping[str, float] = field(default_factory=lambda: dict(DEFAULT_PARAMS))
    title: str = ""
    path: str = ""
    #: the score a call needs to pass (with no critical item failed); QA forms commonly use 80
    pass_mark: float = 80.0

    @property
    def items(self) -> tuple[str, ...]:
        return tuple(self.weights)


@lru_cache(maxsize=1)
def _shipped() -> tuple[str, ...]:
    return tuple(sorted(p.stem for p in POLICY_DIR.glob("*.yaml")))


def shipped_policies() -> list[str]:
    return list(_shipped())


def _line_of(doc: YamlDoc, *where: str | int) -> int:
    """The line a key (or, for a list index, a value) is written on, from the loader's marks."""
    return doc.mark(where, key=not isinstance(where[-1], int)).line


@lru_cache(maxsize=1)
def _schema() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return data


def load_policy(name_or_path: str) -> Policy:
    """A shipped pack by name (`default`, `advantus` ...) or a pack file by path.

    For names the user typed (`--policy`); a name read from a file goes
    through `load_named` instead.
    """
    return _load(_resolve(name_or_path), ())


def load_named(name: str, extra: Mapping[str, Policy] | None = None) -> Policy:
    """The pack a transcript (or scenario) names: a shipped pack or one of `extra`, by name.

    The name is never taken as a path: `/etc/passwd` or `../x` is an unknown
    pack, and the error quotes at most a short excerpt of it.
    """
    if extra and name in extra:
        return extra[name]
    if _PACK_NAME.match(name) and name in shipped_policies():
        return _load(POLICY_DIR / f"{name}.yaml", ())
    known = sorted({*shipped_policies(), *(extra or {})})
    raise PolicyError(
        f"unknown policy {excerpt(name)}: a transcript names one of {', '.join(known)}"
        " (a trainer's pack file is given with --policy PATH)"
    )


def _resolve(name_or_path: str) -> Path:
    p = Path(name_or_path)
    if p.suffix in (".yaml", ".yml") or "/" in name_or_path or _exists(p):
        return p  # reading it says what is wrong with it, if anything
    if not _PACK_NAME.match(name_or_path) or name_or_path not in shipped_policies():
        raise PolicyError(
            f"unknown policy {excerpt(name_or_path)}: shipped packs are"
            f" {', '.join(shipped_policies())}; or give a path to a .yaml pack"
        )
    return POLICY_DIR / f"{name_or_path}.yaml"


def _exists(p: Path) -> bool:
    try:
        return p.exists()
    except (OSError, ValueError):  # a name too long for a path, a NUL in it
        return False


def _load(path: Path, chain: tuple[Path, ...]) -> Policy:
    try:
        doc = load_file_doc(path)
    except YamlError as exc:
        raise PolicyError(str(exc)) from None
    data = doc.data
    if not isinstance(data, dict):
        kind = "empty" if data is None else f"a {type(data).__name__}"
        raise PolicyError(
            f"{path}:1: a policy pack is a YAML mapping (name:, items: ...); this file is {kind}"
        )
    if path.parent.resolve() != POLICY_DIR:  # shipped packs are checked by the tests instead,
        _validate_shape(path, doc)  # which keeps jsonschema (0.1 s) out of every start-up
    base: Policy | None = None
    if "extends" in data:
        here = (*chain, path.resolve())
        target = _extends_path(path, doc, str(data["extends"]))
        line = _line_of(doc, "extends")
        if target.resolve() in here:
            cycle = " -> ".join(p.name for p in (*here, target))
            raise PolicyError(f"{path}:{line}: 'extends' makes a cycle: {cycle}")
        if len(here) >= MAX_EXTENDS:
            raise PolicyError(f"{path}:{line}: 'extends' chain longer than {MAX_EXTENDS} packs")
        base = _load(target, here)
    return _build(path, doc, base)


def _extends_path(path: Path, doc: YamlDoc, value: str) -> Path:
    """`extends:` inside the pack's own folder (a file or a bare name), else a shipped pack.

    Never outside that folder: no absolute paths, no `..` out of it, no
    symlink out of it.
    """
    line = _line_of(doc, "extends")
    folder = path.parent.resolve()
    bare = _PACK_NAME.match(value) and not value.endswith((".yaml", ".yml"))
    candidate = folder / (f"{value}.yaml" if bare else value)
    if bare and not candidate.exists() and value in shipped_policies():
        return POLICY_DIR / f"{value}.yaml"
    try:
        inside = candidate.resolve().is_relative_to(folder) and not Path(value).is_absolute()
    except (OSError, RuntimeError, ValueError):  # a symlink loop, a NUL in the name
        inside = False
    if not inside:
        raise PolicyError(
            f"{path}:{line}: 'extends' {excerpt(value)} is outside the pack's folder;"
            " name a shipped pack or a pack file beside this one"
        )
    if not candidate.exists():
        raise PolicyError(
            f"{path}:{line}: 'extends' {excerpt(value)}: no such pack beside this one"
            f" and no shipped pack of that name ({', '.join(shipped_policies())})"
        )
    return candidate


def _validate_shape(path: Path, doc: YamlDoc) -> None:
    import jsonschema

    validator = jsonschema.Draft202012Validator(_schema())
    errors = sorted(validator.iter_errors(doc.data), key=lambda e: list(e.absolute_path))
    if errors:
        err = errors[0]
        where = ".".join(str(p) for p in err.absolute_path) or "(top level)"
        at = tuple(err.absolute_path)
        if err.validator == "additionalProperties" and isinstance(err.instance, dict):
            allowed = set(err.schema.get("properties", {}))
            extra = [k for k in err.instance if k not in allowed]
            at = (*at, str(extra[0])) if extra else at
        line = _line_of(doc, *at) if at else 1
        raise PolicyError(f"{path}:{line}: {excerpt(where, 80)[1:-1]}: {_short(err)}")


def _short(err: Any) -> str:
    """jsonschema's message without quoting a long bad value (it may be a whole file)."""
    if err.validator == "type":
        return f"must be of type {err.validator_value}"
    message = str(err.message)
    return message if len(message) <= 120 else message[:119] + "…"


def _build(path: Path, doc: YamlDoc, base: Policy | None) -> Policy:
    # Here, not at the top: the engine and the window import this module for
    # DEFAULTS alone, and the item registry costs 0.1 s to import.
    from scoring.items import REGISTRY

    data: Mapping[str, Any] = doc.data
    weights: dict[str, float] = dict(base.weights) if base else {}
    critical = set(base.critical) if base else set()
    for item_id, spec in (data.get("items") or {}).items():
        if item_id not in REGISTRY:
            raise PolicyError(
                f"{path}:{_line_of(doc, 'items', item_id)}: unknown item id {excerpt(item_id)}"
                " (see protocol-items.md for the ids)"
            )
        weight = spec if isinstance(spec, (int, float)) else spec.get("weight", 1)
        if weight == 0:
            weights.pop(item_id, None)
            continue
        weights[item_id] = float(weight)
        if isinstance(spec, dict) and "critical" in spec:
            (critical.add if spec["critical"] else critical.discard)(item_id)
    for n, item_id in enumerate(data.get("critical") or ()):
        if item_id not in REGISTRY:
            raise PolicyError(
                f"{path}:{_line_of(doc, 'critical', n)}: unknown critical item {excerpt(item_id)}"
            )
        critical.add(item_id)
    if not weights:
        raise PolicyError(f"{path}:1: the pack grades no items")
    order = {iid: n for n, iid in enumerate(REGISTRY)}
    params = dict(base.params) if base else dict(DEFAULT_PARAMS)
    params.update({k: float(v) for k, v in (data.get("params") or {}).items()})
    return Policy(
        name=str(data.get("name") or path.stem),
        weights=dict(sorted(weights.items(), key=lambda kv: order[kv[0]])),
        critical=frozenset(c for c in critical if c in weights),
        params=params,
        title=str(data.get("title") or ""),
        path=str(path),
        pass_mark=float(data.get("pass_mark", base.pass_mark if base else 80.0)),
    )
