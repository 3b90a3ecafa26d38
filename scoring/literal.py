"""Text from files shown literally: control characters escaped, long values cut.

A transcript line, a scenario title or a file name may hold terminal escape
sequences (`\\x1b[2J` clears the screen), bidirectional overrides that
reorder what is shown, or line separators that start a new line on screen.
Everything a user's file says goes through `printable` before it reaches a
terminal, and error messages quote a bad value through `excerpt`, so a
message is one line and never a copy of a whole file.
"""

from __future__ import annotations

import unicodedata

# Control (Cc), format (Cf: bidi overrides, zero-width marks), line/paragraph
# separators (Zl, Zp), and surrogates (Cs: a file name's undecodable bytes, which
# no terminal or JSON can take); a tab is harmless and kept.
_ESCAPED = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs"})


def _escape(ch: str) -> str:
    if ch == "\t" or unicodedata.category(ch) not in _ESCAPED:
        return ch
    code = ord(ch)
    if 0xDC80 <= code <= 0xDCFF:  # an undecodable byte of a file name, as `unicode_safe` shows it
        return f"\\x{code - 0xDC00:02x}"
    return (
        f"\\x{code:02x}"
        if code < 0x100
        else f"\\u{code:04x}"
        if code < 0x10000
        else f"\\U{code:08x}"
    )


def printable(text: str) -> str:
    """`text` with control and format characters written as escapes (`\\x1b`, `\\u202e`)."""
    if text.isprintable():  # nearly every line: no character to escape
        return text
    return "".join(_escape(ch) for ch in text)


def unicode_safe(text: str) -> str:
    """`text` with a file name's undecodable bytes (lone surrogates) as `\\xff` escapes.

    Python reads a name that is not UTF-8 with its bytes as lone surrogates;
    JSON and terminals refuse those, so they are written as escapes.
    """
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return text


def excerpt(value: object, limit: int = 40) -> str:
    """A bad value for an error message: quoted, escaped, at most `limit` characters."""
    text = f"'{printable(value)}'" if isinstance(value, str) else printable(repr(value))
    if len(text) <= limit:
        return text
    return text[: limit - 2] + "…" + ("'" if isinstance(value, str) else "")


def cut(text: str, limit: int = 40) -> str:
    """`printable(text)`, cut to `limit` characters with an ellipsis (no quotes)."""
    shown = printable(text)
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"
