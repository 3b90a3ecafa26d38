"""close.reference finds each ticket id's first reading with one scan, rebuilt as ids are found.

The scan (scoring/items/closing.py) must give what checking every id against
every agent line gives, also when nested ids ("aaa", "aaaa" ...) make it
rebuild its automaton part-way through a line (forced here with no slack).
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from scoring.call import Call
from scoring.extract import compact
from scoring.items import closing
from scoring.transcript import Speech, Transcript

_ids = st.lists(st.text("ab1", min_size=1, max_size=7), max_size=8)
_lines = st.lists(st.text("ab1 ", max_size=40), min_size=1, max_size=6)


@settings(max_examples=150, deadline=None, derandomize=True)
@given(_ids, _lines, st.sampled_from([0, 1, 1000]))
def test_first_mentions_match_a_scan_of_every_id(
    ids: list[str], texts: list[str], slack: int
) -> None:
    lines = tuple(Speech(n + 1, n, "agent", f"ref {t}") for n, t in enumerate(texts))
    call = Call(Transcript("c.txt", {}, lines))
    saved = closing.REPEATS_SLACK
    closing.REPEATS_SLACK = slack
    try:
        got = closing._first_mentions(call, ids)
    finally:
        closing.REPEATS_SLACK = saved
    want = {}
    for word in {compact(i) for i in ids if len(compact(i)) >= 3}:
        hit = next((t for t in call.agent_turns if word in compact(t.text)), None)
        if hit is not None:
            want[word] = hit
    assert got == want
