"""The engine's rules, one at a time, on a tiny scenario built in code."""

from __future__ import annotations

from dataclasses import replace

import pytest

from scoring.reader import parse_text
from scoring.transcript import Event, Line, Speech
from scoring.writer import format_header, format_line
from simulator.engine import (
    CallEnded,
    CallEngine,
    ChoicesOffered,
    EventLogged,
    LineSpoken,
    Notice,
    StateChanged,
    parse_move,
)
from simulator.scenario import Scenario

GREETING = "Thank you for calling Acme, this is Dana. May I have your name, please?"


def play(scenario: Scenario, texts: list[str], seed: int = 0) -> tuple[CallEngine, list[object]]:
    written: list[Line] = []
    engine = CallEngine(scenario, seed=seed, on_line=written.append)
    outputs: list[object] = list(engine.start())
    for text in texts:
        outputs.extend(engine.apply(parse_move(text)))
    assert list(engine.lines) == written
    return engine, outputs


def transcript_text(engine: CallEngine) -> str:
    body = format_header(engine.headers) + [""] + [format_line(ln) for ln in engine.lines]
    return "\n".join(body) + "\n"


def caller_lines(engine: CallEngine) -> list[str]:
    return [ln.text for ln in engine.lines if isinstance(ln, Speech) and ln.is_caller]


def events(engine: CallEngine, name: str) -> list[Event]:
    return [ln for ln in engine.lines if isinstance(ln, Event) and ln.name == name]


def test_same_scenario_seed_and_moves_give_the_same_transcript(tiny: Scenario) -> None:
    moves = [GREETING, "How can I help you?", "/hold", "/wait 30", "/resume", "Thanks, bye."]
    a, _ = play(tiny, moves, seed=3)
    b, _ = play(tiny, moves, seed=3)
    assert transcript_text(a) == transcript_text(b)


def test_transcript_reads_back_with_the_grader_reader(tiny: Scenario) -> None:
    engine, _ = play(tiny, [GREETING, '/note hello "quoted" = text', "/lookup order"])
    t = parse_text(transcript_text(engine))
    assert t.caller == "Maria Lopez"
    assert "order" in t.context
    assert [ln.number for ln in t.lines] == [ln.number for ln in engine.lines]


def test_caller_answers_name_then_gives_the_reason(tiny: Scenario) -> None:
    engine, _ = play(tiny, [GREETING, "Thank you, Ms. Lopez. How can I help you today?"])
    first, second = caller_lines(engine)
    assert "Maria Lopez" in first
    assert second == "My order came in the wrong color."


def test_each_move_ends_with_state_then_choices(tiny: Scenario) -> None:
    engine = CallEngine(tiny, seed=0)
    engine.start()
    out = engine.apply(parse_move(GREETING))
    assert isinstance(out[-1], StateChanged)  # the script has run out after one step
    assert any(isinstance(o, LineSpoken) for o in out)
    first = CallEngine(tiny, seed=0).start()
    assert isinstance(first[-1], ChoicesOffered)


def test_hold_timer_and_patience_run_on_wait(tiny: Scenario) -> None:
    engine, _ = play(tiny, [GREETING, "/hold", "/wait 60"])
    assert engine.state.on_hold
    assert engine.state.hold_seconds == 61
    patience = engine.state.patience
    engine.apply(parse_move("/wait 100"))
    assert engine.state.patience < patience  # past the 120 s check-in


def test_caller_hangs_up_when_left_on_hold(tiny: Scenario) -> None:
    engine, outputs = play(tiny, [GREETING, "/hold"] + ["/wait 60"] * 10)
    assert engine.finished
    assert events(engine, "hangup")[0].get("by") == "caller"
    assert any(isinstance(o, CallEnded) and o.by == "caller" for o in outputs)


def test_patience_running_out_climbs_rung_by_rung_to_the_fourth_level(tiny: Scenario) -> None:
    """Each time patience runs out the caller climbs one rung of seed 004's ladder (someone
    who knows, a supervisor), and at the fourth level threatens the CEO and hangs up."""
    impatient = replace(tiny, caller=replace(tiny.caller, patience=10))
    engine, _ = play(impatient, [GREETING, "/mute", "/unmute", "Hmm."])
    rungs = [engine.memory.rung]
    while not engine.finished and len(rungs) < 6:
        engine.apply(parse_move("Calm down."))
        rungs.append(engine.memory.rung)
    assert engine.finished
    assert rungs == sorted(rungs)
    assert [int(r) for r in dict.fromkeys(rungs)] == list(range(int(rungs[0]), 4))
    assert "CEO" in caller_lines(engine)[-1]
    assert events(engine, "hangup")[-1].get("by") == "caller"


def test_transfer_ends_the_call_with_the_directory_details(tiny: Scenario) -> None:
    engine, _ = play(tiny, [GREETING, "/transfer 4420"])
    (ev,) = events(engine, "transfer")
    assert dict(ev.fields) == {
        "ext": "4420",
        "to": "Greg Lyons",
        "dept": "Shipping",
        "voicemail": "yes",
    }
    assert engine.finished


def test_second_transfer_angers_an_already_transferred_caller(tiny: Scenario) -> None:
    moved = replace(tiny, context=frozenset({"already_transferred"}))
    engine, _ = play(moved, [GREETING, "/transfer 4410"])
    assert "again" in caller_lines(engine)[-1]


def test_consult_result_comes_from_the_directory(tiny: Scenario) -> None:
    engine, outputs = play(tiny, [GREETING, "/hold", "/consult 4420"])
    assert events(engine, "consult")[0].get("result") == "voicemail"
    assert any(isinstance(o, Notice) and "voicemail" in o.text for o in outputs)


def test_unknown_extension_changes_nothing_and_says_why(tiny: Scenario) -> None:
    engine, outputs = play(tiny, [GREETING, "/transfer 9999"])
    assert not engine.finished
    assert not events(engine, "transfer")
    assert any(isinstance(o, Notice) and "9999" in o.text for o in outputs)


def test_lookup_history_shows_info_entries(tiny: Scenario) -> None:
    _, outputs = play(tiny, [GREETING, "/lookup history"])
    assert any(isinstance(o, Notice) and o.text.startswith("INFO: Nov 12") for o in outputs)


def test_speaking_on_hold_is_not_heard_or_written(tiny: Scenario) -> None:
    engine, outputs = play(tiny, [GREETING, "/hold", "Hello?"])
    assert not any(isinstance(ln, Speech) and ln.text == "Hello?" for ln in engine.lines)
    assert any(isinstance(o, Notice) and "cannot hear" in o.text for o in outputs)


def test_interrupt_is_an_event_and_the_caller_objects(tiny: Scenario) -> None:
    engine, outputs = play(tiny, [GREETING, "/interrupt"])
    assert events(engine, "interrupt")
    assert any(isinstance(o, EventLogged) and o.event.name == "interrupt" for o in outputs)


def test_ticket_ids_are_unique(tiny: Scenario) -> None:
    engine, _ = play(replace(tiny, ticket_id="T-1"), [GREETING, "/ticket", "/ticket"])
    assert [e.get("id") for e in events(engine, "ticket")] == ["T-1", "T-1-2"]


def test_moves_after_the_end_change_nothing(tiny: Scenario) -> None:
    engine, _ = play(tiny, [GREETING, "/hangup"])
    before = engine.lines
    out = engine.apply(parse_move("Hello?"))
    assert engine.lines == before
    assert isinstance(out[0], Notice)


def test_apply_before_start_is_an_error(tiny: Scenario) -> None:
    with pytest.raises(RuntimeError):
        CallEngine(tiny).apply(parse_move("hi"))
