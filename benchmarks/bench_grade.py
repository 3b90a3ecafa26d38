"""Grading throughput: transcripts graded per second over a folder, and peak memory.

Builds a folder of N real-length calls (default 10,000: a contact centre's
day) from the hand-graded calls in tests/scoring/calls, each copy varied
(names, brand, ids, times) so the recogniser's cache cannot just replay
lines, then grades it with 1 worker in this process (calls/s), and runs
`callsim grade --json DIR` itself on all cores, in a fresh process, start-up and
output included (the wall time a QA lead sees). Prints calls/s, wall time and
peak RSS.

    python benchmarks/bench_grade.py [--count N] [--jobs J]
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scoring.batch import grade_files_json  # noqa: E402
from scoring.reader import expand_paths  # noqa: E402

FIRST = ["Ana", "Ben", "Chloe", "Dev", "Erin", "Femi", "Gus", "Hana", "Ivan", "Jo", "Kai", "Lena"]
LAST = ["Moreno", "Nakamura", "Okafor", "Petrov", "Quinn", "Rossi", "Singh", "Tanaka", "Usman"]
BRANDS = ["Harbor Bank", "Nimbus Telecom", "Fernwood Supply", "Atlas Insurance", "Kestrel Air"]


def _tag(n: int) -> str:
    """n as letters: 0 -> "baa", 1 -> "bab" ... (three letters or more, always distinct)."""
    n += 26 * 26
    out = ""
    while n:
        n, r = divmod(n, 26)
        out = chr(97 + r) + out
    return out


def build_corpus(folder: Path, count: int, seed: int = 7) -> list[Path]:
    rng = random.Random(seed)
    sources = sorted((ROOT / "tests/scoring/calls").glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in sources]
    out = []
    for n in range(count):
        text = texts[n % len(texts)]
        first, last, brand = rng.choice(FIRST), rng.choice(LAST), rng.choice(BRANDS)
        varied = []
        for line in text.splitlines():
            if line.startswith("# caller:"):
                line = f"# caller: {first} {last}"
            elif line.startswith("# brand:"):
                line = f"# brand: {brand}"
            elif line.startswith("[") and "]" in line:
                # A per-copy token keeps every line distinct, as in real calls. It is
                # letters ("ref kqb"), not digits: real lines rarely carry a number, and
                # a number on every line would send each one down the number paths.
                line = f"{line} (ref {_tag(n)})" if ": " in line.split("]", 1)[1][:12] else line
            varied.append(line)
        path = folder / f"call-{n:05d}.txt"
        path.write_text("\n".join(varied) + "\n", encoding="utf-8")
        out.append(path)
    return out


def run(paths: list[str], jobs: int | None) -> tuple[float, int]:
    start = time.perf_counter()
    n = sum(1 for _ in grade_files_json(paths, jobs=jobs))
    return time.perf_counter() - start, n


def run_command(folder: str, jobs: int) -> tuple[float, float]:
    """`callsim grade --json FOLDER > /dev/null` as a user runs it: a fresh
    interpreter, start-up, the worker pool and the whole JSON array written.

    Returns the wall time and the CPU time of that process and its workers:
    on a machine others are using, the wall time swings with their load, the
    CPU time far less, so the two are reported side by side."""
    cmd = [sys.executable, "-c", "import sys; from simulator.cli import main; sys.exit(main())"]
    cmd += ["grade", "--json", folder] + (["--jobs", str(jobs)] if jobs else [])
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, check=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return wall, cpu


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--count", type=int, default=10_000)
    ap.add_argument("--jobs", type=int, default=0, help="workers for the parallel run (0: all)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        build_corpus(Path(tmp), args.count)
        paths = expand_paths([tmp])
        size = sum(Path(p).stat().st_size for p in paths)
        print(
            f"built {len(paths):,} calls ({size / len(paths) / 1024:.1f} KiB each on average) "
            f"in {time.perf_counter() - t0:.1f} s"
        )
        one, n = run(paths[:2000], jobs=1)
        print(f"1 worker : {n:,} calls in {one:.2f} s = {n / one:,.0f} calls/s (in-process)")
        wall, cpu = run_command(tmp, args.jobs)
        n = len(paths)
        print(
            f"all cores: callsim grade --json on {n:,} calls in {wall:.2f} s = "
            f"{n / wall:,.0f} calls/s (start-up and output included)"
        )
        print(
            f"           CPU time {cpu:.2f} s over all processes = {cpu / n * 1000:.2f} ms a call "
            f"({os.cpu_count()} cores)"
        )
    self_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak RSS: {self_rss:.0f} MiB (benchmark process), {child_rss:.0f} MiB (largest child)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
