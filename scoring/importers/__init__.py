"""Reading what QA teams have: captions, pasted text, CSV and speech-to-text JSON.

`callsim grade` and `callsim convert` read a file in the spec's transcript
format with the spec reader, unchanged; any other file is recognised from its
content (not its name) and read by one of the importers below into the same
`Transcript`, so the grader never knows the difference:

    WebVTT, SRT, Amazon Transcribe, Contact Lens / Call Analytics, Deepgram,
    AssemblyAI, Google Speech-to-Text, Whisper-style segments, Gridspace, CSV,
    plain "Agent: ..." text

Each format is a small module with `detect(text) -> bool` and
`read(text, path) -> list[Turn]`; `Format` puts one behind the `Importer`
protocol, whose `read` returns the `Transcript` (speakers mapped, turns
ordered: `assemble.py`). A file in none of these formats is refused with one
line saying what was expected. docs/importing.md describes every format.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType
from typing import Protocol

from scoring.files import FileProblem, read_regular
from scoring.importers import (
    assemblyai,
    contact_lens,
    deepgram,
    google_stt,
    gridspace,
    plain,
    subrip,
    table,
    transcribe,
    vtt,
    whisper,
)
from scoring.importers.assemble import assemble
from scoring.importers.base import Turn, fail
from scoring.importers.jsondoc import looks_like_json, refuse_if_broken
from scoring.reader import MAX_FILE_BYTES, TranscriptError, parse_text
from scoring.transcript import Transcript

__all__ = [
    "FORMATS",
    "Format",
    "Importer",
    "find_format",
    "import_bytes",
    "read_file",
    "read_text",
]


class Importer(Protocol):
    """A transcript format other than the spec's: recognised from content, read to a Transcript."""

    name: str

    def detect(self, text: str) -> bool: ...

    def read(self, text: str, path: str, *, agent_speaker: str | None = None) -> Transcript: ...


@dataclass(frozen=True)
class Format:
    """One format module behind the `Importer` protocol."""

    name: str
    detect_text: Callable[[str], bool]
    turns: Callable[[str, str], list[Turn]]
    is_json: bool = False

    @classmethod
    def of(cls, module: ModuleType, *, is_json: bool = False) -> Format:
        return cls(module.NAME, module.detect, module.read, is_json)

    def detect(self, text: str) -> bool:
        return self.detect_text(text)

    def read(self, text: str, path: str, *, agent_speaker: str | None = None) -> Transcript:
        return assemble(self.turns(text, path), path, self.name, agent_speaker=agent_speaker)


#: In the order they are tried: the unmistakable first, the forgiving last.
FORMATS: tuple[Format, ...] = (
    Format.of(vtt),
    Format.of(subrip),
    Format.of(contact_lens, is_json=True),
    Format.of(transcribe, is_json=True),
    Format.of(deepgram, is_json=True),
    Format.of(assemblyai, is_json=True),
    Format.of(whisper, is_json=True),
    Format.of(google_stt, is_json=True),
    Format.of(gridspace, is_json=True),
    Format.of(table),
    Format.of(plain),
)

_EXPECTED = (
    "expected a callsim transcript ('# callsim transcript: 1' first), WebVTT or SRT captions "
    "with speaker names, a CSV of start, speaker, text, speech-to-text JSON with speakers, "
    "or 'Agent: ...' / 'Customer: ...' lines (docs/importing.md)"
)


def is_callsim(text: str) -> bool:
    """The spec's format: its first non-blank character is `#` (the version line).

    An empty file is the spec reader's to refuse too ("missing the version line")."""
    head = text.lstrip("\ufeff \t\r\n")
    return not head or head.startswith("#")


def find_format(text: str, path: str) -> Format:
    """The importer for a file not in the spec format, or a one-line refusal."""
    if looks_like_json(text):
        refuse_if_broken(text, path)
        for f in FORMATS:
            if f.is_json and f.detect(text):
                return f
        names = ", ".join(f.name.removesuffix(" JSON") for f in FORMATS if f.is_json)
        fail(path, 1, f"JSON, but not speech-to-text output this reads ({names})")
    for f in FORMATS:
        if not f.is_json and f.detect(text):
            return f
    fail(path, 1, f"not a transcript format this reads: {_EXPECTED}")


def read_text(
    text: str, path: str = "<transcript>", *, agent_speaker: str | None = None
) -> Transcript:
    """Any supported format's text to a `Transcript`; the spec format goes to the spec reader."""
    if is_callsim(text):
        return parse_text(text, path)
    text = classic_mac_lines(text)
    return find_format(text, path).read(text, path, agent_speaker=agent_speaker)


def classic_mac_lines(text: str) -> str:
    """A caption, CSV or plain-text file whose lines end in a lone CR (classic Mac OS, and some
    older call-recording exports) read as LF lines; a file with any LF is left alone, so a CR
    inside a quoted CSV field of an LF file stays where it is."""
    if "\r" in text and "\n" not in text:
        return text.replace("\r", "\n")
    return text


def import_bytes(data: bytes, path: str, *, agent_speaker: str | None = None) -> Transcript:
    """Decode (UTF-8, with or without a BOM; UTF-16 with a BOM, as spreadsheets save, or
    without; else Windows' CP1252) and read."""
    if len(data) > MAX_FILE_BYTES:
        fail(path, 0, f"file is larger than {MAX_FILE_BYTES:,} bytes")
    return read_text(_decode(data, path), path, agent_speaker=agent_speaker)


def read_file(path: str | os.PathLike[str], *, agent_speaker: str | None = None) -> Transcript:
    """Read one file of any supported format: regular files only, at most 4 MiB."""
    name = os.fspath(path)
    try:
        data = read_regular(path, MAX_FILE_BYTES, what="transcript")
    except FileProblem as exc:
        raise TranscriptError(name, 0, exc.message) from None
    return import_bytes(data, name, agent_speaker=agent_speaker)


def _decode(data: bytes, path: str) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            fail(path, 0, "not UTF-16 text, though it starts with a UTF-16 byte order mark")
    body = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    if (utf16 := _utf16_without_bom(body)) is not None:
        return utf16
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        windows = _windows_text(body)
        if windows is not None:
            return windows
        line = body.count(b"\n", 0, exc.start) + 1
        fail(path, line, f"not UTF-8 text (byte 0x{body[exc.start]:02x} at offset {exc.start})")


#: Control bytes no text file holds (tab, LF, FF and CR aside): their presence means binary.
_BINARY = re.compile(rb"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def _utf16_without_bom(body: bytes) -> str | None:
    """UTF-16 text saved without its byte order mark (some Windows exports): the zero bytes of
    its ASCII letters all fall on odd offsets (little-endian) or all on even ones (big)."""
    head = body[:512]
    if len(body) % 2 or b"\x00" not in head:
        return None
    odd, even = head[1::2].count(0), head[0::2].count(0)
    if min(odd, even) or max(odd, even) * 4 < len(head) // 2:  # mostly ASCII, one side only
        return None
    try:
        text = body.decode("utf-16-le" if odd else "utf-16-be")
    except UnicodeDecodeError:
        return None
    return None if _BINARY.search(text.encode("utf-8")) else text


#: a well-formed UTF-8 letter beyond ASCII: CP1252 text all but never holds one
_UTF8_LETTER = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)


def _windows_text(body: bytes) -> str | None:
    """Text saved by Windows in its "ANSI" code page (CP1252, a superset of Latin-1's
    letters: `I’m` is byte 0x92), as Notepad, Excel and older call-recording tools write
    it; None for bytes that are not text (controls, or bytes CP1252 leaves undefined)."""
    if _BINARY.search(body) or _UTF8_LETTER.search(body):
        return None  # binary, or UTF-8 with a bad byte (cut mid-letter): refused as such
    try:
        return body.decode("cp1252")
    except UnicodeDecodeError:
        return None
