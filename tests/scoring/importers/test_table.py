"""CSV of start, speaker, text: header names, headerless rows, units, bad times."""

from __future__ import annotations

import pytest

from tests.scoring.importers.conftest import Reader, Refusal, rows


def test_header_names_in_any_order_with_quoted_commas_and_empty_rows(read: Reader) -> None:
    text = (
        "Speaker,Start Time,End Time,Transcript\r\n"
        'Agent,0.5,3.0,"Thank you for calling Advantus, this is Dana."\r\n'
        "Customer,3.5,4.0,\r\n"
        "Customer,4.5,9.0,My order came with the wrong colour.\r\n"
        "Agent,8.0,8.5,Mm-hm.\r\n"
    )
    assert rows(read(text, "call.csv")) == [
        (0, "AGENT", "Thank you for calling Advantus, this is Dana."),
        (4, "CALLER", "My order came with the wrong colour."),
        (8, "AGENT", "Mm-hm."),
    ]


def test_headerless_rows_and_milliseconds_and_tabs(read: Reader) -> None:
    headerless = (
        "00:00:01,spk_1,Thanks for calling Harbor Bank, how may I help you?\n"
        "00:00:04,spk_0,Hi, I was charged twice.\n"
    )
    assert rows(read(headerless, "a.csv")) == [
        (1, "AGENT", "Thanks for calling Harbor Bank, how may I help you?"),
        (4, "CALLER", "Hi, I was charged twice."),
    ]
    tabbed = "participant\tbegin_offset_ms\ttext\nCUSTOMER\t2500\tHello?\nAGENT\t61000\tHi there.\n"
    assert rows(read(tabbed, "b.tsv")) == [(2, "CALLER", "Hello?"), (61, "AGENT", "Hi there.")]


@pytest.mark.parametrize(
    ("start", "phrase"),
    [("nan", "bad start time"), ("-3", "negative"), ("9e9", "more than a day"), ("soon", "bad")],
)
def test_bad_times_are_refused_with_their_line(refused: Refusal, start: str, phrase: str) -> None:
    text = f"start,speaker,text\n0,Agent,Hello.\n{start},Customer,Hi.\n"
    err = refused(text, "bad.csv")
    assert err.line == 3
    assert phrase in err.message


def test_a_row_with_words_but_no_speaker_is_refused(refused: Refusal) -> None:
    err = refused("start,speaker,text\n0,Agent,Hello.\n1,,Hi.\n", "nospeaker.csv")
    assert (err.line, err.message) == (3, "a row with words but no speaker")


def test_a_broken_quote_is_refused(refused: Refusal) -> None:
    err = refused('start,speaker,text\n0,Agent,"Hello.\n' + "x" * 200_000, "broken.csv")
    assert "CSV" in err.message


def test_dates_with_clock_times_count_from_the_first_turn(read: Reader, refused: Refusal) -> None:
    text = (
        "timestamp,participant,message\n"
        "2025-05-12T10:31:05+01:00,Agent,Thanks for calling.\n"
        "2025-05-12 09:31:09Z,Customer,Hi.\n"
        "2025-05-12 09:32:10,Agent,Anything else?\n"
    )
    assert rows(read(text, "export.csv")) == [
        (0, "AGENT", "Thanks for calling."),
        (4, "CALLER", "Hi."),
        (65, "AGENT", "Anything else?"),
    ]
    mixed = "time,speaker,text\n2025-05-12 09:31:05,Agent,Hi.\n12,Customer,Hello.\n"
    err = refused(mixed, "mixed.csv")
    assert (err.line, "mix" in err.message) == (3, True)
    days = "time,speaker,text\n2025-05-12 09:31:05,Agent,Hi.\n2025-05-14 09:31:05,Customer,Yo.\n"
    assert "more than a day" in refused(days, "days.csv").message


def test_a_turn_that_is_only_a_sound_is_no_turn(read: Reader) -> None:
    text = (
        "start,speaker,text\n0,Agent,Hello.\n1,Customer,[noise]\n"
        "2,Customer,(inaudible)\n3,Customer,Hi.\n"
    )
    assert rows(read(text, "s.csv")) == [(0, "AGENT", "Hello."), (3, "CALLER", "Hi.")]
