"""`callsim play` options from the command line (found by the red-team trial).

A `--transcript` path holding an escape sequence reached the terminal raw in
the "Transcript:" line and in the "already exists" error; a `--seed` past 64
bits played the whole call and then ended in SQLite's OverflowError traceback
when the call was recorded.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.cli import main
from tests.hostile.corpus import ESC
from tests.hostile.test_cli_hostile import check_clean, drive

PLAY = ["play", "--ui", "terminal", "--voice", "off", "--autoplay", "ideal", "--trainee", "T"]


@pytest.mark.slow
def test_a_transcript_path_is_shown_escaped(tmp_path: Path) -> None:
    path = str(tmp_path / "a\x1b]0;x\x07b" / "call.txt")
    db = f"sqlite:///{tmp_path / 'r.sqlite'}"
    first, again = drive([*PLAY, "--db", db, "--transcript", "{}"], [path, path], tmp_path)
    for _status, out, err in (first, again):
        check_clean(out + err, "play --transcript")
        assert ESC not in out + err
    assert first[0] == "0"
    assert "Transcript: " in first[1]
    assert "a\\x1b]0;x\\x07b" in first[1]
    assert again[0] == "2"
    assert again[2].count("\n") == 1
    assert "already exists" in again[2]


def test_a_seed_no_store_can_hold_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stop:
        main([*PLAY, "--seed", "9" * 25, "--transcript", str(tmp_path / "c.txt")])
    assert stop.value.code == 2
    assert "--seed" in capsys.readouterr().err
    assert not (tmp_path / "c.txt").exists()


@pytest.mark.slow
@pytest.mark.parametrize(
    ("name", "slug"),
    [("x\n# policy: cam456\x1b[31m", "x-x0a-policy-cam456-x1b-31m"), ("x\udcff", "x-xff")],
)
def test_a_scenario_file_name_does_not_reach_the_transcript_raw(
    name: str, slug: str, tmp_path: Path
) -> None:
    """A scenario without `id:` takes its id from its file name, which may hold a newline,
    an escape sequence or bytes that are not UTF-8: the default transcript's name held them,
    the advice echoed them, and a name not UTF-8 ended the call in a traceback (its
    `# scenario:` header could not be written). The id is the name with escapes."""
    from tests.conftest import ROOT

    odd = tmp_path / f"{name}.yaml"
    odd.write_bytes((ROOT / "scenarios/wrong-size-planter.yaml").read_bytes())
    db = f"sqlite:///{tmp_path / 'r.sqlite'}"
    [(status, out, err)] = drive([*PLAY, "--db", db, "{}"], [str(odd)], tmp_path)
    check_clean(out + err, "play a scenario file named oddly")
    assert ESC not in out + err
    assert status == "0", err
    [made] = (tmp_path / "data" / "callsim" / "transcripts").iterdir()
    assert made.name.endswith(f"-{slug}-seed0.txt"), made.name


@pytest.mark.slow
def test_a_transcript_path_not_utf8_is_played_and_not_recorded(tmp_path: Path) -> None:
    """The call went on to its end and then ended in a traceback recording its path."""
    path = str(tmp_path / "call\udcff.txt")
    db = f"sqlite:///{tmp_path / 'r.sqlite'}"
    [(status, out, err)] = drive([*PLAY, "--db", db, "--transcript", "{}"], [path], tmp_path)
    check_clean(out + err, "play --transcript not UTF-8")
    assert status == "0", err
    assert "this call is not recorded: records: the transcript's path is not UTF-8" in err
    assert "Transcript: " in out
    assert (tmp_path / "call\udcff.txt").read_text(encoding="utf-8").count("AGENT:") > 3
