"""The HTML reports: self-contained, everything from transcripts and names escaped, and
rendered by a real headless Chromium with no console errors."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from simulator.cli import main
from tests.reports.chromium import Chromium
from tests.reports.conftest import CALLER_MARKUP, HOSTILE, Records


def _report(records: Records, tmp_path: Path, *args: str) -> Path:
    out = tmp_path / "report.html"
    assert main(["report", *args, "--db", records.url, "--out", str(out)]) == 0
    return out


class _Tags(HTMLParser):
    """Every tag and the attributes that could fetch something."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.links += [v or "" for k, v in attrs if k in ("src", "href", "xlink:href", "action")]


def _self_contained(html: str) -> None:
    """No fetch of anything: every link is a fragment in the page, no CSS url(), no script."""
    tags = _Tags()
    tags.feed(html)
    assert all(link.startswith("#") for link in tags.links), tags.links
    assert not tags.tags & {"script", "img", "iframe", "link", "object", "embed"}
    assert re.findall(r"url\((?!#)", html) == []  # only clip paths in the page
    assert "@import" not in html


def test_call_report_is_self_contained_and_escaped(records: Records, tmp_path: Path) -> None:
    html = _report(records, tmp_path, str(records.real)).read_text(encoding="utf-8")
    _self_contained(html)
    assert "&lt;script&gt;window.pwned=1&lt;/script&gt;" in html
    assert "<svg" in html  # the timeline


@pytest.mark.slow  # a real browser
def test_call_report_in_chromium(records: Records, tmp_path: Path, chromium: Chromium) -> None:
    page = chromium.page()
    try:
        page.open(_report(records, tmp_path, str(records.real)))
        assert page.problems() == []
        assert page.evaluate("document.querySelectorAll('script, img, iframe').length") == 0
        assert page.evaluate("typeof window.pwned") == "undefined"
        text = page.evaluate("document.body.innerText")
        assert CALLER_MARKUP in text  # the caller's line, shown as text
        assert page.evaluate("document.querySelectorAll('svg').length") >= 1
        assert "hold.max_segment" in text
    finally:
        page.close()


@pytest.mark.slow  # a real browser
def test_trainee_report_in_chromium(records: Records, tmp_path: Path, chromium: Chromium) -> None:
    page = chromium.page()
    try:
        page.open(_report(records, tmp_path, HOSTILE))
        assert page.problems() == []
        assert page.evaluate("document.querySelectorAll('script').length") == 0
        assert page.evaluate("document.title") == f"Trainee report: {HOSTILE}"
        assert page.evaluate("document.querySelector('h1').textContent") == HOSTILE
        assert page.evaluate("document.querySelectorAll('svg').length") == 3
        text = page.evaluate("document.body.innerText")
        for part in ("Score per call", "Pass rate per section", "Weakest items", "The plan"):
            assert part in text
    finally:
        page.close()


@pytest.mark.slow  # a real browser
def test_overridden_call_shows_the_ruling(
    records: Records, tmp_path: Path, chromium: Chromium
) -> None:
    page = chromium.page()
    try:
        page.open(_report(records, tmp_path, str(records.role_play)))
        assert page.problems() == []
        text = page.evaluate("document.body.innerText")
        assert "Trainer <i>Kim</i> ruled pass" in text
        assert "asked to wait <b>longer</b>" in text
        assert page.evaluate("document.querySelectorAll('b i, i, b b').length") == 0
    finally:
        page.close()


@pytest.mark.slow  # a real browser
def test_team_grid_in_chromium(records: Records, tmp_path: Path, chromium: Chromium) -> None:
    page = chromium.page()
    try:
        page.open(_report(records, tmp_path, "--team"))
        assert page.problems() == []
        names = page.evaluate("[...document.querySelectorAll('td.name')].map(td => td.textContent)")
        assert sorted(names) == sorted([HOSTILE, "Riley Park", "Sam Lee"])
        cells = page.evaluate("document.querySelectorAll('table.grid td[title]').length")
        assert cells > 3 * 20
    finally:
        page.close()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "callsim report: give a call number, a trainee's name, or --team T\n"),
        (["4242"], "callsim report: no call 4242 and no trainee '4242' in the store\n"),
        (["--team", "Nobody"], "callsim report: no trainees in the team 'Nobody' in the store"),
    ],
)
def test_one_line_errors(
    records: Records, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    assert main(["report", *args, "--db", records.url]) == 2
    err = capsys.readouterr().err
    assert err.startswith(message)
    assert err.count("\n") == 1


def test_an_unwritable_out_is_one_line(
    records: Records, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "no-such-folder" / "r.html"
    assert main(["report", str(records.role_play), "--db", records.url, "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"callsim report: cannot write {out}: ")
    assert err.count("\n") == 1
