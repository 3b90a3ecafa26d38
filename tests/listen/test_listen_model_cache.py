"""The cache of built language models: a repeat is read, not built; damage, a failed build or a
read-only folder never gives a wrong model; the key follows every input."""

from __future__ import annotations

import json
import os

import pytest

from simulator.listen import model_cache, recogniser
from simulator.listen.domain import DomainTerms
from simulator.listen.model_cache import cached, model_key


def _builder(calls: list[str], text: str = "lm text"):
    def build(folder):
        calls.append(str(folder))
        (folder / "domain.lm").write_text(text, encoding="utf-8")
        return {"vocabulary": 3}

    return build


def test_a_repeat_is_read_from_the_cache_not_built(tmp_path):
    calls: list[str] = []
    first = cached("k1", _builder(calls), tmp_path)
    again = cached("k1", _builder(calls), tmp_path)
    assert len(calls) == 1
    assert first == again
    assert again is not None
    folder, meta = again
    assert meta == {"vocabulary": 3}
    assert (folder / "domain.lm").read_text(encoding="utf-8") == "lm text"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["k1"]  # no work folder left behind


def test_a_damaged_or_tampered_entry_is_built_again(tmp_path):
    calls: list[str] = []
    folder, _ = cached("k1", _builder(calls), tmp_path) or (None, None)
    (folder / "domain.lm").write_text("lm text, truncated or edited", encoding="utf-8")
    assert cached("k1", _builder(calls), tmp_path) is not None
    assert len(calls) == 2
    assert (folder / "domain.lm").read_text(encoding="utf-8") == "lm text"
    (folder / "manifest.json").write_text("{not json", encoding="utf-8")
    cached("k1", _builder(calls), tmp_path)
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    manifest["files"]["../escape"] = manifest["files"]["domain.lm"]  # a name from the file
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    cached("k1", _builder(calls), tmp_path)
    assert len(calls) == 4


def test_a_failed_build_leaves_no_entry_and_no_half_written_folder(tmp_path):
    def broken(folder):
        (folder / "domain.lm").write_text("half", encoding="utf-8")
        raise RuntimeError("killed mid-build")

    with pytest.raises(RuntimeError):
        cached("k1", broken, tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_an_unwritable_cache_location_means_no_cache_not_an_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    assert cached("k1", _builder([]), blocker / "models") is None


def test_only_the_most_recently_used_entries_are_kept(tmp_path, monkeypatch):
    monkeypatch.setattr(model_cache, "KEEP", 2)
    calls: list[str] = []
    for n, key in enumerate(["a", "b", "c"]):
        cached(key, _builder(calls), tmp_path)
        os.utime(tmp_path / key, (1000 + n, 1000 + n))
    cached("a", _builder(calls), tmp_path)  # rebuilt (was evicted), and now the newest
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a", "c"]


def test_the_key_follows_parameters_sources_and_large_files(tmp_path):
    source, big = tmp_path / "corpus.txt", tmp_path / "cmudict.dict"
    source.write_text("thank you for holding", encoding="utf-8")
    big.write_text("HOLD HH OW L D", encoding="utf-8")
    key = model_key({"discount": 0.3}, [source], [big])
    assert key == model_key({"discount": 0.3}, [source], [big])
    assert key != model_key({"discount": 0.5}, [source], [big])
    source.write_text("thank you for waiting", encoding="utf-8")
    changed = model_key({"discount": 0.3}, [source], [big])
    assert changed != key
    big.write_text("HOLD HH OW L D\nORDER AO R D ER", encoding="utf-8")
    assert model_key({"discount": 0.3}, [source], [big]) != changed


@pytest.mark.audio
def test_a_scenarios_recogniser_is_built_once_then_loaded(monkeypatch, tmp_path):
    monkeypatch.setenv("CALLSIM_CACHE_DIR", str(tmp_path))
    built = []
    real = recogniser.build_domain_model
    monkeypatch.setattr(
        recogniser, "build_domain_model", lambda *a, **k: built.append(1) or real(*a, **k)
    )
    terms = DomainTerms(brand=("Advantus",), agent=("Dwayne",))
    first = recogniser.build_domain_recogniser(terms)
    second = recogniser.build_domain_recogniser(terms)
    other = recogniser.build_domain_recogniser(DomainTerms(brand=("Fernwood",)))
    assert len(built) == 2  # the repeat was read from the cache; another scenario was built
    assert first.model is not None
    assert second.model is not None
    assert second.model.folder == first.model.folder
    assert second.model.vocabulary == first.model.vocabulary
    assert second.model.british_variant == first.model.british_variant
    assert "advantus" in second.model.dictionary.read_text(encoding="utf-8")
    assert other.model is not None
    assert other.model.folder != first.model.folder
