"""Plain "Agent: ... / Customer: ..." text, with or without times."""

from __future__ import annotations

from tests.scoring.importers.conftest import Reader, Refusal, rows

TIMED = """Call 4471 - Harbor Bank
Date: 12 May 2025

[00:00] Agent: Thank you for calling Harbor Bank, this is Priya. How may I help you?
[00:05] Customer: Hi, I was charged twice for the same payment.
It was last Tuesday.
[00:11] Agent:
[00:12] Agent: I'm sorry to hear that. Let me look.
[00:10] Customer: Mm-hm.
[1:02:03] Agent: Thanks for holding.
"""


def test_timed_lines_with_a_title_continuations_an_empty_turn_and_an_overlap(read: Reader) -> None:
    t = read(TIMED)
    assert rows(t) == [
        (0, "AGENT", "Thank you for calling Harbor Bank, this is Priya. How may I help you?"),
        (5, "CALLER", "Hi, I was charged twice for the same payment. It was last Tuesday."),
        (10, "CALLER", "Mm-hm."),
        (12, "AGENT", "I'm sorry to hear that. Let me look."),
        (3723, "AGENT", "Thanks for holding."),
    ]
    assert t.headers["source_format"] == "plain text"


def test_without_times_every_turn_is_at_the_start(read: Reader) -> None:
    text = "CSR: Good morning, you've reached Atlas Insurance.\nMember: I'd like to file a claim.\n"
    assert rows(read(text)) == [
        (0, "AGENT", "Good morning, you've reached Atlas Insurance."),
        (0, "CALLER", "I'd like to file a claim."),
    ]


def test_names_are_mapped_by_what_they_say(read: Reader) -> None:
    text = (
        "Tom (00:02): Hi, I'm calling about my bill, I was charged twice.\n"
        "Lena (00:00): Thanks for calling Fernwood Supply, how can I help?\n"
        "Lena (00:06): I'm sorry about that. May I have your account number?\n"
        "Tom (00:09): Sure, it's 5521907.\n"
    )
    t = read(text)
    assert [r[:2] for r in rows(t)] == [(0, "AGENT"), (2, "CALLER"), (6, "AGENT"), (9, "CALLER")]
    assert (t.agent, t.caller) == ("Lena", "Tom")


def test_a_name_and_time_alone_on_a_line_heads_the_words_below(read: Reader) -> None:
    otter = (
        "Dana Smith  0:00\nThank you for calling Advantus. How can I help?\n\n"
        "Maria Lopez  0:04\nMy order is wrong.\nIt came in blue.\n\n"
        "Dana Smith  0:09\nSorry: let me check.\n\n"
        "Maria Lopez  1:04\nOkay.\n"
    )
    assert rows(read(otter)) == [
        (0, "AGENT", "Thank you for calling Advantus. How can I help?"),
        (4, "CALLER", "My order is wrong. It came in blue."),
        (9, "AGENT", "Sorry: let me check."),
        (64, "CALLER", "Okay."),
    ]


def test_a_bad_time_names_its_line(refused: Refusal) -> None:
    err = refused(TIMED.replace("[00:12] Agent", "[00:75] Agent"))
    assert err.line == 8
    assert "bad time" in err.message


def test_an_event_line_asks_for_the_version_line(refused: Refusal) -> None:
    err = refused("[00:00] AGENT: Hello.\n[00:01] CALLER: Hi.\n[00:02] * hold\n")
    assert err.line == 3
    assert "# callsim transcript: 1" in err.message


def test_prose_is_not_a_transcript(refused: Refusal) -> None:
    err = refused("Meeting notes\nNote: call the bank.\nTodo: buy milk.\nThat is all.\n")
    assert "not a transcript format this reads" in err.message
