"""A bounded, boring YAML loader for files people write by hand.

Policy packs, phrasing files and scenarios come from trainers, so they are
untrusted input: only plain data (no Python tags, no code), a size cap, a cap
on nesting depth and on aliases (a "billion laughs" file is refused at once
rather than expanded), and YAML 1.1's surprise booleans switched off: `NO`,
`yes`, `on` and `off` stay strings; only `true` and `false` are booleans.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

MAX_BYTES = 1024 * 1024
MAX_DEPTH = 40
MAX_ALIASES = 100
#: Nodes after expanding aliases: a "billion laughs" file explodes here.
MAX_EXPANDED_NODES = 200_000


class YamlError(ValueError):
    """A YAML file that cannot be loaded, as `PATH:LINE:COL: what is wrong`."""

    def __init__(self, path: str, line: int, column: int, message: str) -> None:
        where = f"{path}:{line}:{column}" if line else path
        super().__init__(f"{where}: {message}")
        self.path, self.line, self.column, self.message = path, line, column, message


class _Loader(yaml.SafeLoader):
    """SafeLoader with strict booleans and limits on aliases and depth."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._aliases = 0
        self._depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            self._aliases += 1
            if self._aliases > MAX_ALIASES:
                event = self.peek_event()
                raise yaml.constructor.ConstructorError(
                    None, None, f"more than {MAX_ALIASES} aliases (refused)", event.start_mark
                )
        self._depth += 1
        if self._depth > MAX_DEPTH:
            event = self.peek_event()
            raise yaml.constructor.ConstructorError(
                None, None, f"nested more than {MAX_DEPTH} levels deep", event.start_mark
            )
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


# Only true/false are booleans (drop YAML 1.1's yes/no/on/off).
_Loader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:bool"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.copy().items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def load_text(text: str, path: str = "<yaml>") -> Any:
    """Parse YAML text with the limits above; errors name the file, line and column."""
    if len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        raise YamlError(path, 0, 0, f"file is larger than {MAX_BYTES:,} bytes")
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        size = _expanded_size(node, {})
        if size > MAX_EXPANDED_NODES:
            raise YamlError(
                path,
                node.start_mark.line + 1,
                1,
                f"aliases expand to {size:,} nodes (at most {MAX_EXPANDED_NODES:,}): refused",
            )
        return loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        raise YamlError(path, line, col, exc.problem or exc.context or "invalid YAML") from None
    except yaml.YAMLError as exc:
        raise YamlError(path, 0, 0, str(exc)) from None
    finally:
        loader.dispose()


def _expanded_size(node: yaml.Node, memo: dict[int, int]) -> int:
    """How many nodes the document holds once every alias is expanded (memoised, so fast)."""
    key = id(node)
    if key in memo:
        return memo[key]
    memo[key] = 1  # a cycle counts once (SafeLoader builds recursive lists, harmless)
    total = 1
    if isinstance(node, yaml.SequenceNode):
        total += sum(_expanded_size(n, memo) for n in node.value)
    elif isinstance(node, yaml.MappingNode):
        total += sum(_expanded_size(k, memo) + _expanded_size(v, memo) for k, v in node.value)
    memo[key] = total
    return min(total, 10**12)


def load_file(path: str | Path) -> Any:
    """Read and parse a YAML file (size checked before reading)."""
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise YamlError(str(p), 0, 0, f"file is {size:,} bytes (at most {MAX_BYTES:,})")
        raw = p.read_bytes()
    except OSError as exc:
        raise YamlError(str(p), 0, 0, f"cannot read: {exc.strerror or exc}") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise YamlError(str(p), line, 0, "not UTF-8 text") from None
    return load_text(text, str(p))
