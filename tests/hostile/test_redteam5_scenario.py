"""A scenario file saved as UTF-16 with its byte order mark (Windows PowerShell 5's `>`
and `Out-File`, Notepad's old "Unicode").

Found by the fifth red team: `callsim validate` refused it as "not UTF-8 text" though its
byte order mark says exactly how to read it (transcripts in UTF-16 were read since the
fourth round). It is read now; a file in an 8-bit Windows code page, which nothing in it
names, is still refused with the hint to save it as UTF-8.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.cli import main
from simulator.scenario.library import shipped_dir

SHIPPED = Path(shipped_dir()) / "wrong-size-planter.yaml"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-16-le"])
def test_a_scenario_in_utf16_with_a_bom_is_read(
    encoding: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = SHIPPED.read_text(encoding="utf-8").replace("\n", "\r\n")
    bom = {"utf-16": b"", "utf-16-be": b"\xfe\xff", "utf-16-le": b"\xff\xfe"}[encoding]
    path = tmp_path / "planter-utf16.yaml"
    path.write_bytes(bom + text.encode(encoding))
    capsys.readouterr()
    assert main(["validate", "--no-play", str(path)]) == 0, capsys.readouterr()
    assert capsys.readouterr().out.startswith(f"ok  {path}")


def test_a_windows_code_page_is_still_refused_at_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = SHIPPED.read_text(encoding="utf-8")
    bad = tmp_path / "cp1252.yaml"
    bad.write_bytes(text.replace("title:", "# caf\u00e9\ntitle:", 1).encode("cp1252"))
    capsys.readouterr()
    assert main(["validate", "--no-play", str(bad)]) == 1
    err = capsys.readouterr()
    line = 1 + text.split("title:")[0].count("\n")
    assert f"{bad}:{line}:1: not UTF-8 text (hint: save the file as UTF-8)" in err.out + err.err
