"""Frame time of the game window while a call runs, and start-up to the first frame.

Runs under SDL's dummy video and audio drivers (no screen needed), so the numbers measure
our layout and drawing, not a GPU. Aims: frame p99 under 16 ms (60 FPS), first frame under
1.5 s from a cold `python` start.

    python benchmarks/bench_window.py [--frames 600] [--size 1280x800] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

FIRST_FRAME = """
import time, os
t0 = float(os.environ["BENCH_T0"])
from simulator.window.app import WindowApp, WindowOptions
app = WindowApp(WindowOptions(transcript_dir={tmp!r}, sound=True))
app.draw()
first = time.time() - t0
app.load_scenarios()
app.draw()
print(first, time.time() - t0)
"""


def startup_s(tmp: str) -> tuple[float, float]:
    """Seconds from launching `python` to the first frame, and to the scenario list shown."""
    env = dict(os.environ, BENCH_T0=repr(time.time()))
    out = subprocess.run(
        [sys.executable, "-c", FIRST_FRAME.format(tmp=tmp)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    first, listed = out.stdout.strip().splitlines()[-1].split()
    return float(first), float(listed)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def frame_times(frames: int, size: tuple[int, int], tmp: str) -> dict[str, list[float]]:
    """Per-frame wall time of `pump()` (events, tick, layout, draw, flip) in each phase."""
    import pygame

    from simulator.window.actions import act
    from simulator.window.app import WindowApp, WindowOptions
    from simulator.window.screenshot import play_ideal_step

    sim = [0.0]
    app = WindowApp(WindowOptions(transcript_dir=tmp, size=size), clock=lambda: sim[0])
    phases: dict[str, list[float]] = {
        "start": [],
        "ringing": [],
        "live": [],
        "hold": [],
        "full_redraw": [],
    }

    def run(phase: str, n: int, between=None) -> None:  # type: ignore[no-untyped-def]
        for i in range(n):
            if between and i % 30 == 0:
                between()
            sim[0] += 1 / 60
            t = time.perf_counter()
            app.pump()
            phases[phase].append(time.perf_counter() - t)

    app.load_scenarios()
    run("start", frames // 4)
    app.do(act("start", scenario=app.scenarios[0].id))
    run("ringing", frames // 4)
    app.do(act("answer"))

    def step() -> None:
        if app.call is not None and not app.call.view().on_hold:
            play_ideal_step(app)

    run("live", frames // 4, between=step)
    if app.call is not None and not app.call.view().on_hold:
        app.do(act("hold"))
    run("hold", frames // 4)
    # The loop skips frames that would show nothing new; a full redraw is the worst case.
    for _ in range(frames // 4):
        sim[0] += 1 / 60
        t = time.perf_counter()
        app.screen.draw(app.surface, force=True)
        pygame.display.flip()
        phases["full_redraw"].append(time.perf_counter() - t)
    app.close()
    pygame.quit()
    return phases


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--frames", type=int, default=800)
    ap.add_argument("--size", default="1280x800")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    w, h = (int(n) for n in args.size.split("x"))
    with tempfile.TemporaryDirectory() as tmp:
        starts = [startup_s(tmp) for _ in range(5)]
        phases = frame_times(args.frames, (w, h), tmp)
    every = [t for k, ts in phases.items() if k != "full_redraw" for t in ts]
    full = phases["full_redraw"]
    result = {
        "startup_first_frame_s": round(statistics.median(s[0] for s in starts), 3),
        "startup_scenarios_listed_s": round(statistics.median(s[1] for s in starts), 3),
        "frame_p50_ms": round(percentile(every, 50) * 1000, 2),
        "frame_p99_ms": round(percentile(every, 99) * 1000, 2),
        "frame_max_ms": round(max(every) * 1000, 2),
        "full_redraw_p50_ms": round(percentile(full, 50) * 1000, 2),
        "full_redraw_p99_ms": round(percentile(full, 99) * 1000, 2),
        "by_phase_p99_ms": {k: round(percentile(v, 99) * 1000, 2) for k, v in phases.items() if v},
        "frames": len(every),
        "size": args.size,
    }
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(
        f"window: start-up to first frame {result['startup_first_frame_s']:.3f} s, to the "
        f"scenario list {result['startup_scenarios_listed_s']:.3f} s (median of 5; aim < 1.5 s)"
    )
    print(
        f"window: frame time p50 {result['frame_p50_ms']:.2f} ms, p99 "
        f"{result['frame_p99_ms']:.2f} ms, max {result['frame_max_ms']:.2f} ms over "
        f"{result['frames']} frames at {args.size} (aim p99 < 16 ms)"
    )
    print(
        f"window: full redraw of the call screen p50 {result['full_redraw_p50_ms']:.2f} ms, "
        f"p99 {result['full_redraw_p99_ms']:.2f} ms (what a frame costs when all changed)"
    )
    print(
        "window: p99 by phase "
        + ", ".join(f"{k} {v} ms" for k, v in result["by_phase_p99_ms"].items())
    )


if __name__ == "__main__":
    main()
