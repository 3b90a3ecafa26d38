"""A caller says a thing once per breath: a part another part of the same turn already says
is left out (the irate caller's grievance beside the fact that tells the whole first call)."""

from simulator.engine.engine import _without_echoes


def test_a_part_the_longer_part_already_says_is_left_out() -> None:
    grievance = "I was told it would be reversed in a day or two. Nobody called me back, nothing."
    fact = (
        "I called on November 12th. A young man told me it would be reversed in a day or "
        "two. Nobody called me back."
    )
    assert _without_echoes([grievance, fact]) == ["", fact]


def test_different_parts_and_short_ones_are_kept() -> None:
    parts = ["That's correct.", "That's correct.", "The window is 2 to 4 this afternoon."]
    assert _without_echoes(parts) == parts
    two = ["My bill doubled this month.", "I checked online and both payments are there."]
    assert _without_echoes(two) == two


def test_what_they_bring_up_unasked_gives_way_to_the_answer_that_says_it() -> None:
    answer = "Yes. I was told it would be reversed in a day or two, and it's still there."
    vent = "I was told it would be reversed in a day or two. Nobody called me back, nothing."
    assert _without_echoes([answer, vent], [False, True]) == [answer, ""]
