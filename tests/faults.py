"""Faults the tests inject: a disk that fills up."""

from __future__ import annotations

import errno
import os


class FullDisk:
    """An injected `os.write` that accepts `room` more bytes, then fails like a full disk."""

    def __init__(self, room: int) -> None:
        self.room = room

    def __call__(self, fd: int, data: bytes) -> int:
        if self.room <= 0:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        done = os.write(fd, data[: self.room])
        self.room -= done
        return done
