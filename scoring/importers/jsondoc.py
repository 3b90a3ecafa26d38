"""Speech-to-text JSON, read once and bounded, for the service importers.

Standard-library `json`, hardened for files from elsewhere: NaN and Infinity
are refused (Python's json would accept them), nesting deeper than any
service writes is refused, and a malformed document names its line. Each
service's importer asks `document(text)` for the parsed value; it is parsed
once per text, however many importers look.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from scoring.importers.base import fail

#: The services nest 6 levels at most; 32 leaves room and refuses bombs.
MAX_DEPTH = 32


class _Refused(ValueError):
    pass


def _no_constants(name: str) -> Any:
    raise _Refused(f"{name} is not a number JSON allows")


def looks_like_json(text: str) -> bool:
    """`{...}` or an array of objects or arrays (`[{...`); not `[00:12] Agent: ...`."""
    head = text.lstrip("\ufeff \t\r\n")[:64]
    if head.startswith("{"):
        return True
    return head.startswith("[") and head[1:].lstrip()[:1] in ("{", "[", "]")


@lru_cache(maxsize=2)
def _parse(text: str) -> tuple[Any, str]:
    """(document, "") or (None, why not); cached so detection and reading parse once."""
    try:
        doc = json.loads(text.lstrip("\ufeff"), parse_constant=_no_constants)
    except json.JSONDecodeError as exc:
        return None, f"{exc.lineno}\x00not valid JSON: {exc.msg} (column {exc.colno})"
    except RecursionError:
        return None, f"1\x00JSON nested more than {MAX_DEPTH} levels deep"
    except _Refused as exc:  # NaN, Infinity
        return None, f"1\x00{exc}"
    except ValueError:  # an integer of more than 4,300 digits
        return None, "1\x00a number with too many digits"
    if _depth_over(doc, MAX_DEPTH):
        return None, f"1\x00JSON nested more than {MAX_DEPTH} levels deep"
    if _LONE_ESCAPE.search(text):  # a cut emoji's half: no UTF-8 can hold it, so U+FFFD
        doc = _mended(doc)
    return doc, ""


#: A `\uD800`-`\uDFFF` escape: half of a pair, or alone (which `json` keeps as a lone
#: surrogate, a string that cannot be printed or written).
_LONE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")


def _mended(value: Any) -> Any:
    """`value` with every lone surrogate in its strings (keys too) replaced by U+FFFD."""
    if isinstance(value, str):
        return value.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    if isinstance(value, list):
        return [_mended(v) for v in value]
    if isinstance(value, dict):
        return {_mended(k): _mended(v) for k, v in value.items()}
    return value


def document(text: str) -> Any:
    """The parsed JSON, or None when it is not JSON this reads."""
    return _parse(text)[0]


def refuse_if_broken(text: str, path: str) -> None:
    """Refuse a text that looks like JSON but does not parse, naming the line."""
    doc, why = _parse(text)
    if doc is None:
        line, _, message = why.partition("\x00")
        fail(path, int(line), message)


def _depth_over(doc: Any, limit: int) -> bool:
    stack: list[tuple[Any, int]] = [(doc, 1)]
    while stack:
        value, depth = stack.pop()
        if depth > limit:
            return True
        if isinstance(value, dict):
            stack.extend((v, depth + 1) for v in value.values() if isinstance(v, dict | list))
        elif isinstance(value, list):
            stack.extend((v, depth + 1) for v in value if isinstance(v, dict | list))
    return False


def dicts(value: Any) -> Iterator[dict[str, Any]]:
    """The objects in a JSON array (anything else in it is skipped)."""
    if isinstance(value, list):
        yield from (v for v in value if isinstance(v, dict))


def get(value: Any, *keys: str) -> Any:
    """`value[k1][k2]...` through objects, None where a key or an object is missing."""
    for key in keys:
        if not isinstance(value, dict):
            return None
        value = value.get(key)
    return value


def text_of(value: Any) -> str:
    return value if isinstance(value, str) else ""
