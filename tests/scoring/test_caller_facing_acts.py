"""Well-formedness of the caller-facing act corpus (tests/data/caller_facing_acts.yaml).

The corpus is the truth the recogniser's 13 caller-facing agent acts are
measured against (benchmarks/bench_caller_acts.py). Its figures are a
measurement, not a pass mark, so these tests assert only that the file is
usable as truth: known labels, agent lines, no repeats, enough positives per
act and enough hard negatives; and that the labels it uses are the ones the
catalogue and the recogniser know.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

import yaml

from benchmarks.bench_caller_acts import CALLER_FACING as BENCH_ACTS
from benchmarks.bench_caller_acts import CORPUS
from scoring.acts import act_names, recognise

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "docs" / "acts.md"
CALLER_FACING = frozenset(BENCH_ACTS)
MIN_POSITIVES = 25
MIN_NEGATIVES = 150
_ROW = re.compile(r"^\|\s*`([a-z_]+)`\s*\|")


@lru_cache(maxsize=1)
def entries() -> list[dict]:
    """The parsed file, read once per session (the tests only read it)."""
    data = yaml.safe_load(CORPUS.read_text(encoding="utf-8"))
    assert isinstance(data, list), f"{CORPUS.name}: top level must be a list"
    return data


def test_entries_well_formed():
    problems = []
    for i, entry in enumerate(entries()):
        where = f"{CORPUS.name}[{i}]"
        if not isinstance(entry, dict) or set(entry) != {"speaker", "text", "acts"}:
            problems.append(f"{where}: need exactly speaker, text, acts: {entry!r}")
            continue
        labels = entry["acts"]
        if entry["speaker"] != "agent":
            problems.append(f"{where}: speaker must be agent, not {entry['speaker']!r}")
        if not isinstance(entry["text"], str) or not entry["text"].strip():
            problems.append(f"{where}: empty text")
        if not isinstance(labels, list) or not all(isinstance(a, str) for a in labels):
            problems.append(f"{where}: acts must be a list of names")
            continue
        if len(set(labels)) != len(labels):
            problems.append(f"{where}: repeated act in {labels}")
        if set(labels) - CALLER_FACING:
            problems.append(f"{where}: {sorted(set(labels) - CALLER_FACING)} not caller-facing")
    assert not problems, "\n".join(problems)


def test_coverage():
    """Enough positives per act and enough lines with none of the 13 acts."""
    rows = entries()
    counts = Counter(act for row in rows for act in row["acts"])
    thin = [f"{act}={counts[act]}" for act in sorted(CALLER_FACING) if counts[act] < MIN_POSITIVES]
    assert not thin, "too few positives: " + ", ".join(thin)
    assert sum(1 for row in rows if not row["acts"]) >= MIN_NEGATIVES


def test_labels_are_in_catalogue_and_recogniser():
    """The 13 labels are rows of docs/acts.md and names the recogniser can report."""
    documented = {
        m.group(1) for line in CATALOGUE.read_text().splitlines() if (m := _ROW.match(line))
    }
    assert CALLER_FACING <= documented, sorted(CALLER_FACING - documented)
    assert CALLER_FACING <= set(act_names("agent")), sorted(CALLER_FACING - set(act_names("agent")))


def test_measurement_runs():
    """Per-act precision and recall can be computed over the whole file.

    A measurement, not an accuracy bar (the figures are reported by
    benchmarks/bench_caller_acts.py): this checks only that every line goes
    through the recogniser and the counts add up.
    """
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    rows = entries()
    for row in rows:
        want = set(row["acts"])
        got = set(recognise(row["text"], "agent")) & CALLER_FACING
        tp.update(want & got)
        fp.update(got - want)
        fn.update(want - got)
    labelled = Counter(act for row in rows for act in row["acts"])
    for act in CALLER_FACING:
        assert tp[act] + fn[act] == labelled[act], act
        precision = tp[act] / (tp[act] + fp[act]) if tp[act] + fp[act] else 1.0
        recall = tp[act] / labelled[act]
        assert 0.0 <= precision <= 1.0
        assert 0.0 <= recall <= 1.0
