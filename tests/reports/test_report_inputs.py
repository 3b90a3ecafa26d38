"""Reports of awkward records: a 10,000-character name, a transcript gone from disk."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from simulator.cli import main
from simulator.records import open_store
from tests.training.calls import T0, record


def test_a_huge_name_gets_a_short_file_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'r.sqlite'}"
    name = "Ann " + "<i>x</i>" * 1_240  # 9,924 characters
    record(url, tmp_path, T0, name)
    monkeypatch.chdir(tmp_path)
    capsys.readouterr()
    assert main(["report", name, "--db", url]) == 0
    [written] = tmp_path.glob("callsim-report-trainee-*.html")
    assert len(written.name) < 80
    assert written.name.startswith("callsim-report-trainee-Ann-i-x-i-i-x-")
    assert not written.name.endswith("-.html")
    html = written.read_text(encoding="utf-8")
    assert "<i>x" not in html
    assert "&lt;i&gt;x&lt;/i&gt;" * 1_240 in html


def test_a_call_whose_transcript_is_gone_still_reports(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'r.sqlite'}"
    call = record(url, tmp_path, T0, "Bo Chan")
    with open_store(url) as store:
        detail = store.call_detail(call)
        assert detail is not None
        os.remove(detail.call.transcript)
    out = tmp_path / "r.html"
    assert main(["report", str(call), "--db", url, "--out", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    assert "the transcript cannot be read" in html
    assert "hold.ask_permission" in html  # the stored marks are still shown
