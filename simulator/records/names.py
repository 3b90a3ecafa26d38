"""Trainee and team names: user input, stored faithfully and shown safely.

A name is cleaned once where it enters (the command line, the terminal
prompt, a transcript's `# agent:` header): control and format characters go
(an escape sequence in a name must not repaint a trainer's terminal, a
newline must not forge a transcript header), runs of white space become one
space, and the name is put in Unicode's composed form (NFC): "José" typed on a
Mac (e + a combining accent) and on Windows (é) is one trainee. What is left
is stored whole, up to `MAX_NAME` characters, and escaped wherever it is shown
(rich markup, HTML later, JSON by its encoder).
"""

from __future__ import annotations

import hashlib
import unicodedata

MAX_NAME = 10_000
SHOWN = 60  # characters of a name in a table column


class BadName(ValueError):
    """A name that cannot be used (empty once cleaned, or too long)."""


def clean_name(raw: str, what: str = "trainee name") -> str:
    kept = "".join(
        " " if ch.isspace() else ch
        for ch in raw
        if ch.isspace() or unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Co", "Cn")
    )
    name = unicodedata.normalize("NFC", " ".join(kept.split()))
    if not name:
        raise BadName(f"the {what} is empty")
    if len(name) > MAX_NAME:
        raise BadName(f"the {what} is {len(name):,} characters long (at most {MAX_NAME:,})")
    return name


def clean_team(raw: str | None) -> str | None:
    if raw is None or not raw.strip():
        return None
    return clean_name(raw, "team name")


def name_key(name: str) -> str:
    """The unique key of a (cleaned) name: its SHA-256, so any length can be indexed."""
    return hashlib.sha256(name.encode("utf-8")).hexdigest()


def shown(text: str | None, width: int = SHOWN) -> str:
    """A name for a table cell: printable, and cut to `width` with an ellipsis."""
    if not text:
        return ""
    safe = "".join(ch if ch.isprintable() else "\ufffd" for ch in text)
    return safe if len(safe) <= width else safe[: width - 1] + "\u2026"
