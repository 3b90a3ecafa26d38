"""Compiled regular expressions kept between runs, so start-up does not compile them again.

`re.compile` parses a pattern and turns it into the regex engine's code, then
hands that code to the engine (`_sre.compile`). For the recogniser's ~450
patterns the parsing and code generation were most of a grader's start-up
(docs/importing.md, Speed). The code only depends on the pattern, the flags
and the Python build, so it is kept in the user's cache folder and handed to
the engine directly next time: the result is the same `re.Pattern` (equal to
what `re.compile` gives: same pattern, flags and code), with none of the work.

The file is keyed by a hash of the Python build, the engine's version and
every pattern, so any change makes a new entry. The engine checks any code it
is given (it refuses code that would read out of bounds); a file that cannot be
read, is of another shape, or is refused is ignored and rewritten. Patterns that
do not compile are left out, so the caller's own `re.compile` reports them.
"""

from __future__ import annotations

import _sre
import hashlib
import marshal
import os
import re
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

try:  # CPython's own parser and code generator (3.11+): private, so a Python without them
    from re import _compiler, _parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - compiles every pattern as `re` does, keeps none
    _compiler = _parser = None

#: Cache files larger than this are not read (the recogniser's are about 1 MB).
MAX_BYTES = 64 * 1024 * 1024
_STAMP = f"{sys.version}|{sys.implementation.cache_tag}|{_sre.MAGIC}|{_sre.CODESIZE}|1"

Entry = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]


def _entry(source: str, flags: int) -> Entry:
    """What `re._compiler.compile` hands the engine for `source` (raises `re.error`)."""
    p = _parser.parse(source, flags)
    code = [int(c) for c in _compiler._code(p, flags)]  # some are named int constants
    groupindex = dict(p.state.groupdict)
    indexgroup: list[str | None] = [None] * p.state.groups
    for name, i in groupindex.items():
        indexgroup[i] = name
    return (flags | p.state.flags, code, p.state.groups - 1, groupindex, tuple(indexgroup))


def _made(source: str, entry: Any) -> re.Pattern[str]:
    flags, code, groups, groupindex, indexgroup = entry
    return _sre.compile(source, flags, list(code), groups, dict(groupindex), tuple(indexgroup))


def compile_all(sources: Sequence[str], flags: int, folder: Path) -> dict[str, re.Pattern[str]]:
    """Each of `sources` compiled with `flags`, from the cache in `folder` where it holds
    them (else compiled here and the cache written). Sources that do not compile are
    missing from the answer."""
    flags = int(flags)
    if _compiler is None or _parser is None:
        return _plain(sources, flags)
    digest = hashlib.sha256(f"{_STAMP}|{flags}".encode())
    for source in sources:
        digest.update(source.encode("utf-8", "surrogatepass") + b"\0")
    path = folder / f"re-{digest.hexdigest()[:24]}.marshal"
    cached = _read(path, sources)
    if cached is not None:
        return cached
    out: dict[str, re.Pattern[str]] = {}
    entries: list[Entry | None] = []
    for source in sources:
        try:
            entry = _entry(source, flags)
            out[source] = _made(source, entry)
        except (re.error, RecursionError, OverflowError, RuntimeError):
            entries.append(None)
            continue
        except Exception:  # the engine's internals moved (another Python): as `re` does
            return _plain(sources, flags)
        entries.append(entry)
    _write(path, entries)
    return out


def _plain(sources: Sequence[str], flags: int) -> dict[str, re.Pattern[str]]:
    """Each source compiled by `re.compile`, nothing kept (those that do not compile left out)."""
    out: dict[str, re.Pattern[str]] = {}
    for source in sources:
        try:
            out[source] = re.compile(source, flags)
        except (re.error, RecursionError, OverflowError):
            continue
    return out


def _read(path: Path, sources: Sequence[str]) -> dict[str, re.Pattern[str]] | None:
    try:
        if path.stat().st_size > MAX_BYTES:
            return None
        entries = marshal.loads(path.read_bytes())
        if not isinstance(entries, list) or len(entries) != len(sources):
            return None
        return {s: _made(s, e) for s, e in zip(sources, entries, strict=True) if e is not None}
    except (OSError, EOFError, ValueError, TypeError, RuntimeError, OverflowError):
        return None  # absent, unreadable, of another shape, or refused by the engine


def _write(path: Path, entries: list[Entry | None]) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(marshal.dumps(entries))
        os.replace(tmp, path)
    except (OSError, ValueError):
        pass  # a cache that cannot be written only costs the next start-up


@contextmanager
def remembered(folder: Path, tag: str, modules: Sequence[Path]) -> Iterator[None]:
    """Patterns that the modules imported in the block compile with `re.compile`, given
    ready-made: before the block, the ones remembered for these `modules` (keyed by their
    sizes and times) go into `re`'s own cache of compiled patterns, where `re.compile`
    finds them; after it, the patterns the block compiled are remembered if they were not.

    `re.compile` then returns the same pattern it would have built; a pattern a module
    changed is simply not found and compiled as usual. Where `re` keeps no such cache
    (another Python), nothing is done.
    """
    cache = _re_cache()
    if cache is None:
        yield
        return
    digest = hashlib.sha256(f"{_STAMP}|{tag}".encode())
    for module in modules:
        try:
            st = module.stat()
        except OSError:
            continue
        digest.update(f"{module}|{st.st_size}|{st.st_mtime_ns}\0".encode())
    path = folder / f"re-{tag}-{digest.hexdigest()[:24]}.marshal"
    found = _read_keyed(path)
    for (source, flags), pattern in found.items():
        cache.setdefault((str, source, flags), pattern)
    before = set(cache)
    yield
    if found:
        return
    made = [k for k in cache if k not in before and k[0] is str and isinstance(k[2], int)]
    entries: list[tuple[str, int, Entry]] = []
    for _type, source, flags in made:
        try:
            entries.append((source, flags, _entry(source, flags)))
        except Exception:  # (re.error, or the engine's internals moved): not kept
            continue
    if entries:
        _write(path, entries)  # type: ignore[arg-type]


def _re_cache() -> dict[Any, Any] | None:
    """`re`'s cache of compiled patterns, if it is the dict keyed (type, pattern, flags)."""
    cache = getattr(re, "_cache", None)
    if not isinstance(cache, dict):
        return None
    probe = "(?:pattern cache probe)"
    re.compile(probe)
    return cache if cache.get((str, probe, 0)) is not None else None


def _read_keyed(path: Path) -> dict[tuple[str, int], re.Pattern[str]]:
    try:
        if path.stat().st_size > MAX_BYTES:
            return {}
        entries = marshal.loads(path.read_bytes())
        if not isinstance(entries, list):
            return {}
        return {(s, f): _made(s, e) for s, f, e in entries if isinstance(s, str) and type(f) is int}
    except (OSError, EOFError, ValueError, TypeError, RuntimeError, OverflowError):
        return {}
