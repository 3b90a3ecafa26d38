import pytest

from simulator.listen.pronounce import Lexicon, ipa_to_arpabet


def test_ipa_maps_to_the_acoustic_models_phones():
    assert ipa_to_arpabet("ɐdvˈæntəs") == "AH D V AE N T AH S"
    assert ipa_to_arpabet("tʃˈɛɹ") == "CH EH R"
    assert ipa_to_arpabet("dwˈeɪn") == "D W EY N"


@pytest.mark.audio
def test_names_missing_from_cmudict_get_espeak_pronunciations(tmp_path):
    from pocketsphinx import get_model_path

    lexicon = Lexicon(get_model_path("en-us/cmudict-en-us.dict"))
    assert lexicon.pronunciations("hello")  # from CMUdict
    assert lexicon.pronunciations("advantus") == ["AH D V AE N T AH S"]
    missing = lexicon.write_dict(["hello", "advantus"], tmp_path / "d.dict")
    assert not missing
    assert "advantus AH D V AE N T AH S" in (tmp_path / "d.dict").read_text()


@pytest.mark.audio
def test_british_variants_are_added_where_they_differ_and_remembered(tmp_path):
    from pocketsphinx import get_model_path

    lexicon = Lexicon(get_model_path("en-us/cmudict-en-us.dict"))
    lexicon.write_dict(["order", "hold", "advantus"], tmp_path / "us.dict")
    assert lexicon.british_variant == {}
    lexicon.write_dict(["order", "hold", "advantus"], tmp_path / "uk.dict", british=True)
    text = (tmp_path / "uk.dict").read_text()
    n = lexicon.british_variant["order"]
    assert f"order({n}) AO D AH" in text  # no r: the British "order"
    assert "advantus" not in lexicon.british_variant  # a name: eSpeak's guess only, once


@pytest.mark.audio
def test_rp_goat_spells_the_british_goat_vowel_as_schwa_and_glide(tmp_path):
    from pocketsphinx import get_model_path

    from simulator.listen.pronounce import RP_GOAT, british_pronunciation

    assert british_pronunciation("hold") == "HH OW L D"  # the default: American OW
    assert british_pronunciation("hold", rp_goat=True) == f"HH {RP_GOAT} L D"
    assert british_pronunciation("order", rp_goat=True) == "AO D AH"  # no GOAT vowel: unchanged
    lexicon = Lexicon(get_model_path("en-us/cmudict-en-us.dict"))
    lexicon.write_dict(["hold", "order"], tmp_path / "uk.dict", british=True, rp_goat=True)
    text = (tmp_path / "uk.dict").read_text()
    assert "hold HH OW L D" in text  # CMUdict's stays first
    assert f"hold({lexicon.british_variant['hold']}) HH {RP_GOAT} L D" in text


@pytest.mark.audio
def test_rp_thought_spells_the_british_thought_vowel_before_l_as_ow(tmp_path):
    from pocketsphinx import get_model_path

    from simulator.listen.pronounce import RP_GOAT, RP_THOUGHT, british_pronunciation

    assert british_pronunciation("call") == "K AO L"  # the same as CMUdict's: no variant
    assert british_pronunciation("call", rp_thought=True) == f"K {RP_THOUGHT}"
    assert british_pronunciation("always", rp_thought=True).startswith(RP_THOUGHT)
    assert british_pronunciation("order", rp_thought=True) == "AO D AH"  # no l after it
    assert british_pronunciation("choice", rp_thought=True) == "CH OY S"  # ɔɪ is not ɔː
    # both rules together: "cold" keeps the GOAT spelling, so it no longer sounds like "call"
    assert british_pronunciation("cold", True, True) == f"K {RP_GOAT} L D"
    lexicon = Lexicon(get_model_path("en-us/cmudict-en-us.dict"))
    lexicon.write_dict(["call"], tmp_path / "uk.dict", british=True, rp_thought=True)
    text = (tmp_path / "uk.dict").read_text()
    assert "call K AO L" in text  # CMUdict's stays first
    assert f"call({lexicon.british_variant['call']}) K {RP_THOUGHT}" in text


@pytest.mark.audio
def test_the_domain_dictionary_has_the_british_thought_and_goat_vowels_by_default(tmp_path):
    from simulator.listen.pronounce import RP_GOAT, RP_THOUGHT
    from simulator.listen.recogniser import build_domain_model

    model = build_domain_model(folder=tmp_path, background_words=50)
    text = model.dictionary.read_text(encoding="utf-8")
    assert f"call({model.british_variant['call']}) K {RP_THOUGHT}\n" in text
    assert f"hold({model.british_variant['hold']}) HH {RP_GOAT} L D\n" in text
    us = model.us_dictionary.read_text(encoding="utf-8").splitlines()
    assert [ln for ln in us if ln.split()[0].split("(")[0] == "call"] == ["call K AO L"]
