"""Well-formedness of the held-out act corpora.

The corpora (tests/data/acts_corpus.yaml and
benchmarks/data/spoken_agent_lines.yaml) are the truth the act recogniser
is scored against, so they must only use labels from the act catalogue in
docs/acts.md, for the right speaker, and must not repeat a line.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from simulator.engine.hint import MOMENTS

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "docs" / "acts.md"
CORPUS = ROOT / "tests" / "data" / "acts_corpus.yaml"
SPOKEN = ROOT / "benchmarks" / "data" / "spoken_agent_lines.yaml"
CALLER_FACING = ROOT / "tests" / "data" / "caller_facing_acts.yaml"

_ROW = re.compile(r"^\|\s*`([a-z_]+)`\s*\|")


def catalogue() -> dict[str, set[str]]:
    """The act names of the two tables in docs/acts.md, by speaker."""
    acts: dict[str, set[str]] = {"agent": set(), "caller": set()}
    section: str | None = None
    for line in CATALOGUE.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            title = line[3:].strip().lower()
            section = next((s for s in acts if title.startswith(s)), None)
            continue
        m = _ROW.match(line)
        if m and section:
            acts[section].add(m.group(1))
    return acts


def load(path: Path) -> list[dict]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, list), f"{path.name}: top level must be a list"
    return data


def test_catalogue_parses():
    acts = catalogue()
    assert len(acts["agent"]) >= 30
    assert len(acts["caller"]) >= 10
    assert {"ask_hold", "thank_for_calling", "goodbye"} <= acts["agent"]
    assert {"agree", "refuse", "goodbye"} <= acts["caller"]


@pytest.mark.parametrize("path", [CORPUS, SPOKEN], ids=lambda p: p.name)
def test_entries_well_formed(path: Path):
    acts = catalogue()
    problems = []
    for i, entry in enumerate(load(path)):
        where = f"{path.name}[{i}]"
        # the spoken corpus also says where in a call each line is said (bench_speech's
        # context rows): one of the engine's moments, or none
        optional = {"moment"} if path == SPOKEN else set()
        if not isinstance(entry, dict) or not {"speaker", "text", "acts"} <= set(entry) <= {
            "speaker",
            "text",
            "acts",
            *optional,
        }:
            problems.append(f"{where}: need exactly speaker, text, acts: {entry!r}")
            continue
        if "moment" in entry and entry["moment"] not in {*MOMENTS, "none"}:
            problems.append(f"{where}: unknown moment {entry['moment']!r}")
            continue
        speaker, text, labels = entry["speaker"], entry["text"], entry["acts"]
        if speaker not in acts:
            problems.append(f"{where}: bad speaker {speaker!r}")
            continue
        if not isinstance(text, str) or not text.strip():
            problems.append(f"{where}: empty text")
        if not isinstance(labels, list) or not all(isinstance(a, str) for a in labels):
            problems.append(f"{where}: acts must be a list of names")
            continue
        if len(set(labels)) != len(labels):
            problems.append(f"{where}: repeated act in {labels}")
        unknown = set(labels) - acts[speaker]
        if unknown:
            problems.append(f"{where}: {sorted(unknown)} not {speaker} acts: {text!r}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("path", [CORPUS, SPOKEN, CALLER_FACING], ids=lambda p: p.name)
def test_no_duplicate_texts(path: Path):
    seen: dict[str, int] = {}
    dups = []
    for i, entry in enumerate(load(path)):
        key = " ".join(str(entry.get("text", "")).split()).casefold()
        if key in seen:
            dups.append(f"{path.name}[{i}] repeats [{seen[key]}]: {entry['text']!r}")
        seen.setdefault(key, i)
    assert not dups, "\n".join(dups)


def test_corpus_coverage():
    """Enough positives per act, enough lines with no act at all."""
    acts = catalogue()
    counts: dict[tuple[str, str], int] = {}
    empty = 0
    entries = load(CORPUS)
    for entry in entries:
        if not entry["acts"]:
            empty += 1
        for act in entry["acts"]:
            counts[(entry["speaker"], act)] = counts.get((entry["speaker"], act), 0) + 1
    thin = [
        f"{speaker}:{act}={counts.get((speaker, act), 0)}"
        for speaker, minimum in (("agent", 14), ("caller", 10))
        for act in sorted(acts[speaker])
        if counts.get((speaker, act), 0) < minimum
    ]
    assert not thin, "too few positives: " + ", ".join(thin)
    assert len(entries) >= 700
    assert empty >= 100


def test_spoken_lines_are_speakable():
    acts = catalogue()
    entries = load(SPOKEN)
    assert len(entries) >= 130
    covered = set()
    for entry in entries:
        assert entry["speaker"] == "agent", entry
        words = entry["text"].split()
        assert 5 <= len(words) <= 35, entry["text"]
        assert not re.search(r"[@#$%&*/\\<>_=+\[\]{}|~^]|\d", entry["text"]), entry["text"]
        covered.update(entry["acts"])
    assert covered == acts["agent"], sorted(acts["agent"] - covered)
    assert sum(1 for e in entries if not e["acts"]) >= 15
