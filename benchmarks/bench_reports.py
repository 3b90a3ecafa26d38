"""Report speed on SQLite: a trainee report with 1,000 stored calls (goal < 2 s) and a team
report for 100 trainees and 10,000 calls (goal < 5 s); the plan alone, and the CSV export.

Fills a store with 10,000 completed calls over a year for 100 trainees of one team (one
trainee has 1,000 of them, the others ~91 each), each with a real scorecard's ~50 item
results (the spec's example calls, graded, with some passes turned to fails per call),
real scenario ids and difficulties, bulk-inserted in one transaction. Then, in process
(open the store, query, plan, draw the charts, render the page), median of 3 runs with wall
and CPU time, and once as a fresh `callsim report` process (start-up and imports included).
The scenario catalogue (which items each scenario practises) is timed cold (every ideal
path played) and warm (read from its cache), and the reports use it warm. The first trainee
report replays all 1,000 calls through the scheduler and keeps the cards (plan_cache); the
next ones resume from them.

    python benchmarks/bench_reports.py [--calls N] [--trainees T] [--heavy H]
"""

from __future__ import annotations

import argparse
import datetime as dt
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

EXAMPLES = ROOT.parent / "shared" / "spec" / "examples"
CALLSIM = str(Path(sys.executable).with_name("callsim"))
TEAM = "Nights"
HEAVY = "Trainee 000"


def cards() -> list[Any]:
    pack = load_policy("default")
    return [grade(read_transcript(p), pack) for p in sorted(EXAMPLES.glob("*.txt"))]


def fill(url: str, n_calls: int, n_trainees: int, heavy: int, scenarios: list[Any]) -> None:
    rng = random.Random(11)
    pool = cards()
    start = dt.datetime(2026, 1, 5, 9, 0, tzinfo=dt.UTC)
    store = open_store(url)
    people = [
        {"id": i + 1, "name": f"Trainee {i:03d}", "name_key": name_key(f"Trainee {i:03d}"),
         "team": TEAM, "created_at": start}
        for i in range(n_trainees)
    ]  # fmt: skip
    owners = [1] * heavy + [2 + i % (n_trainees - 1) for i in range(n_calls - heavy)]
    calls, items = [], []
    for c, owner in enumerate(owners, 1):
        card = rng.choice(pool)
        s = rng.choice(scenarios)
        results = []
        for r in card.results.values():
            result = r.result
            if result == "pass" and rng.random() < 0.08:
                result = "fail"
            results.append((r, result))
        failed = sorted(r.id for r, res in results if res == "fail")
        score = round(100.0 * (1 - len(failed) / max(1, len(results))), 1)
        when = start + dt.timedelta(minutes=int(525_600 * c / n_calls))
        calls.append(
            {"id": c, "uid": str(uuid.uuid4()), "trainee_id": owner, "kind": "roleplay",
             "scenario": s.id, "difficulty": s.difficulty, "policy": "default", "seed": c,
             "started_at": when, "duration_s": rng.uniform(120, 420),
             "transcript": f"/calls/{c}.txt", "outcome": "completed", "grader_score": score,
             "score": score, "pass_mark": 80.0, "passed": score >= 80 and not failed[:0],
             "failed_items": " ".join(failed), "host": "bench", "pid": 1, "graded_at": when}
        )  # fmt: skip
        items.extend(
            {"call_id": c, "item": r.id, "result": res, "reason": r.reason,
             "evidence": "[]", "weight": float(r.weight), "critical": bool(r.critical)}
            for r, res in results
        )  # fmt: skip
    with store.engine.begin() as conn:
        conn.execute(insert(schema.trainees), people)
        conn.execute(insert(schema.calls), calls)
        conn.execute(insert(schema.item_results), items)
    store.close()
    print(f"store: {n_calls:,} calls, {len(items):,} item rows, {n_trainees} trainees "
          f"({heavy:,} calls for {HEAVY})")  # fmt: skip


def timed(fn: Callable[[], object], n: int = 3) -> tuple[float, float]:
    """Median wall and CPU seconds of `n` runs."""
    walls, cpus = [], []
    for _ in range(n):
        w, c = time.perf_counter(), time.process_time()
        fn()
        walls.append(time.perf_counter() - w)
        cpus.append(time.process_time() - c)
    return statistics.median(walls), statistics.median(cpus)


def fresh(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds of a fresh `callsim` process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    w = time.perf_counter()
    subprocess.run([CALLSIM, *argv], check=True, stdout=subprocess.DEVNULL, env=env)
    wall = time.perf_counter() - w
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def line(what: str, wall: float, cpu: float, goal: float | None = None) -> None:
    verdict = "" if goal is None else ("  ok" if wall < goal else f"  OVER the {goal:g} s goal")
    print(f"{what:<58} {wall:6.2f} s wall {cpu:6.2f} s CPU{verdict}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--calls", type=int, default=10_000)
    ap.add_argument("--trainees", type=int, default=100)
    ap.add_argument("--heavy", type=int, default=1_000)
    args = ap.parse_args()

    from simulator.reports.build import team_report, trainee_report
    from simulator.training import practice
    from simulator.training.service import plan_for

    with tempfile.TemporaryDirectory() as tmp:
        cache = Path(tmp) / "practice-items.json"
        practice.cache_path = lambda: cache  # type: ignore[assignment]
        w, c = time.perf_counter(), time.process_time()
        scenarios = practice.catalogue()
        line("scenario catalogue, cold (every ideal path played)", time.perf_counter() - w,
             time.process_time() - c)  # fmt: skip
        line("scenario catalogue, warm (from its cache)", *timed(practice.catalogue))
        url = f"sqlite:///{Path(tmp) / 'records.sqlite'}"
        fill(url, args.calls, args.trainees, args.heavy, scenarios)
        now = dt.datetime(2027, 1, 6, tzinfo=dt.UTC)

        def trainee() -> None:
            with open_store(url) as store:
                trainee_report(store, HEAVY, now)

        def team() -> None:
            with open_store(url) as store:
                team_report(store, TEAM)

        def plan() -> None:
            with open_store(url) as store:
                plan_for(store, HEAVY, now, scenarios)

        line(f"trainee report, {args.heavy:,} calls, first (every call replayed)",
             *timed(trainee, 1), 2.0)  # fmt: skip
        line(f"trainee report, {args.heavy:,} calls (cards kept, in process)",
             *timed(trainee), 2.0)  # fmt: skip
        line(f"plan alone, {args.heavy:,} calls (cards kept)", *timed(plan))
        line(f"team report, {args.trainees} trainees, {args.calls:,} calls (in process)",
             *timed(team), 5.0)  # fmt: skip
        import matplotlib

        # the practice cache in the temp folder; matplotlib's font list where it was built
        env = {**os.environ, "XDG_CACHE_HOME": tmp, "MPLCONFIGDIR": matplotlib.get_cachedir()}
        (Path(tmp) / "callsim").mkdir(exist_ok=True)
        cache.replace(Path(tmp) / "callsim" / "practice-items.json")  # the warm cache
        out = str(Path(tmp) / "r.html")
        line("`callsim --help`, fresh process (start-up: every command module)",
             *fresh(["--help"], env))  # fmt: skip
        line("trainee report, fresh `callsim report` process",
             *fresh(["report", HEAVY, "--db", url, "--out", out], env))  # fmt: skip
        line("team report, fresh `callsim report --team` process",
             *fresh(["report", "--team", TEAM, "--db", url, "--out", out], env))  # fmt: skip
        csv_out = str(Path(tmp) / "c.csv")
        line(f"export csv, {args.calls:,} calls (fresh process)",
             *fresh(["export", "csv", "--db", url, "--out", csv_out], env))  # fmt: skip


if __name__ == "__main__":
    main()
