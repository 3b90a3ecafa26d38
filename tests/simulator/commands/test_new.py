"""`callsim new ID --archetype KIND` writes a commented scenario that validates and plays."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.cli import main
from simulator.commands.new import ARCHETYPES
from simulator.scenario.loader import validate_file


@pytest.mark.parametrize("kind", sorted(ARCHETYPES))
def test_new_writes_a_scenario_that_loads_and_plays(
    kind: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new", f"my-{kind}", "--archetype", kind, "--out", str(tmp_path)]) == 0
    path = tmp_path / f"my-{kind}.yaml"
    text = path.read_text()
    assert text.startswith("# yaml-language-server")
    assert "# The ideal path" in text  # the parts are explained
    scenario, problems = validate_file(path)
    assert scenario is not None, problems
    assert scenario.id == f"my-{kind}"
    assert not getattr(scenario, "default", False)
    transcript = tmp_path / "t.txt"
    code = main(["play", str(path), "--autoplay", "ideal", "--transcript", str(transcript)])
    assert code == 0
    assert "hangup" in transcript.read_text() or "transfer" in transcript.read_text()


def test_new_refuses_a_bad_id_and_an_existing_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new", "Bad Id", "--archetype", "spam", "--out", str(tmp_path)]) == 2
    assert main(["new", "ok", "--archetype", "spam", "--out", str(tmp_path)]) == 0
    assert main(["new", "ok", "--archetype", "spam", "--out", str(tmp_path)]) == 2
    assert "exists" in capsys.readouterr().err
