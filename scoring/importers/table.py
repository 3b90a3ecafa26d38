"""A CSV (or tab- or semicolon-separated) table of turns: start, speaker, text.

With a header row the columns are found by their names (`start`,
`start_time`, `timestamp`, `begin_offset_millis` ...; `speaker`, `role`,
`participant`, `channel` ...; `text`, `transcript`, `utterance`, `content`
...; a name with `ms` or `millis` means milliseconds; dates with clock times,
as exports write them, count from the first turn); without one the
first three columns are start, speaker and text, and the first row must
start with a time. Speaker values that are role words (Agent, Customer) decide sides.
Excel's `sep=;` first line names the delimiter; a start of "12,5" is 12.5 seconds.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from scoring.importers.base import Turn, check_seconds, fail, parse_clock
from scoring.literal import excerpt

NAME = "CSV"

_START_NAMES = frozenset(
    "start starttime begin begintime time timestamp offset from starts startseconds "
    "startsec startms starttimems beginoffsetmillis beginoffsetms startoffset".split()
)
_SPEAKER_NAMES = frozenset(
    "speaker speakername speakerlabel speakerid participant participantid participantrole "
    "role channel channellabel name who party label".split()
)
_TEXT_NAMES = frozenset(
    "text transcript utterance content words sentence message caption line dialogue "
    "speech said".split()
)
_DELIMITERS = ",\t;|"
_SAMPLE_ROWS = 20


@dataclass(frozen=True, slots=True)
class _Columns:
    start: int | None
    speaker: int
    text: int
    scale: float  # seconds per unit of the start column
    header: bool
    width: int = 3  # the header's columns: a longer row is words with unquoted commas


def _key(cell: str) -> str:
    return re.sub(r"[^a-z]", "", cell.lower())


def _delimiter(text: str) -> str:
    first = text.lstrip("\ufeff").split("\n", 1)[0]
    if m := _EXCEL_SEP.match(first):
        return m.group(1)
    return max(_DELIMITERS, key=first.count)


#: Excel's hint line naming the delimiter ("sep=;"), before the header
_EXCEL_SEP = re.compile(r"sep=([,\t;|])\r?\Z")


def _without_sep_line(text: str) -> str:
    """The text with Excel's `sep=` line blanked (a blank row: later rows keep their lines)."""
    body = text.lstrip("\ufeff")
    first, _, rest = body.partition("\n")
    return "\n" + rest if _EXCEL_SEP.match(first) else body


def _rows(text: str, delimiter: str) -> Iterator[list[str]]:
    return csv.reader(io.StringIO(_without_sep_line(text)), delimiter=delimiter)


def _columns(first: list[str]) -> _Columns | None:
    keys = [_key(c) for c in first]
    speaker = next((i for i, k in enumerate(keys) if k in _SPEAKER_NAMES), None)
    text = next((i for i, k in enumerate(keys) if k in _TEXT_NAMES), None)
    if speaker is not None and text is not None:
        start = next((i for i, k in enumerate(keys) if k in _START_NAMES), None)
        millis = start is not None and re.search(r"ms|millis", first[start].lower()) is not None
        return _Columns(start, speaker, text, 0.001 if millis else 1.0, True, len(first))
    if len(first) >= 3 and parse_clock(first[0]) is not None:
        return _Columns(0, 1, 2, 1.0, False)
    return None


def detect(text: str) -> bool:
    """A header row naming a speaker and a text column, or rows that start with a time."""
    delimiter = _delimiter(text)
    if delimiter not in text.split("\n", 1)[0]:
        return False
    if _EXCEL_SEP.match(text.lstrip("\ufeff").split("\n", 1)[0]):
        text = _without_sep_line(text).lstrip("\n")
    try:
        sample = [row for _, row in zip(range(_SAMPLE_ROWS), _rows(text, delimiter), strict=False)]
    except csv.Error:
        return False
    sample = [row for row in sample if any(c.strip() for c in row)]
    if not sample:
        return False
    cols = _columns(sample[0])
    if cols is None or cols.header:
        return cols is not None
    timed = sum(1 for row in sample if len(row) >= 3 and parse_clock(row[0]) is not None)
    return timed * 5 >= len(sample) * 4


def read(text: str, path: str) -> list[Turn]:
    delimiter = _delimiter(text)
    reader = csv.reader(io.StringIO(_without_sep_line(text)), delimiter=delimiter)
    turns: list[Turn] = []
    cols: _Columns | None = None
    line = last = 1
    try:
        for row in reader:
            last = line
            if not any(c.strip() for c in row):
                line = reader.line_num + 1
                continue
            if cols is None:
                cols = _columns(row)
                if cols is None:
                    fail(path, line, "CSV without a header naming speaker and text columns")
                if cols.header:
                    line = reader.line_num + 1
                    continue
            turn = _turn(row, cols, delimiter, path, line)
            if turn is not None:
                turns.append(turn)
            line = reader.line_num + 1
    except csv.Error as exc:
        fail(path, reader.line_num, f"broken CSV: {exc}")
    _refuse_unclosed(text, delimiter, last, path)
    return _rebased(turns, path)


def _refuse_unclosed(text: str, delimiter: str, last: int, path: str) -> None:
    """A quote never closed: the reader takes the rest of the file as one cell (every later
    row became words of the row it opened in); the last row, read strictly, tells."""
    tail = "\n".join(_without_sep_line(text).split("\n")[last - 1 :])
    try:
        list(csv.reader(io.StringIO(tail), delimiter=delimiter, strict=True))
    except csv.Error as exc:
        if "unexpected end of data" in str(exc):
            fail(path, last, "a quote opened in this row is never closed")


def _turn(row: list[str], cols: _Columns, delimiter: str, path: str, line: int) -> Turn | None:
    if len(row) <= max(cols.speaker, cols.text, cols.start or 0):
        if len(row) > cols.speaker and not "".join(row[cols.speaker + 1 :]).strip():
            return None  # a row with a speaker and no words: nothing was said
        fail(path, line, f"a row of {len(row)} columns (expected start, speaker, text)")
    words = _words(row, cols, delimiter, path, line)
    if not words.strip():
        return None
    start = 0.0
    if cols.start is not None:
        start = _start(row[cols.start], cols.scale, path, line)
    speaker = row[cols.speaker].strip()
    if not speaker:
        fail(path, line, "a row with words but no speaker")
    return Turn(start=start, speaker=speaker, text=words, line=line)


def _words(row: list[str], cols: _Columns, delimiter: str, path: str, line: int) -> str:
    """The text cell; with more cells than the header, the words' unquoted commas split
    it (kept whole when it is the last column, else the row cannot be read)."""
    if not cols.header or (len(row) > cols.width and cols.text == cols.width - 1):
        cells = row[cols.text :]
        while len(cells) > 1 and not cells[-1].strip():
            cells.pop()  # a spreadsheet's empty cells after the words
        return delimiter.join(cells)
    if len(row) > cols.width and any(c.strip() for c in row[cols.width :]):
        fail(
            path,
            line,
            f"a row of {len(row)} columns under a header of {cols.width} "
            "(quote words that hold a comma)",
        )
    return row[cols.text]


#: A start given as a date and clock time is kept as seconds since the epoch plus this,
#: so it cannot pass for an offset, until `_rebased` makes it one.
_WALL = 1e13  # past any offset and any date's timestamp (year 1: -6.2e10 s)


#: seconds with a decimal comma, as a European spreadsheet writes them ("12,5")
_DECIMAL_COMMA = re.compile(r"\s*\d{1,12},\d{1,6}\s*\Z")


def _start(cell: str, scale: float, path: str, line: int) -> float:
    value = parse_clock(cell.replace(",", ".") if _DECIMAL_COMMA.match(cell) else cell)
    if value is not None:
        return check_seconds(value * scale, path, line, "start time")
    try:
        moment = datetime.fromisoformat(cell.strip())
    except ValueError:
        fail(path, line, f"bad start time {excerpt(cell)}")
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return _WALL + moment.timestamp()


def _rebased(turns: list[Turn], path: str) -> list[Turn]:
    """Dates and clock times (an export's `2025-05-12 10:31:05`) become offsets from the
    first turn; a file may not mix them with offsets."""
    wall = [t.start >= _WALL / 2 for t in turns]
    if not any(wall):
        return turns
    if not all(wall):
        first = turns[wall.index(False)]
        fail(path, first.line, "start times mix dates and clock times with offsets")
    zero = min(t.start for t in turns)
    return [
        replace(t, start=check_seconds(t.start - zero, path, t.line, "start time")) for t in turns
    ]
