"""Read untrusted YAML into plain data, keeping where each value was written.

Scenario files, policy packs and phrasing files come from trainers, so: a
size limit before parsing; `compose` only (no constructors, so no tags can
run code); any explicit tag other than the plain YAML types refused; a
budget on the nodes visited while expanding aliases, so a "billion laughs"
file is refused in milliseconds instead of eating memory; a depth limit;
duplicate keys refused. Scalars are typed by YAML 1.2 core rules: `yes`/`no`/
`on` stay strings, and dates stay strings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path as FilePath
from typing import Any

import yaml

from scoring.files import FileProblem, read_regular

MAX_BYTES = 256 * 1024
#: nodes visited while building the data, aliases counted each time they are used.
MAX_NODES = 20_000
MAX_DEPTH = 40

_ALLOWED_TAGS = {
    "tag:yaml.org,2002:" + t
    for t in ("str", "int", "float", "bool", "null", "seq", "map", "timestamp", "binary")
}
_INT = re.compile(r"[-+]?\d+\Z")
_FLOAT = re.compile(r"[-+]?(\d+\.\d*|\.\d+|\d+)([eE][-+]?\d+)?\Z")
_NULL = {"", "~", "null", "Null", "NULL"}
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}

Path = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Mark:
    """1-based line and column, as editors show them."""

    line: int
    column: int


@dataclass
class YamlDoc:
    data: Any
    #: path -> where its value starts; `keys` -> where a mapping key is written.
    marks: dict[Path, Mark] = field(default_factory=dict)
    keys: dict[Path, Mark] = field(default_factory=dict)

    def mark(self, path: Path, *, key: bool = False) -> Mark:
        """The closest known mark for a path (walking up to the parent when needed)."""
        table = self.keys if key else self.marks
        p = tuple(path)
        while p:
            if p in table:
                return table[p]
            if p in self.marks:
                return self.marks[p]
            p = p[:-1]
        return self.marks.get((), Mark(1, 1))


class YamlError(ValueError):
    """What is wrong and where; `str()` reads `PATH:LINE:COL: message` once a path is known."""

    def __init__(self, message: str, mark: Mark, hint: str = "", path: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.mark = mark
        self.hint = hint
        self.path = path

    def __str__(self) -> str:
        if not self.path:
            return self.message
        return f"{self.path}:{self.mark.line}:{self.mark.column}: {self.message}"


def _mark(node: yaml.Node) -> Mark:
    return Mark(node.start_mark.line + 1, node.start_mark.column + 1)


def _mark_at(text: str, position: int) -> Mark:
    line_start = text.rfind("\n", 0, position) + 1
    return Mark(text.count("\n", 0, position) + 1, position - line_start + 1)


def _one_line(message: str) -> str:
    return " ".join(message.split())


# libyaml's parser where PyYAML has it (its wheels do): the same nodes and marks,
# parsed several times faster than the pure-Python one.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(text: str) -> YamlDoc:
    try:
        size = len(text.encode("utf-8"))
    except UnicodeEncodeError as exc:  # a lone surrogate: text no file could hold
        where = _mark_at(text, exc.start)
        raise YamlError("not valid Unicode text (a lone surrogate)", where) from None
    if size > MAX_BYTES:
        raise YamlError(
            f"file is larger than {MAX_BYTES // 1024} KiB", Mark(1, 1), "split it into scenarios"
        )
    try:
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as exc:
        m = exc.problem_mark or exc.context_mark
        where = Mark(m.line + 1, m.column + 1) if m else Mark(1, 1)
        raise YamlError(f"YAML syntax: {_one_line(exc.problem or str(exc))}", where) from None
    except yaml.reader.ReaderError as exc:  # a control character (an escape, a NUL ...)
        raise YamlError(
            f"character {exc.character!r} is not allowed in YAML: {exc.reason}",
            _mark_at(text, exc.position),
            "remove it, or write it as an escape in a double-quoted string",
        ) from None
    except yaml.YAMLError as exc:
        raise YamlError(f"YAML syntax: {_one_line(str(exc))}", Mark(1, 1)) from None
    doc = YamlDoc(None)
    if node is None:
        return doc
    builder = _Builder(doc)
    doc.data = builder.build(node, (), 0)
    return doc


class _Builder:
    def __init__(self, doc: YamlDoc) -> None:
        self.doc = doc
        self.visited = 0

    def build(self, node: yaml.Node, path: Path, depth: int) -> Any:
        self.visited += 1
        if self.visited > MAX_NODES:
            raise YamlError(
                f"document expands to more than {MAX_NODES:,} values (an alias bomb?)",
                _mark(node),
                "use fewer anchors and aliases",
            )
        if depth > MAX_DEPTH:
            raise YamlError(f"nested deeper than {MAX_DEPTH} levels", _mark(node))
        if node.tag not in _ALLOWED_TAGS:
            raise YamlError(
                f"tag {node.tag!r} is not allowed",
                _mark(node),
                "remove the '!' tag; plain YAML only",
            )
        self.doc.marks.setdefault(path, _mark(node))
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(n, (*path, i), depth + 1) for i, n in enumerate(node.value)]
        return _scalar(node)

    def _mapping(self, node: yaml.MappingNode, path: Path, depth: int) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise YamlError("mapping keys must be plain words", _mark(key_node))
            key = str(key_node.value)
            if key in out:
                raise YamlError(f"key {key!r} is given twice", _mark(key_node))
            self.doc.keys[(*path, key)] = _mark(key_node)
            out[key] = self.build(value_node, (*path, key), depth + 1)
        return out


def _scalar(node: yaml.Node) -> Any:
    """YAML 1.2 core typing: quoted text and `yes`/`no`/dates stay strings."""
    value = str(node.value)
    if getattr(node, "style", None) or node.tag == "tag:yaml.org,2002:str":
        return value
    if value in _NULL:
        return None
    if value in _BOOL:
        return _BOOL[value]
    if _INT.match(value):
        try:
            return int(value)
        except ValueError:  # past Python's 4,300-digit limit on int("...")
            raise YamlError(
                f"a number of {len(value.lstrip('+-')):,} digits is too long",
                _mark(node),
                "write a shorter number",
            ) from None
    if _FLOAT.match(value):
        return float(value)
    return value


def load_text(text: str, path: str = "") -> Any:
    """Plain data from YAML text; errors carry `path` so they read `PATH:LINE:COL: ...`."""
    try:
        return load_yaml(text).data
    except YamlError as exc:
        exc.path = path
        raise


def load_file(path: str | FilePath) -> Any:
    """Plain data from a YAML file, its size checked before it is read."""
    return load_file_doc(path).data


def load_file_doc(path: str | FilePath) -> YamlDoc:
    """A YAML file's data with the marks of its keys and values (for error lines)."""
    p = FilePath(path)
    try:
        raw = read_regular(p, MAX_BYTES)  # a FIFO, folder or device is refused, not read
    except FileProblem as exc:
        raise YamlError(exc.message, Mark(1, 1), path=str(p)) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise YamlError("not UTF-8 text", Mark(line, 1), path=str(p)) from None
    try:
        return load_yaml(text)
    except YamlError as exc:
        exc.path = str(p)
        raise
