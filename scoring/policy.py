"""Policy packs: which items a call is graded on, their weights, the critical ones, parameters.

A pack is a YAML file (schema: scoring/policies/policy.schema.json). The
project ships `default` and one pack per organisation in the seeds; a trainer
writes their own and passes `--policy PATH`. A pack may `extends:` a shipped
pack and change only what differs (a 90-second hold rule, closing items
weighted double). Packs are trainer input: loaded with the bounded YAML
loader and checked item by item, with errors that name the file and line.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from scoring.items import REGISTRY
from scoring.safeyaml import YamlDoc, YamlError, load_file_doc

POLICY_DIR = Path(__file__).resolve().parent / "policies"
SCHEMA_PATH = POLICY_DIR / "policy.schema.json"

DEFAULT_PARAMS: Mapping[str, float] = {
    "hold_checkin_s": 120,
    "callback_hours": 24,
    "irate_callback_hours": 1,
    "max_transfers": 1,
}
DEFAULT_CRITICAL = frozenset(
    {"xfer.screened", "xfer.product_kept", "xfer.once", "soft.no_mute", "esc.no_fourth_level"}
)


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

    @property
    def items(self) -> tuple[str, ...]:
        return tuple(self.weights)


def shipped_policies() -> list[str]:
    return sorted(p.stem for p in POLICY_DIR.glob("*.yaml"))


def _line_of(doc: YamlDoc, *where: str | int) -> int:
    """The line a key (or, for a list index, a value) is written on, from the loader's marks."""
    return doc.mark(where, key=not isinstance(where[-1], int)).line


@lru_cache(maxsize=1)
def _schema() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return data


def load_policy(name_or_path: str) -> Policy:
    """A shipped pack by name (`default`, `advantus` ...) or a pack file by path."""
    return _load(name_or_path, depth=0)


def _resolve(name_or_path: str) -> Path:
    p = Path(name_or_path)
    if p.suffix in (".yaml", ".yml") or p.exists() or "/" in name_or_path:
        if not p.is_file():
            raise PolicyError(f"{name_or_path}: no such policy file")
        return p
    shipped = POLICY_DIR / f"{name_or_path}.yaml"
    if not shipped.is_file():
        raise PolicyError(
            f"unknown policy {name_or_path!r}: shipped packs are {', '.join(shipped_policies())};"
            " or give a path to a .yaml pack"
        )
    return shipped


def _load(name_or_path: str, depth: int) -> Policy:
    path = _resolve(name_or_path)
    try:
        doc = load_file_doc(path)
    except YamlError as exc:
        raise PolicyError(str(exc)) from None
    data = doc.data
    if path.parent != POLICY_DIR:  # shipped packs are checked by the tests instead,
        _validate_shape(path, doc)  # which keeps jsonschema (0.1 s) out of every start-up
    base: Policy | None = None
    if "extends" in data:
        if depth >= 3:
            raise PolicyError(f"{path}:{_line_of(doc, 'extends')}: 'extends' chain is too deep")
        base = _load(str(data["extends"]), depth + 1)
    return _build(path, doc, base)


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
        raise PolicyError(f"{path}:{line}: {where}: {err.message}")


def _build(path: Path, doc: YamlDoc, base: Policy | None) -> Policy:
    data: Mapping[str, Any] = doc.data
    weights: dict[str, float] = dict(base.weights) if base else {}
    critical = set(base.critical) if base else set()
    for item_id, spec in (data.get("items") or {}).items():
        if item_id not in REGISTRY:
            raise PolicyError(
                f"{path}:{_line_of(doc, 'items', item_id)}: unknown item id {item_id!r}"
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
                f"{path}:{_line_of(doc, 'critical', n)}: unknown critical item {item_id!r}"
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
    )
