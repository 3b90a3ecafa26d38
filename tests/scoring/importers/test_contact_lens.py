"""Contact Lens and Transcribe Call Analytics: roles from the file."""

from __future__ import annotations

import json

from tests.scoring.importers.conftest import Reader, Refusal, rows

CONTACT_LENS = {
    "AccountId": "123456789012",
    "Channel": "VOICE",
    "JobStatus": "COMPLETED",
    "LanguageCode": "en-US",
    "Participants": [
        {"ParticipantId": "CUSTOMER", "ParticipantRole": "CUSTOMER"},
        {"ParticipantId": "AGENT", "ParticipantRole": "AGENT"},
    ],
    "Transcript": [
        {
            "BeginOffsetMillis": 250,
            "EndOffsetMillis": 3100,
            "Id": "a1",
            "ParticipantId": "AGENT",
            "Content": "Hi.",
            "Sentiment": "NEUTRAL",
        },
        {
            "BeginOffsetMillis": 3200,
            "EndOffsetMillis": 7000,
            "Id": "a2",
            "ParticipantId": "CUSTOMER",
            "Content": "Hello, I am calling about my order.",
            "Sentiment": "NEUTRAL",
        },
        {
            "BeginOffsetMillis": 6900,
            "EndOffsetMillis": 7300,
            "Id": "a3",
            "ParticipantId": "AGENT",
            "Content": " ",
            "Sentiment": "NEUTRAL",
        },
        {
            "BeginOffsetMillis": 6800,
            "EndOffsetMillis": 7400,
            "Id": "a4",
            "ParticipantId": "AGENT",
            "Content": "Okay.",
            "Sentiment": "NEUTRAL",
        },
    ],
    "Version": "1.1.0",
}


def test_roles_come_from_participants_even_when_no_one_greets(read: Reader) -> None:
    t = read(json.dumps(CONTACT_LENS), "contact.json")
    assert rows(t) == [
        (0, "AGENT", "Hi."),
        (3, "CALLER", "Hello, I am calling about my order."),
        (6, "AGENT", "Okay."),
    ]
    assert t.headers["source_format"] == "Contact Lens JSON"


def test_call_analytics_roles_on_each_turn_and_system_prompts_left_out(read: Reader) -> None:
    doc = {
        "JobName": "x",
        "Transcript": [
            {
                "ParticipantRole": "SYSTEM",
                "BeginOffsetMillis": 0,
                "Content": "This call may be recorded.",
            },
            {"ParticipantRole": "CUSTOMER", "BeginOffsetMillis": 4000, "Content": "Hi there."},
            {
                "ParticipantRole": "AGENT",
                "BeginOffsetMillis": 2000,
                "Content": "Advantus, Dana speaking.",
            },
        ],
    }
    assert rows(read(json.dumps(doc), "analytics.json")) == [
        (2, "AGENT", "Advantus, Dana speaking."),
        (4, "CALLER", "Hi there."),
    ]


def test_real_time_segments(read: Reader) -> None:
    doc = {
        "Segments": [
            {
                "Transcript": {
                    "ParticipantRole": "AGENT",
                    "BeginOffsetMillis": 100,
                    "Content": "Hello.",
                }
            },
            {"Categories": {"MatchedCategories": []}},
            {
                "Transcript": {
                    "ParticipantRole": "CUSTOMER",
                    "BeginOffsetMillis": 900,
                    "Content": "Hi.",
                }
            },
        ]
    }
    assert rows(read(json.dumps(doc), "rt.json")) == [(0, "AGENT", "Hello."), (0, "CALLER", "Hi.")]


def test_a_negative_offset_is_refused(refused: Refusal) -> None:
    doc = json.loads(json.dumps(CONTACT_LENS))
    doc["Transcript"][1]["BeginOffsetMillis"] = -5
    err = refused(json.dumps(doc), "neg.json")
    assert "Transcript[1].BeginOffsetMillis" in err.message
    assert "negative" in err.message
