"""AssemblyAI transcript JSON with `speaker_labels` (or multichannel).

    {"id": ..., "status": "completed", "text": ..., "words": [...],
     "utterances": [{"speaker": "A", "start": 250, "text": "...", ...}]}

Times are milliseconds. The utterances are the turns; the speaker is `A`,
`B` ... (or the utterance's `channel` in multichannel output).
"""

from __future__ import annotations

from scoring.importers.base import Turn, fail, number
from scoring.importers.jsondoc import dicts, document, get, text_of

NAME = "AssemblyAI JSON"


def detect(text: str) -> bool:
    doc = document(text)
    return isinstance(doc, dict) and "utterances" in doc and ("words" in doc or "text" in doc)


def read(text: str, path: str) -> list[Turn]:
    utterances = list(dicts(get(document(text), "utterances")))
    if not utterances:
        fail(path, 0, "AssemblyAI output without utterances: request speaker_labels=true")
    return [
        Turn(
            start=number(u.get("start"), path, f"utterances[{i}].start", scale=0.001),
            speaker=text_of(u.get("speaker"))
            or (f"channel {u['channel']}" if "channel" in u else ""),
            text=text_of(u.get("text")),
        )
        for i, u in enumerate(utterances)
    ]
