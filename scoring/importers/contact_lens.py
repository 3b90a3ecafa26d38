"""Amazon Connect Contact Lens and Transcribe Call Analytics output, with roles.

    {"Participants": [{"ParticipantId": "A1", "ParticipantRole": "AGENT"}, ...],
     "Transcript": [{"ParticipantId": "A1", "BeginOffsetMillis": 420,
                     "Content": "Thank you for calling ...", ...}], ...}

Call Analytics writes `ParticipantRole` on each turn; Contact Lens writes
`ParticipantId`, with roles in `Participants`; the real-time API returns
`{"Segments": [{"Transcript": {...}}]}`. The file says who is the agent:
AGENT and SUPERVISOR speak for the company, CUSTOMER is the caller. Other
roles (SYSTEM, an IVR's prompts) are not the conversation and are left out.
"""

from __future__ import annotations

from typing import Any

from scoring.importers.base import Turn, fail, number
from scoring.importers.jsondoc import dicts, document, get, text_of
from scoring.transcript import Speaker

NAME = "Contact Lens JSON"

_SIDES: dict[str, Speaker] = {"AGENT": "agent", "SUPERVISOR": "agent", "CUSTOMER": "caller"}


def _entries(doc: Any) -> list[dict[str, Any]]:
    if isinstance(get(doc, "Transcript"), list):
        return list(dicts(doc["Transcript"]))
    return [
        seg["Transcript"]
        for seg in dicts(get(doc, "Segments"))
        if isinstance(get(seg, "Transcript"), dict)
    ]


def detect(text: str) -> bool:
    entries = _entries(document(text))
    return bool(entries) and all("Content" in e and "BeginOffsetMillis" in e for e in entries[:20])


def read(text: str, path: str) -> list[Turn]:
    doc = document(text)
    roles = {
        text_of(p.get("ParticipantId")): text_of(p.get("ParticipantRole"))
        for p in dicts(get(doc, "Participants"))
    }
    turns: list[Turn] = []
    for i, entry in enumerate(_entries(doc)):
        who = text_of(entry.get("ParticipantId"))
        role = (text_of(entry.get("ParticipantRole")) or roles.get(who, "") or who).upper()
        if not role:
            fail(path, 0, f"Transcript[{i}] has neither ParticipantRole nor ParticipantId")
        side = _SIDES.get(role)
        start = number(
            entry.get("BeginOffsetMillis"), path, f"Transcript[{i}].BeginOffsetMillis", scale=0.001
        )
        if side is None:
            continue
        turns.append(Turn(start=start, speaker=role, text=text_of(entry.get("Content")), role=side))
    return turns
