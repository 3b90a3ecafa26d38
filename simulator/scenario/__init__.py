"""Scenarios: the model, the safe loader with line-numbered problems, and the library."""

from simulator.scenario.library import DEFAULT_SCENARIO, find_scenario, load_all, scenario_files
from simulator.scenario.loader import load_scenario, validate_file
from simulator.scenario.model import Beat, Caller, Contact, Mistake, Scenario, Step, Voice
from simulator.scenario.problems import Problem, ScenarioError

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
