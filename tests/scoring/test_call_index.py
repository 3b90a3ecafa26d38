"""`Call`'s indexed look-ups give what a scan of the whole call gives.

The rules ask "the agent's lines between these two", "the caller's next
line", "is this line on hold" many times a call; `Call` answers them by
binary search so grading stays linear in a call's length (a 100,000-line
call: benchmarks/bench_long_call.py). These properties hold them to the
plain scans they replaced, on random calls.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from scoring.call import Call
from scoring.transcript import Event, Speech, Transcript

_kinds = st.sampled_from(["agent", "caller", "hold", "resume", "consult", "transfer", "note"])


def _call(kinds: list[str]) -> Call:
    lines: list[Speech | Event] = []
    for n, kind in enumerate(kinds):
        if kind in ("agent", "caller"):
            lines.append(Speech(n + 1, n, kind, "okay thank you"))  # type: ignore[arg-type]
        else:
            lines.append(Event(n + 1, n, kind))
    return Call(Transcript("c.txt", {}, tuple(lines)))


@settings(max_examples=80, deadline=None, derandomize=True)
@given(st.lists(_kinds, max_size=40), st.integers(-2, 42), st.integers(-2, 42))
def test_indexed_lookups_match_scans(kinds: list[str], a: int, b: int) -> None:
    call = _call(kinds)
    agent, caller = call.agent_turns, call.caller_turns
    assert call.agent_between(a, b) == [t for t in agent if a <= t.index < b]
    assert call.caller_between(a, b) == [t for t in caller if a <= t.index < b]
    assert call.agent_after(a, 2) == [t for t in agent if t.index > a][:2]
    assert call.caller_after(a) == next((t for t in caller if t.index > a), None)
    assert call.agent_before(a) == next((t for t in reversed(agent) if t.index < a), None)
    consults = [(i, e) for i, e in call.events("consult") if a <= i < b]
    assert call.events_between("consult", a, b) == consults
    for index in range(len(kinds) + 1):
        scan = any(
            seg.hold_index
            < index
            < (seg.resume_index if seg.resume_index is not None else call.end_index)
            for seg in call.holds
        )
        assert call.on_hold_at(index) == scan
