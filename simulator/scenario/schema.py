"""Check scenario data against the JSON Schema shipped in `scenarios/scenario.schema.json`.

The same schema gives trainers completion and checking in their editor.
Errors are turned into `Problem`s pointing at the offending line and column,
with a "did you mean" for misspelt keys.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from scoring.safeyaml import YamlDoc
from simulator.scenario.problems import Problem, did_you_mean


@cache
def schema() -> dict[str, Any]:
    text = resources.files("scenarios").joinpath("scenario.schema.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


@cache
def _validator() -> Draft202012Validator:
    return Draft202012Validator(schema())


def schema_problems(doc: YamlDoc, path: str) -> list[Problem]:
    out: list[Problem] = []
    errors = sorted(_validator().iter_errors(doc.data), key=lambda e: list(map(str, e.path)))
    for err in errors:
        out.extend(_explain(err, doc, path))
    return out


#: Size limits said with the size, not jsonschema's quote of the whole value.
_SIZES = {
    "maxItems": "items; at most",
    "minItems": "items; at least",
    "maxLength": "characters; at most",
    "minLength": "characters; at least",
}


def _explain(err: ValidationError, doc: YamlDoc, path: str) -> list[Problem]:
    where = tuple(err.absolute_path)
    if err.validator == "additionalProperties" and isinstance(err.instance, dict):
        sch = err.schema if isinstance(err.schema, dict) else {}
        allowed = sch.get("properties", {})
        out = []
        for key in err.instance:
            if key not in allowed:
                m = doc.mark((*where, key), key=True)
                hint = did_you_mean(key, allowed) or "allowed: " + ", ".join(sorted(allowed))
                out.append(Problem(path, m.line, m.column, f"unknown key {key!r}", hint))
        return out
    if err.validator == "oneOf" and err.context:
        best = min(err.context, key=lambda e: len(list(e.absolute_path)) * -1)
        return _explain(best, doc, path)
    m = doc.mark(where)
    field = ".".join(str(p) for p in where) or "the file"
    message = err.message
    if err.validator in _SIZES and isinstance(err.instance, list | str):
        message = f"{len(err.instance):,} {_SIZES[err.validator]} {err.validator_value}"
    elif len(message) > 300:  # jsonschema quotes the whole value: a long one is a long line
        message = message[:300] + "\u2026"
    if err.validator == "enum":
        values = list(err.validator_value) if isinstance(err.validator_value, list) else []
        message = f"{err.instance!r} is not one of {', '.join(map(repr, values))}"
        hint = did_you_mean(str(err.instance), [str(v) for v in values])
        return [Problem(path, m.line, m.column, f"{field}: {message}", hint)]
    return [Problem(path, m.line, m.column, f"{field}: {message}")]
