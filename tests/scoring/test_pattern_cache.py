"""The compiled-pattern cache gives exactly what `re.compile` gives, and survives bad files."""

from __future__ import annotations

import re
from pathlib import Path

from scoring.acts import SPEAKERS, rules_for
from scoring.pattern_cache import compile_all


def _sources() -> list[str]:
    out = []
    for speaker in SPEAKERS:
        for rule in rules_for(speaker):
            out += [s for s in (*rule.sources, rule.veto_source, rule.requires_source) if s]
    return list(dict.fromkeys(out))


def _same(got: re.Pattern[str], source: str) -> None:
    want = re.compile(source, re.ASCII)
    # Pattern equality compares the pattern, the flags and the engine's code
    assert got == want, source
    assert got.flags == want.flags, source
    assert got.groupindex == want.groupindex, source
    assert got.groups == want.groups, source


def test_cached_patterns_are_what_re_compile_gives(tmp_path: Path) -> None:
    sources = _sources()
    fresh = compile_all(sources, re.ASCII, tmp_path)  # compiled here, then written
    assert len(list(tmp_path.glob("re-*.marshal"))) == 1
    cached = compile_all(sources, re.ASCII, tmp_path)  # read back
    assert list(fresh) == list(cached) == sources
    for source in sources:
        _same(cached[source], source)


def test_named_groups_and_matches_survive(tmp_path: Path) -> None:
    source = r" (?:(?P<num>\d+) (?P<unit>hours?|days?))(?![a-z0-9])"
    compile_all([source], re.ASCII, tmp_path)
    pattern = compile_all([source], re.ASCII, tmp_path)[source]
    _same(pattern, source)
    m = pattern.search(" back in 2 days")
    assert m is not None
    assert m.group("num", "unit") == ("2", "days")


def test_broken_cache_is_ignored_and_rewritten(tmp_path: Path) -> None:
    sources = [" (?:hold on)(?![a-z0-9])", " (?:one|two) (?:three)"]
    compile_all(sources, re.ASCII, tmp_path)
    (path,) = tmp_path.glob("re-*.marshal")
    for junk in (b"", b"not marshal", b"\xff" * 40):
        path.write_bytes(junk)
        got = compile_all(sources, re.ASCII, tmp_path)
        for source in sources:
            _same(got[source], source)
    # well-formed, but code the engine refuses
    import marshal

    path.write_bytes(marshal.dumps([(32, [1, 2, 3], 0, {}, ()), None]))
    got = compile_all(sources, re.ASCII, tmp_path)
    _same(got[sources[0]], sources[0])


def test_a_bad_pattern_is_left_to_the_caller(tmp_path: Path) -> None:
    got = compile_all([" (?:fine)", " (?:broken"], re.ASCII, tmp_path)
    assert list(got) == [" (?:fine)"]
    assert list(compile_all([" (?:fine)", " (?:broken"], re.ASCII, tmp_path)) == [" (?:fine)"]


def test_unwritable_folder_still_compiles(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    got = compile_all([" (?:yes)"], re.ASCII, blocker / "cache")
    _same(got[" (?:yes)"], " (?:yes)")


def test_remembered_module_patterns_are_given_back_equal(tmp_path: Path) -> None:
    from scoring.pattern_cache import remembered

    module = tmp_path / "mod.py"
    module.write_text("x = 1\n", encoding="utf-8")
    sources = [r"\b(?:remembered|kept) (?P<what>\w+)\b", r"(?i)ONE\s+two"]

    def forget() -> None:
        for source in sources:
            re._cache.pop((str, source, 0), None)  # type: ignore[attr-defined]

    forget()
    with remembered(tmp_path, "t", [module]):
        first = [re.compile(s) for s in sources]
    assert len(list(tmp_path.glob("re-t-*.marshal"))) == 1
    forget()
    with remembered(tmp_path, "t", [module]):
        again = [re.compile(s) for s in sources]
    for got, source in zip(again, sources, strict=True):
        _same_plain(got, source)
    assert [p.pattern for p in again] == [p.pattern for p in first]
    m = again[0].search("we kept notes")
    assert m is not None
    assert m.group("what") == "notes"


def test_remembered_ignores_a_broken_file(tmp_path: Path) -> None:
    from scoring.pattern_cache import remembered

    module = tmp_path / "mod.py"
    module.write_text("x = 1\n", encoding="utf-8")
    source = r"(?:broken file probe) \d+"
    with remembered(tmp_path, "t", [module]):
        re.compile(source)
    for path in tmp_path.glob("re-t-*.marshal"):
        path.write_bytes(b"\x00junk")
    re._cache.pop((str, source, 0), None)  # type: ignore[attr-defined]
    with remembered(tmp_path, "t", [module]):
        got = re.compile(source)
    _same_plain(got, source)


def _same_plain(got: re.Pattern[str], source: str) -> None:
    from re import _compiler  # type: ignore[attr-defined]

    want = _compiler.compile(source, 0)  # built afresh, not from any cache
    assert got == want, source
    assert got.groupindex == want.groupindex, source


def test_internals_that_moved_fall_back_to_re_compile(tmp_path, monkeypatch) -> None:
    """Another Python whose private code generator is gone or changed: grading still works,
    every pattern compiled as `re.compile` does, and no cache file is written."""
    from scoring import pattern_cache as pc

    def moved(*_a: object, **_k: object) -> None:
        raise AttributeError("_code moved")

    monkeypatch.setattr(pc, "_entry", moved)  # (re's own _code cannot be patched: re uses it)
    sources = [r"\bhold\b", r"(?:thanks|thank you) for holding", "(unclosed"]
    got = pc.compile_all(sources, re.ASCII, tmp_path)
    assert set(got) == set(sources[:2])
    assert got[sources[0]].search("please hold on")
    assert not list(tmp_path.iterdir())
    monkeypatch.setattr(pc, "_compiler", None)
    assert set(pc.compile_all(sources, re.ASCII, tmp_path)) == set(sources[:2])
