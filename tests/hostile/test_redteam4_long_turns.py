"""One speaker's very long turn, in every importer that builds a turn word by word.

Found by the fourth red team: plain text, captions, Deepgram, Google and Transcribe
JSON joined each word (or continuation line) onto the turn so far, copying it every
time: quadratic. 3.4 MB of one speaker's continuation lines took 17 s CPU to refuse
(0.5 s at 0.4 MB). The check is a ratio, so no machine is too slow for it: the CPU
time per byte of a file 16 times larger may not grow more than 4-fold (now about 1;
before the fix 5.3-6.9). Transcribe's JSON is left out: within the 4 MiB cap its
join cost at most ~0.4 s, too little beside the JSON parsing to tell apart.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from scoring.reader import TranscriptError, read_transcript

LONG = "x" * 40  # a word as long as its JSON around it: the copying shows most


def _plain(n: int) -> str:
    turns = "".join(f"Agent: hello {i}\nCustomer: hi {i}\n" for i in range(200))  # detected
    return turns + "".join(f"more words {i}\n" for i in range(n))


def _srt(n: int) -> str:
    lines = "".join(f"and more words {i}\n" for i in range(n))
    return (
        "1\n00:00:00,000 --> 00:00:01,000\nAgent: hello there\n\n"
        f"2\n00:00:01,000 --> 00:00:02,000\nCustomer: hi\n{lines}"
    )


def _deepgram(n: int) -> str:
    words = [{"word": "hi", "start": 0.0, "speaker": 0}]
    words += [{"word": f"{i}{LONG}", "start": 1.0 + i / 1e4, "speaker": 1} for i in range(n)]
    alt = {"transcript": "x", "words": words}
    return json.dumps({"results": {"channels": [{"alternatives": [alt]}]}})


def _google(n: int) -> str:
    words = [{"word": "hi", "startTime": "0s", "speakerTag": 1}]
    words += [{"word": f"{i}{LONG}", "startTime": f"{i / 1e4}s", "speakerTag": 2} for i in range(n)]
    alt = {"transcript": "x", "words": words}
    return json.dumps({"results": [{"alternatives": [alt]}]})


FORMATS: dict[str, tuple[Callable[[int], str], int]] = {
    "plain": (_plain, 12_000),
    "srt": (_srt, 9_000),
    "deepgram": (_deepgram, 2_500),
    "google": (_google, 2_500),
}


def _cpu_per_byte(path: Path, text: str) -> float:
    path.write_text(text, encoding="utf-8")
    best = float("inf")
    for _ in range(2):
        t0 = time.process_time()
        try:
            read_transcript(path)
        except TranscriptError:
            pass  # a turn this long is refused: what it cost to find that out is the point
        best = min(best, time.process_time() - t0)
    return best / len(text)


@pytest.mark.slow
@pytest.mark.parametrize("fmt", FORMATS)
def test_a_long_turn_costs_time_linear_in_its_length(tmp_path: Path, fmt: str) -> None:
    build, n = FORMATS[fmt]
    small = _cpu_per_byte(tmp_path / "small", build(n))
    large = _cpu_per_byte(tmp_path / "large", build(16 * n))
    assert large < 4 * small, f"CPU per byte grew {large / small:.1f}-fold for 16x the size"
