"""One hash over everything the grader says: proof that a speed change changed no result.

Grades every transcript the project holds (tests/scoring/calls, the bad
files in tests/scoring/bad, the real calls in tests/scoring/real_calls with
their labels' headers, the spec's examples in ../shared/spec/examples) and a
bench_grade.py corpus, writing each outcome as `callsim grade --json` does,
and hashes it all (the corpus twice: file by file, and through the worker
pool that grades a folder). It also hashes what the act recogniser says about every
speech line, as the grader asks (`graded`) and as the simulated caller asks:
the grade alone does not read every act.

Run it on two trees (a `git worktree` of HEAD and the same with a change
applied): the same hashes mean the change is invisible in every output.
Paths in the output are relative, so the trees may sit anywhere.

    python benchmarks/grade_fingerprint.py [--count N] [--verbose] [--spec DIR]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_grade import build_corpus  # noqa: E402

from scoring.acts import SPEAKERS, recognise, rules_for  # noqa: E402
from scoring.batch import grade_file, grade_files_json, outcome_json  # noqa: E402
from scoring.grader import grade  # noqa: E402
from scoring.importers import read_file  # noqa: E402
from scoring.policy import load_policy  # noqa: E402
from scoring.reader import TranscriptError, read_transcript  # noqa: E402
from scoring.safeyaml import load_file  # noqa: E402
from scoring.transcript import Speech, Transcript  # noqa: E402

SPEC_EXAMPLES = ROOT.parent / "shared" / "spec" / "examples"
LABELS = ".labels.yaml"


class Fingerprint:
    """Running hashes of the grades and of the acts, with a count of what went in."""

    def __init__(self) -> None:
        self.grades = hashlib.sha256()
        self.acts = hashlib.sha256()
        self.files = 0
        self.lines = 0

    def add_grade(self, name: str, data: bytes) -> None:
        self.grades.update(name.encode() + b"\0" + data + b"\1")
        self.files += 1

    def add_acts(self, transcript: Transcript) -> None:
        for line in transcript.lines:
            if isinstance(line, Speech):
                for graded in (True, False):
                    acts = sorted(recognise(line.text, line.speaker, graded))
                    self.acts.update(",".join(acts).encode() + b"\0")
                self.lines += 1


def _grade_folder(fp: Fingerprint, folder: Path, pattern: str) -> None:
    """Each file as `callsim grade --json` grades it (relative path), and its acts."""
    cwd = os.getcwd()
    os.chdir(folder)
    try:
        for name in sorted(str(p) for p in Path().glob(pattern)):
            fp.add_grade(name, outcome_json(grade_file(name)))
            try:
                fp.add_acts(read_transcript(name))
            except TranscriptError:
                pass  # a bad file: its error message is in the grade
    finally:
        os.chdir(cwd)


def _grade_real_calls(fp: Fingerprint, folder: Path) -> None:
    """The real calls as bench_real_calls.py grades them: with their labels' headers."""
    for labels in sorted(folder.rglob("*" + LABELS)):
        stem = labels.name[: -len(LABELS)]
        call = next(p for p in labels.parent.glob(stem + ".*") if not p.name.endswith(LABELS))
        spec = load_file(labels)
        t = read_file(call)
        headers = dict(t.headers)
        headers.update({k: str(spec[k]) for k in ("brand", "context") if spec.get(k)})
        t = replace(t, headers=headers, path=str(call.relative_to(folder)))
        fp.add_grade(t.path, outcome_json(grade(t, load_policy("default"))))
        fp.add_acts(t)


def _grade_in_pool(folder: Path) -> Fingerprint:
    """The folder graded as `callsim grade --json` does on many files: forked workers."""
    fp = Fingerprint()
    cwd = os.getcwd()
    os.chdir(folder)
    try:
        names = sorted(str(p) for p in Path().glob("*.txt"))
        for name, (_failed, data) in zip(names, grade_files_json(names, jobs=2), strict=True):
            fp.add_grade(name, data)
    finally:
        os.chdir(cwd)
    return fp


def _phrasing_examples() -> Fingerprint:
    """The acts of every worked example and counter-example in the phrasing files."""
    fp = Fingerprint()
    for speaker in SPEAKERS:
        lines = [
            Speech(0, 0, speaker, text)  # type: ignore[arg-type]
            for rule in rules_for(speaker)
            for text in (*rule.examples, *rule.counter_examples)
        ]
        fp.add_acts(Transcript(path="", headers={}, lines=tuple(lines)))
    return fp


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--count", type=int, default=2000, help="bench_grade corpus size")
    ap.add_argument("--verbose", action="store_true", help="a hash per part, not only the total")
    ap.add_argument("--spec", type=Path, default=SPEC_EXAMPLES, help="the spec's examples folder")
    args = ap.parse_args()
    parts: list[tuple[str, Fingerprint]] = []
    for name, folder, pattern in (
        ("calls", ROOT / "tests/scoring/calls", "*.txt"),
        ("bad", ROOT / "tests/scoring/bad", "*"),
        ("spec examples", args.spec, "*.txt"),
    ):
        fp = Fingerprint()
        _grade_folder(fp, folder, pattern)
        parts.append((name, fp))
    parts.append(("phrasing examples", _phrasing_examples()))
    fp = Fingerprint()
    _grade_real_calls(fp, ROOT / "tests/scoring/real_calls")
    parts.append(("real calls", fp))
    with tempfile.TemporaryDirectory() as tmp:
        build_corpus(Path(tmp), args.count)
        fp = Fingerprint()
        _grade_folder(fp, Path(tmp), "*.txt")
        parts.append((f"bench corpus ({args.count})", fp))
        parts.append(("same, worker pool", _grade_in_pool(Path(tmp))))
    total = hashlib.sha256()
    for name, fp in parts:
        total.update(fp.grades.digest() + fp.acts.digest())
        if args.verbose:
            print(
                f"{name:22s} {fp.files:5d} files {fp.lines:6d} lines  "
                f"grades {fp.grades.hexdigest()[:16]}  acts {fp.acts.hexdigest()[:16]}"
            )
    print(f"fingerprint {total.hexdigest()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
