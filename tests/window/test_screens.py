"""Textual snapshots of each screen drawn from hand-built view models, and layout checks."""

from __future__ import annotations

import pygame
import pytest

from simulator.window import demo
from simulator.window.call_screen import CallScreen
from simulator.window.scorecard_screen import ScorecardScreen
from simulator.window.shift_screen import ShiftSummaryScreen
from simulator.window.start_screen import StartScreen
from simulator.window.theme import Theme

pytestmark = pytest.mark.window


@pytest.fixture(autouse=True)
def _fonts() -> None:
    pygame.font.init()


def test_start_screen_lists_the_recommended_scenario_first() -> None:
    shot = StartScreen(Theme(), demo.start_view()).snapshot()
    rows = [s for s in shot if s.startswith("row")]
    assert rows[0] == "row > [RECOMMENDED] Wrong planter delivered | order problem | easy | 72"
    assert rows[2] == "row 'Urgent' vendor call | spam | medium | not yet played"
    assert "button start: Start call [Enter] <primary>" in shot
    assert "button shift: Start a shift (3 calls) [S]" in shot


def test_call_screen_on_hold_shows_timer_captions_and_controls() -> None:
    shot = CallScreen(Theme(), demo.call_view()).snapshot()
    assert "button status: ON HOLD <warn>" in shot
    assert "label hold.timer: 01:36" in shot
    assert "button ctl.hold: RESUME [H] <active>" in shot
    assert "captions captions: 10 lines, current: Sure, no problem. I'll wait." in shot
    assert [s for s in shot if s.startswith("card")][0].startswith("card 1: Thank you for holding")
    controls = [s.split(":")[1].split("[")[0].strip() for s in shot if s.startswith("button ctl.")]
    assert controls == [
        "RESUME",
        "MUTE",
        "CONSULT",
        "TRANSFER",
        "LOOKUP",
        "NOTE",
        "TICKET",
        "EMAIL",
        "HANG UP",
    ]


@pytest.mark.parametrize(("hold_s", "colour"), [(30, "ok"), (95, "warn"), (120, "bad")])
def test_hold_timer_turns_amber_at_90_s_and_red_at_the_limit(hold_s: int, colour: str) -> None:
    theme = Theme()
    screen = CallScreen(theme, demo.call_view(hold_s=hold_s, hold_limit_s=120))
    timer = next(w for w in screen.layout(pygame.Rect(0, 0, 1280, 800)) if w.id == "hold.timer")
    assert timer.color == getattr(theme.palette, colour)


def test_scorecard_puts_critical_failures_first_and_opens_failed_items() -> None:
    from dataclasses import replace

    from simulator.window.views import ItemRow

    crit = ItemRow(
        "soft.no_mute",
        "Never mutes the caller",
        "fail",
        critical=True,
        rule="The agent never mutes the line.",
    )
    view = replace(demo.scorecard_view(), critical_failures=(crit,), passed=False)
    screen = ScorecardScreen(Theme(), view)
    headings = [h for h, item in screen.rows if item is None]
    assert headings[0] == "Critical failures"
    assert headings[1].startswith("Failed · ")
    assert headings[2].startswith("Passed · ")
    results = [item.result for _, item in screen.rows if item is not None]
    assert results == sorted(results, key=["fail", "pass", "na"].index)  # failed first
    assert "na" not in results  # n/a items are folded away
    if any(it.result == "na" for s in view.sections for it in s.items):
        assert headings[-1].startswith("Not applicable")
        screen.handle(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_a, mod=0, unicode="a"))
        assert screen.rows[-1][1] is not None
        assert screen.rows[-1][1].result == "na"
    shot = screen.snapshot()
    assert "label verdict: FAIL" in shot


def test_timeline_mark_click_shows_the_lines_there() -> None:
    theme = Theme()
    screen = ScorecardScreen(theme, demo.scorecard_view())
    screen.layout(pygame.Rect(0, 0, 1280, 800))
    timeline = next(w for w in screen.widgets if w.id == "timeline")
    _, mark_rect = timeline.mark_points(theme)[0]  # the lookup at 00:37
    screen.handle(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=mark_rect.center, button=1))
    shot = screen.snapshot()
    assert "panel lines: Replay at 00:37 · lookup order" in shot


def test_shift_summary_shows_averages() -> None:
    shot = ShiftSummaryScreen(Theme(), demo.shift_view()).snapshot()
    assert "label avg.aht: Average handle time 01:55" in shot
    assert "label rings: Answered within 3 rings: 2/3" in shot


@pytest.mark.parametrize("size", [(1280, 800), (960, 640), (1920, 1080)])
@pytest.mark.parametrize("scale", [1.0, 1.4])
def test_call_layout_follows_the_window_size(size: tuple[int, int], scale: float) -> None:
    screen = CallScreen(Theme(scale=scale), demo.call_view())
    area = pygame.Rect((0, 0), size)
    for w in screen.layout(area):
        if w.id.startswith(("ctl.", "card.", "reply", "captions", "caller", "phone", "record")):
            assert area.contains(w.rect), f"{w.id} {w.rect} leaves {size}"
