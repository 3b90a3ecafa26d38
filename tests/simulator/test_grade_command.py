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


def test_summary_has_a_row_for_one_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = _write(tmp_path, "only.txt", GOOD)
    assert main(["grade", "--summary", str(good)]) == 0
    out = capsys.readouterr().out
    assert "Summary" in out
    assert "only.txt" in out


def test_summary_names_are_cut_from_the_left_so_they_differ() -> None:
    from scoring.render import short_names

    files = [
        "/srv/qa/exports/2026/december/team-a/lopez-0412.txt",
        "/srv/qa/exports/2026/december/team-b/lopez-0412.txt",
        "/srv/qa/exports/2026/december/team-b/park-0413.txt",
    ]
    assert short_names(files, 40) == [
        "team-a/lopez-0412.txt",
        "team-b/lopez-0412.txt",
        "team-b/park-0413.txt",
    ]
    cut = short_names(["/a/" + "x" * 60 + "-1.txt", "/a/" + "x" * 60 + "-2.txt"], 20)
    assert cut == ["…" + ("x" * 60 + "-1.txt")[-19:], "…" + ("x" * 60 + "-2.txt")[-19:]]
    assert len(set(cut)) == 2


def test_json_carries_agent_scenario_and_date(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = GOOD.replace("# brand", "# scenario: irate-double-charge\n# date: 2026-12-07\n# brand")
    good = _write(tmp_path, "a.txt", text)
    assert main(["grade", "--json", str(good)]) == 0
    [card] = json.loads(capsys.readouterr().out)
    assert list(card)[:5] == ["file", "policy", "score", "critical_failures", "items"]
    assert (card["agent"], card["scenario"], card["date"]) == (
        "Dana",
        "irate-double-charge",
        "2026-12-07",
    )


def test_nothing_to_grade_is_not_a_score(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = _write(tmp_path, "e.txt", "# callsim transcript: 1\n# brand: Acme\n[00:01] * hold\n")
    assert main(["grade", "--json", str(empty)]) == 2
    [card] = json.loads(capsys.readouterr().out)
    assert card == {
        "file": str(empty),
        "error": f"{empty}:3: nothing to grade: the call has no speech lines",
    }


def test_a_header_policy_path_is_refused_without_quoting_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    secret = _write(tmp_path, "secret.yaml", "root:x:0:0:root:/root:/bin/bash\n")
    call = _write(tmp_path, "c.txt", GOOD.replace("# brand", f"# policy: {secret}\n# brand"))
    assert main(["grade", "--json", str(call)]) == 2
    out, err = capsys.readouterr()
    error = json.loads(out)[0]["error"]
    assert error.startswith(f"{call}:2: unknown policy")
    assert "root:x" not in out + err


def test_several_policy_packs_are_what_headers_may_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pack = _write(
        tmp_path, "p.yaml", "name: strict\nextends: default\nparams:\n  hold_checkin_s: 90\n"
    )
    headed = _write(tmp_path, "h.txt", GOOD.replace("# brand", "# policy: strict\n# brand"))
    shipped = _write(tmp_path, "s.txt", GOOD.replace("# brand", "# policy: cam456\n# brand"))
    plain = _write(tmp_path, "n.txt", GOOD)
    args = ["grade", "--json", "--policy", str(pack), "--policy", "advantus"]
    assert main([*args, str(headed), str(shipped), str(plain)]) == 0
    assert [c["policy"] for c in json.loads(capsys.readouterr().out)] == [
        "strict",
        "cam456",
        "strict",
    ]
    # one --policy grades every file, whatever its header says
    assert main(["grade", "--json", "--policy", "advantus", str(headed)]) == 0
    assert json.loads(capsys.readouterr().out)[0]["policy"] == "advantus"


def test_file_text_and_names_are_shown_literally(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "x["
    folder.mkdir()
    text = GOOD.replace("# brand: Acme", "# brand: Ac\x1b[31mme\u202e")
    call = _write(folder, "]y.txt", text)
    assert main(["grade", str(call)]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out
    assert "\u202e" not in out
    assert "x[/]y.txt" in out  # the name, not markup
    assert "does not name Ac\\x1b[31mme\\u202e" in out  # the brand, escaped
