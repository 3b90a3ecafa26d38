"""`callsim report` on long calls: the timeline must stay linear in the size of the call.

Found by the third red team: a recorded call of 20,000 backchannel lines all at one time
('[00:00] CALLER: mm hmm') took 9.6 s of CPU to report (5,000 lines: 2.7 s): for each line
the timeline sliced the rest of the transcript and scanned it for the next later time. The
holds drawn over the policy's limit were found by list membership, quadratic in the holds.
Comparisons are counted (times and hold lengths are ints and floats that count their own
comparisons), so the tests do not depend on the machine's speed.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from scoring.transcript import Speech
from simulator.reports import charts, gather


class Counted:
    n = 0


def _count(name: str) -> Any:
    def compare(self: Any, other: Any) -> Any:
        Counted.n += 1
        return getattr(super(type(self), self), name)(other)

    return compare


class CInt(int):
    """A line's time that counts how often it is compared."""

    __gt__ = _count("__gt__")
    __lt__ = _count("__lt__")
    __ge__ = _count("__ge__")
    __le__ = _count("__le__")
    __eq__ = _count("__eq__")
    __hash__ = int.__hash__


class CFloat(float):
    """A hold's start or length that counts how often it is compared."""

    __gt__ = _count("__gt__")
    __lt__ = _count("__lt__")
    __ge__ = _count("__ge__")
    __le__ = _count("__le__")
    __eq__ = _count("__eq__")
    __hash__ = float.__hash__


def _capture(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """The values the timeline would draw (nothing drawn)."""
    drawn: list[Any] = []

    def draw(*values: Any) -> str:
        drawn.append(values)
        return "<svg/>"

    monkeypatch.setattr(charts, "call_timeline", draw)
    return drawn


def _speech(n: int, time: int, speaker: str) -> Speech:
    return Speech(n, CInt(time), speaker, "mm hmm", speaker.upper())  # type: ignore[arg-type]


@pytest.mark.parametrize("same_time", [True, False])
def test_timeline_compares_each_line_a_bounded_number_of_times(
    same_time: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    drawn = _capture(monkeypatch)
    lines = 3000
    transcript = SimpleNamespace(
        lines=[
            _speech(i, 0 if same_time else i, "caller" if i % 2 else "agent") for i in range(lines)
        ]
    )
    Counted.n = 0
    gather.timeline(transcript, 120.0)
    speech = drawn[0][0]
    assert len(speech) == lines
    assert Counted.n < 20 * lines, f"{Counted.n:,} comparisons for {lines:,} lines"
    if not same_time:  # each line lasts until the next later one
        assert [round(w, 3) for _, _, w in speech[:-1]] == [1.0] * (lines - 1)
    assert speech[-1][2] == 3.0


def test_timeline_length_of_a_line_is_until_the_next_later_time(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    drawn = _capture(monkeypatch)
    times = [0, 5, 5, 3, 9, 9, 60, 61]
    transcript = SimpleNamespace(lines=[_speech(i, t, "agent") for i, t in enumerate(times)])
    gather.timeline(transcript, 120.0)
    widths = [w for _, _, w in drawn[0][0]]
    assert widths == [5.0, 4.0, 4.0, 6.0, 30.0, 30.0, 1.0, 3.0]


def test_holds_over_the_limit_are_found_in_linear_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(charts, "_svg", lambda fig, salt: "<svg/>")
    n = 1000
    holds = [(CFloat(10 * i), CFloat(200 + i)) for i in range(n)]
    Counted.n = 0
    charts.call_timeline([], holds, [], 10.0 * n + 300, 120.0)
    assert Counted.n < 20 * n, f"{Counted.n:,} comparisons for {n:,} holds"


def test_default_report_names_of_different_trainees_differ() -> None:
    """'张伟' and '李娜' (and 'José', 'Josè') were both written to the same default file
    (callsim-report-trainee-report.html), the second report replacing the first unsaid."""
    from simulator.reports.build import default_name

    names = ["张伟", "李娜", "José", "Josè", "Ann Lee", "Ann-Lee", "Ann"]
    files = [default_name("trainee", n) for n in names]
    assert len(set(files)) == len(names), files
    assert default_name("trainee", "Ann") == "callsim-report-trainee-Ann.html"
    assert default_name("call", "42") == "callsim-report-call-42.html"
    assert default_name("team", "everyone") == "callsim-report-team-everyone.html"
