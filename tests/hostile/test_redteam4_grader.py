"""Callers whose names are not in Latin letters, seen by the grader.

Found by the fourth red team through `validate`: a scenario whose caller is "李娜", "שרה כהן"
or "Q" is refused because its own ideal path "never uses the caller's name" / takes "no
name", and a trainee who says the name is marked down. The name finding lives in the
grader (scoring/call.py); gaps12 taught it these names (a stand-in word for a name in a
script the normal form drops, and a name of one letter kept), so the test is no longer
an expected failure.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from simulator.cli import main


def _uses_name(tmp_path: Path, name: str, capsys: pytest.CaptureFixture[str]) -> str:
    path = tmp_path / "call.txt"
    path.write_text(
        "# callsim transcript: 1\n# brand: Acme\n# agent: Dana\n"
        f"# caller: {name}\n"
        "[00:00] AGENT: Thank you for calling Acme, this is Dana. May I have your name, please?\n"
        f"[00:03] CALLER: It's {name}.\n"
        f"[00:05] AGENT: Thank you, {name}. How may I help you today?\n"
        "[00:08] CALLER: My card is blocked.\n"
        f"[00:10] AGENT: I'm sorry about that, {name}. I'll unblock it now. Goodbye.\n"
        "[00:12] * hangup by=caller\n",
        encoding="utf-8",
    )
    capsys.readouterr()
    assert main(["grade", "--json", str(path)]) == 0
    card = json.loads(capsys.readouterr().out)[0]
    return str(card["items"]["open.use_caller_name"]["result"])


def test_a_latin_name_with_accents_is_heard(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _uses_name(tmp_path, "Zoë Ødegård", capsys) == "pass"


@pytest.mark.parametrize("name", ["李娜", "שרה כהן", "Q"])
def test_a_name_in_another_script_is_heard(
    tmp_path: Path, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _uses_name(tmp_path, name, capsys) == "pass"
