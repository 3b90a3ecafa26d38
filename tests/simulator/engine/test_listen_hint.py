"""The engine's read-only hint of what the agent is likely to say next (the recogniser's bias)."""

from __future__ import annotations

from simulator.engine import CallEngine, Hold, Say
from simulator.engine.hint import MOMENTS, moment_for


def _moment(**changes: object) -> str:
    state: dict[str, object] = {
        "agent_lines": 3, "on_hold": False, "just_resumed": False, "escalated": False,
        "goal_met": False, "caller_parts": (), "caller_acts": (),
    }  # fmt: skip
    state.update(changes)
    return moment_for(**state)  # type: ignore[arg-type]


def test_each_moment_comes_from_what_the_engine_knows():
    assert _moment(agent_lines=0) == "opening"
    assert _moment(caller_acts={"report_problem"}) == "problem"
    assert _moment(caller_parts={"give_id"}) == "details"
    assert _moment(on_hold=True, caller_acts={"report_problem"}) == "on_hold"
    assert _moment(just_resumed=True) == "on_hold"
    assert _moment(caller_acts={"ask_supervisor"}) == "escalation"
    assert _moment(escalated=True, caller_parts={"give_id"}) == "escalation"
    assert _moment(caller_acts={"choose_message"}) == "transfer"
    assert _moment(caller_parts={"nothing_else"}) == "closing"
    assert _moment(goal_met=True) == "closing"
    assert _moment() == ""


def test_every_moment_names_only_acts_the_grader_knows():
    from scoring.acts import act_names

    known = set(act_names("agent"))
    for moment, likely in MOMENTS.items():
        assert likely, moment
        assert likely <= known, moment


def test_a_call_starts_at_its_opening_and_a_hold_makes_thanks_for_holding_likely(tiny):
    engine = CallEngine(tiny, seed=1)
    engine.start()
    hint = engine.listen_hint()
    assert hint.moment == "opening"
    assert "thank_for_calling" in hint.likely
    engine.apply(Say("Thank you for calling Acme, this is Dana. May I have your name?"))
    engine.apply(Hold())
    hint = engine.listen_hint()
    assert hint.moment == "on_hold"
    assert "thank_for_holding" in hint.likely


def test_asking_for_the_hint_changes_nothing(tiny):
    engine = CallEngine(tiny, seed=1)
    engine.start()
    engine.apply(Say("Thank you for calling Acme, this is Dana. May I have your name?"))
    before = (engine.lines, engine.state, engine.chance().getstate())
    for _ in range(3):
        engine.listen_hint()
    assert (engine.lines, engine.state, engine.chance().getstate()) == before
