"""The listening caller, one behaviour at a time (issue 12's examples, on scenarios built in
code so each test states the caller it needs)."""

from __future__ import annotations

from dataclasses import replace

from scoring.transcript import Speech
from simulator.engine import CallEngine, parse_move
from simulator.engine.caller_state import HoldAsk, Rung
from simulator.scenario import Scenario
from simulator.scenario.model import Expectations, Fact

OPEN = ["Thank you for calling Acme, this is Dana. May I have your name?", "How can I help?"]


def call(scenario: Scenario, moves: list[str], seed: int = 0) -> CallEngine:
    engine = CallEngine(scenario, seed=seed)
    engine.start()
    for text in moves:
        engine.apply(parse_move(text))
    return engine


def last_reply(engine: CallEngine) -> str:
    for line in reversed(engine.lines):
        if isinstance(line, Speech):
            return line.text if line.speaker == "caller" else ""
    return ""


def irate(tiny: Scenario, **expects: object) -> Scenario:
    caller = replace(
        tiny.caller,
        mood="angry",
        patience=70,
        goal="get the right colour sent",
        expects=Expectations(**expects),  # type: ignore[arg-type]
    )
    return replace(tiny, caller=caller, context=tiny.context | {"irate"})


# ----- holds -------------------------------------------------------------------------------
def test_an_agreed_hold_costs_nothing_a_silent_one_costs_a_mood_step(tiny: Scenario) -> None:
    asked = call(tiny, [*OPEN, "May I place you on a brief hold?", "/hold"])
    silent = call(tiny, [*OPEN, "/hold"])
    assert asked.temper.mood == call(tiny, OPEN).temper.mood
    assert silent.temper.mood == asked.temper.mood + 1


def test_an_announced_hold_is_acknowledged_and_costs_a_little(tiny: Scenario) -> None:
    before = call(tiny, OPEN).temper.patience
    engine = call(tiny, [*OPEN, "Please hold."])
    assert engine.memory.hold is HoldAsk.ANNOUNCED
    engine.apply(parse_move("/hold"))
    engine.apply(parse_move("/wait 8"))
    assert not engine.finished  # "please hold", eight seconds: nobody hangs up over that
    assert 0 < before - engine.temper.patience < 10


def test_a_longer_hold_costs_more(tiny: Scenario) -> None:
    ask = [*OPEN, "May I place you on a brief hold?", "/hold"]
    short = call(tiny, [*ask, "/wait 20"]).temper.patience
    long = call(tiny, [*ask, "/wait 100"]).temper.patience
    assert long < short


def test_a_caller_who_refuses_holds_says_so_when_a_hold_is_announced(tiny: Scenario) -> None:
    refuser = replace(tiny, caller=replace(tiny.caller, traits=frozenset({"refuses_hold"})))
    engine = call(refuser, [*OPEN, "Hold on, I'll check."])
    assert engine.memory.hold is HoldAsk.REFUSED
    assert "hold" in last_reply(engine).lower()


def test_a_check_in_is_answered_and_the_answer_counts(tiny: Scenario) -> None:
    engine = call(
        tiny,
        [*OPEN, "May I place you on a brief hold?", "/hold", "/wait 60", "/resume"],
    )
    engine.apply(parse_move("Thanks for holding. Can I keep you on hold for another two minutes?"))
    assert engine.memory.hold is HoldAsk.AGREED
    assert last_reply(engine)


# ----- what was said ----------------------------------------------------------------------
def test_the_caller_answers_the_time_frame_it_heard(tiny: Scenario) -> None:
    engine = call(irate(tiny, callback_within_h=1.0), OPEN)
    engine.apply(parse_move("I'll call you back tomorrow afternoon, then."))
    reply = last_reply(engine)
    assert "tomorrow afternoon" in reply.lower()
    assert "thank" not in reply.lower()


def test_a_promise_within_the_expectation_is_not_objected_to(tiny: Scenario) -> None:
    engine = call(irate(tiny, callback_within_h=1.0), OPEN)
    engine.apply(parse_move("My supervisor will call you back within the hour."))
    assert "acceptable" not in last_reply(engine)


def test_a_question_about_the_callers_facts_is_answered_from_them(tiny: Scenario) -> None:
    facts = (Fact("colour", (), ("I ordered the navy one.",)),)
    s = replace(tiny, caller=replace(tiny.caller, facts=facts))
    assert "navy" in last_reply(call(s, [*OPEN, "What colour did you order?"]))


def test_a_question_outside_the_facts_gets_i_dont_know_not_confusion(tiny: Scenario) -> None:
    reply = last_reply(call(tiny, [*OPEN, "What's the SKU on the label?"]))
    assert "know" in reply.lower() or "sure" in reply.lower()
    assert "mean" not in reply


def test_say_again_gets_a_repeat_and_does_not_calm(tiny: Scenario) -> None:
    engine = call(tiny, OPEN)
    mood, reason = engine.temper.mood, last_reply(engine)
    engine.apply(parse_move("Sorry, say again?"))
    assert reason[10:40].lower() in last_reply(engine).lower()
    assert engine.temper.mood == mood


def test_a_wrong_read_back_is_corrected(tiny: Scenario) -> None:
    engine = call(tiny, [*OPEN, "May I have your order number?"])
    engine.apply(parse_move("So that's 5 5 2 1 9 0 8?"))
    reply = last_reply(engine)
    assert reply.lower().startswith("no")
    assert "5521907" in reply.replace(" ", "")


def test_spelling_what_was_just_given(tiny: Scenario) -> None:
    engine = call(tiny, [*OPEN, "Could I take your email?"])
    engine.apply(parse_move("Can you spell that for me?"))
    assert "M A R I A" in last_reply(engine)


# ----- mood, grievances and the ladder --------------------------------------------------------
def test_one_apology_does_not_undo_two_mistreatments(tiny: Scenario) -> None:
    engine = call(tiny, [*OPEN, "Calm down.", "That's just how it is."])
    mood = engine.temper.mood
    engine.apply(parse_move("I'm sorry."))
    assert engine.temper.mood == mood


def test_refusals_climb_the_ladder_one_rung_at_a_time(tiny: Scenario) -> None:
    engine = call(irate(tiny), OPEN)
    rungs = []
    for line in ["There's nothing I can do.", "Fees are fees.", "Nobody here can help you."]:
        engine.apply(parse_move(line))
        rungs.append(engine.memory.rung)
    assert rungs == [Rung.EXPERT, Rung.SUPERVISOR, Rung.FOURTH]


def test_a_supervisor_offer_brings_the_caller_down(tiny: Scenario) -> None:
    engine = call(irate(tiny), [*OPEN, "There's nothing I can do.", "Fees are fees."])
    engine.apply(parse_move("I'm sorry. Would you like my supervisor to call you?"))
    assert engine.memory.rung == Rung.EXPERT


def test_an_angry_unresolved_caller_does_not_say_a_polite_goodbye(tiny: Scenario) -> None:
    engine = call(irate(tiny), [*OPEN, "Nothing I can do. Thanks for calling, bye."])
    assert not engine.finished
    assert "thank" not in last_reply(engine).lower()
    for _ in range(3):  # pushes back, then hangs up curtly: never a polite goodbye
        engine.apply(parse_move("Thank you for calling Acme. Goodbye."))
        assert "thank" not in last_reply(engine).lower()
        if engine.finished:
            break
    assert engine.finished


def test_a_helped_caller_closes_politely(tiny: Scenario) -> None:
    sorry = "I'm so sorry about that. I'll get the right colour sent out to you today."
    engine = call(tiny, [*OPEN, sorry, "Thanks for calling!"])
    assert engine.finished
    assert "thank" in last_reply(engine).lower()


# ----- archetypes -----------------------------------------------------------------------------
def test_already_transferred_caller_objects_when_the_transfer_is_announced(tiny: Scenario) -> None:
    s = replace(tiny, context=tiny.context | {"already_transferred"})
    engine = call(s, [*OPEN, "I'll transfer you to Carol Reyes in billing at 4410."])
    assert not engine.finished
    assert "again" in last_reply(engine).lower()


def test_a_long_line_is_never_said_twice_word_for_word(tiny: Scenario) -> None:
    engine = call(tiny, [*OPEN] + ["Sorry, say again?"] * 6)
    said = [ln.text for ln in engine.lines if isinstance(ln, Speech) and ln.speaker == "caller"]
    long = [t for t in said if len(t.split()) > 5]
    assert len(long) == len(set(long))


def test_same_seed_same_moves_same_call(tiny: Scenario) -> None:
    moves = [*OPEN, "Fees are fees.", "What colour?", "Sorry, say again?", "Bye."]
    a = [ln.text for ln in call(irate(tiny), moves, seed=3).lines if isinstance(ln, Speech)]
    b = [ln.text for ln in call(irate(tiny), moves, seed=3).lines if isinstance(ln, Speech)]
    assert a == b
