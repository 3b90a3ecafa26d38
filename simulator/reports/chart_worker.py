"""Draw a report's charts in a helper process that imports matplotlib while the report
reads the store.

Importing matplotlib (and numpy under it) takes about as long as starting
callsim, opening the store and reading a trainee's thousand calls; a fresh
`callsim report` starts this helper first, so with a second core free the
import is done by the time the charts' values are known. The helper then
draws the charts it is sent while the report makes the plan and loads its
templates.

The helper gets one pickled list of (chart name, values) on its stdin (from
its own parent: nothing else writes there) and answers a JSON list of SVG
texts, checked before use. A helper that cannot start, dies, is too slow or
answers anything else is only a lost saving: the charts are then drawn in the
report's own process. A helper that is not needed (every chart kept in the
chart cache, or no such trainee) is stopped.
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import orjson

Jobs = Sequence[tuple[str, tuple[Any, ...]]]

TIMEOUT_S = 120.0  # far past any real drawing: then the helper is stuck, not slow


def draw_here(jobs: Jobs) -> list[str]:
    """The charts, drawn in this process."""
    from simulator.reports.charts import BY_NAME

    return [BY_NAME[name](*values) for name, values in jobs]


def command() -> list[str]:
    return [sys.executable, "-m", __name__]


class ChartWorker:
    """A helper process, started now; `send` hands it the charts, `receive` gives them back
    (drawn here if the helper failed), `stop` ends it unused."""

    def __init__(self) -> None:
        import simulator

        root = str(Path(simulator.__file__).resolve().parent.parent)  # the parent's own code
        path = os.pathsep.join(p for p in (root, os.environ.get("PYTHONPATH")) if p)
        self.jobs: list[tuple[str, tuple[Any, ...]]] = []
        self._talk: threading.Thread | None = None
        self._answer: bytes | None = None
        try:
            self.proc: subprocess.Popen[bytes] | None = subprocess.Popen(
                command(),
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                env={**os.environ, "PYTHONPATH": path},
            )
        except OSError:
            self.proc = None

    def __enter__(self) -> ChartWorker:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def send(self, jobs: Jobs) -> None:
        """Hand the helper its charts and return at once (a thread talks to it)."""
        self.jobs = list(jobs)
        if self.proc is not None and self._talk is None:
            self._talk = threading.Thread(target=self._ask, args=(self.proc,), daemon=True)
            self._talk.start()

    def _ask(self, proc: subprocess.Popen[bytes]) -> None:
        try:
            answer, _ = proc.communicate(pickle.dumps(self.jobs), timeout=TIMEOUT_S)
        except (OSError, ValueError, subprocess.TimeoutExpired):
            _end(proc)
            return
        if proc.returncode == 0:
            self._answer = answer

    def receive(self) -> list[str]:
        """The charts sent, from the helper, or drawn here when it failed."""
        if self._talk is not None:
            self._talk.join()
        self.proc = None
        svgs = _checked(self._answer, len(self.jobs))
        return svgs if svgs is not None else draw_here(self.jobs)

    def stop(self) -> None:
        """End the helper if it is still running (nothing to draw, or an error)."""
        proc, self.proc = self.proc, None
        if proc is None:
            return
        if self._talk is None:
            _end(proc)
        else:  # the talking thread owns the pipes: it ends when the helper does
            proc.kill()
            self._talk.join()


def _checked(answer: bytes | None, n: int) -> list[str] | None:
    if answer is None:
        return None
    try:
        svgs = orjson.loads(answer)
    except orjson.JSONDecodeError:
        return None
    if not isinstance(svgs, list) or len(svgs) != n:
        return None
    if not all(isinstance(s, str) and s.startswith("<svg") for s in svgs):
        return None
    return svgs


def _end(proc: subprocess.Popen[bytes]) -> None:
    proc.kill()
    proc.wait()
    for pipe in (proc.stdin, proc.stdout):
        if pipe is not None:
            pipe.close()


def main() -> None:
    """The helper: import what drawing needs, then draw what the parent sends."""
    import matplotlib.artist

    # Importing matplotlib writes every artist's property list into its `set` docstring
    # (`kwdoc`): a sixth of the import, and nothing here reads a docstring. The drawings
    # are the same (a test compares them with ones drawn in a process left as it is).
    matplotlib.artist.kwdoc = lambda artist: ""
    import matplotlib.backends.backend_svg  # noqa: F401  (the import this process is for)
    from matplotlib.figure import Figure  # noqa: F401

    jobs = pickle.load(sys.stdin.buffer)
    sys.stdout.buffer.write(orjson.dumps(draw_here(jobs)))


if __name__ == "__main__":
    main()
