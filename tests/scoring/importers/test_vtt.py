"""WebVTT captions: voice spans and "Name:" prefixes, speakers mapped, cues ordered."""

from __future__ import annotations

from tests.scoring.importers.conftest import Reader, Refusal, rows

TEAMS = """WEBVTT

00:00:00.500 --> 00:00:04.000
<v Dana Smith>Thank you for calling Advantus, this is Dana. How can I help you?</v>

00:00:04.500 --> 00:00:08.000
<v Maria Lopez>Hi. My order came with the wrong colour.</v>

00:00:07.600 --> 00:00:08.200
<v Dana Smith>Mm-hm.</v>

00:00:08.500 --> 00:00:09.000
<v Maria Lopez></v>

00:00:09.000 --> 00:00:12.000
[MUSIC]

00:00:12.000 --> 00:00:15.000
<v Dana Smith>I&apos;m sorry about that. Let me fix it &amp; send a new one.
<v Maria Lopez>Thank you.
"""


def test_voice_spans_name_the_speakers_and_the_greeting_finds_the_agent(read: Reader) -> None:
    t = read(TEAMS, "teams.vtt")
    assert rows(t) == [
        (0, "AGENT", "Thank you for calling Advantus, this is Dana. How can I help you?"),
        (4, "CALLER", "Hi. My order came with the wrong colour."),
        (7, "AGENT", "Mm-hm."),
        (12, "AGENT", "I'm sorry about that. Let me fix it & send a new one."),
        (12, "CALLER", "Thank you."),
    ]
    assert t.agent == "Dana"
    assert t.caller == "Maria Lopez"
    assert t.headers["source_format"] == "WebVTT"


def test_cues_out_of_order_are_sorted_by_start_and_both_kept(read: Reader) -> None:
    overlap = """WEBVTT

00:00:05.000 --> 00:00:09.000
Agent: Can I have your account number?

00:00:01.000 --> 00:00:06.000
Customer: I was charged twice this month.
"""
    assert rows(read(overlap, "o.vtt")) == [
        (1, "CALLER", "I was charged twice this month."),
        (5, "AGENT", "Can I have your account number?"),
    ]


def test_zoom_style_name_prefixes_without_voice_tags(read: Reader) -> None:
    zoom = """WEBVTT

1
00:00:01.000 --> 00:00:03.000
Priya Shah: Harbor Bank, Priya speaking, how may I help you?

2
00:00:03.500 --> 00:00:06.000
Tom Reyes: Hi, my card was declined.

3
00:00:06.000 --> 00:00:08.000
Priya Shah: I'm sorry. Remember: it may be the daily limit.

4
00:00:08.000 --> 00:00:09.000
and we can raise it today.

5
00:00:09.500 --> 00:00:10.000
Tom Reyes: Great.
"""
    t = read(zoom, "zoom.vtt")
    assert rows(t) == [
        (1, "AGENT", "Harbor Bank, Priya speaking, how may I help you?"),
        (3, "CALLER", "Hi, my card was declined."),
        (6, "AGENT", "I'm sorry. Remember: it may be the daily limit."),
        (8, "AGENT", "and we can raise it today."),
        (9, "CALLER", "Great."),
    ]
    assert (t.agent, t.caller) == ("Priya", "Tom Reyes")


def test_a_malformed_cue_timing_refuses_the_file_with_its_line(refused: Refusal) -> None:
    bad = TEAMS.replace("00:00:04.500 --> 00:00:08.000", "00:00:04.500 --> 00:0x:08.000")
    err = refused(bad, "bad.vtt")
    assert err.line == 6
    assert "timing" in err.message


def test_a_caption_without_a_speaker_before_it_is_refused(refused: Refusal) -> None:
    err = refused("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nHello there.\n", "anon.vtt")
    assert err.line == 4
    assert "no speaker" in err.message


def test_two_unnamed_speakers_who_say_nothing_telling_need_agent_speaker(
    read: Reader, refused: Refusal
) -> None:
    vague = """WEBVTT

00:00:01.000 --> 00:00:02.000
<v spk_0>Hello?

00:00:02.000 --> 00:00:03.000
<v spk_1>Hi, yes.
"""
    err = refused(vague, "vague.vtt")
    assert "--agent-speaker" in err.message
    assert "spk_0" in err.message
    t = read(vague, "vague.vtt", agent_speaker="spk_1")
    assert rows(t) == [(1, "CALLER", "Hello?"), (2, "AGENT", "Hi, yes.")]
    assert "agent" not in t.headers  # a diarisation label is not a name
