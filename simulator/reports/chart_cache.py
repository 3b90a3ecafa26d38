"""A trainee report's charts, kept as drawn in the user's cache folder.

Drawing the three charts of a trainee report takes longer than the rest of the
report, matplotlib's import included; a report whose charts have not changed
since the last one reuses them and does not import matplotlib at all.

One file per trainee (so the folder grows with the team, not with every
report) holds each chart's SVG with its key: a hash of the chart's name,
exactly the values it draws, the drawing code (charts.py) and matplotlib's
version. A chart is reused only when its key is the one the report would draw
now: a new call, an override or a regrade changes the values, hence the key,
and that chart is drawn again and the file rewritten (whole, by a rename). A
file that cannot be read, or does not hold what this module writes, is ignored
and rewritten; a folder that cannot be written costs only the speed.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import zlib
from functools import cache
from pathlib import Path
from typing import Any

import orjson

CACHE_VERSION = 1
MAX_BYTES = 8 << 20  # a trainee's three charts are ~30 kB compressed; more is not ours


def cache_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_cache_dir("callsim")) / "charts"


@cache
def drawing_code() -> bytes:
    """What else decides a chart's SVG: this cache's format, charts.py, matplotlib's version
    (read from its files: importing it is what the cache saves)."""
    from importlib.util import find_spec

    h = hashlib.sha256(f"v{CACHE_VERSION}".encode())
    h.update(Path(__file__).with_name("charts.py").read_bytes())
    spec = find_spec("matplotlib")
    if spec is not None and spec.origin is not None:
        try:
            h.update(Path(spec.origin).with_name("_version.py").read_bytes())
        except OSError:
            h.update(spec.origin.encode())
    return h.digest()


def chart_key(name: str, values: Any) -> str:
    """The hash of everything a chart shows (NaN is written as null: the charts draw no None)."""
    h = hashlib.sha256(drawing_code())
    h.update(name.encode())
    h.update(b"\0")
    h.update(orjson.dumps(values, option=orjson.OPT_NON_STR_KEYS))
    return h.hexdigest()


class ChartCache:
    """The charts of one report subject (`slot`, e.g. a trainee's name): `wanted` maps each
    chart's name to the values it draws; `jobs` are the ones to draw (not kept, or kept for
    other values), to hand back drawn, in order, to `finish`."""

    def __init__(self, slot: str, wanted: dict[str, tuple[Any, ...]]) -> None:
        self.path = cache_dir() / (hashlib.sha256(slot.encode()).hexdigest()[:32] + ".svgz")
        self.kept = _read(self.path)
        self.keys = {name: chart_key(name, values) for name, values in wanted.items()}
        self.svgs = {
            name: self.kept[name]["svg"]
            for name, key in self.keys.items()
            if name in self.kept and self.kept[name]["key"] == key
        }
        self.jobs = [(name, values) for name, values in wanted.items() if name not in self.svgs]

    def finish(self, drawn: list[str]) -> dict[str, str]:
        """Every wanted chart's SVG; the drawn ones are kept for next time."""
        self.svgs.update(zip([name for name, _ in self.jobs], drawn, strict=True))
        now = {name: {"key": key, "svg": self.svgs[name]} for name, key in self.keys.items()}
        if now != self.kept:
            _write(self.path, now)
        return self.svgs


def _read(path: Path) -> dict[str, dict[str, str]]:
    try:
        with path.open("rb") as f:
            packed = f.read(MAX_BYTES + 1)
        if len(packed) > MAX_BYTES:
            return {}
        data = orjson.loads(zlib.decompress(packed))
    except (OSError, zlib.error, orjson.JSONDecodeError):
        return {}
    if not isinstance(data, dict) or data.get("version") != CACHE_VERSION:
        return {}
    charts = data.get("charts")
    if not isinstance(charts, dict):
        return {}
    return {name: entry for name, entry in charts.items() if _valid(entry)}


def _valid(entry: object) -> bool:
    if not isinstance(entry, dict) or set(entry) != {"key", "svg"}:
        return False
    key, svg = entry["key"], entry["svg"]
    return (
        isinstance(key, str)
        and isinstance(svg, str)
        and svg.startswith("<svg")
        and svg.rstrip().endswith("</svg>")
    )


def _write(path: Path, charts: dict[str, dict[str, str]]) -> None:
    packed = zlib.compress(orjson.dumps({"version": CACHE_VERSION, "charts": charts}), 6)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".charts-", suffix=".tmp", dir=path.parent)
    except OSError:
        return  # no cache: the next report draws again
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(packed)
        os.replace(tmp, path)
    except OSError:
        Path(tmp).unlink(missing_ok=True)
