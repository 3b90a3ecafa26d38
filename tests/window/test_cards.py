"""Choice cards teach, not give away: readable in full, worded as what the agent says or does,
no mistake labels, no raw /commands; the key of a card makes the move the card describes."""

from __future__ import annotations

import pygame
import pytest

from scoring.reader import read_transcript
from simulator.cards import card_text
from simulator.engine.moves import (
    Consult,
    HangUp,
    Hold,
    Lookup,
    Moves,
    Note,
    Resume,
    Say,
    Skip,
    Ticket,
    Transfer,
    Wait,
)
from simulator.window.widgets import Card

pytestmark = pytest.mark.window


class Person:
    def __init__(self, name: str, dept: str, ext: str) -> None:
        self.name, self.dept, self.ext = name, dept, ext


def test_every_move_is_worded_without_a_command() -> None:
    directory = [Person("Dave Ortiz", "Warehouse", "4410")]
    moves = [
        Hold(),
        Resume(),
        HangUp(),
        Skip(),
        Wait(70),
        Wait(200),
        Lookup("order"),
        Note("x"),
        Ticket(),
        Consult("4410"),
        Transfer("4410"),
        Moves((Hold(), Wait(40), Resume())),
    ]
    for move in moves:
        text = card_text(move, directory)
        assert not text.startswith(("/", "(")), text
    assert card_text(Transfer("4410"), directory) == (
        "Transfer the call to Dave Ortiz (Warehouse, ext. 4410)"
    )
    assert card_text(Lookup("order")) == "Look up the order in the records"
    assert card_text(Say("Hello there.")) == "Hello there."


def _cards(d) -> list[Card]:  # type: ignore[no-untyped-def]
    d.frames()
    return [w for w in d.app.screen.widgets if isinstance(w, Card)]


def test_cards_through_a_whole_call_are_whole_and_neutral(driver) -> None:  # type: ignore[no-untyped-def]
    d = driver
    d.key(pygame.K_RETURN)  # the built-in first call
    d.frames(1.0)
    d.key(pygame.K_SPACE)
    labels = {m.label for step in d.app.call.scenario.script for m in step.mistakes if m.label}
    assert labels  # the scenario does label its mistakes; the cards must not show them
    theme = d.app.theme
    steps = 0
    while d.app.call.phase == "live" and d.app.call.choices and steps < 40:
        steps += 1
        for card in _cards(d):
            assert not card.text.startswith(("/", "(")), card.text
            assert card.text not in labels
            assert "…" not in card.text
            # the whole text fits: the card is as tall as its wrapped lines
            needed = len(card.lines(theme)) * theme.line_height(card.role) + theme.px(8)
            assert needed <= card.rect.h, (card.text, card.rect)
        if d.app.call.view().on_hold and not any(c.ideal for c in d.app.call.choices):
            break
        d.choose(ideal=True)
        d.frames(1.0)
    assert steps > 5


def test_a_card_does_what_it_says(driver) -> None:  # type: ignore[no-untyped-def]
    d = driver
    d.key(pygame.K_RETURN)
    d.frames(1.0)
    d.key(pygame.K_SPACE)
    for _ in range(6):
        shown = {c.number: c.text for c in _cards(d)}
        lookup = next((n for n, t in shown.items() if t.startswith("Look up the order")), None)
        if lookup is not None:
            d.key(pygame.K_0 + lookup)
            got = [e.render() for e in read_transcript(d.app.transcript_path).events()]
            assert got[-1] == "* lookup what=order"
            return
        d.choose(ideal=True)
        d.frames(1.0)
    raise AssertionError("no lookup card in the first steps of the built-in call")


def test_a_mistake_card_is_explained_on_the_scorecard(driver) -> None:  # type: ignore[no-untyped-def]
    d = driver
    d.key(pygame.K_RETURN)
    d.frames(1.0)
    d.key(pygame.K_SPACE)
    wrong = next(c for c in d.app.call.choices if not c.ideal)
    d.key(pygame.K_0 + int(wrong.key))
    d.key(pygame.K_x)
    d.key(pygame.K_RETURN)  # yes, hang up
    d.key(pygame.K_RETURN)  # wrap-up done
    card = d.app.last_card
    assert card is not None
    assert len(card.picks) == 1
    shown, why = card.picks[0]
    assert shown == card_text(wrong.move, d.app.last_scenario.directory)
    assert why  # what is wrong with it, from the scenario
    headings = [h for h, item in d.app.screen.rows if item is None]
    assert "Cards to rethink" in headings


def test_review_mode_marks_the_cards_for_a_trainer(make_driver) -> None:  # type: ignore[no-untyped-def]
    d = make_driver(review=True)
    d.key(pygame.K_RETURN)
    d.frames(1.0)
    d.key(pygame.K_SPACE)
    texts = [c.text for c in _cards(d)]
    assert sum("[ideal]" in t for t in texts) == 1
    assert any("[mistake:" in t for t in texts)
