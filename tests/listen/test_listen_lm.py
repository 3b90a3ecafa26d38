import math

import pytest

from simulator.listen.lm import build_arpa


def _unigrams(arpa: str) -> dict[str, float]:
    section = arpa.split("\\1-grams:\n")[1].split("\n\n")[0]
    return {line.split()[1]: float(line.split()[0]) for line in section.splitlines()}


def test_arpa_has_all_three_orders_and_counts_match():
    arpa = build_arpa([["may", "i", "place", "you", "on", "hold"], ["may", "i", "help"]])
    header = dict(line.split("=") for line in arpa.splitlines() if line.startswith("ngram "))
    for order in ("1", "2", "3"):
        section = arpa.split(f"\\{order}-grams:\n")[1].split("\n\n")[0]
        assert len(section.splitlines()) == int(header[f"ngram {order}"])
    assert arpa.rstrip().endswith("\\end\\")


def test_unigram_probabilities_sum_to_one_with_background():
    arpa = build_arpa([["thank", "you"]], background=["hello", "thank"], background_mass=0.2)
    probs = {w: 10**p for w, p in _unigrams(arpa).items() if w != "<s>"}
    assert "hello" in probs
    assert probs["hello"] == pytest.approx(0.2, rel=1e-3)  # "thank" is already a domain word
    assert math.fsum(probs.values()) == pytest.approx(1.0, abs=0.01)


def test_no_sentences_is_an_error():
    with pytest.raises(ValueError, match="no sentences"):
        build_arpa([[], []])


@pytest.mark.audio
def test_pocketsphinx_loads_the_model(tmp_path):
    from pocketsphinx import Config, LogMath, NGramModel

    path = tmp_path / "x.lm"
    path.write_text(build_arpa([["may", "i", "help", "you"]], ["hello"]))
    model = NGramModel(Config(), LogMath(), str(path))
    assert model.size() == 3  # the model order: a trigram model
