"""Recognition biased by the moment of the call: per-moment models, switched per turn."""

from __future__ import annotations

import time

import pytest

from simulator.listen.context import MomentModels, weighted_sentences
from simulator.voice.profile import VoiceProfile

OPENING = "thanks for calling acme this is dana who am i speaking with".split()
CLOSING = "is there anything else i can help you with today".split()


def test_sentences_doing_a_likely_act_are_counted_more_and_the_rest_stay():
    sentences = [OPENING, CLOSING, ["the", "parcel", "left", "on", "tuesday"]]
    labels = [frozenset({"thank_for_calling", "ask_name"}), frozenset({"anything_else"}),
              frozenset()]  # fmt: skip
    mixed = weighted_sentences(sentences, labels, frozenset({"ask_name"}), weight=4)
    assert mixed.count(OPENING) == 4
    assert mixed.count(CLOSING) == 1
    assert mixed.count(sentences[2]) == 1


def _models(key: str) -> tuple[MomentModels, list[int]]:
    calls: list[int] = []

    def source() -> tuple[list[list[str]], list[str]]:
        calls.append(1)
        return [OPENING, CLOSING, ["okay"]], ["hello", "window"]

    return MomentModels(source, key, {"background_mass": 0.1, "discount": 0.3}), calls


def test_a_moment_model_is_built_once_and_then_found_in_the_cache():
    first, built = _models(f"test-{time.time_ns()}")
    first.prepare(["opening", "closing", "no-such-moment"])
    assert set(first.ready) == {"opening", "closing"}
    assert built == [1]
    again, rebuilt = _models(first.key)
    again.prepare(["opening"])
    assert again.ready["opening"] == first.ready["opening"]
    assert rebuilt == []


def test_the_likely_sentences_are_more_probable_in_their_moment_and_others_still_possible():
    from pocketsphinx import NGramModel

    models, _ = _models(f"test-{time.time_ns()}")
    models.prepare(["opening", "closing"])
    opening = NGramModel.readfile(str(models.ready["opening"]))
    closing = NGramModel.readfile(str(models.ready["closing"]))
    assert opening.prob(OPENING) > closing.prob(OPENING)
    assert closing.prob(CLOSING) > opening.prob(CLOSING)
    assert opening.prob(CLOSING) > -1e6  # not ruled out, only less likely


def test_a_turn_uses_its_moment_model_and_the_next_goes_back_to_the_general(recogniser):
    recogniser.moments.prepare(["closing"])
    recogniser.expect("closing")
    recogniser.start()
    assert recogniser.decoder.current_search() == "moment-closing"
    recogniser.finish()
    recogniser.start()  # not told again: the general model
    assert recogniser.decoder.current_search() == "_default"
    recogniser.finish()
    recogniser.expect("opening")  # no model ready for it: the general model, never a wait
    if "opening" not in recogniser.moments.ready:
        recogniser.start()
        assert recogniser.decoder.current_search() == "_default"
        recogniser.finish()


@pytest.mark.audio
def test_a_line_the_moment_did_not_expect_still_gets_through(synth):
    """A closing question asked at the call's opening: the opening model still hears it."""
    from simulator.listen.listeners import understood
    from simulator.listen.recogniser import build_domain_recogniser

    audio = synth.synthesize(" ".join(CLOSING), VoiceProfile(variant="m3"))
    rec = build_domain_recogniser()
    rec.moments.prepare(["opening"])
    rec.expect("opening")
    text, acts = understood(rec.recognise(audio))
    assert "anything_else" in acts, text


@pytest.mark.audio
def test_the_listener_hands_the_engine_hint_to_the_recogniser(synth):
    from simulator.engine.hint import hint
    from simulator.listen.listeners import MicrophoneListener
    from simulator.listen.recogniser import RATE, build_domain_recogniser, to_16k

    rec = build_domain_recogniser()
    rec.moments.prepare(["closing"])
    pcm = to_16k(synth.synthesize(" ".join(CLOSING), VoiceProfile(variant="m3")))
    blocks = [pcm[i : i + 960] for i in range(0, len(pcm), 960)]
    held = iter([True] * len(blocks) + [False] * 4)
    source = iter(blocks + [b"\0\0" * (RATE // 100)] * 8)
    listener = MicrophoneListener(rec, push_to_talk=lambda: next(held), source=(
        lambda: next(source), lambda: None))  # fmt: skip
    listener.hint = hint("closing")
    searches: list[str] = []
    start = rec.start

    def spy() -> None:
        start()
        searches.append(rec.decoder.current_search())

    rec.start = spy  # type: ignore[method-assign]
    heard = listener.listen()
    assert searches == ["moment-closing"]
    assert heard is not None
    assert "anything_else" in heard.acts


def test_a_recogniser_for_a_built_model_shares_its_files_and_moment_models(recogniser):
    """The benchmark's many recognisers of one scenario: the model and its moments built once."""
    from simulator.listen.recogniser import recogniser_for

    recogniser.moments.prepare(["closing"])
    other = recogniser_for(recogniser.model, recogniser.moments, exclude=frozenset(), rp_goat=True)
    assert other is not recogniser
    assert other.decoder is not recogniser.decoder
    assert other.model is recogniser.model
    assert other.moments is recogniser.moments
    assert other.dictionaries == recogniser.dictionaries
    other.expect("closing")
    other.start()
    assert other.decoder.current_search() == "moment-closing"
    other.finish()
