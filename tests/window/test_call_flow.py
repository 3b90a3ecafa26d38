"""A whole call played by posting real pygame events, from the start screen to the scorecard."""

from __future__ import annotations

import pygame
import pytest

from scoring.reader import read_transcript
from simulator.window.sample_scenario import SAMPLE

pytestmark = pytest.mark.window


def say(d, text: str) -> None:  # type: ignore[no-untyped-def]
    """Type a free reply: Enter opens the reply box, the text arrives as TEXTINPUT events."""
    d.key(pygame.K_RETURN)
    d.type(text)
    d.key(pygame.K_RETURN)


def play_transfer_call(d) -> None:  # type: ignore[no-untyped-def]
    d.frames(0.2)
    assert d.app.screen.name == "start"
    d.key(pygame.K_RETURN)  # start the recommended scenario
    assert d.app.screen.name == "call"
    d.frames(4.0)  # the phone rings twice
    assert "button status: RINGING · 2 <warn>" in d.texts()
    d.key(pygame.K_SPACE)  # answer
    assert d.app.call.phase == "live"
    d.choose("thank you for calling")
    say(
        d,
        "I'm sorry you received the wrong size. I'd be happy to get the large planter sent "
        "out to you. May I have your name, please?",
    )
    d.choose("order number")
    say(d, "May I place you on a brief hold while I check who can help with the exchange?")
    d.key(pygame.K_h)  # HOLD
    assert d.app.call.view().on_hold
    d.frames(60.0, step=0.5)  # a minute of hold music
    assert 58 <= d.app.call.view().hold_s <= 62
    d.key(pygame.K_h)  # RESUME
    assert not d.app.call.view().on_hold
    say(
        d,
        "Thank you for holding, Mr. Whitford. I'm transferring you to Carol Baines in "
        "Returns at extension 110.",
    )
    d.key(pygame.K_t)  # TRANSFER opens the directory picker
    assert any(t.startswith("row > 1. Carol Baines") for t in d.texts())
    d.key(pygame.K_1)
    assert "panel dialog: Transfer the call?" in d.texts()  # asks first
    d.key(pygame.K_RETURN)
    assert d.app.call.phase == "ended"
    d.key(pygame.K_RETURN)  # wrap-up done: the scorecard


def test_transfer_call_reaches_the_scorecard(make_driver) -> None:  # type: ignore[no-untyped-def]
    d = make_driver([SAMPLE])
    play_transfer_call(d)
    assert d.app.screen.name == "scorecard"
    t = read_transcript(d.app.transcript_path)
    events = [ln.render() for ln in t.events()]
    assert events[:2] == ["* hold", "* resume"]
    assert events[-1].startswith("* transfer ext=110")
    assert t.headers["agent"] == "Carla"
    hold, resume = (ln.time for ln in t.events() if ln.name in ("hold", "resume"))
    assert 59 <= resume - hold <= 62  # the wall-clock minute became a minute of call time
    texts = d.texts()
    assert any(x.startswith("button retry: Retry [R]") for x in texts)
    assert any("answered in 2 rings" in x for x in texts)


def test_transfer_call_grades_as_expected(make_driver) -> None:  # type: ignore[no-untyped-def]
    from scoring.grader import grade
    from scoring.policy import load_policy

    d = make_driver([SAMPLE])
    play_transfer_call(d)
    card = grade(read_transcript(d.app.transcript_path), load_policy("default"))
    shown = d.app.last_card
    assert shown is not None
    assert shown.score == pytest.approx(card.score)
    results = {k: r.result for k, r in card.results.items()}
    assert results["hold.ask_permission"] == "pass"
    assert results["hold.thank_on_return"] == "pass"
    assert results["xfer.announce"] == "pass"
    assert results["xfer.warm"] == "fail"  # no consult before the transfer
    failed_shown = {it.id for s in shown.sections for it in s.items if it.result == "fail"}
    assert failed_shown == {k for k, v in results.items() if v == "fail"}


def test_hang_up_ends_the_call_and_retry_starts_again(make_driver) -> None:  # type: ignore[no-untyped-def]
    d = make_driver()
    d.key(pygame.K_RETURN)
    d.frames(1.0)
    d.key(pygame.K_SPACE)
    d.choose(ideal=True)
    d.key(pygame.K_x)  # HANG UP
    d.key(pygame.K_RETURN)  # yes, hang up
    assert d.app.call.phase == "ended"
    d.key(pygame.K_RETURN)  # skip the pause
    assert d.app.screen.name == "scorecard"
    t = read_transcript(d.app.transcript_path)
    assert [e.render() for e in t.events()][-1] == "* hangup by=agent"
    first = d.app.transcript_path
    d.key(pygame.K_r)  # retry
    assert d.app.screen.name == "call"
    d.key(pygame.K_SPACE)  # answered: the new call's transcript is created
    assert d.app.transcript_path != first
