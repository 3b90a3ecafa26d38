"""Deterministic dev/test splits of the labelled data, shared by the benchmarks.

Tuning the phrasing files against all the labelled data would make the
figures meaningless: a pattern written for a line always matches that line.
So the data is split once, by position or name (never by content or by
result), and only `dev` errors are looked at while tuning; `test` is kept
for before/after figures.

- act corpus: every third line by position (index 2, 5, 8 ...) is `test`.
- hand-graded calls: a file is `test` when the sha1 of its file name ends in
  a hex digit 0-4 (about 5/16 of the files).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

SPLITS = ("dev", "test", "all")


def corpus_split(index: int) -> str:
    """The split of the corpus line at 0-based position `index`."""
    return "test" if index % 3 == 2 else "dev"


def call_split(path: Path) -> str:
    """The split of a hand-graded call file, from its name alone."""
    last = hashlib.sha1(path.name.encode("utf-8")).hexdigest()[-1]
    return "test" if last in "01234" else "dev"


def keep(split_of_item: str, wanted: str) -> bool:
    return wanted == "all" or split_of_item == wanted
