"""Read files from users safely: regular files only, bounded, one-line reasons.

A path a user hands in may name a FIFO (reading it blocks for ever), a
device (`/dev/zero` never ends), a folder, a symlink loop, or a file we may
not read. Every reader of user files (transcripts, policy packs, scenarios,
autoplay scripts) goes through `read_regular`, which opens without blocking,
checks with `fstat` on the open descriptor (no race between check and read)
that it is a regular file, and reads at most a limit. Problems come back as
`FileProblem`, whose message is one line meant to follow the path:
`calls/x.txt: is a FIFO, not a regular file`.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)

_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
_FLAGS |= getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)


class FileProblem(ValueError):
    """Why a user's file cannot be read, in one line (without the path)."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message


def kind_of(mode: int) -> str:
    """'a FIFO (named pipe)', 'a folder' ... for a non-regular file's mode."""
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def describe_oserror(exc: OSError) -> str:
    """An OSError as a short phrase: 'no such file', 'permission denied', 'a symlink loop'."""
    if exc.errno == errno.ELOOP:
        return "a symlink loop (too many levels of symbolic links)"
    if exc.errno == errno.ENOENT:
        return "no such file"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if exc.errno == errno.ENAMETOOLONG:
        return "file name too long"
    return f"cannot read: {exc.strerror or exc}"


def regular_problem(path: str | os.PathLike[str]) -> str | None:
    """None when `path` is a regular file we can open; else why not (one phrase)."""
    try:
        fd = os.open(path, _FLAGS)
    except OSError as exc:
        return describe_oserror(exc)
    except ValueError:
        return "a file name cannot hold a NUL"
    try:
        mode = os.fstat(fd).st_mode
    finally:
        os.close(fd)
    return None if stat.S_ISREG(mode) else f"is {kind_of(mode)}, not a regular file"


def read_regular(path: str | os.PathLike[str], limit: int, *, what: str = "file") -> bytes:
    """The bytes of a regular file of at most `limit` bytes, or `FileProblem`.

    Opening with O_NONBLOCK returns at once for a FIFO with no writer; `fstat`
    on the descriptor then refuses it. The size is checked before reading and
    the read itself stops past the limit (a file may grow while it is read).
    """
    name = os.fspath(path)
    try:
        fd = os.open(path, _FLAGS)
    except OSError as exc:
        raise FileProblem(name, describe_oserror(exc)) from None
    except ValueError:  # a NUL in the name: no file can have it
        raise FileProblem(name.replace("\x00", "\\x00"), "a file name cannot hold a NUL") from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise FileProblem(name, f"is {kind_of(st.st_mode)}, not a regular file")
        if st.st_size > limit:
            raise FileProblem(name, f"{what} is {st.st_size:,} bytes; at most {limit:,} allowed")
        chunks: list[bytes] = []
        got = 0
        while got <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - got))
            if not chunk:
                break
            chunks.append(chunk)
            got += len(chunk)
    except OSError as exc:
        raise FileProblem(name, describe_oserror(exc)) from None
    finally:
        os.close(fd)
    if got > limit:
        raise FileProblem(name, f"{what} is larger than {limit:,} bytes")
    return b"".join(chunks)


def walk_files(folder: str, suffixes: tuple[str, ...]) -> list[str]:
    """Every entry under `folder` whose name ends in one of `suffixes`, sorted.

    Real folders are descended into, however deep (a loop, not recursion);
    symlinks are not followed into folders (no cycles), but a link or other
    non-folder entry with a matching name is listed, so that reading it
    reports what it is rather than skipping it. A folder that cannot be
    listed is listed itself, for the same reason ("permission denied").
    """
    found: list[str] = []
    stack = [folder]
    while stack:
        here = stack.pop()
        try:
            with os.scandir(here) as it:
                entries = list(it)
        except OSError:
            found.append(here)
            continue
        for entry in entries:
            try:
                is_dir = entry.is_dir(follow_symlinks=False)
            except OSError:
                is_dir = False
            if is_dir:
                stack.append(entry.path)
            elif entry.name.endswith(suffixes):
                found.append(entry.path)
    return sorted(found, key=lambda p: Path(p).parts)
