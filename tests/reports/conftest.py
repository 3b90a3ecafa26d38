"""Fixtures: one store of real calls (a hostile trainee name, a real call whose caller line
holds markup, an override) shared by the report tests, and a real headless Chromium.

Without a Chromium the browser tests skip saying why, unless CALLSIM_REQUIRE_CHROMIUM=1
(set by .ci/run, which installs Debian's `chromium`): then they fail.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.reports.chromium import Chromium, find_chromium

HOSTILE = "Dana <script>document.title='pwned'</script> \"Whit\" & Co"
CALLER_MARKUP = '<script>window.pwned=1</script><img src=x onerror="window.pwned=2">'


@dataclass(frozen=True)
class Records:
    url: str
    folder: Path
    role_play: int  # a call of HOSTILE's, overridden
    real: int  # a graded real call whose caller line holds CALLER_MARKUP


@pytest.fixture(scope="session")
def records(tmp_path_factory: pytest.TempPathFactory) -> Records:
    from simulator.cli import main
    from simulator.records import open_store
    from simulator.training import practice
    from tests.training.calls import T0, mistake, record

    folder = tmp_path_factory.mktemp("reports")
    mp = pytest.MonkeyPatch()
    mp.setattr(practice, "cache_path", lambda: folder / "practice-items.json")
    try:
        url = f"sqlite:///{folder / 'records.sqlite'}"
        day = dt.timedelta(days=1)
        first = record(
            url,
            folder,
            T0,
            HOSTILE,
            moves=mistake("wrong-size-planter", "hold.max_segment", HOSTILE),
        )
        record(url, folder, T0 + day, HOSTILE)
        record(url, folder, T0 + 3 * day, HOSTILE, scenario="documentation-request")
        record(url, folder, T0 + 3 * day, "Sam Lee")
        with open_store(url) as store:
            store.add_override(
                first,
                "hold.max_segment",
                "pass",
                "asked to wait <b>longer</b>",
                "Trainer <i>Kim</i>",
            )
            detail = store.call_detail(first)
            assert detail is not None
            transcript = Path(detail.call.transcript)
        real = folder / "real-call.txt"
        text = transcript.read_text(encoding="utf-8").replace(
            "James Whitford.", f"James Whitford. {CALLER_MARKUP}", 1
        )
        real.write_text(text.replace(HOSTILE, "Riley Park"), encoding="utf-8")
        assert main(["grade", str(real), "--record", "--db", url]) in (0, 1)
        with open_store(url) as store:
            real_id = store.call_by_transcript(str(real.resolve()))
        assert real_id is not None
        practice.catalogue()  # played once, cached for the tests
        return Records(url, folder, first, real_id)
    finally:
        mp.undo()


@pytest.fixture(autouse=True)
def _cache(records: Records, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The session's practice catalogue; each test its own (empty) chart cache."""
    from simulator.reports import chart_cache
    from simulator.training import practice

    monkeypatch.setattr(practice, "cache_path", lambda: records.folder / "practice-items.json")
    monkeypatch.setattr(chart_cache, "cache_dir", lambda: tmp_path / "charts")


@pytest.fixture(scope="session")
def chromium() -> Iterator[Chromium]:
    exe = find_chromium()
    if exe is None:
        why = "no chromium on PATH (Debian: apt-get install chromium)"
        if os.environ.get("CALLSIM_REQUIRE_CHROMIUM") == "1":
            pytest.fail(f"Chromium is required here (CALLSIM_REQUIRE_CHROMIUM=1): {why}")
        pytest.skip(why)
    browser = Chromium(exe)
    try:
        yield browser
    finally:
        browser.close()
