from simulator.listen.words import number_variants, number_words, spell_digits, tokens


def test_tokens_lower_case_and_keep_contractions():
    assert tokens("I'll put you on HOLD, okay?") == ["i'll", "put", "you", "on", "hold", "okay"]


def test_short_numbers_are_cardinals_and_long_ones_digits():
    assert tokens("extension 110") == ["extension", "one", "hundred", "ten"]
    assert tokens("order 5521907") == ["order"] + "five five two one nine zero seven".split()


def test_phone_numbers_are_read_digit_by_digit():
    assert tokens("call 555-614-2200") == ["call"] + spell_digits("5556142200").split()
    assert tokens("(330) 555-0116")[:3] == ["three", "three", "zero"]


def test_number_words_without_and():
    assert number_words(0) == "zero"
    assert number_words(42) == "forty two"
    assert number_words(2200) == "two thousand two hundred"
    assert number_words(110) == "one hundred ten"


def test_number_variants_cover_how_extensions_are_said():
    assert number_variants("110") == ["one hundred ten", "one one zero", "one ten"]
    assert number_variants("0116") == ["zero one one six"]


def test_repair_undoes_the_dropped_s_of_thanks_only():
    from simulator.listen.words import repair

    assert repair("thank for calling and thank for holding") == (
        "thanks for calling and thanks for holding"
    )
    assert repair("thank you for calling") == "thank you for calling"
    assert repair("thanksgiving thank forward") == "thanksgiving thank forward"
