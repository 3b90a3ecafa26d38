"""The call transcript model (spec: transcript-format.md, version 1).

A transcript is the one format between the simulator and the grader: the
engine writes it, the grader reads it, and a trainer can hand in a real call
written the same way. These frozen dataclasses are what the reader yields and
what the writer prints, so both sides share one definition.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from types import MappingProxyType
from typing import Literal

FORMAT_VERSION = "1"

Speaker = Literal["agent", "caller"]

#: Speaker labels the format accepts (case-insensitive) and who they mean.
SPEAKER_ALIASES: Mapping[str, Speaker] = MappingProxyType(
    {
        "agent": "agent",
        "csr": "agent",
        "rep": "agent",
        "associate": "agent",
        "caller": "caller",
        "customer": "caller",
        "member": "caller",
    }
)

#: Context facts the spec defines; others are kept but mean nothing to the grader.
CONTEXT_FACTS: frozenset[str] = frozenset(
    {
        "irate",
        "spam",
        "wrong_number",
        "second_request",
        "already_transferred",
        "product_question",
        "documentation",
        "order",
        "unavailable",
        "transfer_ok",
    }
)

#: Events the grader understands, with the keys each may carry and the values
#: allowed where the spec lists them (None: any value).
EVENT_KEYS: Mapping[str, Mapping[str, frozenset[str] | None]] = MappingProxyType(
    {
        "hold": {},
        "resume": {},
        "mute": {},
        "unmute": {},
        "consult": {
            "ext": None,
            "to": None,
            "result": frozenset({"answered", "voicemail", "no_answer"}),
        },
        "transfer": {"ext": None, "to": None, "dept": None, "voicemail": frozenset({"yes", "no"})},
        "lookup": {"what": frozenset({"history", "order", "account"})},
        "note": {"text": None},
        "notify": {"who": frozenset({"supervisor", "workleader", "manager", "expert"})},
        "email": {"to": None, "what": None},
        "ticket": {"id": None},
        "interrupt": {},
        "hangup": {"by": frozenset({"agent", "caller"})},
    }
)


@lru_cache(maxsize=4096)
def format_time(seconds: int) -> str:
    """`MM:SS` (minutes may pass 59), the form the grader's evidence uses.

    Cached: every call graded formats about 20 evidence times, mostly the same
    few thousand seconds, and a cache hit costs a fifth of the formatting."""
    return f"{seconds // 60:02d}:{seconds % 60:02d}"


@dataclass(frozen=True, slots=True)
class Speech:
    """A spoken line: who spoke, when (seconds from call start), and the words."""

    number: int
    time: int
    speaker: Speaker
    text: str
    label: str = ""  # the label as written (CSR, MEMBER ...), for faithful re-printing

    @property
    def is_agent(self) -> bool:
        return self.speaker == "agent"

    @property
    def is_caller(self) -> bool:
        return self.speaker == "caller"

    def render(self) -> str:
        return self.text


def _speech_maker() -> Callable[[int, int, Speaker, str, str], Speech]:
    """`Speech(number, time, speaker, text, label)`, built without the frozen dataclass's
    `__init__`: that sets each field through `object.__setattr__` (a name looked up on
    the class each time); the fields' own slot setters do the same in two fifths of the
    time, and a reader builds one per line of every call graded."""
    new = object.__new__
    fields = Speech.__dict__
    number_, time_, speaker_, text_, label_ = (
        fields[name].__set__ for name in ("number", "time", "speaker", "text", "label")
    )

    def make(number: int, time: int, speaker: Speaker, text: str, label: str) -> Speech:
        line = new(Speech)
        number_(line, number)
        time_(line, time)
        speaker_(line, speaker)
        text_(line, text)
        label_(line, label)
        return line

    return make


#: `Speech(...)` for the reader's hot path (see `_speech_maker`)
new_speech = _speech_maker()


@dataclass(frozen=True, slots=True)
class Event:
    """A phone-system or tool event (`hold`, `transfer ext=4410` ...)."""

    number: int
    time: int
    name: str
    fields: tuple[tuple[str, str], ...] = ()

    def get(self, key: str, default: str = "") -> str:
        for k, v in self.fields:
            if k == key:
                return v
        return default

    def render(self) -> str:
        parts = ["*", self.name]
        for k, v in self.fields:
            parts.append(f"{k}={quote_value(v)}")
        return " ".join(parts)


Line = Speech | Event


def quote_value(value: str) -> str:
    """Quote an event value when it needs it (spaces, quotes, `=`, empty)."""
    if value and all(c not in value for c in ' "=\\\t'):
        return value
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


@dataclass(frozen=True)
class Transcript:
    """A whole call: header metadata and its timed lines in order."""

    path: str
    headers: Mapping[str, str] = field(default_factory=dict)
    lines: tuple[Line, ...] = ()
    #: header key -> the line it was read from (for errors about a header's value)
    header_lines: Mapping[str, int] = field(default_factory=dict, compare=False)

    @property
    def version(self) -> str:
        return self.headers.get("callsim transcript", FORMAT_VERSION)

    @property
    def policy(self) -> str:
        return self.headers.get("policy", "") or "default"

    @property
    def has_speech(self) -> bool:
        """Does anyone say anything? A call with no speech has nothing to grade."""
        return any(isinstance(ln, Speech) for ln in self.lines)

    @property
    def brand(self) -> str:
        return self.headers.get("brand", "")

    @property
    def agent(self) -> str:
        return self.headers.get("agent", "")

    @property
    def caller(self) -> str:
        return self.headers.get("caller", "")

    @property
    def correct_number(self) -> str:
        return self.headers.get("correct_number", "")

    @property
    def context(self) -> frozenset[str]:
        raw = self.headers.get("context", "")
        return frozenset(p.strip().lower() for p in raw.split(",") if p.strip())

    def speech(self) -> Iterator[Speech]:
        return (ln for ln in self.lines if isinstance(ln, Speech))

    def events(self, name: str | None = None) -> Iterator[Event]:
        return (
            ln for ln in self.lines if isinstance(ln, Event) and (name is None or ln.name == name)
        )

    @property
    def end_time(self) -> int:
        return self.lines[-1].time if self.lines else 0
