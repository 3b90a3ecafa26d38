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
