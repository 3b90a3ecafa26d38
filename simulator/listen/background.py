"""General English word pairs for the domain language model's back-off (off by default).

The domain model (`lm.build_arpa`) learns word pairs only from its domain
sentences; a trainee's own wording falls back to unigrams, where every
background word is as likely as any other after any word.
``data/background_bigrams.txt`` holds the likeliest next words of each of
the recogniser's fixed words in PocketSphinx's general English model
(written by benchmarks/build_background_bigrams.py), so a share of the
back-off mass can follow general English instead
(`build_domain_recogniser(bigram_weight=...)`). Measured on the dev lines (word
errors down up to a point, acts within a line) and left off: docs/voice.md,
"Issue 16, fifth session".
"""

from __future__ import annotations

import functools
from pathlib import Path

__all__ = ["BIGRAMS", "background_bigrams"]

BIGRAMS = Path(__file__).parent / "data" / "background_bigrams.txt"


@functools.cache
def background_bigrams(path: Path = BIGRAMS) -> dict[str, dict[str, float]]:
    """history -> next word -> probability; empty if the file is missing or unreadable.

    A malformed line is skipped, not fatal: the file only sharpens the
    back-off, and the model stays usable without it.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return {}
    out: dict[str, dict[str, float]] = {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        history, _, rest = line.partition("\t")
        parts = rest.split()
        try:
            row = {parts[i]: 10 ** float(parts[i + 1]) for i in range(0, len(parts) - 1, 2)}
        except ValueError:
            continue
        if history and row and len(parts) % 2 == 0:
            out[history] = row
    return out
