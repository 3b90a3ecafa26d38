"""Importers against file size: CPU time per byte should stay flat as a call grows.

Each format (WebVTT, SRT, CSV, plain text, Contact Lens JSON, Windows CP1252 and BOM-less
UTF-16 text) is written at 1,000, 4,000 and 16,000 turns (up to ~1.4 MB, under the 4 MiB
cap) and read to a Transcript in this process; the figure is CPU time (process_time, not
wall clock: the machine is shared) per byte, the best of `--repeat` runs. A format whose
us/B grows with size is quadratic somewhere. Also timed: hostile lines (50 KB of "(",
"a" * n + "!", 'a:' repeated, 'Ab Cd Ef Gh' label look-alikes) that regular expressions
can backtrack on.

    python benchmarks/bench_import_scaling.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scoring.reader import TranscriptError, read_transcript  # noqa: E402

WORDS = "okay so I need to check the order number please hold on one moment thank you".split()


def _said(i: int) -> str:
    return " ".join(WORDS[(i * 7 + k) % len(WORDS)] for k in range(8)) + f" {i}."


def _who(i: int) -> str:
    return "Agent" if i % 2 else "Customer"


def _clock(i: int) -> str:
    return f"{i // 3600:02d}:{i // 60 % 60:02d}:{i % 60:02d}"


def vtt(n: int) -> bytes:
    cues = (f"{_clock(i)}.000 --> {_clock(i)}.500\n<v {_who(i)}>{_said(i)}</v>\n" for i in range(n))
    return ("WEBVTT\n\n" + "\n".join(cues)).encode()


def srt(n: int) -> bytes:
    return "".join(
        f"{i + 1}\n{_clock(i)},000 --> {_clock(i)},500\n{_who(i)}: {_said(i)}\n\n" for i in range(n)
    ).encode()


def csv(n: int) -> bytes:
    rows = (f'{i},{_who(i)},"{_said(i)}"\n' for i in range(n))
    return ("start,speaker,text\n" + "".join(rows)).encode()


def plain(n: int) -> bytes:
    return "".join(f"[{_clock(i)}] {_who(i)}: {_said(i)}\n" for i in range(n)).encode()


def cp1252(n: int) -> bytes:
    return "".join(f"[{_clock(i)}] {_who(i)}: I’m {_said(i)}\r\n" for i in range(n)).encode(
        "cp1252"
    )


def utf16(n: int) -> bytes:
    return csv(n).decode().encode("utf-16-le")  # no byte order mark


def contact_lens(n: int) -> bytes:
    turns = [
        {
            "ParticipantId": "A" if i % 2 else "C",
            "Content": _said(i),
            "BeginOffsetMillis": i * 1000,
            "EndOffsetMillis": i * 1000 + 500,
        }
        for i in range(n)
    ]
    parts = [
        {"ParticipantId": "A", "ParticipantRole": "AGENT"},
        {"ParticipantId": "C", "ParticipantRole": "CUSTOMER"},
    ]
    return json.dumps({"Participants": parts, "Transcript": turns}).encode()


def _hostile(line: Callable[[int], str]) -> Callable[[int], bytes]:
    """Plain text whose agent turns are one hostile line of ~n bytes in 19 KB pieces."""

    def build(n: int) -> bytes:
        size = n * 60
        body = "".join(f"Agent: {line(19_000)}\n" for _ in range(max(1, size // 19_000)))
        return ("Agent: hello\nCustomer: hi\n" + body).encode()

    return build


FORMATS: dict[str, Callable[[int], bytes]] = {
    "WebVTT": vtt,
    "SRT": srt,
    "CSV": csv,
    "plain text": plain,
    "CP1252 text": cp1252,
    "UTF-16 CSV, no BOM": utf16,
    "Contact Lens JSON": contact_lens,
    "plain: '(' x n": _hostile(lambda n: "(" * n),
    "plain: 'a' x n + '!'": _hostile(lambda n: "a" * n + "!"),
    "plain: 'a:' x n": _hostile(lambda n: "a:" * (n // 2)),
    "plain: 'Ab Cd Ef Gh' x n": _hostile(lambda n: "Ab Cd Ef Gh " * (n // 12)),
}
SIZES = (1_000, 4_000, 16_000)


def _cpu(path: Path, repeat: int) -> tuple[float, str]:
    best, outcome = float("inf"), ""
    for _ in range(repeat):
        t0 = time.process_time()
        try:
            outcome = f"{len(read_transcript(path).lines):,} lines"
        except TranscriptError as exc:
            outcome = f"refused: {exc.message[:40]}"
        best = min(best, time.process_time() - t0)
    return best, outcome


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    print(f"{'format':26s} " + " ".join(f"{f'{n:,} turns':>24s}" for n in SIZES) + "  growth")
    with tempfile.TemporaryDirectory() as tmp:
        for name, build in FORMATS.items():
            cells, per_byte = [], []
            for n in SIZES:
                data = build(n)
                path = Path(tmp) / f"call-{n}"
                path.write_bytes(data)
                cpu, outcome = _cpu(path, args.repeat)
                per_byte.append(cpu / len(data) * 1e6)
                cells.append(f"{len(data) / 1024:7.0f} KB {cpu:5.2f} s {per_byte[-1]:4.2f}")
                if outcome.startswith("refused"):
                    cells[-1] += "!"
            growth = per_byte[-1] / per_byte[0] if per_byte[0] else float("nan")
            print(f"{name:26s} " + " ".join(f"{c:>24s}" for c in cells) + f"  x{growth:.2f}")
    print("(each cell: size, CPU seconds, us per byte; '!' = refused; growth = us/B at the")
    print(" largest size over the smallest: ~1 is linear, ~16 would be quadratic)")


if __name__ == "__main__":
    main()
