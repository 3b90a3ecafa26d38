"""Choice mode: the numbered responses follow the trainee through the script."""

from __future__ import annotations

from simulator.engine import CallEngine, Moves, Say
from simulator.scenario import find_scenario


def engine(seed: int = 0) -> CallEngine:
    e = CallEngine(find_scenario("wrong-size-planter"), seed=seed)
    e.start()
    return e


def test_each_step_offers_one_ideal_among_numbered_choices() -> None:
    e = engine()
    choices = e.choices
    assert [c.key for c in choices] == [str(n) for n in range(1, len(choices) + 1)]
    assert sum(c.ideal for c in choices) == 1
    assert len(choices) >= 2


def test_choice_order_depends_on_the_seed_only() -> None:
    assert [c.label for c in engine(1).choices] == [c.label for c in engine(1).choices]
    orders = {tuple(c.label for c in engine(s).choices) for s in range(8)}
    assert len(orders) > 1


def test_picking_a_choice_moves_to_the_next_step() -> None:
    e = engine()
    ideal = next(c for c in e.choices if c.ideal)
    e.apply(ideal.move)
    assert e.cursor.index == 1


def test_typing_what_the_step_does_in_other_words_also_moves_on() -> None:
    e = engine()
    e.apply(
        Say(
            "Hi, thanks for calling Fernwood Garden Supply, Carla speaking. Who am I speaking with?"
        )
    )
    assert e.cursor.index == 1


def test_unrelated_words_keep_the_step() -> None:
    e = engine()
    e.apply(Say("Hmm."))
    assert e.cursor.index == 0


def test_a_multi_move_mistake_carries_its_follow_up_moves() -> None:
    e = CallEngine(find_scenario("refuses-hold"))
    e.start()
    while not any(isinstance(c.move, Moves) for c in e.choices):
        e.apply(next(c for c in e.choices if c.ideal).move)
    multi = next(c for c in e.choices if isinstance(c.move, Moves))
    assert isinstance(multi.move, Moves)
    assert [type(m).__name__ for m in multi.move.moves] == ["Hold", "Wait", "Resume"]
    step = e.cursor.index
    e.apply(multi.move)
    assert e.cursor.index == step + 1
    assert [ln.name for ln in e.lines[-2:]] == ["hold", "resume"]  # type: ignore[union-attr]


def _labels(e: CallEngine) -> list[str]:
    return [c.label for c in e.choices]


def test_no_choice_greets_the_caller_by_a_name_they_have_not_given() -> None:
    """The pick-up menu used to offer "Thank you, Ms. Kowalski. How can I help you today?"
    (the next step, as a too-early distractor) before the caller had said a word."""
    for name, surname in (("refuses-hold", "Kowalski"), ("spam-listing-verification", "Sorensen")):
        e = CallEngine(find_scenario(name), seed=0)
        e.start()
        assert not any(surname in label for label in _labels(e)), name


def test_a_step_ahead_is_still_offered_when_it_presumes_nothing() -> None:
    """Holding without asking (the step after the permission question) stays a distractor."""
    e = CallEngine(find_scenario("refuses-hold"), seed=0)
    e.start()
    while "hold" not in " ".join(_labels(e)).lower() or e.cursor.index < 3:
        e.apply(next(c for c in e.choices if c.ideal).move)
    ahead = [c for c in e.choices if not c.ideal and c.move == e.cursor.ideal(e.cursor.index + 1)]
    assert ahead, _labels(e)


def test_once_the_caller_has_said_it_the_step_ahead_may_name_it() -> None:
    e = CallEngine(find_scenario("refuses-hold"), seed=0)
    e.start()
    e.apply(next(c for c in e.choices if c.ideal).move)  # the greeting; she gives her name
    assert any("Kowalski" in line.text for line in e.lines if line.speaker == "caller")  # type: ignore[union-attr]
    # the reason is not said yet: the step that apologises for her bill is not offered
    assert not any("bill" in label.lower() for label in _labels(e) if "find out" in label)
