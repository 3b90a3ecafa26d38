"""What a trainee can do on a call, as values; and the `/command` syntax for them.

Every front-end turns its input into these moves: a pygame button, a typed
`/transfer 4410`, a numbered choice, or speech recognised as text (`Say`).
`parse_move` is the one parser for the command syntax, shared by the
terminal, autoplay scripts and the scenario files' `agent:` steps.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal, TypeAlias


@dataclass(frozen=True, slots=True)
class Say:
    """The agent speaks: typed text, recognised speech, or a chosen response."""

    text: str


@dataclass(frozen=True, slots=True)
class Hold:
    pass


@dataclass(frozen=True, slots=True)
class Resume:
    pass


@dataclass(frozen=True, slots=True)
class Mute:
    pass


@dataclass(frozen=True, slots=True)
class Unmute:
    pass


@dataclass(frozen=True, slots=True)
class Consult:
    """Call an extension while the caller holds."""

    ext: str


@dataclass(frozen=True, slots=True)
class Transfer:
    ext: str


@dataclass(frozen=True, slots=True)
class Lookup:
    what: Literal["history", "order", "account"] = "history"


@dataclass(frozen=True, slots=True)
class Note:
    text: str


@dataclass(frozen=True, slots=True)
class Ticket:
    id: str = ""  # empty: the scenario's ticket id


@dataclass(frozen=True, slots=True)
class Email:
    what: str = "summary of the call and next steps"


@dataclass(frozen=True, slots=True)
class Notify:
    who: Literal["supervisor", "workleader", "manager", "expert"] = "supervisor"


@dataclass(frozen=True, slots=True)
class HangUp:
    pass


@dataclass(frozen=True, slots=True)
class Wait:
    """Simulated time passes (the front-end's real time, scaled; or a script's pause)."""

    seconds: int


@dataclass(frozen=True, slots=True)
class Interrupt:
    """The trainee started speaking while the caller was speaking (a voice front-end's report)."""


@dataclass(frozen=True, slots=True)
class Skip:
    """A script step deliberately left out (mistake paths only); does nothing."""


@dataclass(frozen=True, slots=True)
class Moves:
    """Several moves made as one choice (a mistake such as hold, wait, resume), in order."""

    moves: tuple[Move, ...]


Move: TypeAlias = (
    Say
    | Hold
    | Resume
    | Mute
    | Unmute
    | Consult
    | Transfer
    | Lookup
    | Note
    | Ticket
    | Email
    | Notify
    | HangUp
    | Wait
    | Interrupt
    | Skip
    | Moves
)


class MoveError(ValueError):
    """A `/command` that cannot be understood; the message says how to write it."""


#: name -> (usage, what it does); the terminal's /help prints this.
COMMANDS: dict[str, tuple[str, str]] = {
    "hold": ("/hold", "put the caller on hold (ask first!)"),
    "resume": ("/resume", "take the caller off hold"),
    "mute": ("/mute", "mute the line (the caller hears silence)"),
    "unmute": ("/unmute", "unmute the line"),
    "consult": ("/consult EXT", "call an extension while the caller holds"),
    "transfer": ("/transfer EXT", "transfer the call to an extension"),
    "lookup": ("/lookup [history|order|account]", "search the records (default: history)"),
    "note": ("/note TEXT", "log call notes"),
    "ticket": ("/ticket [ID]", "create a ticket or case"),
    "email": ("/email [WHAT]", "send the caller an email"),
    "notify": ("/notify [supervisor|workleader|manager|expert]", "notify someone internally"),
    "hangup": ("/hangup", "hang up the call"),
    "wait": ("/wait SECONDS", "let time pass (scripts; on hold the timer runs by itself)"),
    "interrupt": ("/interrupt", "talk over the caller"),
    "skip": ("/skip", "do nothing (scripts: leave a step out)"),
}

_NO_ARG: dict[str, Move] = {
    "hold": Hold(),
    "resume": Resume(),
    "mute": Mute(),
    "unmute": Unmute(),
    "hangup": HangUp(),
    "interrupt": Interrupt(),
    "skip": Skip(),
}
_LOOKUPS = ("history", "order", "account")
_NOTIFY = ("supervisor", "workleader", "manager", "expert")


#: Characters that look like `/` but are not: a command written with one is refused
#: (docs/decisions.md), not read as speech the trainee did not mean to say.
_SLASH_LOOKALIKES = "\u2215\u2044\uff0f\u29f8\u2571\u27cb"


def parse_move(text: str) -> Move:
    """`/command args` to its move; any other text is speech."""
    stripped = text.strip()
    if not stripped.startswith("/"):
        _refuse_lookalike_slash(stripped)
        return Say(stripped)
    name, _, arg = stripped[1:].partition(" ")
    name, arg = name.lower(), arg.strip()
    if name in _NO_ARG:
        return _NO_ARG[name]
    if name not in COMMANDS:
        raise MoveError(f"unknown command /{name}{_odd_letters(name)}; type /help for the list")
    return _parse_with_arg(name, arg)


def _refuse_lookalike_slash(text: str) -> None:
    if text[:1] and text[0] in _SLASH_LOOKALIKES:
        name = text[1:].split(" ", 1)[0].lower()
        if name in COMMANDS:
            char = f"U+{ord(text[0]):04X} {unicodedata.name(text[0])}"
            raise MoveError(f"{text[0]!r} is {char}, not '/': write /{name}")


def _odd_letters(name: str) -> str:
    """' (it has 'о' U+043E CYRILLIC SMALL LETTER O)' for a look-alike in a command name."""
    odd = next((c for c in name if not c.isascii()), "")
    if not odd:
        return ""
    return f" (it has {odd!r} U+{ord(odd):04X} {unicodedata.name(odd, 'an unnamed character')})"


def _ext(name: str, arg: str) -> Move:
    if not arg or " " in arg:
        raise MoveError(f"usage: {COMMANDS[name][0]}")
    return Consult(arg) if name == "consult" else Transfer(arg)


def _lookup(name: str, arg: str) -> Move:
    what = arg.lower() or "history"
    if what not in _LOOKUPS:
        raise MoveError(f"usage: {COMMANDS[name][0]}")
    return Lookup(what)  # type: ignore[arg-type]


def _notify(name: str, arg: str) -> Move:
    who = arg.lower() or "supervisor"
    if who not in _NOTIFY:
        raise MoveError(f"usage: {COMMANDS[name][0]}")
    return Notify(who)  # type: ignore[arg-type]


def _note(name: str, arg: str) -> Move:
    if not arg:
        raise MoveError(f"usage: {COMMANDS[name][0]}")
    return Note(arg)


def _wait(name: str, arg: str) -> Move:
    # isdecimal, not isdigit: int() reads any script's decimal digits ("٣٠" is 30) but not
    # superscripts or circled digits ("²", "①"), which isdigit lets through.
    if not (arg.isdecimal() and len(arg) <= 4) or not 0 < int(arg) <= 3600:
        raise MoveError(f"usage: {COMMANDS[name][0]} (1 to 3600)")
    return Wait(int(arg))


_WITH_ARG: dict[str, Callable[[str, str], Move]] = {
    "consult": _ext,
    "transfer": _ext,
    "lookup": _lookup,
    "notify": _notify,
    "note": _note,
    "wait": _wait,
    "ticket": lambda name, arg: Ticket(arg),
    "email": lambda name, arg: Email(arg) if arg else Email(),
}


def _parse_with_arg(name: str, arg: str) -> Move:
    return _WITH_ARG[name](name, arg)


def format_move(move: Move) -> str:
    """The `/command` (or plain text) that `parse_move` reads back as this move."""
    match move:
        case Say(text):
            return text
        case Consult(ext) | Transfer(ext):
            return f"/{type(move).__name__.lower()} {ext}"
        case Lookup(what):
            return f"/lookup {what}"
        case Note(text):
            return f"/note {text}"
        case Ticket(tid):
            return f"/ticket {tid}".rstrip()
        case Email(what):
            return f"/email {what}"
        case Notify(who):
            return f"/notify {who}"
        case Wait(seconds):
            return f"/wait {seconds}"
        case Moves(moves):
            return "\n".join(format_move(m) for m in moves)
    return f"/{type(move).__name__.lower()}"


def help_text() -> str:
    rows = [f"  {usage:<46} {what}" for usage, what in COMMANDS.values()]
    return "Phone commands:\n" + "\n".join(rows)
