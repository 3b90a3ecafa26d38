"""The trainee report's chart cache: a chart is reused only for the very values it drew;
new data is drawn again; a damaged or foreign cache file is ignored and rewritten."""

from __future__ import annotations

import re
import shutil
import zlib
from pathlib import Path
from typing import Any

import orjson
import pytest

from simulator.records import open_store
from simulator.reports import chart_cache, charts
from simulator.reports.build import trainee_report
from simulator.reports.chart_cache import ChartCache
from simulator.reports.chart_worker import draw_here
from tests.reports.conftest import HOSTILE, Records

SECTIONS = ({"hold": 0.5, "open": 1.0},)


def _report(slot: str, **wanted: tuple[Any, ...]) -> tuple[dict[str, str], list[str]]:
    """What one report does: the charts, and the names of those it had to draw."""
    cache = ChartCache(slot, wanted)
    drawn = [name for name, _ in cache.jobs]
    return cache.finish(draw_here(cache.jobs)), drawn


def _charts(html: str) -> list[str]:
    return re.findall(r"<svg.*?</svg>", html, flags=re.S)


def test_the_same_values_are_drawn_once_and_give_the_same_svg() -> None:
    first, drawn = _report("Ann", sections=SECTIONS)
    assert drawn == ["sections"]
    again, drawn = _report("Ann", sections=SECTIONS)
    assert drawn == []
    assert again == first
    assert charts.section_rates(*SECTIONS) == first["sections"]  # kept is what is drawn


def test_changed_values_are_drawn_again_and_kept() -> None:
    old, _ = _report("Ann", sections=SECTIONS, trend=(["hold.x"], ["2026-01"], [[0.5]]))
    changed = ({"hold": 0.75, "open": 1.0},)
    new, drawn = _report("Ann", sections=changed, trend=(["hold.x"], ["2026-01"], [[0.5]]))
    assert drawn == ["sections"]  # the trend is the same
    assert new["sections"] != old["sections"]
    assert new["sections"] == charts.section_rates(*changed)
    assert new["trend"] == old["trend"]
    again, drawn = _report("Ann", sections=changed, trend=(["hold.x"], ["2026-01"], [[0.5]]))
    assert drawn == []  # the new drawing replaced the old one in the file
    assert again == new


def test_each_trainee_has_their_own_charts() -> None:
    for name in ("Ann", "Bo"):
        assert _report(name, sections=SECTIONS)[1] == ["sections"]
    assert len(list(chart_cache.cache_dir().iterdir())) == 2


def test_new_drawing_code_draws_again(monkeypatch: pytest.MonkeyPatch) -> None:
    _report("Ann", sections=SECTIONS)
    monkeypatch.setattr(chart_cache, "drawing_code", lambda: b"a newer charts.py")
    assert _report("Ann", sections=SECTIONS)[1] == ["sections"]


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"not compressed at all",
        zlib.compress(b"{not json"),
        zlib.compress(b"[1, 2, 3]"),
        zlib.compress(orjson.dumps({"version": 99, "charts": {}})),
        zlib.compress(orjson.dumps({"version": 1, "charts": {"sections": {"key": 1, "svg": 2}}})),
        zlib.compress(orjson.dumps({"version": 1, "charts": {"sections": "<svg></svg>"}})),
        "truncated",
    ],
)
def test_a_damaged_cache_file_is_ignored_and_rewritten(damage: bytes | str) -> None:
    svgs, _ = _report("Ann", sections=SECTIONS)
    path = ChartCache("Ann", {}).path
    good = path.read_bytes()
    path.write_bytes(good[: len(good) // 2] if isinstance(damage, str) else damage)
    again, drawn = _report("Ann", sections=SECTIONS)
    assert drawn == ["sections"]
    assert again == svgs
    assert path.read_bytes() == good


def test_a_cached_svg_that_is_not_an_svg_is_drawn_again() -> None:
    svgs, _ = _report("Ann", sections=SECTIONS)
    path = ChartCache("Ann", {}).path
    data = orjson.loads(zlib.decompress(path.read_bytes()))
    data["charts"]["sections"]["svg"] = "<p>not a chart</p>"
    path.write_bytes(zlib.compress(orjson.dumps(data)))
    assert _report("Ann", sections=SECTIONS) == (svgs, ["sections"])


def test_a_cache_folder_that_cannot_be_written_costs_only_speed(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("in the way")
    monkeypatch.setattr(chart_cache, "cache_dir", lambda: blocker / "charts")
    svgs, _ = _report("Ann", sections=SECTIONS)  # no error
    assert _report("Ann", sections=SECTIONS) == (svgs, ["sections"])


def test_a_report_after_an_override_draws_again(
    records: Records, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """End to end on a copy of the records: a second report reuses all three charts; after
    an override (the call's score follows it) all three are drawn again, as an empty cache
    draws them."""
    db = tmp_path / "records.sqlite"
    shutil.copy(Path(records.url.removeprefix("sqlite:///")), db)
    url = f"sqlite:///{db}"
    drawn: list[str] = []

    def counting(jobs: Any) -> list[str]:
        drawn.extend(name for name, _ in jobs)
        return draw_here(jobs)

    monkeypatch.setattr("simulator.reports.chart_worker.draw_here", counting)
    with open_store(url) as store:
        first = _charts(trainee_report(store, HOSTILE))
        assert sorted(drawn) == ["scores", "sections", "trend"]
        drawn.clear()
        assert _charts(trainee_report(store, HOSTILE)) == first
        assert drawn == []
        store.add_override(records.role_play, "open.name_brand", "fail", "no brand", "Trainer")
        after = _charts(trainee_report(store, HOSTILE))
        assert sorted(drawn) == ["scores", "sections", "trend"]
        monkeypatch.setattr(chart_cache, "cache_dir", lambda: tmp_path / "empty")
        assert _charts(trainee_report(store, HOSTILE)) == after
    assert after != first
