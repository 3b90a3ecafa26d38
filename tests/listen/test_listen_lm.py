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


def _bigrams(arpa: str) -> dict[tuple[str, str], float]:
    section = arpa.split("\\2-grams:\n")[1].split("\n\n")[0]
    return {tuple(line.split()[1:3]): float(line.split()[0]) for line in section.splitlines()}


def _backoffs(arpa: str) -> dict[str, float]:
    section = arpa.split("\\1-grams:\n")[1].split("\n\n")[0]
    return {line.split()[1]: float(line.split()[2]) for line in section.splitlines()}


def _next_word(arpa: str, history: str) -> dict[str, float]:
    """p(w | history) over the whole vocabulary, as a back-off decoder reads the model."""
    uni, big, bow = _unigrams(arpa), _bigrams(arpa), _backoffs(arpa)
    return {
        w: 10 ** big[(history, w)] if (history, w) in big else 10 ** (bow[history] + p)
        for w, p in uni.items()
        if w != "<s>"
    }


def test_background_weights_share_the_background_mass():
    arpa = build_arpa(
        [["thank", "you"]],
        background=["the", "gardening", "zebra"],
        background_mass=0.2,
        background_weights={"the": 0.05, "gardening": 0.0001},
    )
    probs = {w: 10**p for w, p in _unigrams(arpa).items() if w != "<s>"}
    assert probs["the"] == pytest.approx(0.2 * 0.05 / 0.0502, rel=1e-2)
    assert probs["zebra"] == pytest.approx(probs["gardening"], rel=1e-2)  # unknown: the least
    assert math.fsum(probs.values()) == pytest.approx(1.0, abs=0.01)


def test_background_bigrams_make_general_english_likelier_and_stay_normalised():
    sentences = [["i", "am", "calling"], ["thank", "you", "for", "calling"]]
    background = ["about", "gardening", "the"]
    plain = build_arpa(sentences, background, discount=0.3)
    mixed = build_arpa(
        sentences,
        background,
        discount=0.3,
        background_bigrams={"calling": {"about": 0.3, "unknown": 0.5}, "about": {"the": 0.4}},
        bigram_weight=0.5,
    )
    assert ("calling", "unknown") not in _bigrams(mixed)  # outside the model's vocabulary
    for arpa in (plain, mixed):
        for history in ("calling", "about", "am"):
            assert math.fsum(_next_word(arpa, history).values()) == pytest.approx(1.0, abs=0.01)
    after_calling = _next_word(mixed, "calling")
    assert after_calling["about"] > 3 * after_calling["gardening"]
    assert _next_word(plain, "calling")["about"] == pytest.approx(
        _next_word(plain, "calling")["gardening"], rel=1e-2
    )
    # A history only the background knows ("about") gets its bigrams too.
    assert _next_word(mixed, "about")["the"] > _next_word(plain, "about")["the"]
    # What the sentences said keeps its share: the background takes only back-off mass.
    assert _next_word(mixed, "calling")["</s>"] == pytest.approx(0.7, rel=1e-3)
    assert _next_word(plain, "calling")["</s>"] == pytest.approx(0.7, rel=1e-3)
