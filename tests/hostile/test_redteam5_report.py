"""`callsim report` of a call whose transcript holds control and bidi characters.

Found by the fifth red team: the HTML report escaped `<` and `&` in transcript lines but
wrote their control characters as they were: a terminal escape (`ESC[31m`, invisible in
a browser, so the report did not show what the file said), a right-to-left override
(U+202E, which reverses how the rest of the line's evidence reads: 'gnirts' shown as
'string') and line separators. The terminal showed them escaped (`\\x1b`, `\\u202e`);
the report now shows them the same way. Joiners that spell words in some scripts (ZWJ,
ZWNJ) stay as they are.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.cli import main

EXAMPLE = Path(__file__).resolve().parents[3] / "shared/spec/examples"
RAW = ("\x1b", "\u202e", "\u202c", "\u2028", "\x85", "\x07")


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    src = (EXAMPLE / "01-clean-excellent-call-with-hold.txt").read_text(encoding="utf-8")
    line = "it's the wrong one."
    assert line in src
    said = (
        "it's the wrong one \x1b[31mred\x1b[0m <b>bold</b> \u202egnirts\u202c a\u2028b "
        "c\x85d \x07 \u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645."
    )
    path = tmp_path / "hostile.txt"
    path.write_text(src.replace(line, said), encoding="utf-8")
    return path


def test_control_and_bidi_characters_are_shown_escaped_in_the_report(
    hostile: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = f"sqlite:///{tmp_path / 'records.sqlite'}"
    argv = ["grade", str(hostile), "--record", "--trainee", "Kim Ray", "--db", db]
    assert main(argv) == 0
    out = tmp_path / "call.html"
    assert main(["report", "1", "--out", str(out), "--db", db]) == 0
    html = out.read_text(encoding="utf-8")
    for ch in RAW:
        assert ch not in html, f"{ch!r} written raw into the report"
    assert "\\x1b[31mred\\x1b[0m" in html
    assert "\\u202egnirts\\u202c" in html
    assert "&lt;b&gt;bold&lt;/b&gt;" in html
    assert "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645" in html  # ZWNJ kept
    capsys.readouterr()


def test_the_report_file_name_is_shown_escaped(
    hostile: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`Wrote PATH` and `cannot write PATH` printed an escape sequence in --out raw
    (`export` showed it escaped)."""
    db = f"sqlite:///{tmp_path / 'records.sqlite'}"
    assert main(["grade", str(hostile), "--record", "--trainee", "Kim Ray", "--db", db]) == 0
    capsys.readouterr()
    out = tmp_path / "a\x1b[2Jb.html"
    assert main(["report", "1", "--out", str(out), "--db", db]) == 0
    said = capsys.readouterr().out
    assert said == f"Wrote {tmp_path}/a\\x1b[2Jb.html\n"
    assert out.is_file()
    missing = tmp_path / "no\x1b]0;x\x07such" / "r.html"
    assert main(["report", "1", "--out", str(missing), "--db", db]) == 2
    err = capsys.readouterr().err
    assert err == (
        f"callsim report: cannot write {tmp_path}/no\\x1b]0;x\\x07such/r.html: "
        "No such file or directory\n"
    )
