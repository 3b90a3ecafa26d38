"""Any call written out as captions, CSV or text reads back as the same turns."""

from __future__ import annotations

import json
from collections.abc import Callable

from hypothesis import given, settings
from hypothesis import strategies as st

from scoring.importers import read_text
from scoring.transcript import Speech

Call = list[tuple[int, str, str]]  # (start in ms, "Agent" | "Customer", words)

_WORD = st.text(
    alphabet=st.characters(
        categories=("L", "N"), max_codepoint=0x24F, include_characters=",.?!'-:"
    ),
    min_size=1,
    max_size=8,
).filter(lambda w: any(c.isalnum() for c in w))
_WORDS = st.lists(_WORD, min_size=1, max_size=8).map(" ".join)


@st.composite
def calls(draw: st.DrawFn) -> Call:
    n = draw(st.integers(min_value=2, max_value=8))
    starts = sorted(draw(st.lists(st.integers(0, 3_600_000), min_size=n, max_size=n)))
    who = ["Agent", "Customer"] + [
        draw(st.sampled_from(["Agent", "Customer"])) for _ in range(n - 2)
    ]
    return [(t, w, draw(_WORDS)) for t, w in zip(starts, who, strict=True)]


def _stamp(ms: int, sep: str) -> str:
    return f"{ms // 3600000:02d}:{ms // 60000 % 60:02d}:{ms // 1000 % 60:02d}{sep}{ms % 1000:03d}"


def _vtt(call: Call) -> str:
    cues = [f"{_stamp(t, '.')} --> {_stamp(t + 500, '.')}\n<v {w}>{s}" for t, w, s in call]
    return "WEBVTT\n\n" + "\n\n".join(cues) + "\n"


def _srt(call: Call) -> str:
    return "\n".join(
        f"{i}\n{_stamp(t, ',')} --> {_stamp(t + 500, ',')}\n{w}: {s}\n"
        for i, (t, w, s) in enumerate(call, 1)
    )


def _csv(call: Call) -> str:
    return "start_ms,speaker,text\n" + "".join(f'{t},{w},"{s}"\n' for t, w, s in call)


def _plain(call: Call) -> str:
    return "".join(f"[{_stamp(t, '.')[:8]}] {w}: {s}\n" for t, w, s in call)


def _contact_lens(call: Call) -> str:
    roles = {"Agent": "AGENT", "Customer": "CUSTOMER"}
    turns = [
        {"ParticipantRole": roles[w], "BeginOffsetMillis": t, "Content": s} for t, w, s in call
    ]
    return json.dumps({"Transcript": turns})


WRITERS: list[Callable[[Call], str]] = [_vtt, _srt, _csv, _plain, _contact_lens]


@settings(max_examples=60, deadline=None)
@given(calls(), st.sampled_from(WRITERS))
def test_written_out_and_read_back(call: Call, write: Callable[[Call], str]) -> None:
    t = read_text(write(call), "rt")
    got = [(ln.time, ln.speaker, ln.text) for ln in t.lines if isinstance(ln, Speech)]
    side = {"Agent": "agent", "Customer": "caller"}
    assert got == [(ms // 1000, side[w], " ".join(s.split())) for ms, w, s in call]
