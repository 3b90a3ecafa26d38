"""`callsim validate` on scenario files built to take it a long time (red-team trial).

validate plays the ideal path and every mistake as a whole call, so its time grew with
steps x mistakes: a 200 KB file of 1,200 one-mistake steps ran for over ten minutes of
CPU. A script has at most 100 steps and a scenario at most 100 mistakes to play; a limit
is said with the sizes, not with jsonschema's quote of the whole value (a 100,000-
character title was a 100,000-character line).
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from simulator.cli import main
from tests.conftest import ROOT

BASE = (ROOT / "scenarios/wrong-size-planter.yaml").read_text(encoding="utf-8")
HEAD = BASE[: BASE.index("script:")]


def _steps(n: int, mistakes: int) -> str:
    out = ["script:"]
    for i in range(n):
        out.append(f'  - agent: "Is there anything else I can help with, number {i}?"')
        out.append("    mistakes:")
        for j in range(mistakes):
            out.append(f'      - agent: "Bye {i} {j}."')
            out.append("        fails: [close.offer_more_help]")
    return HEAD + "\n".join(out) + "\n"


@pytest.mark.parametrize(
    ("name", "text", "says"),
    [
        ("long-script", _steps(1200, 1), ":56:3: script: 1,200 items; at most 100"),
        ("many-mistakes", _steps(60, 3), ":55:1: 180 mistakes to play; at most 100 in a scenario"),
        (
            "long-title",
            BASE.replace("title: The wrong planter arrived", "title: " + "a" * 100_000, 1),
            ":3:8: title: 100,000 characters; at most 120",
        ),
    ],
)
def test_validate_is_bounded_and_says_so_in_one_short_line(
    name: str, text: str, says: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    started = time.process_time()
    status = main(["validate", str(path)])
    spent = time.process_time() - started
    out, err = capsys.readouterr()
    assert status == 1
    assert f"{path}{says}" in out + err
    [line] = [line for line in (out + err).splitlines() if says in line]
    assert len(line) < 200 + len(str(path))
    assert spent < 30, f"validate took {spent:.0f} s of CPU"  # was over 600 s
