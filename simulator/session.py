"""One role-play from start to scorecard: engine + flushed transcript + grader + advice.

This is the edge where I/O happens (the transcript file, the wall-clock date
in the file name); the engine stays pure. A crash or Ctrl-C mid-call leaves a
transcript ending at the last line spoken, which the grader reads.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from scoring.writer import TranscriptWriter
from simulator.engine import CallEngine
from simulator.engine.engine import transcript_headers
from simulator.frontend.base import CallSummary, Frontend, run_call
from simulator.scenario.model import Scenario


def data_dir() -> Path:
    """Where callsim keeps the user's data (transcripts): platformdirs' user data dir."""
    import platformdirs

    return Path(platformdirs.user_data_dir("callsim"))


def default_transcript_path(scenario: Scenario, seed: int) -> Path:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    return data_dir() / "transcripts" / f"{stamp}-{scenario.id}-seed{seed}.txt"


def policy_params(policy: str) -> tuple[Any, Mapping[str, float]]:
    """The policy pack and its parameters; (None, {}) when the grader is not installed."""
    try:
        from scoring.policy import load_policy
    except ImportError:
        return None, {}
    pack = load_policy(policy)
    return pack, dict(getattr(pack, "params", {}) or {})


def grade_file(path: str | os.PathLike[str], pack: Any) -> Any:
    from scoring.grader import grade
    from scoring.reader import read_transcript

    return grade(read_transcript(path), pack)


def play_session(
    scenario: Scenario,
    frontend: Frontend,
    *,
    seed: int = 0,
    transcript: str | os.PathLike[str] | None = None,
    agent_name: str | None = None,
    policy: str | None = None,
) -> CallSummary:
    """Play the call on `frontend`, stream its transcript, grade it, and show the result."""
    path = Path(transcript) if transcript else default_transcript_path(scenario, seed)
    pack, params = policy_params(policy or scenario.policy)
    headers = transcript_headers(scenario, seed, agent_name, policy)
    with TranscriptWriter(path, headers) as writer:
        engine = CallEngine(
            scenario,
            seed=seed,
            params=params,
            agent_name=agent_name,
            on_line=writer.write,
            policy=policy,
        )
        try:
            run_call(engine, frontend)
        except KeyboardInterrupt:
            summary = CallSummary(str(path), None, (), "interrupted")
            frontend.finish(summary)
            raise
    summary = summarise(path, pack, scenario)
    frontend.finish(summary)
    return summary


def summarise(path: Path, pack: Any, scenario: Scenario) -> CallSummary:
    from simulator.advice import practise_next

    if pack is None:
        return CallSummary(str(path), None, (), "the grader is not available")
    try:
        card = grade_file(path, pack)
    except ValueError as exc:
        return CallSummary(str(path), None, (), str(exc))
    return CallSummary(str(path), card, tuple(practise_next(card, scenario)))
