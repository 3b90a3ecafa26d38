"""Write transcripts in the spec format, whole or line by line.

The engine streams each call through `TranscriptWriter`, which writes and
syncs every line as it is said: a crash or Ctrl-C mid-call leaves a transcript
the grader can still read. It never overwrites a file, and never leaves half a
line behind when it can help it.
"""

from __future__ import annotations

import errno
import os
import unicodedata
from collections.abc import Callable, Iterable, Mapping

from scoring.transcript import FORMAT_VERSION, Line, Speech, Transcript


def format_clock(seconds: int) -> str:
    """`[MM:SS]`, or `[H:MM:SS]` from the first hour on."""
    if seconds >= 3600:
        h, rem = divmod(seconds, 3600)
        return f"[{h}:{rem // 60:02d}:{rem % 60:02d}]"
    return f"[{seconds // 60:02d}:{seconds % 60:02d}]"


#: control characters (an escape sequence); line separators are whitespace to `split()`.
#: Format characters (a soft hyphen) are text and kept: whoever shows it escapes them.
_BREAKING = frozenset({"Cc", "Zl", "Zp"})


def _one_line(text: str) -> str:
    """Each transcript line stands alone: fold any line break in free text into a space, and
    control characters (an escape sequence in a trainee's name) too."""
    if not text.isprintable():
        text = "".join(" " if unicodedata.category(c) in _BREAKING else c for c in text)
    return " ".join(text.split())


def format_header(headers: Mapping[str, str]) -> list[str]:
    out = [f"# callsim transcript: {FORMAT_VERSION}"]
    for key, value in headers.items():
        if key == "callsim transcript":
            continue
        out.append(f"# {_one_line(key)}: {_one_line(value)}")
    return out


def format_line(line: Line) -> str:
    if isinstance(line, Speech):
        label = line.label or line.speaker.upper()
        return f"{format_clock(line.time)} {label}: {_one_line(line.text)}"
    return f"{format_clock(line.time)} {_one_line(line.render())}"


def format_transcript(t: Transcript) -> str:
    body = format_header(t.headers) + [""] + [format_line(ln) for ln in t.lines]
    return "\n".join(body) + "\n"


class TranscriptWriteError(OSError):
    """The transcript could not be written: a full disk, a read-only folder, a bad path."""

    def __str__(self) -> str:
        return str(self.strerror)


#: The header that marks a file this writer streamed. It writes whole lines, each
#: ending with a newline, so in such a file a last line without one was cut short
#: (a full disk that could not be tidied, a killed process): the reader refuses it.
RECORDED_BY = ("recorded_by", "callsim")

_MAX_NAMES = 1000


def create_exclusive(path: str | os.PathLike[str], *, unique: bool = False) -> tuple[int, str]:
    """Create `path` for writing, never replacing a file; `unique` tries `NAME-2.txt` ... instead.

    `O_EXCL` makes the check and the creation one step, so parallel plays of the
    same scenario, seed and second each get a file of their own. Returns the open
    descriptor and the name used; raises `FileExistsError` when `path` exists and
    `unique` is off.
    """
    name = os.fspath(path)
    parent = os.path.dirname(name)
    if parent:
        try:
            os.makedirs(parent, exist_ok=True)
        except FileExistsError:  # a file stands where the folder should be
            raise NotADirectoryError(errno.ENOTDIR, "not a folder", parent) from None
    stem, ext = os.path.splitext(name)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for n in range(1, _MAX_NAMES + 1):
        candidate = name if n == 1 else f"{stem}-{n}{ext}"
        try:
            return os.open(candidate, flags, 0o644), candidate
        except FileExistsError:
            if not unique:
                raise
    raise FileExistsError(errno.EEXIST, f"{_MAX_NAMES} transcripts of this name exist", name)


class TranscriptWriter:
    """Streams a transcript to a new file, a whole line at a time, synced after every line.

    The file is created exclusively (`create_exclusive`): an existing file is
    never overwritten. A line is written in full or not at all: when a write
    fails (a full disk), the file is cut back to the end of the last whole line
    (which needs no free space) and `TranscriptWriteError` says what failed;
    `lines` is how many timed lines were kept. `write` is the system call, so
    tests can inject a failing disk.
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        headers: Mapping[str, str],
        *,
        unique: bool = False,
        write: Callable[[int, bytes], int] = os.write,
    ) -> None:
        self._write_fn = write
        self._fd = -1
        self.lines = 0
        self._good = 0
        try:
            self._fd, self.path = create_exclusive(path, unique=unique)
        except FileExistsError:
            raise  # the caller decides: refuse, or ask for a unique name
        except OSError as exc:
            raise _failure(f"cannot create {os.fspath(path)}", exc) from None
        marked = {**headers, RECORDED_BY[0]: RECORDED_BY[1]}
        self._write(format_header(marked) + [""])

    def _write(self, rows: Iterable[str]) -> None:
        data = "".join(row + "\n" for row in rows).encode("utf-8")
        try:
            sent = 0
            while sent < len(data):
                done = self._write_fn(self._fd, data[sent:])
                if done <= 0:
                    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
                sent += done
        except OSError as exc:
            self._cut_back()
            raise _failure(f"cannot write {self.path}", exc) from None
        self._good += len(data)
        try:
            os.fsync(self._fd)
        except OSError:  # pragma: no cover - pipes and some filesystems
            pass

    def _cut_back(self) -> None:
        """Drop a half-written line; the file then ends with the last whole line."""
        try:
            os.ftruncate(self._fd, self._good)
        except OSError:  # the reader still refuses the unterminated last line
            pass

    def write(self, line: Line) -> None:
        self._write([format_line(line)])
        self.lines += 1

    def close(self) -> None:
        if self._fd >= 0:
            fd, self._fd = self._fd, -1
            os.close(fd)

    def __enter__(self) -> TranscriptWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _failure(what: str, exc: OSError) -> TranscriptWriteError:
    reason = exc.strerror or str(exc)
    if exc.filename and os.fspath(exc.filename) not in what:
        reason = f"{reason} ({os.fspath(exc.filename)})"
    return TranscriptWriteError(exc.errno or errno.EIO, f"{what}: {reason}")
