"""Speaker names written into the words: "Dana: Hello", "[Dana] Hello", ">> Dana: Hello".

Captions (SRT, WebVTT without voice tags) and pasted text name the speaker at
the start of the words. A colon also occurs in speech ("Remember: it's due
Monday"), so a prefix counts as a speaker only when the same label starts at
least two lines, or is a role word ("Agent", "Customer"), and only when it is
short (at most four words). A caption with no name continues the last
speaker, as captions name a speaker only when the speaker changes.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from scoring.importers.speakers import role_of_label

_PREFIX = re.compile(
    r"(?:>>\s*|-\s+)?"
    r"(?:\[(?P<bracketed>[^\W\d_][^\]\n:]{0,39})\]\s*(?=\S)"
    r"|(?P<plain>[^\W\d_][\w.'’-]*(?: [\w.'’()-]+){0,3}?)\s*:(?:\s+|\Z))",
)


def split_prefix(text: str) -> tuple[str | None, str]:
    """(label, the words after it), or (None, text) when the line starts with no label."""
    m = _PREFIX.match(text)
    if not m:
        return None, text
    label = (m.group("bracketed") or m.group("plain") or "").strip()
    return (label or None), text[m.end() :]


def confirmed(candidates: Iterable[str | None]) -> frozenset[str]:
    """The candidate labels that are speakers: used twice or more, or a role word."""
    counts = Counter(c for c in candidates if c)
    return frozenset(c for c, n in counts.items() if n >= 2 or role_of_label(c) is not None)
