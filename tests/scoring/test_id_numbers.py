"""Numbers that are not an identification number (gaps9, issue 17): money, shares, roads.

msg.collect_details and xfer.collect_info ask whether the caller gave an id; "sixty-five
pounds instead of thirty-two fifty" or "off Farm Road 1462" must not count as one."""

from __future__ import annotations

import pytest

from scoring.extract import id_digit_runs


@pytest.mark.parametrize(
    ("line", "runs"),
    [
        ("M H, 22, 07.", ["2207"]),
        ("It's 4 0 1, 7 7 3, 2 9 8.", ["401773298"]),
        ("My order 55123 cost $40.50.", ["55123"]),
        ("Account 1234 and 300 dollars owed.", ["1234"]),
        ("I live at 14 Mill Lane, my account is 99231.", ["99231"]),
        ("order one two three four, it was a hundred pounds", ["1234"]),
    ],
)
def test_ids_kept(line: str, runs: list[str]) -> None:
    assert id_digit_runs(line) == runs


@pytest.mark.parametrize(
    "line",
    [
        "The invoice is for a full plot, sixty-five pounds instead of thirty-two fifty.",
        "Out on the Tillman place off Farm Road 1462. I paid four hundred dollars for that.",
        "You've put my pitch fee up eleven per cent.",
        "It was a hundred and twenty quid.",
        "The invoice says five hundred instead of four fifty, and I was quoted in pounds.",
    ],
)
def test_money_shares_and_roads_are_no_id(line: str) -> None:
    assert id_digit_runs(line) == []
