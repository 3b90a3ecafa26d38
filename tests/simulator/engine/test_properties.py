"""Random moves on every shipped scenario: no crash, a valid transcript, and the call ends."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scoring.reader import parse_text
from scoring.writer import format_header, format_line
from simulator.engine import CallEngine, HangUp, Move, Moves, Say, parse_move
from simulator.engine.engine import MAX_MOVES
from tests.simulator.conftest import SHIPPED

PHRASES = [
    "Thank you for calling, this is Sam. May I have your name, please?",
    "How can I help you today?",
    "I'm so sorry about that.",
    "May I place you on a brief hold while I check?",
    "Thank you for holding.",
    "May I have your order number?",
    "Would you like me to transfer you, or may I take a message?",
    "Is there anything else I can help you with?",
    "Thank you for calling, have a great day.",
    "Yep, okeydokey. They messed it up.",
    "My supervisor can't take calls.",
    "",
    "x" * 500,
    'Quotes " and = and \\ and\nnewlines',
    "\x00 nul",
    "  \n\r\t ",
    "para\u2028sep\x1c\x85",
]
COMMANDS = [
    "/hold",
    "/resume",
    "/mute",
    "/unmute",
    "/lookup",
    "/lookup order",
    "/ticket",
    "/email",
    "/notify",
    "/interrupt",
    "/skip",
    "/note a note",
    "/wait 5",
    "/wait 200",
]


def moves_for(scenario_index: int) -> st.SearchStrategy[Move]:
    exts = [c.ext for c in SHIPPED[scenario_index].directory] + ["9999"]
    commands = st.one_of(
        st.sampled_from(COMMANDS),
        st.sampled_from(exts).map(lambda e: f"/consult {e}"),
        st.sampled_from(exts).map(lambda e: f"/transfer {e}"),
    )
    speech = st.one_of(st.sampled_from(PHRASES), st.text(max_size=80))
    single = st.one_of(commands.map(parse_move), speech.map(Say))
    several = st.lists(single, min_size=2, max_size=3).map(lambda ms: Moves(tuple(ms)))
    return st.one_of(single, several)


@st.composite
def call(draw: st.DrawFn) -> tuple[int, int, list[Move]]:
    index = draw(st.integers(0, len(SHIPPED) - 1))
    seed = draw(st.integers(0, 2**32))
    moves = draw(st.lists(moves_for(index), max_size=60))
    return index, seed, moves


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(call())
def test_random_moves_never_crash_and_always_leave_a_valid_transcript(
    case: tuple[int, int, list[Move]],
) -> None:
    index, seed, moves = case
    engine = CallEngine(SHIPPED[index], seed=seed)
    engine.start()
    for move in moves:
        engine.apply(move)
    if not engine.finished:
        engine.apply(HangUp())  # the front-end's "quit"
    assert engine.finished
    text = "\n".join(format_header(engine.headers) + [""] + [format_line(x) for x in engine.lines])
    transcript = parse_text(text + "\n")  # raises on any format break
    assert transcript.lines[-1].name in ("hangup", "transfer")  # type: ignore[union-attr]


@settings(max_examples=10, deadline=None)
@given(st.integers(0, len(SHIPPED) - 1), st.integers(0, 2**16))
def test_a_call_always_ends_even_if_nobody_hangs_up(index: int, seed: int) -> None:
    engine = CallEngine(SHIPPED[index], seed=seed)
    engine.start()
    for _ in range(MAX_MOVES):
        if engine.finished:
            break
        engine.apply(parse_move("/lookup"))
    assert engine.finished
