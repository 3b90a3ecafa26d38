"""A hotkey's letter never lands in the box it opens.

pygame delivers one key press as KEYDOWN and then TEXTINPUT; the driver posts both (see
`Driver.post_key`), so these tests fail if a screen types the N of "N: note" into the note.
"""

from __future__ import annotations

import pygame
import pytest

from scoring.reader import read_transcript

pytestmark = pytest.mark.window


def answered(d):  # type: ignore[no-untyped-def]
    d.key(pygame.K_RETURN)  # start the recommended scenario
    d.frames(1.0)
    d.key(pygame.K_SPACE)  # answer
    assert d.app.call.phase == "live"
    return d


def events(d) -> list[str]:  # type: ignore[no-untyped-def]
    return [e.render() for e in read_transcript(d.app.transcript_path).events()]


def test_the_driver_posts_textinput_with_keydown() -> None:
    pygame.display.init()
    pygame.event.clear()
    from tests.window.conftest import Driver

    Driver.post_key(pygame.K_n)
    got = [(e.type, getattr(e, "text", "")) for e in pygame.event.get()]
    assert got[:2] == [(pygame.KEYDOWN, ""), (pygame.TEXTINPUT, "n")]


def test_n_opens_an_empty_note(driver) -> None:  # type: ignore[no-untyped-def]
    d = answered(driver)
    d.key(pygame.K_n)
    assert "textbox dialog.text: <What happened, what was agreed, what is next>" in d.texts()
    d.type("Wrong size planter")
    d.key(pygame.K_RETURN)
    assert '* note text="Wrong size planter"' in events(d)


def test_e_opens_an_empty_email_box_and_keeps_what_is_typed(driver) -> None:  # type: ignore[no-untyped-def]
    d = answered(driver)
    d.key(pygame.K_e)
    assert any(t.startswith("textbox dialog.text: <") for t in d.texts())
    d.type("case number and next steps")
    d.key(pygame.K_RETURN)
    sent = [e for e in events(d) if e.startswith("* email")]
    assert len(sent) == 1
    assert 'what="case number and next steps"' in sent[0]


def test_ctrl_n_while_typing_opens_an_empty_note(driver) -> None:  # type: ignore[no-untyped-def]
    d = answered(driver)
    d.key(pygame.K_RETURN)  # the reply box
    d.type("Hello")
    d.key(pygame.K_n, mod=pygame.KMOD_LCTRL)
    d.type("note")
    d.key(pygame.K_RETURN)
    assert "* note text=note" in events(d)
    assert d.app.screen.reply == "Hello"


def test_enter_opens_the_reply_box_and_only_typed_letters_arrive(driver) -> None:  # type: ignore[no-untyped-def]
    d = answered(driver)
    d.key(pygame.K_RETURN)
    d.type("Thanks")
    assert d.app.screen.reply == "Thanks"


def test_n_on_the_start_screen_edits_the_name_without_an_n(driver) -> None:  # type: ignore[no-untyped-def]
    d = driver
    d.frames()
    assert d.app.screen.name == "start"
    assert d.app.screen.trainee == "Carla"
    d.key(pygame.K_n)
    assert d.app.screen.editing_name
    d.type(" Reyes")
    d.key(pygame.K_RETURN)
    assert d.app.screen.trainee == "Carla Reyes"


def test_hotkeys_that_open_nothing_type_nothing(driver) -> None:  # type: ignore[no-untyped-def]
    d = answered(driver)
    for key in (pygame.K_k, pygame.K_m, pygame.K_m):
        d.key(key)
    d.key(pygame.K_RETURN)
    assert d.app.screen.reply == ""
