"""Scenarios: the model, the safe loader with line-numbered problems, and the library.

Names are imported on first use (PEP 562): the engine needs only the model, and
loading the JSON Schema validator for every `callsim` start cost a quarter second.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from simulator.scenario.library import (
        DEFAULT_SCENARIO,
        find_scenario,
        load_all,
        scenario_files,
    )
    from simulator.scenario.loader import load_scenario, validate_file
    from simulator.scenario.model import Beat, Caller, Contact, Mistake, Scenario, Step, Voice
    from simulator.scenario.problems import Problem, ScenarioError

_WHERE = {
    "DEFAULT_SCENARIO": "library",
    "find_scenario": "library",
    "load_all": "library",
    "scenario_files": "library",
    "load_scenario": "loader",
    "validate_file": "loader",
    "Beat": "model",
    "Caller": "model",
    "Contact": "model",
    "Mistake": "model",
    "Scenario": "model",
    "Step": "model",
    "Voice": "model",
    "Problem": "problems",
    "ScenarioError": "problems",
}

__all__ = [
    "DEFAULT_SCENARIO",
    "Beat",
    "Caller",
    "Contact",
    "Mistake",
    "Problem",
    "Scenario",
    "ScenarioError",
    "Step",
    "Voice",
    "find_scenario",
    "load_all",
    "load_scenario",
    "scenario_files",
    "validate_file",
]


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value
