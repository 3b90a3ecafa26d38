"""Simulated time. The engine never reads the wall clock; front-ends advance it with `Wait`."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class SimClock:
    """Seconds since the call started, moved only forward and only on purpose."""

    now: int = 0

    def advance(self, seconds: int) -> int:
        if seconds < 0:
            raise ValueError("time never goes backwards")
        self.now += seconds
        return self.now
