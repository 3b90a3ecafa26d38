"""Report speed on SQLite: a trainee report with 1,000 stored calls (goal < 2 s) and a team
report for 100 trainees and 10,000 calls (goal < 5 s); the plan alone, and the CSV export.

Fills a store with 10,000 completed calls over a year for 100 trainees of one team (one
trainee has 1,000 of them, the others ~91 each), each with a real scorecard's ~50 item
results (the spec's example calls, graded, with some passes turned to fails per call),
real scenario ids and difficulties, bulk-inserted in one transaction (`--store FILE` keeps
that store to start from next time; each run works on a copy).

In process (open the store, query, plan, draw the charts, render the page): median of 3
runs, wall and CPU time, the charts drawn every time. Then as a user meets it, fresh
`callsim report` processes (start-up and imports included), median of `--runs` (3), wall
and CPU time, callsim's own and its chart helper's (a second process drawing in parallel):
- the first trainee report ever: every call replayed through the scheduler, every chart drawn;
- the usual one, a call recorded since the last report: the scheduler's cards resume from the
  store (plan_cache), the charts show new data and are drawn;
- nothing recorded since: the charts come from the chart cache, matplotlib is not imported.
The scenario catalogue (which items each scenario practises) is timed cold (every ideal path
played) and warm (read from its cache); the reports use it warm. `--compare DIR` runs every
fresh process from that source tree too (e.g. a `git worktree` of an older commit), one
after the other, with its own caches, for an old-against-new figure on a busy machine.

    python benchmarks/bench_reports.py [--calls N] [--trainees T] [--heavy H]
        [--store FILE] [--compare DIR] [--runs N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import shutil
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

from sqlalchemy import delete, func, insert, select  # noqa: E402

from scoring.grader import grade  # noqa: E402
from scoring.policy import load_policy  # noqa: E402
from scoring.reader import read_transcript  # noqa: E402
from simulator.records import open_store, schema  # noqa: E402
from simulator.records.names import name_key  # noqa: E402

EXAMPLES = Path(
    os.environ.get("CALLSIM_SPEC_EXAMPLES", ROOT.parent / "shared" / "spec" / "examples")
)
TEAM = "Nights"
HEAVY = "Trainee 000"


def cards() -> list[Any]:
    pack = load_policy("default")
    found = [grade(read_transcript(p), pack) for p in sorted(EXAMPLES.glob("*.txt"))]
    if not found:
        sys.exit(f"bench_reports: no example calls in {EXAMPLES} (set CALLSIM_SPEC_EXAMPLES)")
    return found


def one_call(
    c: int, owner: int, when: dt.datetime, rng: random.Random, pool: list[Any], scenarios: list[Any]
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Call number `c` of trainee `owner` and its item rows."""
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
    call = {
        "id": c, "uid": str(uuid.uuid4()), "trainee_id": owner, "kind": "roleplay",
        "scenario": s.id, "difficulty": s.difficulty, "policy": "default", "seed": c,
        "started_at": when, "duration_s": rng.uniform(120, 420),
        "transcript": f"/calls/{c}.txt", "outcome": "completed", "grader_score": score,
        "score": score, "pass_mark": 80.0, "passed": score >= 80 and not failed[:0],
        "failed_items": " ".join(failed), "host": "bench", "pid": 1, "graded_at": when,
    }  # fmt: skip
    items = [
        {"call_id": c, "item": r.id, "result": res, "reason": r.reason,
         "evidence": "[]", "weight": float(r.weight), "critical": bool(r.critical)}
        for r, res in results
    ]  # fmt: skip
    return call, items


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
        when = start + dt.timedelta(minutes=int(525_600 * c / n_calls))
        call, rows = one_call(c, owner, when, rng, pool, scenarios)
        calls.append(call)
        items.extend(rows)
    with store.engine.begin() as conn:
        conn.execute(insert(schema.trainees), people)
        conn.execute(insert(schema.calls), calls)
        conn.execute(insert(schema.item_results), items)
    store.close()
    print(f"store: {n_calls:,} calls, {len(items):,} item rows, {n_trainees} trainees "
          f"({heavy:,} calls for {HEAVY})")  # fmt: skip


def record_one(url: str, scenarios: list[Any], pool: list[Any], seed: int) -> None:
    """One more call of the heavy trainee's, after the last one (a call since the last report)."""
    with open_store(url) as store, store.engine.begin() as conn:
        c = int(conn.execute(select(func.max(schema.calls.c.id))).scalar() or 0) + 1
        last = conn.execute(
            select(func.max(schema.calls.c.started_at)).where(schema.calls.c.trainee_id == 1)
        ).scalar()
        when = (last or dt.datetime(2026, 1, 5)).replace(tzinfo=dt.UTC) + dt.timedelta(hours=1)
        call, rows = one_call(c, 1, when, random.Random(seed), pool, scenarios)
        conn.execute(insert(schema.calls), [call])
        conn.execute(insert(schema.item_results), rows)


def forget_cards(url: str) -> None:
    """As if no plan or report had ever been made: the scheduler replays every call."""
    with open_store(url) as store, store.engine.begin() as conn:
        conn.execute(delete(schema.plan_cache))


def timed(fn: Callable[[], object], n: int = 3) -> tuple[float, float]:
    """Median wall and CPU seconds of `n` runs."""
    walls, cpus = [], []
    for _ in range(n):
        w, c = time.perf_counter(), time.process_time()
        fn()
        walls.append(time.perf_counter() - w)
        cpus.append(time.process_time() - c)
    return statistics.median(walls), statistics.median(cpus)


BOOT = """\
import resource, sys
sys.path.insert(0, {tree!r})
from simulator.cli import main
try:
    sys.exit(main())
finally:
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(me.ru_utime + me.ru_stime, kids.ru_utime + kids.ru_stime, file=sys.stderr)
"""


def fresh(argv: list[str], env: dict[str, str], tree: Path = ROOT) -> tuple[float, ...]:
    """Wall and CPU seconds of a fresh `callsim` process running `tree`'s source (as the
    installed `callsim` script runs this tree's): in all, its own, its helpers'."""
    cmd = [sys.executable, "-c", BOOT.format(tree=str(tree)), *argv]
    w = time.perf_counter()
    done = subprocess.run(
        cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env,
        cwd=tree,
    )  # fmt: skip
    wall = time.perf_counter() - w
    own, helpers = map(float, done.stderr.split()[-2:])
    return wall, own + helpers, own, helpers


def median_of(runs: list[tuple[float, ...]]) -> tuple[float, ...]:
    return tuple(statistics.median(r[i] for r in runs) for i in range(len(runs[0])))


def line(
    what: str,
    wall: float,
    cpu: float,
    goal: float | None = None,
    own: float | None = None,
    helpers: float | None = None,
) -> None:
    verdict = "" if goal is None else ("  ok" if wall < goal else f"  OVER the {goal:g} s goal")
    split = "" if not helpers or own is None else f" ({own:.2f} callsim + {helpers:.2f} helper)"
    print(f"{what:<58} {wall:6.2f} s wall {cpu:6.2f} s CPU{split}{verdict}")


def shown(what: str, run: tuple[float, ...], goal: float | None = None) -> None:
    """A fresh process's line: wall, CPU in all, and callsim's and its helper's shares."""
    wall, cpu, own, helpers = run
    line(what, wall, cpu, goal, own, helpers)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--calls", type=int, default=10_000)
    ap.add_argument("--trainees", type=int, default=100)
    ap.add_argument("--heavy", type=int, default=1_000)
    ap.add_argument("--store", type=Path, help="start from this filled store (filled if missing)")
    ap.add_argument("--compare", type=Path, metavar="DIR", help="also run this source tree")
    ap.add_argument("--runs", type=int, default=3, help="fresh reports of each kind (median)")
    args = ap.parse_args()

    from simulator.reports import chart_cache
    from simulator.reports.build import team_report, trainee_report
    from simulator.training import practice
    from simulator.training.service import plan_for

    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        cache = tmp / "practice-items.json"
        practice.cache_path = lambda: cache
        runs = iter(range(1_000_000))  # in process: a new, empty chart folder every report
        chart_cache.cache_dir = lambda: tmp / "charts" / str(next(runs))
        w, c = time.perf_counter(), time.process_time()
        scenarios = practice.catalogue()
        line("scenario catalogue, cold (every ideal path played)", time.perf_counter() - w,
             time.process_time() - c)  # fmt: skip
        line("scenario catalogue, warm (from its cache)", *timed(practice.catalogue))
        url = f"sqlite:///{tmp / 'records.sqlite'}"
        if args.store is not None and args.store.exists():
            shutil.copy(args.store, tmp / "records.sqlite")
            print(f"store: a copy of {args.store}")
        else:
            fill(url, args.calls, args.trainees, args.heavy, scenarios)
            if args.store is not None:
                shutil.copy(tmp / "records.sqlite", args.store)
        forget_cards(url)
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
        line(f"trainee report, {args.heavy:,} calls (cards kept, charts drawn)",
             *timed(trainee), 2.0)  # fmt: skip
        line(f"plan alone, {args.heavy:,} calls (cards kept)", *timed(plan))
        line(f"team report, {args.trainees} trainees, {args.calls:,} calls (in process)",
             *timed(team), 5.0)  # fmt: skip
        as_a_user(args, tmp, url, cache, scenarios)


def as_a_user(args: argparse.Namespace, tmp: Path, url: str, cache: Path, scenarios: Any) -> None:
    """Fresh `callsim` processes, each tree with its own cache folder (practice catalogue,
    charts) and a warm-up report first; runs of the trees alternate."""
    import matplotlib

    trees = {"this tree": ROOT}
    if args.compare is not None:
        trees[f"{args.compare}"] = args.compare.resolve()
    out = str(tmp / "r.html")
    envs = {}
    for n, label in enumerate(trees):
        xdg = tmp / f"xdg{n}"
        (xdg / "callsim").mkdir(parents=True)
        shutil.copy(cache, xdg / "callsim" / "practice-items.json")  # played again if stale
        # matplotlib's font list where it was built
        envs[label] = {**os.environ, "XDG_CACHE_HOME": str(xdg),
                       "MPLCONFIGDIR": matplotlib.get_cachedir()}  # fmt: skip
    report = ["report", HEAVY, "--db", url, "--out", out]
    for label, tree in trees.items():
        fresh(report, envs[label], tree)  # warm-up: caches filled
    pool = cards()
    cases: list[tuple[str, Callable[[str], None]]] = [
        ("first ever (every call replayed and drawn)", lambda label: _forget(url, envs[label])),
        ("a call recorded since the last (charts drawn)",
         lambda label: record_one(url, scenarios, pool, len(label) + time.perf_counter_ns())),
        ("nothing recorded since (charts kept)", lambda label: None),
    ]  # fmt: skip
    for what, before in cases:
        results: dict[str, list[tuple[float, ...]]] = {label: [] for label in trees}
        for _ in range(args.runs):
            for label, tree in trees.items():
                before(label)
                results[label].append(fresh(report, envs[label], tree))
        for label in trees:
            shown(f"trainee report, fresh process, {what}" + _of(label, trees),
                  median_of(results[label]), 2.0)  # fmt: skip
    for label, tree in trees.items():
        env = envs[label]
        shown("`callsim --help`, fresh process" + _of(label, trees), fresh(["--help"], env, tree))
        team = ["report", "--team", TEAM, "--db", url, "--out", out]
        shown("team report, fresh `callsim report --team` process" + _of(label, trees),
              fresh(team, env, tree), 5.0)  # fmt: skip
        csv_out = str(tmp / "c.csv")
        shown(f"export csv, {args.calls:,} calls (fresh process)" + _of(label, trees),
              fresh(["export", "csv", "--db", url, "--out", csv_out], env, tree))  # fmt: skip


def _forget(url: str, env: dict[str, str]) -> None:
    forget_cards(url)
    shutil.rmtree(Path(env["XDG_CACHE_HOME"]) / "callsim" / "charts", ignore_errors=True)


def _of(label: str, trees: dict[str, Path]) -> str:
    return f" [{label}]" if len(trees) > 1 else ""


if __name__ == "__main__":
    main()
