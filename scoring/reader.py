"""Read call transcripts (spec: transcript-format.md) into `Transcript` objects.

A malformed file is rejected whole: the first problem is raised as a
`TranscriptError` carrying `PATH:LINE: what is wrong`. Transcripts come from
people, so the reader guards against what people (and tools) hand in:
oversized files, endless lines, binary junk, text in another encoding,
FIFOs and devices (only regular files are read), numbers too long to be
times. Only LF and CRLF end a line: a U+2028, NEL, vertical tab or form feed
inside a caller's words stays in those words and cannot start a forged
agent line. Errors quote at most a short, escaped excerpt of a bad value.
"""

from __future__ import annotations

import os
import re

from scoring.files import FileProblem, read_regular, walk_files
from scoring.literal import cut, excerpt
from scoring.transcript import (
    EVENT_KEYS,
    FORMAT_VERSION,
    SPEAKER_ALIASES,
    Event,
    Line,
    Speech,
    Transcript,
    new_speech,
)

#: A real call is a few KiB; an eight-hour call is well under 1 MiB.
MAX_FILE_BYTES = 4 * 1024 * 1024
#: Long note events are fine; a megabyte on one line is not a transcript.
MAX_LINE_CHARS = 20_000

_BLANK = b"\xef\xbb\xbf \t\r\n"  # a UTF-8 BOM and blank space before the first line
TRANSCRIPT_SUFFIXES = (".txt", ".transcript", ".vtt", ".srt")  # captions: scoring.importers

_TIMED = re.compile(r"\[(?P<time>[^\]]*)\]\s*(?P<rest>.*)\Z", re.S)
# ASCII digits only, and few enough that a time stays a time: 10^8 minutes is 190 years.
_TIME = re.compile(
    r"(?:(?P<h>[0-9]{1,6}):(?P<hm>[0-5][0-9])|(?P<m>[0-9]{1,8})):(?P<s>[0-5][0-9])\Z"
)
_HEADER = re.compile(r"#\s*(?P<key>[^:]+?)\s*:\s*(?P<value>.*?)\s*\Z")
_SPEECH = re.compile(r"(?P<label>[A-Za-z]+)\s*:\s?(?P<text>.*)\Z", re.S)
# The common case, a "[MM:SS] LABEL: words" line, in one match; anything else
# (events, hours, odd spacing, errors) takes the general path below.
_SPEECH_LINE = re.compile(r"\[([0-9]{1,8}):([0-5][0-9])\]\s*([A-Za-z]+)\s*:\s?(.*)\Z", re.S)
#: `SPEAKER_ALIASES` as a plain dict: looked up on every line, and a mapping proxy's `get`
#: costs a second call.
_SPEAKERS = dict(SPEAKER_ALIASES)
#: "MM" and "SS" of the common "[MM:SS]" to seconds: a look-up, not two `int` calls a line
_MINUTES = {f"{m:02d}": m * 60 for m in range(100)} | {str(m): m * 60 for m in range(10)}
_SECONDS = {f"{s:02d}": s for s in range(60)}
_EVENT_NAME = re.compile(r"[a-z][a-z0-9_]*\Z")
_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


class TranscriptError(ValueError):
    """A transcript that cannot be graded, with where and why."""

    def __init__(self, path: str, line: int, message: str) -> None:
        super().__init__(f"{path}:{line}: {message}")
        self.path = path
        self.line = line
        self.message = message


def read_transcript(
    path: str | os.PathLike[str], *, agent_speaker: str | None = None
) -> Transcript:
    """Read and parse one transcript file, refusing oversized or non-regular files early.

    A file that does not start with `#` (the version line) is another tool's
    export (captions, CSV, speech-to-text JSON ...): scoring.importers reads it,
    `agent_speaker` naming the agent where the file cannot tell."""
    name = os.fspath(path)
    try:
        data = read_regular(path, MAX_FILE_BYTES, what="transcript")
    except FileProblem as exc:
        raise TranscriptError(name, 0, exc.message) from None
    head = data[:64].lstrip(_BLANK) or data.lstrip(_BLANK)  # 64 bytes: no copy of the file
    if head and not head.startswith(b"#"):
        from scoring.importers import import_bytes  # loaded only for such files

        return import_bytes(data, name, agent_speaker=agent_speaker)
    return parse_bytes(data, name)


def parse_bytes(data: bytes, path: str = "<transcript>") -> Transcript:
    """Decode UTF-8 (a BOM is allowed) and parse; undecodable bytes name their line."""
    if len(data) > MAX_FILE_BYTES:
        raise TranscriptError(path, 0, f"file is larger than {MAX_FILE_BYTES:,} bytes")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise TranscriptError(
            path, line, f"not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start})"
        ) from None
    return parse_text(text, path)


def parse_text(text: str, path: str = "<transcript>") -> Transcript:
    """Parse transcript text. Raises `TranscriptError` on the first problem."""
    headers: dict[str, str] = {}
    header_lines: dict[str, int] = {}
    lines: list[Line] = []
    seen_version = timed = False
    last_time = 0
    for number, raw in enumerate(text.split("\n"), start=1):  # not splitlines(): LF only
        line = _checked(raw, path, number)
        if not line:
            continue
        if not seen_version:
            _expect_version(line, path, number)
            headers["callsim transcript"] = FORMAT_VERSION
            seen_version = True
        elif line.startswith("#"):
            if timed:
                raise TranscriptError(path, number, "header line after the first timed line")
            header_lines[_add_header(headers, line, path, number)] = number
        else:
            timed = True
            parsed = _parse_timed(line, path, number)
            if parsed is None:
                continue  # a speech line with no words (an ASR export's silence): nothing said
            if parsed.time < last_time:
                raise TranscriptError(
                    path,
                    number,
                    f"time goes backwards ([{_fmt(parsed.time)}] after [{_fmt(last_time)}])",
                )
            last_time = parsed.time
            lines.append(parsed)
    if not seen_version:
        raise TranscriptError(
            path, 1, "empty file: missing the version line '# callsim transcript: 1'"
        )
    if headers.get("recorded_by") == "callsim" and not text.endswith("\n"):
        # callsim's writer ends every line it writes: this one was cut short (docs/decisions.md)
        raise TranscriptError(
            path, text.count("\n") + 1, "the last line was cut short (a full disk or a crash)"
        )
    return Transcript(path=path, headers=headers, lines=tuple(lines), header_lines=header_lines)


def _checked(raw: str, path: str, number: int) -> str:
    """One line without its CR and surrounding blanks, after the length and NUL checks."""
    if raw.endswith("\r"):
        raw = raw[:-1]
    if len(raw) > MAX_LINE_CHARS:
        raise TranscriptError(
            path, number, f"line is {len(raw):,} characters long (at most {MAX_LINE_CHARS:,})"
        )
    if "\x00" in raw:
        raise TranscriptError(path, number, "line contains a NUL byte (binary data?)")
    return raw.strip()


def _fmt(seconds: int) -> str:
    return f"{seconds // 60:02d}:{seconds % 60:02d}"


def _expect_version(line: str, path: str, number: int) -> None:
    m = _HEADER.match(line) if line.startswith("#") else None
    if "\r" in line and line.startswith("#"):
        raise TranscriptError(
            path, number, "lines end in a lone CR (classic Mac): save the file with LF or CRLF"
        )
    if not m or m.group("key").strip().lower() != "callsim transcript":
        raise TranscriptError(
            path, number, "missing version line: the first line must be '# callsim transcript: 1'"
        )
    if m.group("value") != FORMAT_VERSION:
        raise TranscriptError(
            path,
            number,
            f"unsupported transcript version {excerpt(m.group('value'))} (this reads 1)",
        )


def _add_header(headers: dict[str, str], line: str, path: str, number: int) -> str:
    key, value = _parse_header(line, path, number)
    if key in headers:
        raise TranscriptError(path, number, f"header {excerpt(key)} given twice")
    headers[key] = value
    return key


def _parse_header(line: str, path: str, number: int) -> tuple[str, str]:
    # What `_HEADER` matches, without its backtracking: "#", at least one character
    # before the first ":", both sides stripped.
    colon = line.find(":")
    if not line.startswith("#") or colon < 2:
        raise TranscriptError(path, number, "header line must read '# key: value'")
    return line[1:colon].strip().lower(), line[colon + 1 :].strip()


def parse_time(token: str) -> int | None:
    """`MM:SS` or `H:MM:SS` to seconds; None when malformed."""
    m = _TIME.match(token.strip())
    if not m:
        return None
    if m.group("h") is not None:
        return int(m.group("h")) * 3600 + int(m.group("hm")) * 60 + int(m.group("s"))
    return int(m.group("m")) * 60 + int(m.group("s"))


def _parse_timed(line: str, path: str, number: int) -> Line | None:
    fast = _SPEECH_LINE.match(line)
    if fast:
        minutes, seconds, label, words = fast.groups()
        speaker = _SPEAKERS.get(label.lower())
        words = words.strip()
        if speaker is not None and words:
            at = _MINUTES.get(minutes)
            at = int(minutes) * 60 if at is None else at
            return new_speech(number, at + _SECONDS[seconds], speaker, words, label)
    m = _TIMED.match(line)
    if not m:
        raise TranscriptError(
            path, number, "expected '[MM:SS] SPEAKER: words', '[MM:SS] * event' or '# key: value'"
        )
    seconds = parse_time(m.group("time"))
    if seconds is None:
        raise TranscriptError(
            path, number, f"bad time [{cut(m.group('time'))}]: expected [MM:SS] or [H:MM:SS]"
        )
    rest = m.group("rest")
    if rest.startswith("*"):
        return _parse_event(rest[1:].strip(), seconds, path, number)
    sm = _SPEECH.match(rest)
    if not sm:
        raise TranscriptError(path, number, "expected 'SPEAKER: words' or '* event' after the time")
    label = sm.group("label")
    speaker = SPEAKER_ALIASES.get(label.lower())
    if speaker is None:
        raise TranscriptError(
            path,
            number,
            f"unknown speaker {excerpt(label)} (use AGENT or CALLER; CSR, REP, ASSOCIATE, "
            "CUSTOMER, MEMBER also work)",
        )
    words = sm.group("text").strip()
    if not words:
        return None
    return Speech(number=number, time=seconds, speaker=speaker, text=words, label=label)


def _parse_event(body: str, seconds: int, path: str, number: int) -> Event:
    name, _, args = body.partition(" ")
    if not _EVENT_NAME.match(name):
        raise TranscriptError(path, number, f"bad event name {excerpt(name)}")
    fields = _parse_fields(args, path, number)
    allowed = EVENT_KEYS.get(name)
    if allowed is not None:
        for key, value in fields:
            choices = allowed.get(key)
            if choices is not None and value not in choices:
                raise TranscriptError(
                    path,
                    number,
                    f"{name} {key}={excerpt(value)}: expected one of {', '.join(sorted(choices))}",
                )
    return Event(number=number, time=seconds, name=name, fields=tuple(fields))


def _parse_fields(args: str, path: str, number: int) -> list[tuple[str, str]]:
    """Parse `key=value key="value with \\"quotes\\""` pairs, refusing anything else."""
    fields: list[tuple[str, str]] = []
    seen: set[str] = set()
    i, n = 0, len(args)
    while i < n:
        if args[i].isspace():
            i += 1
            continue
        km = _KEY.match(args, i)
        if not km or km.end() >= n or args[km.end()] != "=":
            bad = args[i : i + 200].split(" ", 1)[0]
            raise TranscriptError(path, number, f"broken key=value in event: {excerpt(bad)}")
        key = km.group()
        i = km.end() + 1
        if i < n and args[i] == '"':
            value, i = _read_quoted(args, i + 1, path, number)
        else:
            j = i
            while j < n and not args[j].isspace():
                if args[j] == '"':
                    raise TranscriptError(path, number, f"stray quote in value of {excerpt(key)}")
                j += 1
            value, i = args[i:j], j
        if key in seen:
            raise TranscriptError(path, number, f"event key {excerpt(key)} given twice")
        seen.add(key)
        fields.append((key, value))
    return fields


def _read_quoted(args: str, i: int, path: str, number: int) -> tuple[str, int]:
    out: list[str] = []
    n = len(args)
    while i < n:
        c = args[i]
        if c == "\\" and i + 1 < n:
            out.append(args[i + 1])
            i += 2
            continue
        if c == '"':
            if i + 1 < n and not args[i + 1].isspace():
                raise TranscriptError(path, number, "a quoted value must be followed by a space")
            return "".join(out), i + 1
        out.append(c)
        i += 1
    raise TranscriptError(path, number, "broken key=value in event: unterminated quoted value")


def expand_paths(paths: list[str]) -> list[str]:
    """A folder means every transcript in it (sorted, recursively); files pass through.

    Inside a folder, an entry named like a transcript that is not a regular
    file (a FIFO, a symlink loop, a link to a folder) is listed too, so that
    grading it reports what it is instead of skipping it in silence.
    """
    out: list[str] = []
    for p in paths:
        if os.path.isdir(p):
            out.extend(walk_files(p, TRANSCRIPT_SUFFIXES))
        else:
            out.append(p)
    return out
