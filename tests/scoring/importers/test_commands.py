"""`callsim convert` and `callsim grade` on other tools' files, through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scoring.reader import read_transcript
from simulator.cli import main

VTT = """WEBVTT

00:00:00.500 --> 00:00:03.000
<v spk_0>Thank you for calling Advantus, this is Dana. How can I help you?

00:00:03.500 --> 00:00:06.000
<v spk_1>My order came with the wrong colour.
"""
VAGUE = "start,speaker,text\n0,A,Hello?\n1,B,Hi.\n"


def test_convert_writes_the_spec_format_with_the_given_headers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src, out = tmp_path / "call.vtt", tmp_path / "call.txt"
    src.write_text(VTT, encoding="utf-8")
    assert (
        main(["convert", str(src), "-o", str(out), "--brand", "Advantus", "--context", "order"])
        == 0
    )
    assert out.read_text(encoding="utf-8") == (
        "# callsim transcript: 1\n# brand: Advantus\n# context: order\n# source_format: WebVTT\n\n"
        "[00:00] AGENT: Thank you for calling Advantus, this is Dana. How can I help you?\n"
        "[00:03] CALLER: My order came with the wrong colour.\n"
    )
    assert read_transcript(out).brand == "Advantus"
    assert main(["convert", str(src), "-o", str(out)]) == 2
    assert "exists (use --force" in capsys.readouterr().err
    assert main(["convert", str(src), "-o", str(out), "--force"]) == 0


def test_convert_to_standard_output_and_its_refusals(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "vague.csv"
    src.write_text(VAGUE, encoding="utf-8")
    assert main(["convert", str(src)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert f"callsim convert: {src}:0: cannot tell which speaker is the agent" in err
    assert main(["convert", str(src), "--agent-speaker", "B"]) == 0
    assert capsys.readouterr().out.endswith("[00:00] CALLER: Hello?\n[00:01] AGENT: Hi.\n")
    assert main(["convert", str(src), "-o", str(src)]) == 2
    assert "is the file being converted" in capsys.readouterr().err


def test_grade_reads_captions_in_a_folder_and_takes_agent_speaker(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a.vtt").write_text(VTT, encoding="utf-8")
    (tmp_path / "b.csv").write_text(VAGUE, encoding="utf-8")
    assert main(["grade", str(tmp_path), "--json"]) == 0
    graded = json.loads(capsys.readouterr().out)
    assert [g["file"] for g in graded] == [str(tmp_path / "a.vtt")]
    assert graded[0]["items"]["open.thank_for_calling"]["result"] == "pass"
    assert main(["grade", str(tmp_path / "b.csv"), "--json"]) == 2
    assert "--agent-speaker" in json.loads(capsys.readouterr().out)[0]["error"]
    assert main(["grade", str(tmp_path / "b.csv"), "--json", "--agent-speaker", "A"]) == 0
