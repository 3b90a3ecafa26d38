"""Hostile YAML: scenario files are untrusted trainer input."""

from __future__ import annotations

import time
import tracemalloc
from pathlib import Path

import pytest

from scoring.safeyaml import MAX_BYTES, Mark, YamlError, load_yaml


def billion_laughs(levels: int = 9) -> str:
    out = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    prev = "a"
    for name in "bcdefghijk"[: levels - 1]:
        out.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
        prev = name
    return "\n".join(out) + "\n"


def test_billion_laughs_is_refused_fast_and_small() -> None:
    """Refused before it is expanded: small memory, and no time to speak of (the bound is
    only a guard against a hang; a timed assertion this tight flaked on a loaded machine)."""
    tracemalloc.start()
    started = time.perf_counter()
    with pytest.raises(YamlError, match="alias bomb"):
        load_yaml(billion_laughs())
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert elapsed < 10.0
    assert peak < 20 * 1024 * 1024


def test_a_few_aliases_are_fine() -> None:
    doc = load_yaml("x: &x [a, b]\ny: *x\n")
    assert doc.data == {"x": ["a", "b"], "y": ["a", "b"]}


@pytest.mark.parametrize(
    "text",
    [
        "a: !!python/object/apply:os.system [echo hi]\n",
        "a: !!python/name:os.system\n",
        "a: !custom 1\n",
    ],
)
def test_tags_that_could_run_code_are_refused(text: str) -> None:
    with pytest.raises(YamlError, match="not allowed"):
        load_yaml(text)


def test_recursive_alias_is_refused() -> None:
    with pytest.raises(YamlError):
        load_yaml("a: &x [*x]\n")


def test_deep_nesting_is_refused() -> None:
    with pytest.raises(YamlError, match="nested deeper"):
        load_yaml("a: " + "[" * 100 + "]" * 100 + "\n")


def test_oversized_text_is_refused_before_parsing() -> None:
    with pytest.raises(YamlError, match="larger than"):
        load_yaml("a: " + "x" * (MAX_BYTES + 1))


def test_duplicate_keys_are_refused_with_their_line() -> None:
    with pytest.raises(YamlError, match="given twice") as exc:
        load_yaml("title: a\nbrand: b\ntitle: c\n")
    assert exc.value.mark == Mark(3, 1)


def test_syntax_error_has_line_and_column() -> None:
    with pytest.raises(YamlError, match="YAML syntax") as exc:
        load_yaml("title: a\ncaller: [unclosed\nbrand: x\n")
    assert exc.value.mark.line >= 2


def test_yaml_1_2_scalars_yes_no_and_dates_stay_strings() -> None:
    doc = load_yaml("a: yes\nb: no\nc: 2024-01-01\nd: 12\ne: '12'\nf: true\ng: ~\n")
    assert doc.data == {
        "a": "yes",
        "b": "no",
        "c": "2024-01-01",
        "d": 12,
        "e": "12",
        "f": True,
        "g": None,
    }


def test_marks_point_at_values_and_keys() -> None:
    doc = load_yaml("caller:\n  name: Ann\n  mood: calm\n")
    assert doc.marks[("caller", "mood")] == Mark(3, 9)
    assert doc.keys[("caller", "mood")] == Mark(3, 3)


def test_a_number_past_4300_digits_is_a_clear_error() -> None:
    with pytest.raises(YamlError, match="5,000 digits") as info:
        load_yaml("a: 1\nb: " + "9" * 5000 + "\n")
    assert info.value.mark.line == 2
    assert load_yaml("a: '" + "9" * 5000 + "'\n").data["a"] == "9" * 5000  # quoted: text


@pytest.mark.parametrize(("text", "line"), [("a: 1\nb: x\x1b[2Jy\n", 2), ("a: \x00\n", 1)])
def test_control_characters_are_one_line_errors(text: str, line: int) -> None:
    with pytest.raises(YamlError) as info:
        load_yaml(text)
    assert info.value.mark.line == line
    assert "\n" not in str(info.value)


def test_lone_surrogates_are_errors() -> None:
    with pytest.raises(YamlError, match="surrogate"):
        load_yaml("a: \ud800\n")


def test_a_fifo_is_refused_not_read(tmp_path: Path) -> None:
    import os

    from scoring.safeyaml import load_file

    fifo = tmp_path / "p.yaml"
    os.mkfifo(fifo)
    with pytest.raises(YamlError, match="FIFO"):
        load_file(fifo)
