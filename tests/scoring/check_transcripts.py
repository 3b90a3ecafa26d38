"""Sanity check for the hand-written test calls (independent of the grader).

Checks that every file under tests/scoring/calls/ is a well-formed version 1
transcript (shared/spec/transcript-format.md), that its `expect` header names
only known protocol items with pass/fail/na, that it grades the item its file
name is about, and prints how many calls cover each item.  Also checks that
every file under tests/scoring/bad/ is listed in bad/EXPECTED.yaml.

    python tests/scoring/check_transcripts.py [path/to/protocol-items.md]
"""

from __future__ import annotations

import collections
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
CALLS = HERE / "calls"
BAD = HERE / "bad"
DEFAULT_SPEC = Path("/work/shared/spec/protocol-items.md")

TIME = re.compile(r"^\[(?:(\d+):)?(\d{2}):(\d{2})\] (.*)$")
HEADER = re.compile(r"^# ([A-Za-z_][A-Za-z0-9_ ]*): ?(.*)$")
SPEECH = re.compile(r"^([A-Za-z]+): (.+)$")
EVENT = re.compile(r"^\* ([a-z_]+)((?: [a-z_]+=(?:\"[^\"]*\"|[^\s\"=]+))*)\s*$")
SPEAKERS = {"agent", "csr", "rep", "associate", "caller", "customer", "member"}
NAME = re.compile(r"^([a-z]+\.[a-z_]+)--[a-z0-9-]+\.txt$")


def item_ids(spec: Path) -> set[str]:
    return set(re.findall(r"^\| `([a-z]+\.[a-z_]+)` \|", spec.read_text(), re.M))


def check_timed(n: int, m: re.Match[str], last: int) -> tuple[list[str], int]:
    errs: list[str] = []
    h, mm, ss, rest = m.groups()
    if int(ss) > 59:
        errs.append(f"line {n}: seconds > 59")
    if h is not None and int(mm) > 59:
        errs.append(f"line {n}: minutes > 59 in H:MM:SS")
    t = int(h or 0) * 3600 + int(mm) * 60 + int(ss)
    if t < last:
        errs.append(f"line {n}: time goes backwards")
    if rest.startswith("* "):
        if not EVENT.match(rest):
            errs.append(f"line {n}: bad event {rest!r}")
    else:
        s = SPEECH.match(rest)
        if not s or s.group(1).lower() not in SPEAKERS:
            errs.append(f"line {n}: bad speech line {rest!r}")
    return errs, max(t, last)


def parse_lines(lines: list[str]) -> tuple[list[str], dict[str, str]]:
    errs: list[str] = []
    if not lines or lines[0] != "# callsim transcript: 1":
        errs.append("line 1: not the version line")
    headers: dict[str, str] = {}
    last = -1
    timed = False
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        m = TIME.match(line)
        if m:
            timed = True
            more, last = check_timed(n, m, last)
            errs += more
            continue
        h = HEADER.match(line)
        if h and not timed:
            headers[h.group(1).strip()] = h.group(2).strip()
            continue
        errs.append(f"line {n}: not a header/timed line (or header after timed line)")
    return errs, headers


def parse_expect(value: str, ids: set[str]) -> tuple[list[str], dict[str, str]]:
    errs: list[str] = []
    expect: dict[str, str] = {}
    for part in value.split(","):
        if not part.strip():
            continue
        k, _, v = part.strip().partition("=")
        if k not in ids:
            errs.append(f"expect: unknown item {k!r}")
        if v not in {"pass", "fail", "na"}:
            errs.append(f"expect: bad result {v!r} for {k}")
        if k in expect:
            errs.append(f"expect: {k} listed twice")
        expect[k] = v
    return errs, expect


def check_call(path: Path, ids: set[str]) -> tuple[list[str], dict[str, str]]:
    errs, headers = parse_lines(path.read_text(encoding="utf-8").splitlines())
    more, expect = parse_expect(headers.get("expect", ""), ids)
    errs += more
    if "why" not in headers:
        errs.append("no why header")
    m = NAME.match(path.name)
    if not m:
        errs.append("file name is not <item-id>--<slug>.txt")
    elif m.group(1) not in expect:
        errs.append(f"expect does not grade the file's own item {m.group(1)}")
    return errs, expect


def main() -> int:
    spec = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_SPEC
    ids = item_ids(spec)
    bad = 0
    per_item: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    about: collections.Counter[str] = collections.Counter()
    files = sorted(CALLS.glob("*.txt"))
    for f in files:
        errs, expect = check_call(f, ids)
        for e in errs:
            print(f"{f.name}: {e}")
        bad += bool(errs)
        for k, v in expect.items():
            per_item[k][v] += 1
        m = NAME.match(f.name)
        if m:
            about[m.group(1)] += 1
    print(f"\n{len(files)} calls, {bad} with problems\n")
    print(f"{'item':30} {'files':>5} {'pass':>5} {'fail':>5} {'na':>5}")
    for k in sorted(per_item, key=lambda x: (x.split(".")[0], x)):
        c = per_item[k]
        print(f"{k:30} {about[k]:5} {c['pass']:5} {c['fail']:5} {c['na']:5}")
    try:
        import yaml

        listed = yaml.safe_load((BAD / "EXPECTED.yaml").read_text()) or {}
        present = {p.name for p in BAD.iterdir() if p.name != "EXPECTED.yaml"}
        for name in sorted(present ^ set(listed)):
            print(f"bad/: {name} is not both present and listed")
            bad += 1
        print(f"\n{len(present)} malformed files in bad/")
    except FileNotFoundError:
        print("bad/EXPECTED.yaml missing")
        bad += 1
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
