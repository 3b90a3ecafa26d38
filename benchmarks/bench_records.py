"""Records store speed on SQLite: recording a finished call; `history` and `trainees` answering.

Fills a store with N calls (default 10,000) for T trainees (default 100),
each with a real scorecard's ~50 item results (the spec's example calls,
graded, with results varied per call), bulk-inserted in one transaction.
Then, on that full store:

- recording a finished call: `finish_call` (the call's row, its item rows,
  one transaction: what the session pays when a call ends), and
  `record_graded` (a whole real call in one transaction), median and p95;
- `callsim history TRAINEE`, `callsim history` (newest 50) and
  `callsim trainees`, run in this process (open, migrate check, query,
  render to a throwaway console), median of 5;
- the same commands as fresh `callsim` processes (Python start-up and every
  command module's import included), median of 3; wall and CPU times both,
  since on a shared, loaded machine the wall time is mostly waiting.

    python benchmarks/bench_records.py [--calls N] [--trainees T]
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import io
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import insert  # noqa: E402

from scoring.grader import grade  # noqa: E402
from scoring.policy import load_policy  # noqa: E402
from scoring.reader import read_transcript  # noqa: E402
from simulator.records import open_store, schema  # noqa: E402
from simulator.records.names import name_key  # noqa: E402
from simulator.records.store import CallStart, Grading  # noqa: E402

EXAMPLES = ROOT.parent / "shared" / "spec" / "examples"
CALLSIM = str(Path(sys.executable).with_name("callsim"))


def cards() -> list[Any]:
    pack = load_policy("default")
    return [grade(read_transcript(p), pack) for p in sorted(EXAMPLES.glob("*.txt"))]


def fill(url: str, n_calls: int, n_trainees: int, pool: list[Any]) -> None:
    rng = random.Random(7)
    now = dt.datetime.now(dt.UTC)
    store = open_store(url)
    trainees = [
        {"id": i + 1, "name": f"Trainee {i:03d}", "name_key": name_key(f"Trainee {i:03d}"),
         "team": f"Team {i % 7}", "created_at": now}
        for i in range(n_trainees)
    ]  # fmt: skip
    calls, items = [], []
    for c in range(1, n_calls + 1):
        card = rng.choice(pool)
        score = round(rng.uniform(40, 100), 1)
        calls.append(
            {"id": c, "uid": str(uuid.uuid4()), "trainee_id": rng.randint(1, n_trainees),
             "kind": "roleplay", "scenario": f"scenario-{c % 15}", "policy": "default",
             "seed": c, "started_at": now - dt.timedelta(minutes=n_calls - c),
             "duration_s": 180.0, "transcript": f"/calls/{c}.txt", "outcome": "completed",
             "grader_score": score, "score": score, "pass_mark": 80.0, "passed": score >= 80,
             "host": "bench", "pid": 1, "graded_at": now}
        )  # fmt: skip
        failed = []
        for r in card.results.values():
            flip = rng.random() < 0.1
            result = ("fail" if r.result == "pass" else "pass") if flip else r.result
            if result == "fail":
                failed.append(r.id)
            items.append(
                {"call_id": c, "item": r.id, "result": result, "reason": r.reason,
                 "evidence": "[]", "weight": r.weight, "critical": r.critical}
            )  # fmt: skip
        calls[-1]["failed_items"] = " ".join(sorted(failed))
    with store.engine.begin() as conn:
        conn.execute(insert(schema.trainees), trainees)
        conn.execute(insert(schema.calls), calls)
        conn.execute(insert(schema.item_results), items)
    store.close()


def timed(fn: Callable[[], object], n: int, clock: Callable[[], float] = time.perf_counter
          ) -> list[float]:  # fmt: skip
    out = []
    for _ in range(n):
        t0 = clock()
        fn()
        out.append((clock() - t0) * 1000)
    return out


def p95(xs: list[float]) -> float:
    return sorted(xs)[max(0, int(len(xs) * 0.95) - 1)]


def bench_recording(url: str, card: Any) -> None:
    store = open_store(url)
    ids = [store.start_call(CallStart("Trainee 001", "/calls/x.txt", "default")) for _ in range(50)]
    it = iter(ids)
    finish = timed(lambda: store.finish_call(next(it), Grading("completed", 90.0, card, 80.0)), 50)
    start = CallStart("Trainee 002", "/calls/y.txt", "default", kind="real")
    whole = timed(lambda: store.record_graded(start, Grading("completed", 90.0, card, 80.0)), 50)
    store.close()
    print(f"finish a call (row + {len(card.results)} item rows, one transaction): "
          f"median {statistics.median(finish):.1f} ms, p95 {p95(finish):.1f} ms")  # fmt: skip
    print(f"record a graded real call (one transaction): median "
          f"{statistics.median(whole):.1f} ms, p95 {p95(whole):.1f} ms")  # fmt: skip


def in_process(argv: list[str]) -> tuple[float, float]:
    from simulator.cli import main

    def run() -> None:
        with contextlib.redirect_stdout(io.StringIO()):
            assert main(argv) == 0

    run()  # warm: imports
    wall = statistics.median(timed(run, 5))
    return wall, statistics.median(timed(run, 5, time.process_time))


def fresh(argv: list[str]) -> tuple[float, float]:
    """Median wall time of a fresh `callsim` process, and its CPU time (user + system)."""
    walls, cpus = [], []
    for _ in range(3):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        subprocess.run([CALLSIM, *argv], check=True, capture_output=True)
        walls.append((time.perf_counter() - t0) * 1000)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(1000 * (after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime))
    return statistics.median(walls), statistics.median(cpus)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--calls", type=int, default=10_000)
    ap.add_argument("--trainees", type=int, default=100)
    a = ap.parse_args()
    pool = cards()
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{os.path.join(tmp, 'records.sqlite')}"
        t0 = time.perf_counter()
        fill(url, a.calls, a.trainees, pool)
        size = os.path.getsize(os.path.join(tmp, "records.sqlite")) / 1e6
        print(f"store: {a.calls:,} calls, {a.trainees} trainees, "
              f"{a.calls * len(pool[0].results):,} item rows, {size:.0f} MB "
              f"(filled in {time.perf_counter() - t0:.1f} s)")  # fmt: skip
        bench_recording(url, pool[0])
        for argv in (["history", "Trainee 042"], ["history"], ["trainees"]):
            cmd = [*argv, "--db", url]
            (w, c), (fw, fc) = in_process(cmd), fresh(cmd)
            print(f"callsim {' '.join(argv)}: in process {w:.0f} ms wall / {c:.0f} ms CPU; "
                  f"fresh process {fw:.0f} ms wall / {fc:.0f} ms CPU (medians)")  # fmt: skip
        help_wall, help_cpu = fresh(["--help"])
        print(f"(callsim --help, for scale: {help_wall:.0f} ms wall / {help_cpu:.0f} ms CPU; "
              f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")  # fmt: skip


if __name__ == "__main__":
    main()
