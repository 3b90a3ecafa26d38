"""Everything by keyboard: pause, dialogs, font size, focus; the clock stops when paused."""

from __future__ import annotations

import pygame
import pytest

from scoring.reader import read_transcript

pytestmark = pytest.mark.window


def answered(d):  # type: ignore[no-untyped-def]
    d.key(pygame.K_RETURN)
    d.frames(1.0)
    d.key(pygame.K_SPACE)
    return d


def test_esc_pauses_the_simulated_clock(driver) -> None:  # type: ignore[no-untyped-def]
    d = answered(driver)
    d.choose(ideal=True)
    d.key(pygame.K_h)  # hold without asking: the engine allows it (and the grader will see)
    d.frames(10.0, step=0.5)
    before = d.app.call.view().hold_s
    d.key(pygame.K_ESCAPE)
    assert "label paused.title: Paused — the call clock is stopped" in d.texts()
    d.frames(30.0, step=0.5)
    assert d.app.call.view(paused=True).hold_s == before
    d.key(pygame.K_ESCAPE)
    d.frames(5.0, step=0.5)
    assert d.app.call.view().hold_s == pytest.approx(before + 5, abs=1)


def test_note_dialog_and_lookup_by_keys(driver) -> None:  # type: ignore[no-untyped-def]
    d = answered(driver)
    d.choose(ideal=True)
    d.key(pygame.K_n)
    assert "panel dialog: Call note" in d.texts()
    d.type("Wrong size; replacement ships tomorrow.")
    d.key(pygame.K_RETURN)
    d.key(pygame.K_l)  # LOOKUP asks what to search
    assert "panel dialog: Look up in the records" in d.texts()
    d.key(pygame.K_1)  # earlier contacts
    assert d.app.call.view().looked_up
    events = [e.render() for e in read_transcript(d.app.transcript_path).events()]
    assert events[:2] == [
        '* note text="Wrong size; replacement ships tomorrow."',
        "* lookup what=history",
    ]


def test_mute_shows_on_the_status_chip(driver) -> None:  # type: ignore[no-untyped-def]
    d = answered(driver)
    d.key(pygame.K_m)
    assert "button status: MUTED <danger>" in d.texts()
    assert "button ctl.mute: UNMUTE [M] <active>" in d.texts()


def test_ctrl_plus_and_minus_change_the_font_size(driver) -> None:  # type: ignore[no-untyped-def]
    d = driver
    d.key(pygame.K_EQUALS, mod=pygame.KMOD_LCTRL)
    assert d.app.theme.scale == pytest.approx(1.1)
    d.key(pygame.K_MINUS, mod=pygame.KMOD_LCTRL)
    d.key(pygame.K_MINUS, mod=pygame.KMOD_LCTRL)
    assert d.app.theme.scale == pytest.approx(0.9)


def test_tab_walks_the_start_screen_and_enter_activates(driver) -> None:  # type: ignore[no-untyped-def]
    d = driver
    d.frames()
    seen = []
    for _ in range(4):
        d.key(pygame.K_TAB)
        seen.append(d.app.screen.focus_id)
    assert seen[:2] == ["name", "scenario.0"]
    while d.app.screen.focus_id != "shift":
        d.key(pygame.K_TAB)
    d.key(pygame.K_RETURN)
    assert d.app.shift is not None
    assert d.app.screen.name == "call"
    assert "waiting 2" in " ".join(d.texts())


def test_typing_a_name_on_the_start_screen(driver) -> None:  # type: ignore[no-untyped-def]
    d = driver
    d.click("name")
    for _ in range(5):
        d.key(pygame.K_BACKSPACE)
    d.type("Robin")
    d.key(pygame.K_RETURN)  # leaves the name box
    d.key(pygame.K_RETURN)  # starts the call
    assert d.app.call is not None
    assert d.app.call.agent_name == "Robin"


def test_font_size_name_and_last_score_are_remembered(make_driver, tmp_path) -> None:  # type: ignore[no-untyped-def]
    settings = str(tmp_path / "window.json")
    d = make_driver(settings_path=settings)
    d.key(pygame.K_EQUALS, mod=pygame.KMOD_LCTRL)
    d.key(pygame.K_RETURN)
    d.frames(1.0)
    d.key(pygame.K_SPACE)
    d.key(pygame.K_x)  # hang up
    d.key(pygame.K_RETURN)  # confirmed
    d.key(pygame.K_RETURN)
    assert d.app.screen.name == "scorecard"
    again = make_driver(settings_path=settings)
    assert again.app.theme.scale == pytest.approx(1.1)
    assert again.app.trainee == "Carla"
    again.frames()
    rows = [t for t in again.texts() if t.startswith("row")]
    assert "not yet played" in rows[0]  # a scenario not yet played is recommended
    assert again.app.last_scores == d.app.last_scores
    assert len(again.app.last_scores) == 1


def test_typed_slash_commands_are_moves(driver) -> None:  # type: ignore[no-untyped-def]
    d = answered(driver)
    d.key(pygame.K_RETURN)
    d.type("/notify supervisor")
    d.key(pygame.K_RETURN)
    d.key(pygame.K_RETURN)
    d.type("/frobnicate")
    d.key(pygame.K_RETURN)
    assert d.app.call.view().notice  # the engine's parser said what is wrong
    events = [e.render() for e in read_transcript(d.app.transcript_path).events()]
    assert events == ["* notify who=supervisor"]
