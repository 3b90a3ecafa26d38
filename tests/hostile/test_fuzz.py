"""Property-based fuzzing of the readers of user files: a result or the project's error.

The transcript reader (and the grader behind it), the safe YAML loader, the
scenario loader and the policy loader each get random input and input built
from pieces of the real formats with hostile values mixed in (huge numbers,
escapes, line separators, anchors, tags, deep nesting). Whatever they are
given, they return a result or raise their own error type with a one-line
message; never another exception. Example counts are modest so the suite
stays fast; CI runs the same examples every time (derandomised).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scoring.grader import grade
from scoring.policy import PolicyError, load_policy
from scoring.reader import TranscriptError, parse_bytes, parse_text
from scoring.safeyaml import YamlError, load_yaml
from simulator.scenario.library import shipped_dir
from simulator.scenario.loader import load_scenario
from simulator.scenario.problems import ScenarioError
from tests.hostile.corpus import BIG_NUMBER

FUZZ = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

HOSTILE = [
    BIG_NUMBER,
    "-" + BIG_NUMBER[:4400],
    "1e999",
    ".nan",
    "\x1b[2J\x1b]0;x\x07",
    "\u2028",
    "\x85",
    "\x0b\x0c",
    "\u202e",
    "\ud800",
    "\x00",
    "/etc/passwd",
    "../../../etc/passwd",
    "[x]",
    "[/]",
    "*a",
    "&a",
    "!!python/object/apply:os.system ['true']",
    "{" * 60,
    "[" * 60,
    "",
    " ",
    "'",
    '"',
    "²",
    "٣",
    "∕transfer",
]
_hostile = st.sampled_from(HOSTILE)
_word = st.one_of(_hostile, st.text(max_size=12))


def _one_line(exc: Exception) -> None:
    text = str(exc)
    assert "\n" not in text, f"{type(exc).__name__} spans lines: {text!r}"
    assert len(text) < 2000, f"{type(exc).__name__} is {len(text)} characters"
    assert "root:x:0:0" not in text, "quotes /etc/passwd"


def _problems_one_line(exc: ScenarioError) -> None:
    assert exc.problems
    for problem in exc.problems:
        assert "\n" not in str(problem), str(problem)


# ---------------------------------------------------------------- transcripts

_stamp = st.one_of(
    st.from_regex(r"\[[0-9]{1,3}:[0-5][0-9]\]", fullmatch=True),
    st.from_regex(r"\[[0-9]:[0-5][0-9]:[0-5][0-9]\]", fullmatch=True),
    _word.map(lambda w: f"[{w}:00]"),
)
_label = st.sampled_from(["AGENT", "CALLER", "csr", "Member", "BOB", "*"])
_event = st.sampled_from(["hold", "resume", "transfer", "consult", "note", "hangup", "ticket"])
_line = st.one_of(
    st.tuples(_stamp, _label, _word).map(lambda t: f"{t[0]} {t[1]}: {t[2]}"),
    st.tuples(_stamp, _event, _word, _word).map(lambda t: f"{t[0]} * {t[1]} {t[2]}={t[3]}"),
    st.tuples(_stamp, _event, _word).map(lambda t: f'{t[0]} * {t[1]} text="{t[2]}"'),
    _word.map(lambda w: f"# policy: {w}"),
    _word.map(lambda w: f"# brand: {w}"),
    _word,
)
_sep = st.sampled_from(["\n", "\r\n", "\r", "\u2028", "\x85", "\x0b"])


@FUZZ
@given(st.lists(st.tuples(_line, _sep), max_size=25))
def test_transcript_reader_and_grader(parts: list[tuple[str, str]]) -> None:
    text = "# callsim transcript: 1\n" + "".join(line + sep for line, sep in parts)
    try:
        transcript = parse_text(text, "fuzz.txt")
    except TranscriptError as exc:
        _one_line(exc)
        return
    card = grade(transcript, load_policy("default"))  # whatever was read can be graded
    assert 0 <= card.score <= 100


@FUZZ
@given(st.binary(max_size=3000))
def test_transcript_reader_bytes(data: bytes) -> None:
    try:
        parse_bytes(data, "fuzz.txt")
    except TranscriptError as exc:
        _one_line(exc)


# ---------------------------------------------------------------- YAML

_key = st.one_of(st.sampled_from(["id", "title", "a", "<<", "? x", "- x"]), _word)
_yaml_line = st.one_of(
    st.tuples(st.integers(0, 6), _key, _word).map(lambda t: f"{' ' * t[0]}{t[1]}: {t[2]}"),
    st.tuples(st.integers(0, 6), _word).map(lambda t: f"{' ' * t[0]}- {t[1]}"),
    st.sampled_from(["a: &a [1, 2]", "b: *a", "c: !!binary aGk=", "d: !custom x", "---", "..."]),
    _word,
)


@FUZZ
@given(st.lists(_yaml_line, max_size=20))
def test_safe_yaml_loader(lines: list[str]) -> None:
    try:
        load_yaml("\n".join(lines))
    except YamlError as exc:
        _one_line(exc)


@FUZZ
@given(st.text(max_size=2000))
def test_safe_yaml_loader_any_text(text: str) -> None:
    try:
        load_yaml(text)
    except YamlError as exc:
        _one_line(exc)


# ---------------------------------------------------------------- scenarios and policy packs

_FOLDER = Path(tempfile.mkdtemp(prefix="callsim-fuzz-"))
_SCENARIO = (shipped_dir() / "irate-double-charge.yaml").read_text(encoding="utf-8").splitlines()


def _write(name: str, text: str) -> str:
    path = _FOLDER / name
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    return os.fspath(path)


@FUZZ
@given(st.lists(st.tuples(st.integers(0, len(_SCENARIO) - 1), _word), max_size=4))
def test_scenario_loader(changes: list[tuple[int, str]]) -> None:
    """A shipped scenario with values swapped for hostile ones, keys kept (so the
    checks past the YAML layer run too)."""
    lines = list(_SCENARIO)
    for at, value in changes:
        key, colon, _ = lines[at].partition(":")
        lines[at] = f"{key}: {value}" if colon else value
    try:
        load_scenario(_write("fuzz.yaml", "\n".join(lines) + "\n"))
    except ScenarioError as exc:
        _problems_one_line(exc)


_policy_line = st.one_of(
    _word.map(lambda w: f"name: {w}"),
    _word.map(lambda w: f"extends: {w}"),
    st.sampled_from(["extends: default", "extends: fuzz", "extends: ./fuzz.yaml", "items:"]),
    st.tuples(st.sampled_from(["close.thank", "soft.no_mute", "x.y"]), _word).map(
        lambda t: f"  {t[0]}: {t[1]}"
    ),
    _word.map(lambda w: f"params:\n  hold_checkin_s: {w}"),
    _word.map(lambda w: f"critical: [{w}]"),
)


@FUZZ
@given(st.lists(_policy_line, max_size=8))
def test_policy_loader(lines: list[str]) -> None:
    try:
        pack = load_policy(_write("fuzz.yaml", "\n".join(lines) + "\n"))
    except PolicyError as exc:
        _one_line(exc)
        return
    assert pack.weights
