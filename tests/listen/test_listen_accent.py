"""The recogniser tells an American from a British speaker by the variants it hears."""

import pytest
from listen_audio import with_noise

from simulator.voice.profile import VoiceProfile

pytestmark = pytest.mark.audio

LINES = [
    "Thank you for holding, I have your order here now.",
    "Could I take your full name and the postcode, please?",
    "I'm going to transfer you to our accounts department.",
]


@pytest.mark.parametrize(("language", "accent"), [("en-us", "us"), ("en-gb", "uk")])
def test_a_few_turns_decide_the_accent(synth, language, accent):
    from simulator.listen.recogniser import build_domain_recogniser

    rec = build_domain_recogniser()
    assert rec.accent == "auto"
    for n, line in enumerate(LINES):
        audio = synth.synthesize(line, VoiceProfile(language=language, variant="f5", rate=160))
        rec.recognise(with_noise(audio, 30, n))
    words, british = rec.accent_evidence
    assert words >= 8, rec.accent_evidence
    assert rec.accent == accent, rec.accent_evidence


def test_an_american_decision_drops_the_british_variants(synth):
    from simulator.listen.recogniser import build_domain_recogniser

    rec = build_domain_recogniser()
    british_order = f"order({rec.british_variant['order']})"
    assert rec.decoder.lookup_word(british_order) == "AO D AH"
    rec.accent_evidence = (10, 0)  # heard as American
    rec.start()  # the dictionary is switched between turns, before the next one
    rec.finish()
    assert rec.decoder.lookup_word(british_order) is None
    assert rec.decoder.lookup_word("order") == "AO R D ER"
    forced = build_domain_recogniser(accent="us")
    assert forced.accent == "us"
    assert not forced.british_variant
    british = build_domain_recogniser(accent="uk")
    assert british.accent == "uk"
