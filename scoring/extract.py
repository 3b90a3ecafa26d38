"""Values the grader pulls out of lines: digits, ids, phone numbers, e-mails, time frames.

People say numbers in many ways ("614-555-0193", "six one four, five five
five, oh one nine three", "double five"); tickets are read out letter by
letter ("F G 1 1 8 8" for FG-1188); time frames come as "within 24 hours",
"within the hour", "by five p.m. tomorrow", "this week". These helpers turn
them into plain values the protocol items can compare.
"""

from __future__ import annotations

import re
from functools import lru_cache

from scoring.normalise import fold, normalise

_UNITS = {
    "zero": 0, "oh": 0, "o": 0, "nought": 0, "one": 1, "two": 2, "three": 3, "four": 4,
    "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
    "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
_DIGIT_WORDS = {k: str(v) for k, v in _UNITS.items() if v < 10}
_REPEAT = {"double": 2, "triple": 3}


def _is_digitish(tok: str) -> bool:
    return tok.isdigit() or (tok in _DIGIT_WORDS and tok not in ("o", "oh"))


_PLACES = {"hundred": 2, "thousand": 3}
_NUMBER_WORDS = frozenset(_DIGIT_WORDS) | frozenset(_REPEAT) | {"oh", "o"} | frozenset(_TENS)
_NUMBER_WORDS |= frozenset(k for k, v in _UNITS.items() if v >= 10)


def _place_zeros(place: str, nxt: str) -> str:
    """Zeros a spoken place word adds: "nine hundred" -> 900, "nine hundred five" -> 905."""
    zeros = _PLACES[place]
    return "0" * (zeros - 1 if _is_digitish(nxt) else zeros)


#: gaps8: tens and teens, read as digits only inside a group of digits (`_in_group`)
_GROUP_WORDS = frozenset(_TENS) | frozenset(k for k, v in _UNITS.items() if v >= 10)
_HOURS = frozenset(("ten", "eleven", "twelve"))


def _grouped(toks: list[str]) -> list[str]:
    """gaps8 (issue 17): a number read in groups of tens and teens as digits, "H P, twenty-two,
    nineteen" -> "2219", "ninety-six, thirty-nine, eighteen" -> "963918"; a lone "twenty
    minutes" or "twenty-five seats" stays words (the main loop joins the digits)."""
    if _GROUP_WORDS.isdisjoint(toks):
        return toks  # most lines with numbers: digits and units only
    out: list[str] = []
    i = 0
    while i < len(toks):
        tok = toks[i]
        nxt = toks[i + 1] if i + 1 < len(toks) else ""
        prev = bool(out) and (out[-1].isdigit() or _is_digitish(out[-1]))
        if tok not in _GROUP_WORDS or not _in_group(toks, i, prev):
            out.append(tok)
        elif tok in _TENS and nxt in _DIGIT_WORDS and nxt not in ("oh", "o", "zero"):
            out.append(str(_TENS[tok] + int(_DIGIT_WORDS[nxt])))
            i += 1
        else:
            out.append(str(_TENS.get(tok) or _UNITS[tok]))
        i += 1
    return out


def _in_group(toks: list[str], i: int, prev_digit: bool) -> bool:
    """Is the tens or teen word at `i` one group of a number read in groups: after digits,
    or followed (past its own unit word) by digits or another tens or teen word?"""
    if prev_digit:
        return True
    if toks[i] in _HOURS:
        return False  # "ten thirty", "eleven fifteen": a time of day, not a number's groups
    j = i + 1
    if toks[i] in _TENS and j < len(toks) and toks[j] in _DIGIT_WORDS:
        j += 1
    nxt = toks[j] if j < len(toks) else ""
    return _is_digitish(nxt) or nxt in _GROUP_WORDS


_TOKENS = re.compile(r"[a-z]+|\d+")
_DIGIT_RUNS = re.compile(r"\d+")


@lru_cache(maxsize=65536)
def spoken_digits(text: str) -> str:
    """The line with spoken digit sequences turned into digit strings.

    "five five five, oh one nine three" -> "555 0193"; "double five" -> "55";
    "extension nine hundred" -> "extension 900".
    "oh"/"o" count as zero only next to other digits, so "Oh, okay" stays words.
    Runs of digits separated only by spaces, dashes or dots are joined.
    """
    toks = _TOKENS.findall(fold(text).replace("-", " "))
    if _NUMBER_WORDS.isdisjoint(toks) and not any(t.isdigit() for t in toks):
        return " ".join(toks)  # nothing numeric: most lines
    toks = _grouped(toks)
    out: list[str] = []
    run = ""
    i = 0
    while i < len(toks):
        tok = toks[i]
        nxt = toks[i + 1] if i + 1 < len(toks) else ""
        prev_digit = bool(run)
        if tok.isdigit():
            run += tok
        elif tok in _REPEAT and (nxt.isdigit() or nxt in _DIGIT_WORDS):
            reps = _REPEAT[tok]
            run += (nxt if nxt.isdigit() else _DIGIT_WORDS[nxt]) * reps
            i += 1
        elif tok in ("oh", "o") and (prev_digit or _is_digitish(nxt) or nxt in ("oh", "o")):
            run += "0"
        elif tok in _DIGIT_WORDS and tok not in ("oh", "o"):
            run += _DIGIT_WORDS[tok]
        elif tok in _PLACES and run:
            # gaps11 (issue 17): a phone number read "oh three hundred, five five five" is
            # 0300 555: after a leading zero the place word is whole, whatever follows
            run += "0" * _PLACES[tok] if run[0] == "0" else _place_zeros(tok, nxt)
        else:
            if run:
                out.append(run)
                run = ""
            out.append(tok)
        i += 1
    if run:
        out.append(run)
    return " ".join(out)


def digit_runs(text: str) -> list[str]:
    """Every run of digits in the line, spoken or written (see `spoken_digits`)."""
    return _DIGIT_RUNS.findall(spoken_digits(text))


#: gaps9 (issue 17): numbers that are not an identification number: an amount of money
#: ("sixty-five pounds instead of thirty-two fifty", "$400", "four hundred dollars"), a
#: share ("eleven per cent") or a road's number ("off Farm Road 1462", "12 Mill Lane")
_NUM_WORD = (
    r"(?:zero|oh|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|"
    r"sixty|seventy|eighty|ninety|hundred|thousand|grand|a|and)"
)
_NUM_PHRASE = rf"(?:\d[\d,.]*|{_NUM_WORD}(?:[\s-]+{_NUM_WORD})*)"
_AMOUNT = (
    rf"[£$€]\s?{_NUM_PHRASE}|\b{_NUM_PHRASE}\s?(?:pounds?|quid|dollars?|bucks|euros?|pence|p|"
    rf"cents?|per ?cent|percent|%)(?!\w)"
)
_NOT_ID_NUMBER = re.compile(
    rf"(?:{_AMOUNT})(?:,? (?:instead of|rather than|not|down to|up to|up from|from|to|or) "
    rf"{_NUM_PHRASE})?"
    # in a line about money, a sum put against another: "five hundred instead of four fifty"
    rf"|\b{_NUM_PHRASE} (?:instead of|rather than) {_NUM_PHRASE}"
    r"|\b(?:road|rd|street|st|lane|avenue|ave|drive|way|highway|hwy|route|interstate|exit|"
    r"close|crescent|terrace) \d+\b|\b\d+ (?:\w+ )?(?:road|rd|street|lane|avenue|ave|drive|"
    r"close|crescent|terrace)\b"
)
_AMOUNT_HINT = re.compile(r"[£$€%]|pound|quid|dollar|buck|euro|pence|cent|road|rd\b|street|st\b"
                          r"|lane|avenue|ave\b|drive|way\b|highway|hwy|route|exit|close|crescent"
                          r"|terrace")  # fmt: skip


def id_digit_runs(text: str) -> list[str]:
    """The digit runs of the line that may be an identification number: `digit_runs`
    without amounts of money, shares and road numbers (gaps9)."""
    folded = fold(text)
    if not _AMOUNT_HINT.search(folded):
        return digit_runs(text)  # most lines: no money or road, the cached runs
    return digit_runs(_NOT_ID_NUMBER.sub(" , ", folded))


def digits_only(value: str) -> str:
    return "".join(ch for ch in spoken_digits(value) if ch.isdigit())


def mentions_digits(text: str, wanted: str) -> bool:
    """Does the line say the number `wanted` (any grouping, spoken or written)?"""
    want = digits_only(wanted)
    if not want:
        return False
    return any(want in run for run in digit_runs(text)) or want in "".join(digit_runs(text))


_SPELL = re.compile(r"[a-z0-9]+")


@lru_cache(maxsize=65536)
def compact(text: str) -> str:
    """Letters and digits only, spoken digits converted: for comparing ids read aloud."""
    return "".join(_SPELL.findall(spoken_digits(text)))


def mentions_id(text: str, ident: str) -> bool:
    """Does the line read out the id (`FG-1188` as "F G 1 1 8 8", "fg1188" ...)?"""
    want = compact(ident)
    return len(want) >= 3 and want in compact(text)


_PHONE_SHAPE = re.compile(
    r"(?:\+?1[\s.-]?)?(?:\(\d{3}\)\s?|\d{3}[\s.-])\d{3}[\s.-]\d{4}\b|\b\d{3}[.-]\d{4}\b"
    # UK and international: 07700 900227, 0161 496 0500, +44 7700 900123
    r"|\b0\d{3,4}[\s.-]\d{3}[\s.-]?\d{3,4}\b|\+\d{1,3}[\s.-]?\d{2,4}[\s.-]\d{3,4}[\s.-]?\d{3,4}\b"
)


_THREE_DIGITS = re.compile(r"\d\d\d")
_DIGIT = re.compile(r"\d")


def has_phone_shape(text: str) -> bool:
    """A written phone number (555-614-2200, (614) 555-0193, 555.0193, 07700 900227)."""
    folded = fold(text)
    # Every shape holds three digits in a row; most lines have none, so stop there.
    # A match starts at most two characters before its first digit ("+1", "(5"),
    # so the search starts there.
    run = _THREE_DIGITS.search(folded)
    if run is None:
        return False
    first = _DIGIT.search(folded)
    start = max(0, first.start() - 2) if first else 0
    return _PHONE_SHAPE.search(folded, start) is not None


def longest_digit_run(text: str) -> int:
    return max((len(r) for r in digit_runs(text)), default=0)


_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def emails(text: str) -> list[str]:
    """E-mail addresses written in the line (lower case)."""
    folded = fold(text)
    if "@" not in folded:
        return []  # nearly every line: no scan for address characters
    return [e.lower().rstrip(".") for e in _EMAIL.findall(folded)]


ROLE_MAILBOXES = frozenset(
    {
        "customerservice", "customer.service", "customer-service", "customercare", "care",
        "service", "services", "support", "help", "helpdesk", "info", "information", "sales",
        "orders", "contact", "contactus", "hello", "team", "cs", "billing", "accounts",
        "returns", "enquiries", "inquiries", "office", "admin", "members", "membership",
        "feedback", "questions", "docs", "documents", "shipping", "warranty", "claims",
    }
)  # fmt: skip


def is_role_mailbox(address: str) -> bool:
    local = address.split("@", 1)[0].lower()
    if local in ROLE_MAILBOXES or local.replace(".", "").replace("-", "") in ROLE_MAILBOXES:
        return True
    # "support.uk", "uk-orders", "customer_service": a role word as one part of the name
    return any(part in ROLE_MAILBOXES for part in re.split(r"[._+-]", local))


# ---------------------------------------------------------------- time frames


def words_to_number(tokens: list[str]) -> int | None:
    """ "twenty four" -> 24, "48" -> 48, "a"/"an" -> 1; None when not a number."""
    if not tokens:
        return None
    if any(len(tok) > 9 for tok in tokens):
        return None  # a billion hours is no time frame (and int() refuses 4,300 digits)
    if len(tokens) == 1 and tokens[0].isdigit():
        return int(tokens[0])
    if tokens in (["a"], ["an"], ["one"]):
        return 1
    total = 0
    seen = False
    for tok in tokens:
        if tok in _TENS:
            total += _TENS[tok]
            seen = True
        elif tok in _UNITS and tok not in ("o", "oh"):
            total += _UNITS[tok]
            seen = True
        elif tok.isdigit():
            total += int(tok)
            seen = True
        elif tok == "and":
            continue
        else:
            return None
    return total if seen else None


_NUM = (
    r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|"
    r"eighteen|twenty|thirty|forty|forty eight|fifty|sixty|seventy|seventy two|ninety|"
    r"twenty (?:one|two|three|four|five|six|seven|eight|nine)|"
    r"thirty (?:one|two|three|four|five|six)|forty (?:one|two|three|four|five|six|seven|eight))"
)
_UNIT_HOURS = {
    "minute": 1 / 60, "minutes": 1 / 60, "min": 1 / 60, "mins": 1 / 60,
    "hour": 1, "hours": 1, "hr": 1, "hrs": 1,
    "day": 24, "days": 24, "business day": 24, "business days": 24 * 1.4,
    "working day": 24, "working days": 24 * 1.4, "week": 168, "weeks": 168,
    "month": 720, "months": 720,
}  # fmt: skip
_SPAN = re.compile(
    rf"(?:within|in|inside|under|less than|no more than|no later than|in the next|over the next|"
    rf"within the next|in about|about|around|roughly|up to|next|the next)\s+"
    rf"(?P<n>{_NUM})(?:\s+(?:to|or|-)\s+(?P<n2>{_NUM}))?\s+"
    r"(?P<unit>business days?|working days?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?)\b"
)
_BARE_SPAN = re.compile(
    rf"\b(?P<n>{_NUM})(?:\s+(?:to|or)\s+(?P<n2>{_NUM}))?\s+"
    r"(?P<unit>business days?|working days?|minutes?|hours?|days?|weeks?|months?)\b"
)
_PHRASES: list[tuple[re.Pattern[str], float]] = [
    (re.compile(r"\b(?:within|in|inside) (?:the|an|one|the next|the next half) hour\b"), 1),
    (re.compile(r"\b(?:a couple of|a couple|a few|several|couple of|few) (?:more )?hours\b"), 3),
    # "As soon as possible", "ASAP", "shortly" and "in a bit" name no time: they
    # are not a time frame (seed 001 asks for a concrete one; README-transfer).
    (re.compile(r"\b(?:right away|straight away|immediately|right now|in a few minutes|"
                r"in a moment|momentarily|within minutes|in the next few minutes)\b"), 1),
    (re.compile(r"\b(?:today|tonight|this (?:morning|afternoon|evening)|later today|"
                r"by (?:the )?end of (?:the )?(?:day|business)|by close of business|by cob|"
                r"by eod|end of day|before (?:you|we) close|before five today|"
                # gaps8 (issue 17): "she'll ring you after lunch", "by lunchtime"
                r"(?:after|before|by|at|over|around) (?:lunch|lunchtime))\b"), 8),
    (re.compile(r"\b(?:tomorrow|by tomorrow|next business day|next working day|"
                r"overnight|within a day|by this time tomorrow)\b"), 24),
    (re.compile(r"\b(?:this week|by the end of the week|by friday|end of the week|"
                r"later this week|in a few days|in a couple of days|couple of days)\b"), 96),
    (re.compile(r"\b(?:next week|in a week|within a week)\b"), 168),
    # "in a couple weeks", "a few weeks": a fortnight or more, however loosely said
    (re.compile(r"\b(?:a couple (?:of )?weeks|couple (?:of )?weeks|a few weeks|few weeks)\b"), 336),
    (re.compile(r"\b(?:next month|in a month|within a month)\b"), 720),
]  # fmt: skip

# gaps9 (issue 17): a time frame is a day or a period with a preposition, however it is
# said: "by end of week", "by the weekend", "end of play Friday", "first thing Monday", "by
# close of business", "before the end of the month", "by the 14th", "over the weekend",
# "at the weekend", "sometime next week", "first thing in the morning". The period says how
# far ahead (hours); "at the end of the day" (the idiom) and "for the day" are no time.
_PERIOD_HOURS = {
    "morning": 8, "afternoon": 8, "evening": 8, "night": 8, "day": 8, "play": 8,
    "business": 8, "lunch": 8, "lunchtime": 8, "shift": 8, "weekend": 120, "week": 96,
    "midweek": 96, "fortnight": 336, "month": 720, "quarter": 2160, "year": 8760,
    "christmas": 720, "easter": 720, "holidays": 720, "half term": 720,
}  # fmt: skip
#: (not "may": "may I ..." is in too many lines, and "by May" is rare)
_MONTHS = "january|february|march|april|june|july|august|september|october|november|december"
_ORDINAL = (
    r"\d{1,2}(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|"
    r"eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|"
    r"nineteenth|twentieth|twenty (?:first|second|third|fourth|fifth|sixth|seventh|eighth|"
    r"ninth)|thirtieth|thirty first"
)
_PERIOD = re.compile(
    r"(?<!\bat )(?<!\bat the )(?<!\bfor )(?<!\bfor the )"
    r"\b(?:by|before|until|till|til|ahead of|no later than|first thing|last thing|sometime|"
    r"some time|early|late|end of|close of|start of|over|at|on|in(?= the (?:morning|afternoon|"
    r"evening))|(?:this|next)(?= (?:weekend|fortnight)))"
    r"(?: (?:the|this|next|this coming|the coming|end of|end of the|close of|start of|"
    r"start of the|beginning of|beginning of the|first thing|early|late|middle of|mid|"
    r"in(?= the (?:morning|afternoon|evening))))*"
    r" (?P<p>morning|afternoon|evening|night|day|play|business|lunch|lunchtime|shift|weekend|"
    r"week|midweek|fortnight|month|quarter|year|christmas|easter|holidays|half term|"
    rf"(?P<m>{_MONTHS})|(?P<o>(?:the )?(?:{_ORDINAL}))"
    rf"(?: of (?:{_MONTHS}|the month|next month))?)\b"
    # the idiom, "for the day", and a day gone by ("on the day", "in the night") are not
    r"(?<!\bat the end of the day)(?<!\bon the day)(?<!\bin the night)(?<!\bthe first)"
)
#: the period words, for the gate below
_PERIOD_WORDS = frozenset(
    f"""weekend week midweek fortnight month quarter year play business christmas easter
    holidays term lunch lunchtime shift night {_MONTHS.replace("|", " ")} third
    fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth
    fifteenth sixteenth seventeenth eighteenth nineteenth twentieth thirtieth""".split()
)
_ORDINAL_DIGITS = re.compile(r"\b\d{1,2}(?:st|nd|rd|th)\b")


def _period_hours(t: str) -> float | None:
    """The farthest period named with a preposition in a normal form (see _PERIOD)."""
    found = []
    for m in _PERIOD.finditer(t):
        p = m.group("p")
        if m.group("m") or m.group("o"):
            if m.group("o") and m.group("o").removeprefix("the ") in ("first", "second"):
                continue  # "at first", "in a second": not dates
            found.append(720.0)
        elif m.group().startswith("first thing") and p in ("morning", "day"):
            found.append(24.0)  # "first thing in the morning": tomorrow's
        else:
            found.append(float(_PERIOD_HOURS.get(p, 96)))
    return max(found) if found else None


_CLOCK = re.compile(
    r"\b(?:by|at|around|before|after|between|about(?= (?:\d{1,2}|one|two|three|four|five|six|"
    r"seven|eight|nine|ten|eleven|twelve|noon|midday)(?:$| (?:tonight|today|tomorrow|this|o clock|"
    r"a m|p m|am|pm|thirty|fifteen|forty five|in the|or so|ish))))"
    r"\s+(?:\d{1,2}|one|two|three|four|five|six|seven|"
    r"eight|nine|ten|eleven|twelve|noon|midday)(?:\s*(?:\d{2}|thirty|fifteen|forty five))?"
    r"(?:\s*(?:a m|p m|am|pm|o clock|in the (?:morning|afternoon|evening)))?\b"
)
_DAYS = re.compile(r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b")
_TODAY_WORD = re.compile(r"\b(?:today|tonight|this (?:morning|afternoon|evening))\b")


#: Every time frame above ends in one of these words (a unit, a phrase's last word, a day).
_TIME_WORDS = (
    frozenset(
        """minute minutes min mins hour hours hr hrs day days week weeks month months away
    immediately now moment momentarily today tonight morning afternoon evening business cob
    eod close lunch lunchtime tomorrow overnight monday tuesday wednesday thursday friday saturday
    sunday""".split()
    )
    | _PERIOD_WORDS
)
#: ... and every clock time starts with one of these.
_CLOCK_WORDS = frozenset("by at around before after between about".split())


def timeframe_hours(text: str) -> float | None:
    """The longest time frame a line commits to, in hours; None when it names none.

    A range ("three to five business days") counts at its far end; clock times
    ("by five p.m.") are today's (8 h) unless the line also says tomorrow (24 h);
    weekdays count as within the week (96 h).
    """
    return _timeframe_hours(normalise(text))


@lru_cache(maxsize=8192)
def _timeframe_hours(t: str) -> float | None:
    """`timeframe_hours` of a normal form. Cached: several items ask it of the same
    agent lines. A line with none of the words every time frame needs (most lines)
    skips the dozen expressions; the words are split at "@" too, the one character
    of the normal form besides spaces where a word boundary can fall."""
    words = t.replace("@", " ").split()
    if _TIME_WORDS.isdisjoint(words) and not _ORDINAL_DIGITS.search(t):
        return 8 if not _CLOCK_WORDS.isdisjoint(words) and _CLOCK.search(t) else None
    return _timeframe_scan(t)


def _timeframe_scan(t: str) -> float | None:
    """`_timeframe_hours` without the word gate: every expression searched."""
    found: list[float] = []
    for rx in (_SPAN, _BARE_SPAN):
        for m in rx.finditer(t):
            n = words_to_number((m.group("n2") or m.group("n")).split())
            if n is None:
                continue
            unit = m.group("unit")
            found.append(n * _UNIT_HOURS.get(unit, _UNIT_HOURS.get(unit.rstrip("s"), 24)))
    for rx, hours in _PHRASES:
        if rx.search(t):
            found.append(hours)
    if _CLOCK.search(t) and not found:
        # gaps12 (issue 17): a clock time on a named weekday ("a fitter for Friday at nine")
        # is that day's, not today's
        found.append(96 if _DAYS.search(t) and not _TODAY_WORD.search(t) else 8)
    if _DAYS.search(t) and not found:
        found.append(96)
    if not found:  # gaps9: a period with a preposition, only when nothing above said more
        period = _period_hours(t)
        if period is not None:
            found.append(period)
    return max(found) if found else None


def has_timeframe(text: str) -> bool:
    return timeframe_hours(text) is not None


#: A time of day said with no "at" before it: "four fifteen today", "half past two".
_HOUR = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2})"
_SPOKEN_CLOCK = re.compile(
    rf"\b{_HOUR} (?:oh five|o five|ten|fifteen|twenty|twenty five|thirty|thirty five|forty|"
    rf"forty five|fifty|fifty five|\d{{2}})(?: (?:today|tomorrow|tonight|this|a m|p m|am|pm))\b"
    rf"|\b(?:half|quarter) (?:past|to) {_HOUR}\b"
    # gaps11 (issue 17): British "half ten" (10:30), and a time the caller is busy "till" or
    # free "from" ("I'm driving till half ten. After that.")
    rf"|\bhalf {_HOUR}\b(?! (?:of|a|an|the|hour|hours|dozen|price|way|days|weeks)\b)"
    rf"|\b(?:till|until|from) {_HOUR}\b(?! (?:of|or|to|and|more|days|weeks|hours|minutes|"
    rf"months|years|percent|pounds|dollars|items|people|times)\b)"
)


def mentions_clock_time(text: str) -> bool:
    t = normalise(text)
    return bool(
        _CLOCK.search(t)
        or _DAYS.search(t)
        or _SPOKEN_CLOCK.search(t)
        or re.search(r"\b(?:mornings?|afternoons?|evenings?)\b", t)
    )
