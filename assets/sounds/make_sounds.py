"""Generate the window's sounds with the standard library (no samples, no licences to track).

Run `python assets/sounds/make_sounds.py` to rebuild the WAV files beside this script.
The output is deterministic (no randomness), so a rebuild gives byte-identical files and
the sounds are covered by the project's own licence (MIT).

- ring.wav:     one ring cycle of a desk phone (440 + 480 Hz, two bursts, then silence);
                the window loops it and counts one ring per cycle.
- hold.wav:     a calm eight-second loop of soft electric-piano chords for hold music.
- transfer.wav: the click of the line switching, then a short two-note chirp.
- hangup.wav:   the disconnect click and three falling tones.
"""

from __future__ import annotations

import math
import wave
from array import array
from collections.abc import Callable, Iterable
from pathlib import Path

RATE = 22050
HERE = Path(__file__).resolve().parent

Samples = list[float]


def silence(seconds: float) -> Samples:
    return [0.0] * int(seconds * RATE)


def tone(
    freqs: Iterable[float], seconds: float, volume: float = 0.3, fade: float = 0.01
) -> Samples:
    """A sum of sine waves with short linear fades so that no edge clicks."""
    freqs = list(freqs)
    n = int(seconds * RATE)
    fade_n = max(1, int(fade * RATE))
    out: Samples = []
    for i in range(n):
        t = i / RATE
        v = sum(math.sin(2 * math.pi * f * t) for f in freqs) / len(freqs)
        env = min(1.0, i / fade_n, (n - 1 - i) / fade_n)
        out.append(v * volume * env)
    return out


def pluck(freq: float, seconds: float, volume: float = 0.2) -> Samples:
    """A soft electric-piano note: a fundamental and two overtones under an exponential decay."""
    n = int(seconds * RATE)
    out: Samples = []
    for i in range(n):
        t = i / RATE
        env = math.exp(-3.0 * t) * min(1.0, i / (0.005 * RATE))
        v = (
            math.sin(2 * math.pi * freq * t)
            + 0.35 * math.sin(2 * math.pi * 2 * freq * t)
            + 0.1 * math.sin(2 * math.pi * 3 * freq * t)
        )
        out.append(v * env * volume / 1.45)
    return out


def click(volume: float = 0.6) -> Samples:
    """A short deterministic click: a decaying 1.8 kHz burst of a few milliseconds."""
    n = int(0.012 * RATE)
    return [volume * math.exp(-i / (0.002 * RATE)) * math.sin(i * 0.51) for i in range(n)]


def mix_at(base: Samples, part: Samples, at: float) -> None:
    start = int(at * RATE)
    if len(base) < start + len(part):
        base.extend([0.0] * (start + len(part) - len(base)))
    for i, v in enumerate(part):
        base[start + i] += v


def ring() -> Samples:
    burst = tone([440, 480], 0.4, volume=0.35)
    return burst + silence(0.2) + burst + silence(2.0)


def hold_music() -> Samples:
    """Four bars of I-vi-IV-V in C, arpeggiated; the loop point falls on a bar line."""
    note = {
        "C3": 130.81,
        "A2": 110.0,
        "F2": 87.31,
        "G2": 98.0,
        "C4": 261.63,
        "E4": 329.63,
        "G4": 392.0,
        "A4": 440.0,
        "F4": 349.23,
        "B4": 493.88,
        "D4": 293.66,
        "C5": 523.25,
    }
    chords = [
        ("C3", ["C4", "E4", "G4", "E4"]),
        ("A2", ["C4", "E4", "A4", "E4"]),
        ("F2", ["C4", "F4", "A4", "F4"]),
        ("G2", ["D4", "G4", "B4", "G4"]),
    ]
    bar = 2.0
    out = silence(bar * len(chords))
    for b, (bass, arp) in enumerate(chords):
        mix_at(out, pluck(note[bass], bar, volume=0.18), b * bar)
        for k, name in enumerate(arp):
            mix_at(out, pluck(note[name], 0.9, volume=0.12), b * bar + k * bar / 4)
    return out[: int(bar * len(chords) * RATE)]


def transfer() -> Samples:
    return (
        click() + silence(0.08) + tone([880], 0.09, 0.25) + silence(0.03) + tone([1320], 0.12, 0.25)
    )


def hangup() -> Samples:
    out = click() + silence(0.15)
    for f in (620, 480, 360):
        out += tone([f], 0.16, 0.3) + silence(0.06)
    return out


def write_wav(path: Path, samples: Samples) -> None:
    peak = max(1e-9, max(abs(v) for v in samples))
    scale = min(1.0, 0.9 / peak) * 32767
    data = array("h", (int(max(-1.0, min(1.0, v)) * scale) for v in samples))
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(data.tobytes())


SOUNDS: dict[str, Callable[[], Samples]] = {
    "ring": ring,
    "hold": hold_music,
    "transfer": transfer,
    "hangup": hangup,
}


def main() -> None:
    for name, make in SOUNDS.items():
        path = HERE / f"{name}.wav"
        write_wav(path, make())
        print(f"wrote {path.name}")


if __name__ == "__main__":
    main()
