"""The trainee's cepstral mean, kept from one session to the next.

A recogniser that starts from the built-in guess decodes its first turn
twice (see `SphinxRecogniser`), which costs that turn 0.3-0.4 s of
voice-to-voice time. The mean describes the trainee's voice and microphone,
which change little between sessions on the same machine, so the window
saves it after each turn and the next session's first recogniser is primed
with it (`SphinxRecogniser.prime`: a different speaker still gets the
second pass). The file is a cache: one that is missing, unreadable or
malformed is ignored, and one that cannot be written is not an error.
"""

from __future__ import annotations

import json
import math
import os
from pathlib import Path

from .atomic import write_text_atomically

__all__ = ["MEAN_FILE", "load_mean", "save_mean"]

MEAN_FILE = "voice-mean.json"  # in the user data folder
COEFFICIENTS = 13  # the acoustic model's cepstra (feat.params: -ceplen 13)
MAX_BYTES = 4096


def _valid(cmn: object) -> str | None:
    if not isinstance(cmn, str):
        return None
    try:
        values = [float(x) for x in cmn.split(",")]
    except ValueError:
        return None
    if len(values) != COEFFICIENTS or not all(math.isfinite(v) and abs(v) < 1e3 for v in values):
        return None
    return ",".join(f"{v:g}" for v in values)


def load_mean(path: str | os.PathLike[str]) -> str | None:
    """The saved mean in PocketSphinx's comma-separated form, or None."""
    try:
        p = Path(path)
        if p.stat().st_size > MAX_BYTES:
            return None
        data = json.loads(p.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return _valid(data.get("cmn")) if isinstance(data, dict) else None


def save_mean(path: str | os.PathLike[str], cmn: str) -> bool:
    """Write the mean atomically (a crash leaves the old file); False if it could not be."""
    value = _valid(cmn)
    if value is None:
        return False
    try:
        write_text_atomically(path, json.dumps({"version": 1, "cmn": value}))
    except OSError:
        return False
    return True
