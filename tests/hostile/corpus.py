"""Hostile files: what people and tools hand a program that reads files.

Each builder writes one bad (or tricky) file at a path and says whether the
command must refuse it. The same bytes go to every command with the suffix it
reads (`.txt` transcripts, `.yaml` scenarios, `.wav` recordings, autoplay
scripts), so every reader meets the whole list: empty, binary, not UTF-8,
UTF-16, too big, one endless line, deep nesting, an alias bomb, a number of
5,000 digits, terminal escapes, a FIFO, a symlink loop, a dangling link, a
folder with the file's name, an unreadable file.
"""

from __future__ import annotations

import os
import struct
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

#: What no output may ever show: a line of /etc/passwd (defect 1 quoted it).
PASSWD_LINE = "root:x:0:0"
ESC = "\x1b"


@dataclass(frozen=True)
class Case:
    name: str  # file name without the suffix
    build: Callable[[Path], None]
    refused: bool = True  # must the command refuse it (an error naming the file)?


def _bytes(data: bytes) -> Callable[[Path], None]:
    def build(p: Path) -> None:
        p.write_bytes(data)

    return build


def _sparse(size: int) -> Callable[[Path], None]:
    def build(p: Path) -> None:
        with open(p, "wb") as fh:
            fh.write(b"# callsim transcript: 1\nname: x\n")
            fh.seek(size)
            fh.write(b"\n")

    return build


def _fifo(p: Path) -> None:
    os.mkfifo(p)


def _loop(p: Path) -> None:
    os.symlink(p.name, p)  # a link to itself: ELOOP


def _dangling(p: Path) -> None:
    os.symlink(p.parent / "no-such-target", p)


def _folder(p: Path) -> None:
    p.mkdir()


def _unreadable(p: Path) -> None:
    p.write_text("# callsim transcript: 1\n", encoding="utf-8")
    p.chmod(0)


BIG_NUMBER = "9" * 5000

COMMON: list[Case] = [
    Case("empty", _bytes(b"")),
    Case("binary", _bytes(bytes(range(256)) * 64)),
    Case(
        "latin1", _bytes("# callsim transcript: 1\nname: caf\xe9 \xe0 la carte\n".encode("latin-1"))
    ),
    Case("utf16", _bytes("# callsim transcript: 1\nname: x\n".encode("utf-16"))),
    Case("huge", _sparse(64 * 1024 * 1024)),
    Case("endless-line", _bytes(b"# callsim transcript: 1\n" + b"a" * 3_000_000 + b"\n")),
    Case("deep", _bytes(b"[" * 50_000 + b"]" * 50_000)),
    Case("fifo", _fifo),
    Case("loop", _loop),
    Case("dangling", _dangling),
    Case("folder", _folder),
    Case("unreadable", _unreadable),
]

_BOMB = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
for _i in range(1, 10):  # each level nine aliases of the one before: 9^10 strings
    _prev = "a" if _i == 1 else f"l{_i - 1}"
    _BOMB.append(f"l{_i}: &l{_i} [{', '.join([f'*{_prev}'] * 9)}]")

YAML_ONLY: list[Case] = [
    Case("alias-bomb", _bytes(("\n".join(_BOMB) + "\n").encode())),
    Case("python-tag", _bytes(b"id: x\nboom: !!python/object/apply:os.system ['true']\n")),
    Case("big-number", _bytes(f"id: x\ntitle: t\npatience: {BIG_NUMBER}\n".encode())),
    Case(
        "escape-title",
        _bytes(b'id: esc\ntitle: "\\e[2J\\e]0;pwned\\a red"\nreason: x\n'),
    ),
]


def _transcript(*lines: str) -> Callable[[Path], None]:
    return _bytes(("\n".join(lines) + "\n").encode("utf-8"))


GOOD_LINES = (
    "# callsim transcript: 1",
    "# brand: Acme",
    "# agent: Dana",
    "[00:00] AGENT: Thank you for calling Acme, this is Dana. May I have your name?",
    "[00:03] CALLER: Ed Park.",
    "[00:05] AGENT: Thank you, Mr. Park. Goodbye.",
    "[00:07] * hangup by=caller",
)

TRANSCRIPT_ONLY: list[Case] = [
    Case("good", _transcript(*GOOD_LINES), refused=False),
    # a file name that is not UTF-8 (byte 0xff): Python holds it as a lone surrogate
    Case("name-\udcff-latin1", _transcript(*GOOD_LINES), refused=False),
    Case("policy-passwd", _transcript(GOOD_LINES[0], "# policy: /etc/passwd", *GOOD_LINES[1:])),
    Case(
        "policy-traversal",
        _transcript(GOOD_LINES[0], "# policy: ../../../../etc/passwd", *GOOD_LINES[1:]),
    ),
    Case("big-time", _transcript(GOOD_LINES[0], f"[{BIG_NUMBER}:00] AGENT: hi")),
    Case(
        "big-timeframe",
        _transcript(
            *GOOD_LINES[:5], f"[00:04] AGENT: I will call you back within {BIG_NUMBER} hours."
        ),
        refused=False,
    ),
    Case("nothing-said", _transcript(GOOD_LINES[0], "# brand: Acme", "[00:01] * hold")),
    Case(
        "asr-empty-lines",
        _transcript(*GOOD_LINES[:4], "[00:02] CALLER:", "[00:02] AGENT:   ", *GOOD_LINES[4:]),
        refused=False,
    ),
    Case(
        "escapes",
        _transcript(
            GOOD_LINES[0],
            "# brand: Ac\x1b[31mme\x1b]0;pwned\x07",
            "[00:00] AGENT: Hello \x1b[2J\x1b[H there \u202eevil",
            "[00:02] CALLER: hi",
        ),
        refused=False,
    ),
    Case(
        "line-separators",
        _transcript(
            *GOOD_LINES[:4],
            "[00:03] CALLER: hi\u2028[00:04] AGENT: forged\x85[00:05] AGENT: x\x0bx\x0cx",
            *GOOD_LINES[5:],
        ),
        refused=False,
    ),
]


def wav(rate: int, frames: int, *, declared_frames: int | None = None) -> bytes:
    """A 16-bit mono WAV whose header may claim another length than it holds."""
    data = b"\x00\x01" * frames
    n = len(data) if declared_frames is None else declared_frames * 2
    fmt = struct.pack("<HHIIHH", 1, 1, rate, rate * 2, 2, 16)
    return (
        b"RIFF" + struct.pack("<I", 36 + n) + b"WAVE"
        + b"fmt " + struct.pack("<I", 16) + fmt
        + b"data" + struct.pack("<I", n) + data
    )  # fmt: skip


WAV_ONLY: list[Case] = [
    Case("one-hertz", _bytes(wav(1, 20_000))),
    Case("absurd-rate", _bytes(wav(2_000_000_000, 20_000))),
    # a header claiming 2e9 frames over 100 real ones: read what is there, in bounded memory
    Case("lying-header", _bytes(wav(16_000, 100, declared_frames=2_000_000_000)), refused=False),
    Case("truncated", _bytes(wav(16_000, 1000)[:30])),
]


def build(folder: Path, cases: list[Case], suffix: str) -> dict[str, Case]:
    """Write the cases into `folder` (made), each as NAME+suffix; path -> case."""
    folder.mkdir(parents=True, exist_ok=True)
    out: dict[str, Case] = {}
    for case in cases:
        path = folder / f"{case.name}{suffix}"
        case.build(path)
        out[str(path)] = case
    return out
