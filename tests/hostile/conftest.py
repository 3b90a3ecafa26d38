"""Fixtures shared by the hostile-input tests."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from types import FrameType

import pytest


class Hung(Exception):
    """A read that blocked or never ended (a FIFO, /dev/zero)."""


def _alarm(signum: int, frame: FrameType | None) -> None:
    raise Hung


@pytest.fixture
def bounded() -> Iterator[None]:
    """Fail, rather than hang, when reading blocks or never ends."""
    old = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(10)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, old)
