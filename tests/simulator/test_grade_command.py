"""`callsim grade`: the spec's JSON, exit statuses, folders, policies, the human scorecard."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from simulator.cli import main
from tests.conftest import SPEC_EXAMPLES

GOOD = """# callsim transcript: 1
# brand: Acme
# agent: Dana
[00:00] AGENT: Thank you for calling Acme, this is Dana. May I have your name?
[00:03] CALLER: Ed Park.
[00:05] AGENT: Thank you for calling Acme, Mr. Park. Goodbye.
[00:07] * hangup by=caller
"""


def _write(tmp: Path, name: str, text: str) -> Path:
    path = tmp / name
    path.write_text(text, encoding="utf-8")
    return path


def test_json_is_the_spec_shape(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = _write(tmp_path, "a.txt", GOOD)
    assert main(["grade", "--json", str(good)]) == 0
    [card] = json.loads(capsys.readouterr().out)
    # the spec's fields exactly, and the header's agent beside them
    assert set(card) == {"file", "policy", "score", "critical_failures", "items", "agent"}
    assert card["agent"] == "Dana"
    assert card["file"] == str(good)
    assert card["policy"] == "default"
    assert len(card["items"]) == 51
    first = card["items"]["open.thank_for_calling"]
    assert set(first) == {"result", "reason", "evidence", "source"}
    assert first["result"] == "pass"
    assert first["evidence"][0] == {
        "line": 4,
        "time": "00:00",
        "text": GOOD.splitlines()[3][8:].split(": ", 1)[1],
    }
    assert first["source"] == "002_1f721ead0f76229c.txt"
    assert 0 <= card["score"] <= 100


def test_bad_file_in_place_and_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = _write(tmp_path, "a.txt", GOOD)
    bad = _write(tmp_path, "b.txt", "# callsim transcript: 1\n[00:99] AGENT: hi\n")
    assert main(["grade", "--json", str(bad), str(good)]) == 2
    out = json.loads(capsys.readouterr().out)
    assert out[0] == {
        "file": str(bad),
        "error": f"{bad}:2: bad time [00:99]: expected [MM:SS] or [H:MM:SS]",
    }
    assert out[1]["file"] == str(good)


def test_folder_means_every_transcript(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _write(tmp_path, "a.txt", GOOD)
    _write(tmp_path, "b.transcript", GOOD)
    _write(tmp_path, "notes.md", "not a call")
    assert main(["grade", "--json", str(tmp_path)]) == 0
    assert [Path(c["file"]).name for c in json.loads(capsys.readouterr().out)] == [
        "a.txt",
        "b.transcript",
    ]


def test_policy_flag_and_header(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = _write(tmp_path, "a.txt", GOOD)
    assert main(["grade", "--json", "--policy", "advantus", str(good)]) == 0
    card = json.loads(capsys.readouterr().out)[0]
    assert card["policy"] == "advantus"
    assert len(card["items"]) == 5
    headed = _write(tmp_path, "h.txt", GOOD.replace("# brand", "# policy: cam456\n# brand"))
    assert main(["grade", "--json", str(headed)]) == 0
    assert json.loads(capsys.readouterr().out)[0]["policy"] == "cam456"
    unknown = _write(tmp_path, "u.txt", GOOD.replace("# brand", "# policy: nope\n# brand"))
    assert main(["grade", "--json", str(unknown)]) == 2
    assert "u.txt:2: unknown policy 'nope'" in json.loads(capsys.readouterr().out)[0]["error"]


def test_broken_policy_is_one_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = _write(tmp_path, "a.txt", GOOD)
    pack = _write(tmp_path, "p.yaml", "name: p\nitems:\n  open.nope: 1\n")
    assert main(["grade", "--policy", str(pack), str(good)]) == 2
    assert f"{pack}:3: unknown item id 'open.nope'" in capsys.readouterr().err


def test_human_scorecard(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = _write(tmp_path, "a.txt", GOOD)
    assert main(["grade", str(good)]) == 0
    out = capsys.readouterr().out
    for section in ("Opening", "Soft skills", "Closing"):
        assert section in out
    assert "Logs call notes" in out
    assert "Rule:" in out  # a failed item shows its rule
    assert "\x1b[" not in out  # plain text when not a terminal


@pytest.mark.skipif(not SPEC_EXAMPLES.is_dir(), reason="spec examples not present")
def test_spec_examples_through_the_cli(capsys: pytest.CaptureFixture[str]) -> None:
    files = sorted(SPEC_EXAMPLES.glob("*.txt"))
    assert main(["grade", "--json", *map(str, files)]) == 0
    got = json.loads(capsys.readouterr().out)
    for path, card in zip(files, got, strict=True):
        want = json.loads(path.with_suffix(".expected.json").read_text())
        assert {k: v["result"] for k, v in card["items"].items()} == {
            k: v["result"] for k, v in want["items"].items()
        }
