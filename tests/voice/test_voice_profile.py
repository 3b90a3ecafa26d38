from simulator.voice.profile import VoiceProfile, profile_from_hints, with_mood


def test_gender_picks_a_variant_and_defaults_are_calm():
    assert profile_from_hints({"gender": "female"}).variant.startswith("f")
    assert profile_from_hints({"gender": "male"}).variant.startswith("m")
    assert profile_from_hints(None) == VoiceProfile()


def test_words_and_numbers_both_work_for_rate_and_pitch():
    fast = profile_from_hints({"rate": "fast", "pitch": "high"})
    assert fast.rate > VoiceProfile().rate
    assert fast.pitch > VoiceProfile().pitch
    assert profile_from_hints({"rate": 150, "pitch": "40"}).rate == 150
    assert profile_from_hints({"rate": 150, "pitch": "40"}).pitch == 40


def test_bad_hints_fall_back_instead_of_failing_a_call():
    p = profile_from_hints({"rate": "very", "pitch": [1], "volume": "loud", "language": "fr"})
    assert (p.rate, p.pitch, p.volume, p.language) == (170, 50, 0.9, "en-us")
    assert profile_from_hints({"rate": 5000, "volume": 7}).rate == 320
    assert profile_from_hints({"volume": 7}).volume == 1.0


def test_accent_maps_to_an_espeak_language():
    british = profile_from_hints({"accent": "British", "variant": "f2"})
    assert british.language == "en-gb"
    assert british.espeak_name == "en+f2"  # eSpeak NG's British English voice is called "en"


def test_irate_is_faster_higher_louder_and_calmed_is_slower():
    base = profile_from_hints({"gender": "female", "volume": 0.7})
    irate = with_mood(base, "irate")
    calmed = with_mood(base, "calmed")
    assert irate.rate > base.rate
    assert irate.pitch > base.pitch
    assert irate.volume > base.volume
    assert calmed.rate < base.rate
    assert with_mood(base, "puzzled") == base
    assert with_mood(base, None) == base


def test_profiles_are_hashable_cache_keys():
    assert len({VoiceProfile(), VoiceProfile(), with_mood(VoiceProfile(), "irate")}) == 2


def test_scenario_schema_multipliers_and_age():
    p = profile_from_hints({"gender": "female", "rate": 1.2, "pitch": 0.8})
    assert p.rate == 204
    assert p.pitch == 40
    assert profile_from_hints({"age": "senior"}).rate < VoiceProfile().rate
    assert profile_from_hints({"gender": "any"}).variant == "m3"


def test_engine_mood_levels_rise_in_rate_and_pitch():
    base = VoiceProfile()
    levels = [with_mood(base, level) for level in range(4)]
    assert [p.rate for p in levels] == sorted(p.rate for p in levels)
    assert levels[0] == base
    assert levels[3] == with_mood(base, "furious")
    assert with_mood(base, 9) == levels[3]
