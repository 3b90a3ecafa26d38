"""`callsim transcribe` start-up: a clip recognised with an empty model cache, then again.

Each run is a fresh process (what a user waits for), its model cache in a
temporary folder ($CALLSIM_CACHE_DIR): run 1 builds the language model and
dictionary and stores them, runs 2.. find them. Reports wall and CPU seconds
per run, and the stages of one in-process run (cache warm): command-line
start (all sub-commands' imports), reading the clip, the recogniser, decoding,
the grader's act recogniser. The clip is an eSpeak line (5 s by default).

    .venv/bin/python benchmarks/bench_transcribe_startup.py [--runs 3] [--seconds 5]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

LINES = [
    "Thank you for calling Advantus, this is Dana, how can I help you today?",
    "May I place you on a brief hold while I check your order?",
    "Thank you so much for holding, I appreciate your patience.",
]


def make_clip(path: Path, seconds: float) -> float:
    from simulator.voice.audio import Audio
    from simulator.voice.profile import VoiceProfile
    from simulator.voice.tts import EspeakSynthesizer

    synth = EspeakSynthesizer()
    pcm, rate, n = b"", 22050, 0
    while len(pcm) / 2 / rate < seconds:
        audio = synth.synthesize(LINES[n % len(LINES)], VoiceProfile(variant="m3"))
        pcm, rate, n = pcm + audio.pcm + b"\0\0" * (rate // 3), audio.rate, n + 1
    pcm = pcm[: int(seconds * rate) * 2]
    Audio(pcm, rate).write_wav(path)
    return len(pcm) / 2 / rate


def timed_run(clip: Path, env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU (user + sys) seconds of one `callsim transcribe` process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "simulator.cli", "transcribe", str(clip)],
        env=env,
        check=True,
        capture_output=True,
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


STAGES = """
import sys, time
t = [time.perf_counter()]
from simulator.cli import build_parser
build_parser(only="transcribe"); t.append(time.perf_counter())
from simulator.voice.audio import read_wav
audio = read_wav(sys.argv[1]); t.append(time.perf_counter())
from simulator.listen.recogniser import build_domain_recogniser
rec = build_domain_recogniser(); rec.whole_first_turn = True; t.append(time.perf_counter())
from simulator.listen import listeners
acts_of, listeners.acts_of = listeners.acts_of, lambda text: frozenset()
turns = list(listeners.WavFileListener(audio, rec)); t.append(time.perf_counter())
for turn in turns:
    acts_of(turn.text)
t.append(time.perf_counter())
names = ["command line", "read clip", "recogniser", "decode", "acts"]
print(" ".join(f"{n}={b - a:.3f}" for n, a, b in zip(names, t, t[1:])))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs after the first (default 3)")
    parser.add_argument("--seconds", type=float, default=5.0, help="clip length (default 5)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="callsim-bench-") as tmp:
        clip = Path(tmp) / "clip.wav"
        length = make_clip(clip, args.seconds)
        env = dict(os.environ, CALLSIM_CACHE_DIR=str(Path(tmp) / "cache"))
        cold = timed_run(clip, env)
        warm = [timed_run(clip, env) for _ in range(args.runs)]
        stages = subprocess.run(
            [sys.executable, "-c", STAGES, str(clip)],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
    print(f"clip {length:.1f} s; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    print(f"first run (builds the model):  wall {cold[0]:.2f} s, cpu {cold[1]:.2f} s")
    walls, cpus = [w for w, _ in warm], [c for _, c in warm]
    print(
        f"repeat runs (cache), median of {len(warm)}: wall {statistics.median(walls):.2f} s "
        f"(min {min(walls):.2f}), cpu {statistics.median(cpus):.2f} s (min {min(cpus):.2f})"
    )
    print(f"stages of a repeat, seconds: {stages}")


if __name__ == "__main__":
    main()
