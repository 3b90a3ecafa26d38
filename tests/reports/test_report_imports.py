"""What a fresh `callsim report` process imports: a trainee report whose charts are kept
imports neither matplotlib nor numpy, and the practice catalogue, read from its cache, lists
the scenario files without the scenario loader (its schema validator and the engine) and
checks the grader's files without importing the grader."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from simulator.cli import main
from simulator.reports import chart_cache
from simulator.scenario import library, loader
from simulator.training import practice
from tests.reports.conftest import HOSTILE, Records


def test_the_library_lists_the_loaders_suffixes() -> None:
    assert library.SUFFIXES == loader.SUFFIXES


def _charts(path: Path) -> list[str]:
    return re.findall(r"<svg.*?</svg>", path.read_text(encoding="utf-8"), flags=re.S)


def test_a_report_with_kept_charts_imports_no_plotting(
    records: Records, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache" / "callsim"  # what the process finds under XDG_CACHE_HOME
    cache.mkdir(parents=True)
    shutil.copy(records.folder / "practice-items.json", cache)
    monkeypatch.setattr(practice, "cache_path", lambda: cache / "practice-items.json")
    practice.catalogue()  # played again only if the grader's files changed since the session began
    monkeypatch.setattr(chart_cache, "cache_dir", lambda: cache / "charts")
    drawn, kept = tmp_path / "drawn.html", tmp_path / "kept.html"
    assert main(["report", HOSTILE, "--db", records.url, "--out", str(drawn)]) == 0
    argv = ["report", HOSTILE, "--db", records.url, "--out", str(kept)]
    code = (
        "import sys\nfrom simulator.cli import main\n"
        f"assert main({argv!r}) == 0\n"
        "print(sorted(m.split('.')[0] for m in sys.modules),"
        " 'simulator.scenario.loader' in sys.modules)\n"
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(cache.parent)}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120
    )
    assert out.returncode == 0, out.stderr
    assert "'matplotlib'" not in out.stdout
    assert "'numpy'" not in out.stdout
    assert "'scoring'" not in out.stdout  # the grader's files are hashed, not imported
    assert out.stdout.rstrip().endswith("False")  # no scenario loader
    assert _charts(kept) == _charts(drawn)
    assert len(_charts(kept)) == 3
