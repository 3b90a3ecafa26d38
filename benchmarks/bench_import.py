"""Importers: what recognising other tools' files costs, and that spec files pay nothing.

1. The spec path: `read_transcript` on spec-format calls (the grader's hot
   path, which now first checks the first byte) against `parse_bytes` on the
   same bytes, the reader before the importers' hook.
2. Each format: a real-length call (the hand-graded calls of
   tests/scoring/calls, written out as WebVTT, SRT, CSV, Transcribe JSON ...)
   read to a Transcript, calls/s, detection included.

    python benchmarks/bench_import.py [--count N]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scoring.importers import read_text  # noqa: E402
from scoring.reader import _BLANK, read_transcript  # noqa: E402
from scoring.transcript import Speech, Transcript  # noqa: E402

Row = tuple[float, str, str]


def _calls() -> list[Path]:
    return sorted((ROOT / "tests/scoring/calls").glob("*.txt"))


def _rows(t: Transcript) -> list[Row]:
    names = {"agent": "Dana Smith", "caller": "Maria Lopez"}
    return [
        (ln.time + 0.25, names[ln.speaker], ln.text) for ln in t.lines if isinstance(ln, Speech)
    ]


def _stamp(s: float, sep: str = ".") -> str:
    ms = round(s * 1000)
    return f"{ms // 3600000:02d}:{ms // 60000 % 60:02d}:{ms // 1000 % 60:02d}{sep}{ms % 1000:03d}"


def _vtt(rows: list[Row]) -> str:
    cues = [f"{_stamp(t)} --> {_stamp(t + 1)}\n<v {w}>{s}" for t, w, s in rows]
    return "WEBVTT\n\n" + "\n\n".join(cues) + "\n"


def _srt(rows: list[Row]) -> str:
    return "\n".join(
        f"{i}\n{_stamp(t, ',')} --> {_stamp(t + 1, ',')}\n{w}: {s}\n"
        for i, (t, w, s) in enumerate(rows, 1)
    )


def _csv(rows: list[Row]) -> str:
    body = "".join(f'{t},{w},"{s.replace(chr(34), chr(34) * 2)}"\n' for t, w, s in rows)
    return "start,speaker,text\n" + body


def _plain(rows: list[Row]) -> str:
    return "".join(f"[{int(t) // 60:02d}:{int(t) % 60:02d}] {w}: {s}\n" for t, w, s in rows)


def _transcribe(rows: list[Row]) -> str:
    items = []
    for t, w, s in rows:
        for i, word in enumerate(s.split()):
            items.append(
                {
                    "type": "pronunciation",
                    "start_time": f"{t + i * 0.3:.2f}",
                    "speaker_label": "spk_0" if w.startswith("Dana") else "spk_1",
                    "alternatives": [{"confidence": "0.98", "content": word}],
                }
            )
    return json.dumps({"results": {"transcripts": [], "items": items}})


def _contact_lens(rows: list[Row]) -> str:
    turns = [
        {"ParticipantRole": "AGENT" if w.startswith("Dana") else "CUSTOMER",
         "BeginOffsetMillis": int(t * 1000), "Content": s}
        for t, w, s in rows
    ]  # fmt: skip
    return json.dumps({"Transcript": turns})


#: Each format's writer, and the agent's label in it (the roles in Contact Lens say it).
FORMATS: dict[str, tuple[Callable[[list[Row]], str], str | None]] = {
    "WebVTT": (_vtt, "Dana Smith"),
    "SRT": (_srt, "Dana Smith"),
    "CSV": (_csv, "Dana Smith"),
    "plain text": (_plain, "Dana Smith"),
    "Transcribe JSON": (_transcribe, "spk_0"),
    "Contact Lens JSON": (_contact_lens, None),
}


def spec_path(count: int) -> None:
    """The hot path: read_transcript on spec files, and the importers' check alone
    (the only code a spec file runs that it did not run before)."""
    paths = _calls()
    datas = [p.read_bytes() for p in paths]
    n = max(1, count // len(paths))
    t0 = time.perf_counter()
    for _ in range(n):
        for p in paths:
            read_transcript(p)
    whole = (time.perf_counter() - t0) / (n * len(paths))
    t0 = time.perf_counter()
    for _ in range(n * 20):
        for d in datas:
            head = d[:64].lstrip(_BLANK) or d.lstrip(_BLANK)  # as read_transcript does
            _ = head and not head.startswith(b"#")
    check = (time.perf_counter() - t0) / (n * 20 * len(datas))
    print(
        f"spec path: read_transcript {whole * 1e6:.0f} us a call, of which the importers' "
        f"check {check * 1e6:.2f} us ({check / whole:.2%}), over {n * len(paths):,} reads"
    )


def formats(count: int) -> None:
    calls = [read_transcript(p) for p in _calls()]
    calls = [c for c in calls if sum(1 for _ in c.speech()) >= 4]
    for name, (make, agent) in FORMATS.items():
        texts = [make(_rows(c)) for c in calls]
        read_text(texts[0], "warm", agent_speaker=agent)
        n = max(1, count // len(texts))
        t0 = time.perf_counter()
        for _ in range(n):
            for text in texts:
                read_text(text, "bench", agent_speaker=agent)
        per = (time.perf_counter() - t0) / (n * len(texts))
        kib = sum(len(t) for t in texts) / len(texts) / 1024
        print(f"{name:18s} {1 / per:8,.0f} calls/s ({per * 1e3:.2f} ms a call of {kib:.1f} KiB)")


def speaker_decisions() -> None:
    """How often what is said tells the agent from the caller (two unnamed speakers)."""
    from scoring.reader import TranscriptError

    right = wrong = refused = 0
    for c in (read_transcript(p) for p in _calls()):
        rows = [(t, "spk_0" if w.startswith("Dana") else "spk_1", s) for t, w, s in _rows(c)]
        if len({w for _, w, _ in rows}) < 2:
            continue
        try:
            t = read_text(_csv(rows), "decide")
        except TranscriptError:
            refused += 1
            continue
        first = next(t.speech())
        truth = next(ln for ln in c.speech()).speaker
        right, wrong = (right + 1, wrong) if first.speaker == truth else (right, wrong + 1)
    total = right + wrong + refused
    print(
        f"speakers from what is said: {right} of {total} calls right, {wrong} wrong, "
        f"{refused} refused (--agent-speaker needed)"
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--count", type=int, default=2000)
    args = ap.parse_args()
    spec_path(args.count)
    formats(args.count // 4)
    speaker_decisions()
    return 0


if __name__ == "__main__":
    sys.exit(main())
