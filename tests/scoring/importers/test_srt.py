"""SRT captions: "Name:" and "[Name]" prefixes, cues with several speakers, garbled blocks."""

from __future__ import annotations

from tests.scoring.importers.conftest import Reader, Refusal, rows

CALL = """1
00:00:00,400 --> 00:00:03,000
Rep: Thanks for calling Nimbus Telecom, how can I help?

2
00:00:03,200 --> 00:00:06,000
Client: My internet has been down since Monday.

3
00:00:05,800 --> 00:00:06,500
Rep: Oh no.
Client: Yeah.

4
00:00:07,000 --> 00:00:08,000
(inaudible)

5
00:00:08,000 --> 00:00:10,000
Rep: May I have the account number?
"""


def test_role_labels_map_and_a_cue_with_two_speakers_splits(read: Reader) -> None:
    t = read(CALL, "call.srt")
    assert rows(t) == [
        (0, "AGENT", "Thanks for calling Nimbus Telecom, how can I help?"),
        (3, "CALLER", "My internet has been down since Monday."),
        (5, "AGENT", "Oh no."),
        (5, "CALLER", "Yeah."),
        (8, "AGENT", "May I have the account number?"),
    ]
    assert t.headers["source_format"] == "SRT"
    assert "agent" not in t.headers  # "Rep" is a role, not a name


def test_bracketed_names_and_the_extension_does_not_matter(read: Reader) -> None:
    text = (
        "1\n00:00:01,000 --> 00:00:02,000\n[Sam] Hello, you have reached Kestrel Air.\n\n"
        "2\n00:00:02,500 --> 00:00:04,000\n[Ola] I need to change a flight.\n\n"
        "3\n00:00:04,500 --> 00:00:05,000\n[Sam] Sure.\n\n"
        "4\n00:00:05,500 --> 00:00:06,000\n[Ola] Thanks.\n"
    )
    t = read(text, "captions.txt")
    assert rows(t) == [
        (1, "AGENT", "Hello, you have reached Kestrel Air."),
        (2, "CALLER", "I need to change a flight."),
        (4, "AGENT", "Sure."),
        (5, "CALLER", "Thanks."),
    ]
    assert (t.agent, t.caller) == ("Sam", "Ola")


def test_a_garbled_timing_line_is_refused_with_its_line(refused: Refusal) -> None:
    err = refused(CALL.replace("00:00:05,800 -->", "00:00:5x,800 -->"), "bad.srt")
    assert err.line == 10
    assert "timing" in err.message


def test_a_negative_time_is_refused_with_its_line(refused: Refusal) -> None:
    err = refused(CALL.replace("00:00:08,000 --> 00:00:10,000", "-00:00:08,000 --> 00:00:10,000"))
    assert err.line == 19
    assert "timing" in err.message


def test_a_cue_that_is_only_a_sound_is_no_turn(read: Reader) -> None:
    assert all("inaudible" not in text for _, _, text in rows(read(CALL, "call.srt")))
