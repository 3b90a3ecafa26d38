"""Ending a call by accident: T, X and Ctrl+Q ask first; wrap-up after the call; a call quit
while ringing is recorded as abandoned, not graded. Real key events (KEYDOWN + TEXTINPUT)."""

from __future__ import annotations

import pygame
import pytest

from scoring.reader import read_transcript
from simulator.window.sample_scenario import SAMPLE

pytestmark = pytest.mark.window


def answered(d):  # type: ignore[no-untyped-def]
    d.key(pygame.K_RETURN)
    d.frames(1.0)
    d.key(pygame.K_SPACE)
    assert d.app.call.phase == "live"
    return d


def events(d) -> list[str]:  # type: ignore[no-untyped-def]
    return [e.render() for e in read_transcript(d.app.transcript_path).events()]


def test_x_asks_and_esc_keeps_the_call(driver) -> None:  # type: ignore[no-untyped-def]
    d = answered(driver)
    d.key(pygame.K_x)
    assert "panel dialog: Hang up?" in d.texts()
    assert d.app.call.phase == "live"
    d.key(pygame.K_x)  # a second slip does nothing
    d.key(pygame.K_h)
    assert d.app.call.phase == "live"
    d.key(pygame.K_ESCAPE)
    assert d.app.screen.modal is None
    assert d.app.call.phase == "live"
    assert not any(e.startswith("* hangup") for e in events(d))
    d.key(pygame.K_x)
    d.key(pygame.K_y)  # Y confirms too
    assert d.app.call.phase == "ended"
    assert events(d)[-1] == "* hangup by=agent"


def test_cancel_button_by_tab_and_enter_cancels(driver) -> None:  # type: ignore[no-untyped-def]
    d = answered(driver)
    d.key(pygame.K_x)
    while d.app.screen.focus_id != "dialog.cancel":
        d.key(pygame.K_TAB)
    d.key(pygame.K_RETURN)
    assert d.app.screen.modal is None
    assert d.app.call.phase == "live"


def test_t_picks_then_asks_before_transferring(make_driver) -> None:  # type: ignore[no-untyped-def]
    d = answered(make_driver([SAMPLE]))
    d.key(pygame.K_t)
    d.key(pygame.K_1)
    texts = d.texts()
    assert "panel dialog: Transfer the call?" in texts
    assert any("extension 110" in t for t in texts)
    d.key(pygame.K_ESCAPE)
    assert d.app.call.phase == "live"
    assert not any(e.startswith("* transfer") for e in events(d))
    d.key(pygame.K_t)
    d.key(pygame.K_1)
    d.key(pygame.K_RETURN)
    assert d.app.call.phase == "ended"
    assert events(d)[-1].startswith("* transfer ext=110")


def test_wrap_up_after_a_transfer_logs_notes_and_a_ticket(make_driver) -> None:  # type: ignore[no-untyped-def]
    d = answered(make_driver([SAMPLE]))
    d.choose(ideal=True)  # the greeting: a call in which nobody spoke has nothing to grade
    d.key(pygame.K_t)
    d.key(pygame.K_1)
    d.key(pygame.K_RETURN)
    assert d.app.call.phase == "ended"
    assert "button ctl.note: NOTE [N]" in d.texts()
    d.key(pygame.K_n)
    d.type("Sent to Returns for the exchange")
    d.key(pygame.K_RETURN)
    d.key(pygame.K_k)
    assert d.app.screen.name == "call"  # still wrapping up
    got = events(d)
    assert got[-3].startswith("* transfer")
    assert got[-2] == '* note text="Sent to Returns for the exchange"'
    assert got[-1].startswith("* ticket id=")
    d.key(pygame.K_RETURN)  # done
    assert d.app.screen.name == "scorecard"
    rows = {it.id: it.result for s in d.app.last_card.sections for it in s.items}
    assert rows["close.notes_logged"] == "pass"


def test_ctrl_q_while_ringing_asks_then_records_an_abandoned_call(driver, tmp_path) -> None:  # type: ignore[no-untyped-def]
    d = driver
    d.key(pygame.K_RETURN)  # the phone rings
    d.frames(1.0)
    d.key(pygame.K_q, mod=pygame.KMOD_LCTRL)
    assert "panel dialog: Quit callsim?" in d.texts()
    assert any("abandoned" in t for t in d.texts())
    assert d.app.running
    d.key(pygame.K_RETURN)
    assert not d.app.running
    files = list(tmp_path.glob("*.txt"))
    assert len(files) == 1
    t = read_transcript(str(files[0]))
    assert t.headers["outcome"] == "abandoned"
    assert not t.lines  # nothing to grade
    assert d.app.last_card is None  # and nothing was graded


def test_ctrl_q_in_a_live_call_can_be_cancelled(driver) -> None:  # type: ignore[no-untyped-def]
    d = answered(driver)
    d.key(pygame.K_q, mod=pygame.KMOD_LCTRL)
    assert "panel dialog: Quit callsim?" in d.texts()
    d.key(pygame.K_ESCAPE)
    assert d.app.running
    assert d.app.call.phase == "live"


def test_closing_the_window_mid_call_asks_first(driver) -> None:  # type: ignore[no-untyped-def]
    d = answered(driver)
    pygame.event.post(pygame.event.Event(pygame.QUIT))
    d.frames()
    assert d.app.running
    assert "panel dialog: Quit callsim?" in d.texts()
    pygame.event.post(pygame.event.Event(pygame.QUIT))  # closing again means it
    d.frames()
    assert not d.app.running


def test_ctrl_q_on_the_start_screen_quits_at_once(driver) -> None:  # type: ignore[no-untyped-def]
    d = driver
    d.key(pygame.K_q, mod=pygame.KMOD_LCTRL)
    assert not d.app.running
