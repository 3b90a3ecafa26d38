import pytest

from simulator.listen.turns import TurnPolicy, caller_cuts_in, is_interrupt, reply_delay


def test_talking_over_the_caller_is_an_interrupt():
    assert is_interrupt(caller_started=10.0, caller_ends=14.0, agent_onset=12.0)


def test_starting_as_the_caller_finishes_is_a_hand_over_not_an_interrupt():
    assert not is_interrupt(10.0, 14.0, agent_onset=13.9)
    assert not is_interrupt(10.0, 14.0, agent_onset=14.5)
    assert is_interrupt(10.0, 14.0, 13.9, TurnPolicy(overlap_grace=0.0))


def test_no_caller_line_no_interrupt():
    assert not is_interrupt(None, None, 3.0)
    assert not is_interrupt(10.0, 14.0, agent_onset=9.0)  # before the caller began


def test_interrupting_caller_cuts_into_a_long_agent_turn():
    assert not caller_cuts_in(20.0, 24.0, traits={"vents"})
    assert not caller_cuts_in(20.0, 24.0, traits={"interrupts"})
    assert caller_cuts_in(20.0, 26.5, traits={"interrupts"})
    assert caller_cuts_in(20.0, 24.0, traits=["interrupts"], mood="irate")


def test_caller_replies_a_human_gap_after_the_agent_stops():
    assert reply_delay(agent_ended=5.0, now=5.02, synthesis_ready=5.05) == pytest.approx(0.1)
    assert reply_delay(agent_ended=5.0, now=5.4, synthesis_ready=5.4) == 0.0
