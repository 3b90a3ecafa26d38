"""The trainee report's chart cache: a chart is reused only for the very values it drew;
new data is drawn again; a damaged or foreign cache file is ignored and rewritten."""

from __future__ import annotations

import re
import shutil
import zlib
from pathlib import Path

import orjson
import pytest

from simulator.records import open_store
from simulator.reports import chart_cache, charts
from simulator.reports.build import trainee_report
from simulator.reports.chart_cache import ChartCache
from tests.reports.conftest import HOSTILE, Records

SECTIONS = ({"hold": 0.5, "open": 1.0},)


class Counting:
    """A chart function that counts its drawings."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, rates: dict[str, float]) -> str:
        self.calls += 1
        return charts.section_rates(rates)


def _charts(html: str) -> list[str]:
    return re.findall(r"<svg.*?</svg>", html, flags=re.S)


def test_the_same_values_are_drawn_once_and_give_the_same_svg() -> None:
    draw = Counting()
    first = ChartCache("Ann")
    svg = first.chart("sections", SECTIONS, draw)
    first.save()
    again = ChartCache("Ann")
    assert again.chart("sections", SECTIONS, draw) == svg
    assert draw.calls == 1
    assert again.drawn == 0
    assert charts.section_rates(*SECTIONS) == svg  # what is kept is what would be drawn


def test_changed_values_are_drawn_again_and_kept() -> None:
    draw = Counting()
    cache = ChartCache("Ann")
    old = cache.chart("sections", SECTIONS, draw)
    cache.save()
    changed = ({"hold": 0.75, "open": 1.0},)
    cache = ChartCache("Ann")
    new = cache.chart("sections", changed, draw)
    cache.save()
    assert draw.calls == 2
    assert new != old
    assert new == charts.section_rates(*changed)
    assert ChartCache("Ann").chart("sections", changed, draw) == new
    assert draw.calls == 2  # the new drawing replaced the old one in the file


def test_each_trainee_has_their_own_charts() -> None:
    draw = Counting()
    for name in ("Ann", "Bo"):
        cache = ChartCache(name)
        cache.chart("sections", SECTIONS, draw)
        cache.save()
    assert draw.calls == 2
    assert len(list(chart_cache.cache_dir().iterdir())) == 2


def test_new_drawing_code_draws_again(monkeypatch: pytest.MonkeyPatch) -> None:
    draw = Counting()
    cache = ChartCache("Ann")
    cache.chart("sections", SECTIONS, draw)
    cache.save()
    monkeypatch.setattr(chart_cache, "drawing_code", lambda: b"a newer charts.py")
    ChartCache("Ann").chart("sections", SECTIONS, draw)
    assert draw.calls == 2


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
    draw = Counting()
    cache = ChartCache("Ann")
    svg = cache.chart("sections", SECTIONS, draw)
    cache.save()
    good = cache.path.read_bytes()
    cache.path.write_bytes(good[: len(good) // 2] if isinstance(damage, str) else damage)
    again = ChartCache("Ann")
    assert again.chart("sections", SECTIONS, draw) == svg
    assert draw.calls == 2
    again.save()
    assert cache.path.read_bytes() == good


def test_a_cached_svg_that_is_not_an_svg_is_drawn_again() -> None:
    draw = Counting()
    cache = ChartCache("Ann")
    svg = cache.chart("sections", SECTIONS, draw)
    cache.save()
    data = orjson.loads(zlib.decompress(cache.path.read_bytes()))
    data["charts"]["sections"]["svg"] = "<p>not a chart</p>"
    cache.path.write_bytes(zlib.compress(orjson.dumps(data)))
    assert ChartCache("Ann").chart("sections", SECTIONS, draw) == svg
    assert draw.calls == 2


def test_a_cache_folder_that_cannot_be_written_costs_only_speed(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("in the way")
    monkeypatch.setattr(chart_cache, "cache_dir", lambda: blocker / "charts")
    draw = Counting()
    cache = ChartCache("Ann")
    svg = cache.chart("sections", SECTIONS, draw)
    cache.save()  # no error
    assert ChartCache("Ann").chart("sections", SECTIONS, draw) == svg
    assert draw.calls == 2


def test_a_report_after_an_override_redraws_what_changed(
    records: Records, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """End to end on a copy of the records: a second report reuses all three charts; after
    an override (the call's score follows it) all three are drawn again, as an empty cache
    draws them."""
    db = tmp_path / "records.sqlite"
    shutil.copy(Path(records.url.removeprefix("sqlite:///")), db)
    url = f"sqlite:///{db}"
    drawn: list[str] = []
    real = ChartCache.chart

    def counting(self: ChartCache, name: str, values: tuple[object, ...], draw: object) -> str:
        before = self.drawn
        svg = real(self, name, values, draw)  # type: ignore[arg-type]
        if self.drawn > before:
            drawn.append(name)
        return svg

    monkeypatch.setattr(ChartCache, "chart", counting)
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
