"""A cache of built language models and dictionaries, keyed by a hash of what they are made of.

Building a scenario's model (about 8,600 domain sentences into a trigram
ARPA, ~6,000 words' pronunciations, eSpeak's British variants) is most of
the time `callsim transcribe` and a call's first recogniser take; the result
depends only on its inputs, so it is kept in the user cache folder
(``<user cache dir>/speech-models/<key>/``, or ``$CALLSIM_CACHE_DIR``).

The key hashes the build's parameters, the scenario's terms, the text files
the domain sentences are read from, the source of the modules that turn them
into a model, CMUdict's identity and the pocketsphinx and eSpeak versions,
so an edit to any of them builds afresh. An entry is written into a private
folder and renamed into place (readers never see half of one); its manifest
records each file's SHA-256, checked on every read, so a truncated or
tampered entry is rebuilt rather than loaded. Only the newest `KEEP` entries
are kept (about 2.5 MB a call model, 1.3 MB a moment model: 8 scenarios, under
100 MB).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable
from importlib import metadata
from pathlib import Path
from typing import Any

__all__ = ["KEEP", "cache_root", "cached", "model_key"]

KEEP = 64  # a scenario takes up to 8 (its model and 7 moments', simulator/listen/context.py)
MANIFEST = "manifest.json"
_FORMAT = 1  # bump when the layout of an entry changes


def cache_root() -> Path | None:
    """Where entries live; None when there is no usable user cache folder."""
    override = os.environ.get("CALLSIM_CACHE_DIR")
    try:
        if override:
            base = Path(override)
        else:
            import platformdirs

            base = Path(platformdirs.user_cache_dir("callsim"))
        return base / "speech-models"
    except Exception:  # noqa: BLE001 - no home folder: build every time
        return None


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "-"


def _file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def model_key(params: Any, sources: Iterable[Path], identities: Iterable[Path] = ()) -> str:
    """The hash of a build: ``params`` (JSON-able), the bytes of ``sources`` (data files, the
    builder's source code), and the size and time of ``identities`` (large fixed files)."""
    digest = hashlib.sha256()
    fixed = {"format": _FORMAT, "pocketsphinx": _version("pocketsphinx")}
    fixed["espeak"] = _version("espeakng-loader")
    digest.update(json.dumps([fixed, params], sort_keys=True, default=repr).encode())
    for path in sorted(set(sources)):
        digest.update(str(path.name).encode())
        digest.update(_file_digest(path).encode() if path.is_file() else b"missing")
    for path in identities:
        try:
            st = path.stat()
            digest.update(f"{path}:{st.st_size}:{st.st_mtime_ns}".encode())
        except OSError:
            digest.update(f"{path}:missing".encode())
    return digest.hexdigest()[:32]


def _read(entry: Path) -> dict[str, Any] | None:
    """The entry's metadata if every file it lists is there and has its recorded hash."""
    try:
        manifest = json.loads((entry / MANIFEST).read_text(encoding="utf-8"))
        files = manifest["files"]
        if not isinstance(files, dict) or not files:
            return None
        for name, sha in files.items():
            if Path(name).name != name or _file_digest(entry / name) != sha:
                return None
        meta = manifest["meta"]
        return meta if isinstance(meta, dict) else None
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _write(root: Path, key: str, build: Callable[[Path], dict[str, Any]]) -> Path:
    """Build into a private folder under ``root``, record the hashes, rename it into place."""
    root.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{key}-", dir=root))
    try:
        meta = build(work)
        files = {p.name: _file_digest(p) for p in sorted(work.iterdir()) if p.is_file()}
        manifest = {"files": files, "meta": meta}
        (work / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
        final = root / key
        if final.exists():  # a bad entry (checked before), or another process just made it
            shutil.rmtree(final, ignore_errors=True)
        try:
            work.rename(final)
        except OSError:  # another process won the race: use theirs if it is whole
            if _read(final) is None:
                raise
            shutil.rmtree(work, ignore_errors=True)
        return final
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise


def _evict(root: Path) -> None:
    """Keep the `KEEP` most recently used entries; also clear builds left by a crash."""
    keep = KEEP
    try:
        entries = [p for p in root.iterdir() if p.is_dir()]
    except OSError:
        return
    finished = [p for p in entries if not p.name.startswith(".")]
    for stale in sorted(finished, key=lambda p: p.stat().st_mtime, reverse=True)[keep:]:
        shutil.rmtree(stale, ignore_errors=True)
    for half in (p for p in entries if p.name.startswith(".")):
        try:
            if _age(half) > 3600:  # an hour: no build takes that long
                shutil.rmtree(half, ignore_errors=True)
        except OSError:
            pass


def _age(path: Path) -> float:
    import time

    return time.time() - path.stat().st_mtime


def cached(
    key: str, build: Callable[[Path], dict[str, Any]], root: Path | None = None
) -> tuple[Path, dict[str, Any]] | None:
    """The entry for ``key`` (folder, metadata), built with ``build(folder) -> metadata`` when
    missing or damaged; None when there is nowhere to keep it (the caller builds in a
    temporary folder instead)."""
    root = root if root is not None else cache_root()
    if root is None:
        return None
    entry = root / key
    meta = _read(entry)
    if meta is not None:
        try:
            os.utime(entry)  # recently used: kept by `_evict`
        except OSError:
            pass
        return entry, meta
    try:
        entry = _write(root, key, build)
    except OSError:  # a read-only or full cache folder: not an error, just no cache
        return None
    _evict(root)
    meta = _read(entry)
    return (entry, meta) if meta is not None else None
