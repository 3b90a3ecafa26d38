"""How long the engine takes from a trainee's move to the caller's reply (no speech).

Plays every shipped scenario's ideal path and a stream of random moves,
many times with different seeds, timing each `apply()`; prints p50, p99 and
max over all turns, and over speech turns alone (those that produce a caller
reply through the act recogniser). Aim: p99 under 5 ms.

Two clocks: wall time (what the trainee waits; on a busy machine it includes
time the OS gave other processes) and this thread's CPU time (what the
engine itself costs). The act recogniser caches lines it has seen; a trainee's
words are new each time, so by default every agent line gets a unique made-up
word appended (a cache miss, as in real play, while the caller's own stock
lines stay cached as they would); `--warm` replays lines unchanged (choice
mode).

    ./dev bench            or     .venv/bin/python benchmarks/bench_engine.py [--turns N]
"""

from __future__ import annotations

import argparse
import random
import statistics
import time

from simulator.autoplay import ideal_moves
from simulator.engine import CallEngine, HangUp, Move, Say, parse_move
from simulator.scenario import load_all

RANDOM_MOVES = [
    "Thank you for calling, this is Sam. May I have your name, please?",
    "I'm so sorry about that. I'll take care of it for you.",
    "May I place you on a brief hold while I check?",
    "Is there anything else I can help you with?",
    "Yep, they messed it up.",
    "/hold",
    "/wait 30",
    "/resume",
    "/lookup",
    "/note noted",
    "/ticket",
    "/email",
]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


Timings = dict[str, list[float]]


def unique_word(n: int) -> str:
    """A made-up word per move ("zqb", "zqc" ...): no act, but a new line for the cache."""
    letters = ""
    while True:
        n, r = divmod(n, 26)
        letters += "abcdefghijklmnopqrstuvwxyz"[r]
        if not n:
            return "zq" + letters


def run(turns: int, seed: int, cold: bool = True) -> Timings:
    scenarios, _ = load_all()
    rng = random.Random(seed)
    t: Timings = {"wall": [], "cpu": [], "wall_speech": [], "cpu_speech": []}
    call = 0
    while len(t["wall"]) < turns:
        scenario = scenarios[call % len(scenarios)]
        moves: list[Move] = ideal_moves(scenario)
        if call % 2:
            moves = [parse_move(rng.choice(RANDOM_MOVES)) for _ in range(40)]
        engine = CallEngine(scenario, seed=call)
        engine.start()
        for move in moves + [HangUp()]:
            if engine.finished:
                break
            if cold and isinstance(move, Say):
                move = Say(f"{move.text} {unique_word(len(t['wall']) + seed * 10**7)}")
            wall, cpu = time.perf_counter_ns(), time.thread_time_ns()
            engine.apply(move)
            cpu_ms = (time.thread_time_ns() - cpu) / 1e6
            wall_ms = (time.perf_counter_ns() - wall) / 1e6
            t["wall"].append(wall_ms)
            t["cpu"].append(cpu_ms)
            if isinstance(move, Say):
                t["wall_speech"].append(wall_ms)
                t["cpu_speech"].append(cpu_ms)
        call += 1
    return t


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--turns", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--warm", action="store_true", help="keep the recogniser's cache")
    args = parser.parse_args()
    run(500, args.seed)  # warm-up: imports, regex compilation, caches
    t = run(args.turns, args.seed, cold=not args.warm)
    cache = "warm (lines repeat)" if args.warm else "cold (every agent line new)"
    print(
        f"engine move -> reply, {len(t['wall']):,} turns ({len(t['wall_speech']):,} spoken), "
        f"recogniser cache {cache}"
    )
    for name, values in t.items():
        print(
            f"  {name:<12} p50 {percentile(values, 0.50):6.3f} ms   "
            f"p99 {percentile(values, 0.99):6.3f} ms   max {max(values):6.3f} ms   "
            f"mean {statistics.fmean(values):6.3f} ms"
        )
    p99 = percentile(t["wall"], 0.99)
    print(f"  target wall p99 < 5 ms: {'met' if p99 < 5 else 'NOT met'}")


if __name__ == "__main__":
    main()
