"""Which protocol items each scenario lets a trainee practise.

A scenario practises an item when its ideal path passes it: the right move
there is the one the item asks for. Items a scenario's mistakes name are the
ones it was written to tempt, and count double. An item the ideal path does
not pass (not applicable, or the right move there is to do something else,
as in `refuses-hold`, where the caller says no and there is no hold) is never
practised there, whatever its mistakes name: a trainee who holds without
waiting for an answer must not be sent to a call whose lesson is not to hold.

Playing and grading every ideal path takes about a second, so the answer is
kept in the user's cache folder, keyed by the scenario file's bytes and the
grader's own source: a changed scenario or grader is played again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

DIFFICULTIES = ("easy", "medium", "hard")
CACHE_VERSION = 1


@dataclass(frozen=True)
class Practice:
    """What one scenario exercises."""

    id: str
    title: str
    difficulty: str
    practised: frozenset[str]  # items its ideal path passes
    tempted: frozenset[str]  # of those, the ones its mistakes name
    default: bool = False

    def weight(self, item: str) -> int:
        if item not in self.practised:
            return 0
        return 2 if item in self.tempted else 1

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "difficulty": self.difficulty,
            "practised": sorted(self.practised),
            "tempted": sorted(self.tempted),
            "default": self.default,
        }

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Practice:
        return cls(
            str(d["id"]),
            str(d["title"]),
            str(d["difficulty"]),
            frozenset(d["practised"]),
            frozenset(d["tempted"]),
            bool(d.get("default", False)),
        )


def cache_path() -> Path:
    import platformdirs

    return Path(platformdirs.user_cache_dir("callsim")) / "practice-items.json"


def grader_fingerprint() -> str:
    """A hash of the grader's source and phrasing: a new grader plays the paths again.
    (Found, not imported: a plan or report from kept paths needs no grader.)"""
    from importlib.util import find_spec

    spec = find_spec("scoring")
    if spec is None or spec.origin is None:
        raise LookupError("the scoring package is not installed")
    root = Path(spec.origin).parent
    h = hashlib.sha256()
    for p in sorted([*root.rglob("*.py"), *root.rglob("*.yaml")]):
        if "importers" in p.parts:
            continue
        h.update(p.relative_to(root).as_posix().encode())
        h.update(p.read_bytes())
    return h.hexdigest()


def catalogue(extra_dirs: Iterable[str] = ()) -> list[Practice]:
    """Every scenario's practice items, from the cache where the file and grader are unchanged.
    A scenario that does not load is left out (`callsim validate` says why)."""
    from simulator.scenario.library import scenario_files

    grader = grader_fingerprint()
    cached = _read_cache(grader)
    out: list[Practice] = []
    fresh: dict[str, dict[str, Any]] = {}
    for path in scenario_files(extra_dirs):
        try:
            key = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError:
            continue
        found = cached.get(key)
        practice = Practice.from_json(found) if found else _played(path)
        if practice is None:
            continue
        fresh[key] = practice.to_json()
        out.append(practice)
    if fresh != cached:
        _write_cache(grader, fresh)
    return out


def _read_cache(grader: str) -> dict[str, dict[str, Any]]:
    try:
        data = orjson.loads(cache_path().read_bytes())
    except (OSError, orjson.JSONDecodeError):
        return {}
    if not isinstance(data, dict) or data.get("version") != CACHE_VERSION:
        return {}
    if data.get("grader") != grader or not isinstance(data.get("scenarios"), dict):
        return {}
    return dict(data["scenarios"])


def _write_cache(grader: str, scenarios: dict[str, dict[str, Any]]) -> None:
    path = cache_path()
    data = {"version": CACHE_VERSION, "grader": grader, "scenarios": scenarios}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_bytes(orjson.dumps(data))
        tmp.replace(path)
    except OSError:
        pass  # no cache: the next plan plays the paths again


def _played(path: Path) -> Practice | None:
    from simulator.scenario.loader import load_scenario
    from simulator.scenario.problems import ScenarioError

    try:
        scenario = load_scenario(path)
    except ScenarioError:
        return None
    return practice_of(scenario)


def practice_of(scenario: Any) -> Practice | None:
    """Play the scenario's ideal path in memory, grade it, and read what it practises."""
    from simulator.autoplay import ideal_moves
    from simulator.session import policy_params

    pack, params = policy_params(scenario.policy)
    if pack is None:
        return None
    results = play_results(scenario, ideal_moves(scenario), pack, params)
    practised = frozenset(i for i, r in results.items() if r == "pass")
    named: set[str] = set()
    for step in scenario.script:
        for mistake in step.mistakes:
            named |= mistake.fails
    difficulty = scenario.difficulty if scenario.difficulty in DIFFICULTIES else "medium"
    return Practice(
        scenario.id,
        scenario.title,
        difficulty,
        practised,
        frozenset(named) & practised,
        bool(scenario.default),
    )


def play_results(scenario: Any, moves: list[Any], pack: Any, params: Any) -> dict[str, str]:
    """Each item's result on a scripted path, played in memory as `callsim validate` plays it
    (simulator/playcheck.py): the lines are written and read back, so the grader reads what a
    saved transcript would hold."""
    from scoring.grader import grade
    from scoring.reader import parse_bytes
    from scoring.transcript import Line, Transcript
    from scoring.writer import format_transcript
    from simulator.engine import CallEngine
    from simulator.frontend.base import run_call
    from simulator.frontend.headless import HeadlessFrontend

    lines: list[Line] = []
    engine = CallEngine(scenario, seed=0, params=params, on_line=lines.append)
    run_call(engine, HeadlessFrontend(moves))
    text = format_transcript(Transcript("", engine.headers, tuple(lines)))
    card = grade(parse_bytes(text.encode("utf-8"), scenario.path or scenario.id), pack)
    return {i: r.result for i, r in card.results.items()}
