"""Which scenarios the start screen offers, in what order, and which one to do next.

Scenarios come from the scenario loader when it is installed (the shipped YAML files);
until then, from the sample built in code. "Recommended next" is a simple, explainable
rule: a scenario not yet played (easiest first), else the one with the lowest last score.
A session store with history across runs can replace `last_scores` later.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from simulator.scenario.model import DIFFICULTIES, Scenario
from simulator.window.views import ScenarioRow


def find_scenarios(extra_dirs: Sequence[str] = ()) -> list[Scenario]:
    """The shipped scenarios (and those in `extra_dirs`); files that do not load are skipped
    here because `callsim validate` reports them, and a broken file must not keep the window
    shut. The built-in sample is the fallback when nothing loads."""
    from simulator.scenario.library import load_all
    from simulator.window.sample_scenario import SAMPLE

    found, _errors = load_all(extra_dirs)
    return list(found) or [SAMPLE]


def archetype(s: Scenario) -> str:
    if s.tags:
        return ", ".join(s.tags[:2])
    facts = sorted(s.context)
    return ", ".join(f.replace("_", " ") for f in facts[:2]) or "general"


def recommend(scenarios: Sequence[Scenario], last_scores: Mapping[str, float]) -> str | None:
    if not scenarios:
        return None
    from simulator.scenario.library import DEFAULT_SCENARIO

    unplayed = [s for s in scenarios if s.id not in last_scores]
    if unplayed:  # the easiest not yet played; the built-in first call before its peers
        return min(
            unplayed, key=lambda s: (DIFFICULTIES.index(s.difficulty), s.id != DEFAULT_SCENARIO)
        ).id
    return min(scenarios, key=lambda s: last_scores[s.id]).id


def rows(
    scenarios: Sequence[Scenario],
    last_scores: Mapping[str, float],
    prefer: str | None = None,
    best: Mapping[str, float] | None = None,
) -> tuple[ScenarioRow, ...]:
    """The start screen's rows, the recommended one first (`prefer`: the trainee's plan's
    pick, when it is among the scenarios)."""
    known = {s.id for s in scenarios}
    top = prefer if prefer in known else recommend(scenarios, last_scores)
    best_of = best or {}
    out = [
        ScenarioRow(
            s.id,
            s.title,
            archetype(s),
            s.difficulty,
            last_scores.get(s.id),
            s.id == top,
            best_of.get(s.id),
        )
        for s in scenarios
    ]
    out.sort(key=lambda r: not r.recommended)
    return tuple(out)
