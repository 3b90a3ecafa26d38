"""`callsim validate`, `callsim scenarios` and `callsim play --autoplay` via the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scoring.reader import read_transcript
from simulator.cli import main
from tests.simulator.conftest import SHIPPED_IDS


def test_validate_shipped_folder_is_clean(capsys: pytest.CaptureFixture[str]) -> None:
    from simulator.scenario.library import shipped_dir

    assert main(["validate", str(shipped_dir())]) == 0
    assert capsys.readouterr().out.count("ok  ") == len(SHIPPED_IDS)


def test_validate_reports_file_line_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: x\nbrnd: y\n", encoding="utf-8")
    assert main(["validate", str(bad)]) == 1
    out = capsys.readouterr().out
    assert f"{bad}:2:1: unknown key 'brnd' (hint: did you mean 'brand'?)" in out


def test_scenarios_json_lists_id_title_context_difficulty(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    extra = tmp_path / "mine"
    extra.mkdir()
    src = Path(__file__).parents[3] / "scenarios" / "wrong-number-advisor.yaml"
    (extra / "my-copy.yaml").write_text(src.read_text(encoding="utf-8"), encoding="utf-8")
    assert main(["scenarios", "--json", "--scenario-dir", str(extra)]) == 0
    rows = json.loads(capsys.readouterr().out)
    ids = [r["id"] for r in rows]
    assert set(SHIPPED_IDS) < set(ids)
    assert "my-copy" in ids
    row = rows[ids.index("my-copy")]
    assert row["context"] == ["wrong_number"]
    assert row["difficulty"] == "easy"


def test_autoplay_script_writes_the_transcript_where_asked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    script = tmp_path / "call.moves"
    script.write_text(
        "# a short call\nThank you for calling Advantus, this is Jenna.\n/note short\n/hangup\n"
    )
    out = tmp_path / "t.txt"
    main(
        [
            "play",
            "spam-listing-verification",
            "--autoplay",
            str(script),
            "--seed",
            "3",
            "--transcript",
            str(out),
        ]
    )
    printed = capsys.readouterr().out
    assert f"Transcript: {out}" in printed
    t = read_transcript(out)
    assert t.headers["seed"] == "3"
    assert [e.name for e in t.events()] == ["note", "hangup"]


def test_autoplay_is_deterministic(tmp_path: Path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    for path in (a, b):
        main(
            [
                "play",
                "irate-double-charge",
                "--autoplay",
                "ideal",
                "--seed",
                "9",
                "--transcript",
                str(path),
            ]
        )
    assert a.read_text() == b.read_text()


def test_unknown_scenario_is_a_clear_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["play", "no-such-call", "--autoplay", "ideal"]) == 2
    assert "no scenario 'no-such-call'" in capsys.readouterr().err
