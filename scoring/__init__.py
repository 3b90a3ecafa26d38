"""callsim's scoring engine: transcripts in, QA scorecards out.

Public surface: `read_transcript`, `parse_text`, `grade`, `load_policy`,
`recognise`. Everything here is pure: no clock, no network, no global state.
"""

from scoring.reader import TranscriptError, parse_text, read_transcript
from scoring.transcript import Event, Speech, Transcript

__all__ = ["Event", "Speech", "Transcript", "TranscriptError", "parse_text", "read_transcript"]
