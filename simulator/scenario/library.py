"""Find scenarios: the shipped ones in the `scenarios` package, and a trainer's folders."""

from __future__ import annotations

import os
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from simulator.scenario.model import Scenario
    from simulator.scenario.problems import ScenarioError

#: The loader's SUFFIXES (a test checks): listing the files must not import the loader,
#: whose schema validator and engine cost a report a fifth of a second, nor the grader.
SUFFIXES = (".yaml", ".yml")

#: The built-in scenario `callsim play` runs when none is named (its file says `default: true`).
DEFAULT_SCENARIO = "wrong-size-planter"


def shipped_dir() -> Path:
    return Path(str(resources.files("scenarios")))


def scenario_files(extra_dirs: Iterable[str] = ()) -> list[Path]:
    """The `.yaml` files of the shipped folder and `extra_dirs`, not their subfolders.

    Every entry with a scenario suffix is listed, a FIFO or a folder named
    `x.yaml` too, so that loading it reports what it is instead of skipping it
    in silence. A folder that cannot be listed raises `LookupError`.
    """
    out: list[Path] = []
    for folder in [shipped_dir(), *map(Path, extra_dirs)]:
        try:
            entries = sorted(p for p in folder.iterdir() if p.suffix in SUFFIXES)
        except OSError as exc:
            raise LookupError(f"--scenario-dir {folder}: {_why(exc)}") from None
        out.extend(entries)
    return out


def _why(exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError):
        return "no such folder"
    if isinstance(exc, NotADirectoryError):
        return "not a folder"
    return f"cannot list: {exc.strerror or exc}"


def load_all(extra_dirs: Iterable[str] = ()) -> tuple[list[Scenario], list[ScenarioError]]:
    from simulator.scenario.loader import load_scenario
    from simulator.scenario.problems import ScenarioError

    found: list[Scenario] = []
    errors: list[ScenarioError] = []
    for path in scenario_files(extra_dirs):
        try:
            found.append(load_scenario(path))
        except ScenarioError as exc:
            errors.append(exc)
    return found, errors


def find_scenario(name: str | None, extra_dirs: Iterable[str] = ()) -> Scenario:
    """A scenario by id or by path; the built-in default when `name` is None."""
    from simulator.scenario.loader import load_scenario

    name = name or DEFAULT_SCENARIO  # tests check this file is the one marked `default: true`
    if os.path.sep in name or name.endswith(SUFFIXES):
        return load_scenario(name)
    for path in scenario_files(extra_dirs):
        if path.stem == name:
            return load_scenario(path)
    known = ", ".join(p.stem for p in scenario_files(extra_dirs))
    raise LookupError(f"no scenario {name!r}; known: {known}")
