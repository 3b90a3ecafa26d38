"""Grade many transcript files: policy choice, per-file errors, and parallelism.

A file that cannot be read or parsed yields a `GradeError` in its place and
never stops the others (spec: transcript-format.md, Errors). Large batches
are spread over the machine's cores; results keep the order given.
"""

from __future__ import annotations

import gc
import multiprocessing
import multiprocessing.context
import os
import signal
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache

import orjson

from scoring.acts import SPEAKERS, warm_up
from scoring.grader import Scorecard, grade
from scoring.literal import unicode_safe
from scoring.policy import Policy, PolicyError, load_named, load_policy
from scoring.reader import TranscriptError, read_transcript
from scoring.transcript import Transcript

#: More workers than this only add memory: grading is CPU-bound, one worker a core.
MAX_JOBS = 64
PARALLEL_FROM = 200  # files; below this a process pool costs more than it saves
CHUNK = 64


@dataclass(frozen=True)
class GradeError:
    file: str
    error: str

    def to_json(self) -> dict[str, str]:
        return {"file": self.file, "error": self.error}


Outcome = Scorecard | GradeError
#: What `--policy` gave: nothing (each transcript's header), or one or more names/paths.
PolicyArg = str | tuple[str, ...] | None


def _as_tuple(policy: PolicyArg) -> tuple[str, ...]:
    if policy is None:
        return ()
    return (policy,) if isinstance(policy, str) else tuple(policy)


@lru_cache(maxsize=32)
def _packs(policies: tuple[str, ...]) -> tuple[Policy, ...]:
    """The packs given with `--policy`, loaded once a process."""
    return tuple(load_policy(p) for p in policies)


@lru_cache(maxsize=32)
def _named(name: str, policies: tuple[str, ...]) -> Policy:
    given = _packs(policies)
    return load_named(name, {p.name: p for p in given})


def choose_policy(transcript: Transcript, policy: PolicyArg = None) -> Policy:
    """The pack a transcript is graded on.

    One `--policy` pack grades every file. Without one, the transcript's
    `# policy:` header names a shipped pack (never a path); with several, it
    names one of them or a shipped pack, and a file with no header gets the
    first. Raises `PolicyError`.
    """
    given = _packs(_as_tuple(policy))
    if len(given) == 1:
        return given[0]
    header = transcript.headers.get("policy", "")
    if not header:
        return given[0] if given else _named("default", ())
    return _named(header, _as_tuple(policy))


def grade_file(path: str, policy: PolicyArg = None, agent_speaker: str | None = None) -> Outcome:
    """Grade one file; `policy` (the `--policy` packs) overrides the `# policy:` header;
    `agent_speaker` names the agent in an imported file that cannot tell (scoring.importers).

    Whatever the file holds, the answer is a scorecard or a one-line error in
    its place: a batch never stops at a file.
    """
    try:
        with _collector_paused():
            return _grade_one(path, policy, agent_speaker)
    except PolicyError:
        raise  # the --policy pack itself is broken: one error for the whole run
    except RecursionError:
        return GradeError(path, f"{path}: too deeply nested to grade")
    except Exception as exc:  # noqa: BLE001 - one bad file must not end a folder's grading
        return GradeError(path, f"{path}: internal error while grading ({type(exc).__name__})")


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Grading makes a few objects a line, none in reference cycles: reference counting
    frees them. The cyclic collector's passes over them were a fifth of the time of a
    100,000-line call (benchmarks/bench_long_call.py), so it waits until the file is done."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def _grade_one(path: str, policy: PolicyArg, agent_speaker: str | None = None) -> Outcome:
    try:
        transcript = read_transcript(path, agent_speaker=agent_speaker)
    except TranscriptError as exc:
        return GradeError(path, str(exc))
    try:
        pack = choose_policy(transcript, policy)
    except PolicyError as exc:
        if len(_as_tuple(policy)) == 1:
            raise
        line = transcript.header_lines.get("policy", 1)
        return GradeError(path, f"{path}:{line}: {exc}")
    if not transcript.has_speech:
        last = transcript.lines[-1].number if transcript.lines else 1
        return GradeError(path, f"{path}:{last}: nothing to grade: the call has no speech lines")
    return grade(transcript, pack)


def outcome_json(outcome: Outcome) -> bytes:
    """One file's result as JSON text (spec format), indented for reading.

    orjson, not the standard library: with `indent` the stdlib falls back to
    its pure-Python encoder, which took 0.6 ms a call, more than a tenth of
    grading one; orjson writes the same layout in under 0.1 ms.
    """
    data = outcome.to_json()
    data["file"] = unicode_safe(data["file"])  # a name that is not UTF-8
    if "error" in data:
        data["error"] = unicode_safe(data["error"])
    return orjson.dumps(data, option=orjson.OPT_INDENT_2)  # UTF-8


JsonOutcome = tuple[bool, bytes]  # (could not be graded, JSON as UTF-8: written as it is)


def _as_json(outcome: Outcome) -> JsonOutcome:
    return isinstance(outcome, GradeError), outcome_json(outcome)


def _warm_context() -> multiprocessing.context.BaseContext | None:
    """On Linux, fork workers from a parent that has already compiled the phrasing
    patterns and literal gates (about 0.5 s a process), so no worker compiles them
    again. Elsewhere (fork is unsafe on macOS) the platform default, and each
    worker warms up on its first call."""
    if sys.platform != "linux":
        return None
    for speaker in SPEAKERS:
        warm_up(speaker, graded_only=True)
    gc.freeze()  # the warm state moves to a permanent generation: no collector passes
    return multiprocessing.get_context("fork")  # over it in the workers, fewer pages copied


def _grade_chunk(
    args: tuple[list[str], PolicyArg, bool, str | None],
) -> list[Outcome] | list[JsonOutcome]:
    paths, policy, as_json, agent_speaker = args
    outcomes = [grade_file(p, policy, agent_speaker) for p in paths]
    # Serialising in the worker keeps the parent from becoming the bottleneck.
    return [_as_json(o) for o in outcomes] if as_json else outcomes


def grade_files(
    paths: list[str],
    policy: PolicyArg = None,
    *,
    jobs: int | None = None,
    progress: Callable[[int], None] | None = None,
    agent_speaker: str | None = None,
) -> Iterator[Outcome]:
    """Yield one outcome per path, in order; `progress(n)` is told as files complete."""
    yield from _run(paths, policy, jobs, progress, as_json=False, agent_speaker=agent_speaker)  # type: ignore[misc]


def grade_files_json(
    paths: list[str],
    policy: PolicyArg = None,
    *,
    jobs: int | None = None,
    progress: Callable[[int], None] | None = None,
    agent_speaker: str | None = None,
) -> Iterator[JsonOutcome]:
    """Like `grade_files`, but each outcome as (failed to read, JSON text), made in the workers."""
    yield from _run(paths, policy, jobs, progress, as_json=True, agent_speaker=agent_speaker)  # type: ignore[misc]


def default_jobs() -> int:
    return min(os.cpu_count() or 1, 8)


def _run(
    paths: list[str],
    policy: PolicyArg,
    jobs: int | None,
    progress: Callable[[int], None] | None,
    *,
    as_json: bool,
    agent_speaker: str | None = None,
) -> Iterator[Outcome | JsonOutcome]:
    _packs(_as_tuple(policy))  # a broken --policy is one clear error, not one per file
    workers = jobs if jobs is not None else default_jobs()
    if workers <= 1 or len(paths) < PARALLEL_FROM:
        yield from _serial(paths, policy, progress, as_json, agent_speaker)
        return
    chunks = [
        (paths[i : i + CHUNK], policy, as_json, agent_speaker) for i in range(0, len(paths), CHUNK)
    ]
    done = 0
    pool = ProcessPoolExecutor(
        max_workers=workers, mp_context=_warm_context(), initializer=_worker_ignores_ctrl_c
    )
    finished = False
    try:
        for results in pool.map(_grade_chunk, chunks):
            yield from results
            done += len(results)
            if progress:
                progress(len(results))
        finished = True
    except BrokenProcessPool:  # a worker was killed (out of memory, a signal): the rest
        yield from _serial(paths[done:], policy, progress, as_json, agent_speaker)  # here
    finally:
        # Ctrl-C (or the reader of the results giving up): the queued chunks are dropped,
        # not graded before exit; the chunks running end within a second. When every
        # chunk is in, the idle pool is joined: left to the interpreter's exit, its wake-up
        # pipe could be closed first ("OSError: Bad file descriptor" at exit, 1 run in 7).
        pool.shutdown(wait=finished, cancel_futures=not finished)


def _worker_ignores_ctrl_c() -> None:
    """Ctrl-C reaches the whole process group; only the parent acts on it (it stops the
    pool), so no worker prints a KeyboardInterrupt traceback or dies mid-chunk."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _serial(
    paths: list[str],
    policy: PolicyArg,
    progress: Callable[[int], None] | None,
    as_json: bool,
    agent_speaker: str | None,
) -> Iterator[Outcome | JsonOutcome]:
    for p in paths:
        outcome = grade_file(p, policy, agent_speaker)
        yield _as_json(outcome) if as_json else outcome
        if progress:
            progress(1)
