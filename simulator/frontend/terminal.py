"""Play a call in a terminal: caller lines as they come, numbered responses, /commands.

While the caller is on hold the hold timer runs in real time (times
`speed`): the front-end sends the elapsed time to the engine as `Wait` moves
once a second, so a caller left too long on hold grows impatient and may
hang up. Input is line based (works in any terminal, a pipe, or pexpect).
"""

from __future__ import annotations

import select
import sys
import time
from collections.abc import Callable, Sequence
from typing import IO, Any

from scoring.literal import printable, unicode_safe
from scoring.transcript import Speech, format_time
from simulator.engine import (
    CallEnded,
    CallState,
    Choice,
    ChoicesOffered,
    EventLogged,
    LineSpoken,
    Move,
    MoveError,
    Notice,
    Output,
    StateChanged,
    Wait,
    help_text,
    parse_move,
)
from simulator.frontend.base import CallSummary

QUIT = "quit"  # sentinel from `_interpret`: the trainee hangs up

HELP = """Type a number to pick a response, or type your own words.
Other commands: /help  /choices (show the numbered responses again)  /directory (the company
directory)  /quit (hang up). Tab completes commands and extensions.
"""
#: commands of the terminal itself, beside the phone commands of `parse_move`
OWN_COMMANDS = ("/help", "/choices", "/directory", "/quit")
ARGUMENTS = {
    "/lookup": ("history", "order", "account"),
    "/notify": ("supervisor", "workleader", "manager", "expert"),
}


def completions(line: str, directory: Sequence[Any] = ()) -> list[str]:
    """What Tab offers for `line` so far: a command, or the argument of one (extensions for
    /transfer and /consult, from the scenario's directory)."""
    from simulator.engine.moves import COMMANDS

    head, space, arg = line.lstrip().partition(" ")
    if not space:
        names = sorted({f"/{n}" for n in COMMANDS} | set(OWN_COMMANDS))
        return [n + " " for n in names if n.startswith(head)] if head.startswith("/") else []
    if head in ("/transfer", "/consult"):
        options: tuple[str, ...] = tuple(str(c.ext) for c in directory)
    else:
        options = ARGUMENTS.get(head, ())
    return [o for o in options if o.startswith(arg.strip())]


class TerminalFrontend:
    def __init__(
        self,
        *,
        speed: float = 1.0,
        stdin: IO[str] | None = None,
        stdout: IO[str] | None = None,
        show_choices: bool = True,
        monotonic: Callable[[], float] = time.monotonic,
        speak: Callable[[Speech, str], object] | None = None,
        directory: Sequence[Any] = (),
        review: bool = False,
        scenario: Any = None,
        agent_name: str = "",
    ) -> None:
        """`speak(line, mood)` voices each line as it is printed (`terminal_voice`);
        `directory` is the scenario's company directory (/directory, /transfer, Tab)."""
        self.speak = speak
        self.scenario = scenario  # for what is wrong with a picked mistake (the scorecard)
        self.agent_name = agent_name or getattr(scenario, "agent", "")
        self.directory = tuple(directory or getattr(scenario, "directory", ()))
        self._picks: list[Choice] = []
        self.review = review  # a trainer's review: each card says what it is
        self._mood = "calm"
        self.speed = speed
        self.stdin = stdin or sys.stdin
        self.out = stdout or sys.stdout
        self.show_choices = show_choices
        self._now = monotonic
        self._pending: list[Move] = []
        self._choices: tuple[Choice, ...] = ()
        self._shown: tuple[Choice, ...] = ()  # the choices last printed (not again per tick)
        self._hold_mark = 0.0
        self._timer_shown = False
        self._readline: bool | None = None  # line editing: not decided yet
        self._wrapping = False  # the call has ended: after-call work (`wrap_up`)
        self._quit = False  # the trainee quit (/quit, end of input): no wrap-up

    # ----- output -----------------------------------------------------------
    def _print(self, text: str = "") -> None:
        if self._timer_shown:
            self.out.write("\n")
            self._timer_shown = False
        self.out.write(text + "\n")
        self.out.flush()

    def show(self, outputs: Sequence[Output]) -> None:
        for o in outputs:
            self._show_one(o)

    def _show_one(self, o: Output) -> None:
        if isinstance(o, LineSpoken):
            who = "YOU" if o.line.is_agent else "CALLER"
            cut = " (cuts in)" if o.cuts_in else ""
            self._print(f"[{format_time(o.line.time)}] {who}{cut}: {o.line.text}")
            if self.speak is not None:
                self.speak(o.line, self._mood)
        elif isinstance(o, EventLogged):
            self._print(f"[{format_time(o.event.time)}] {o.event.render()}")
        elif isinstance(o, Notice):
            self._print(f"  ({o.kind}) {o.text}")
        elif isinstance(o, CallEnded):
            self._print(f"=== Call ended: {o.reason}.")
        elif isinstance(o, StateChanged):
            self._show_state(o.state)
        elif isinstance(o, ChoicesOffered):
            if self.show_choices and o.choices != self._shown:
                self._print_choices(o.choices)
            self._choices = self._shown = o.choices

    def _show_state(self, s: CallState) -> None:
        self._mood = s.mood_label
        if s.on_hold:
            self.out.write(
                f"\r  ON HOLD {format_time(s.hold_seconds)}  caller: {s.mood_label}, "
                f"patience {s.patience}  (/resume to return) "
            )
            self.out.flush()
            self._timer_shown = True
            return
        if not s.finished:
            muted = "  MUTED" if s.muted else ""
            self._print(
                f"  -- {format_time(s.clock)}  caller: {s.mood_label}, patience {s.patience}{muted}"
            )

    # ----- input ------------------------------------------------------------
    def _line_editing(self) -> bool:
        """On a real terminal, read with `input()` and GNU readline: history, editing, and
        Tab completion of phone commands and extensions (see `completions`)."""
        if self._readline is None:
            self._readline = False
            tty = self.stdin is sys.stdin and self.out is sys.stdout and sys.stdin.isatty()
            if tty:
                try:
                    import readline
                except ImportError:  # Windows without pyreadline: plain lines
                    return False
                readline.set_completer_delims(" ")
                readline.set_completer(self._complete)
                bind = "bind ^I rl_complete" if "libedit" in (readline.__doc__ or "") else None
                readline.parse_and_bind(bind or "tab: complete")
                self._readline = True
        return bool(self._readline)

    def _complete(self, text: str, state: int) -> str | None:
        import readline

        words = completions(readline.get_line_buffer(), self.directory)
        return words[state] if state < len(words) else None

    def next_move(self, state: CallState, choices: Sequence[Choice]) -> Move | None:
        self._choices = tuple(choices)
        if self._pending:
            return self._pending.pop(0)
        if not state.on_hold:
            self._hold_mark = 0.0
        while True:
            raw = self._read(state)
            if isinstance(raw, Wait):
                return raw
            if raw is None:
                self._quit = True  # the end of input: no wrap-up either
                return None
            move = self._interpret(raw.strip())
            if move is QUIT:
                self._quit = True
                return None
            if move is None or isinstance(move, str):
                continue
            waited = self._elapsed_on_hold(state)
            if waited:
                self._pending.append(move)
                return waited
            return move

    def _read(self, state: CallState) -> str | Wait | None:
        if not state.on_hold:
            return self._prompt("> ")
        if not self._hold_mark:
            self._hold_mark = self._now()
        while not _ready(self.stdin, 1.0):
            waited = self._elapsed_on_hold(state)
            if waited:
                return waited
        return _typed(self.stdin)

    def _prompt(self, prompt: str) -> str | None:
        """One line typed after `prompt` (None at the end of input)."""
        if self._line_editing():
            try:
                return input(prompt) + "\n"
            except EOFError:
                return None
        self.out.write(prompt)
        self.out.flush()
        return _typed(self.stdin)

    def wrap_up(self) -> Move | None:
        """After-call work once the call has ended: a note, a ticket or an email, one per
        line, until an empty line (or the end of input) opens the scorecard."""
        from simulator.wrapup import WRAP_UP_MOVES

        if self._quit:  # /quit or the end of input: straight to the scorecard
            return None
        if not self._wrapping:
            self._wrapping = True
            self._print("  Wrap-up: /note TEXT, /ticket, /email WHAT; Enter for the scorecard.")
        while True:
            line = self._prompt("wrap-up> ")
            text = (line or "").strip()
            if not text:
                return None
            try:
                move = parse_move(text)
            except MoveError as exc:
                self._print(f"  {exc}")
                continue
            if isinstance(move, WRAP_UP_MOVES):
                return move
            self._print("  The caller has gone: /note TEXT, /ticket or /email WHAT, or Enter.")

    def _elapsed_on_hold(self, state: CallState) -> Wait | None:
        if not state.on_hold or not self._hold_mark:
            return None
        now = self._now()
        seconds = int((now - self._hold_mark) * self.speed)
        if seconds < 1:
            return None
        self._hold_mark += seconds / self.speed
        return Wait(min(seconds, 3600))

    def _interpret(self, text: str) -> Move | str | None:
        if not text:
            return None
        if text in ("/help", "/?"):
            self._print(HELP + help_text())
            return None
        if text == "/quit":
            return QUIT
        if text == "/choices":
            self._print_choices(self._choices)
            return None
        if text == "/directory" or text in ("/transfer", "/consult"):
            self._print_directory(text)
            return None
        if text.isdigit():
            chosen = next((c for c in self._choices if c.key == text), None)
            if chosen is None:
                self._print(f"  No response {text}; pick one of the numbers shown, or type.")
                return None
            if not chosen.ideal:
                self._picks.append(chosen)  # explained on the scorecard, never on the card
            return chosen.move
        try:
            return parse_move(text)
        except MoveError as exc:
            self._print(f"  {exc}")
            return None

    def _print_choices(self, choices: Sequence[Choice]) -> None:
        """The cards in words (`simulator.cards`): never a mistake's label or a /command."""
        from simulator.cards import card_text

        for c in choices:
            mark = ""
            if self.review:
                mark = "   [ideal]" if c.ideal else f"   [mistake: {c.label}]"
            self._print(f"  {c.key}. {card_text(c.move, self.directory)}{mark}")

    def _print_picks(self) -> None:
        """The mistake responses the trainee picked, with what is wrong with each."""
        from simulator.cards import card_text, mistake_note

        if not self._picks:
            return
        self._print("Responses to rethink:")
        for c in self._picks:
            note = None
            if self.scenario is not None:
                note = mistake_note(self.scenario, c.step, c.move, self.agent_name)
            why = note or "This belongs later in the call: a step before it was left out."
            self._print(f"  - You chose: {card_text(c.move, self.directory)}\n    {why}")

    def _print_directory(self, asked: str) -> None:
        if not self.directory:
            self._print("  This call has no company directory.")
            return
        if asked != "/directory":
            self._print(f"  {asked} needs an extension: {asked} EXT. The directory:")
        else:
            self._print("  Company directory:")
        for c in self.directory:
            dept = f", {c.dept}" if getattr(c, "dept", "") else ""
            self._print(f"    {c.ext:>6}  {c.name}{dept}")

    # ----- the end ----------------------------------------------------------
    def finish(self, summary: CallSummary) -> None:
        self._print("")
        if summary.scorecard is not None:
            _print_card(summary.scorecard, self.out)
        elif summary.error:
            self._print(f"Not graded: {summary.error}")
        self._print_picks()
        self._print(f"Transcript: {printable(unicode_safe(str(summary.transcript_path)))}")
        if summary.advice:
            self._print("Practise next:")
            for tip in summary.advice:
                self._print(f"  - {printable(tip)}")  # a scenario id from a file's name


#: characters of one typed line read (the call keeps far fewer), and how far past that a
#: line's end is looked for before the input is taken as no typing at all (/dev/zero)
LINE_LIMIT = 64 * 1024
LINE_SEARCH = 1024 * 1024


def _typed(stream: IO[str]) -> str | None:
    """One line of input, cut to `LINE_LIMIT`; None at the end of input, or when no line
    ends within `LINE_SEARCH` characters (an endless line was read into memory until the
    process was killed)."""
    line = stream.readline(LINE_LIMIT)
    if len(line) < LINE_LIMIT or line.endswith("\n"):
        return line or None
    skipped = 0
    while skipped < LINE_SEARCH:
        rest = stream.readline(LINE_LIMIT)
        if not rest:
            return line + "\n"  # the input ended inside the long line
        if rest.endswith("\n"):
            return line + "\n"
        skipped += len(rest)
    return None


def _ready(stream: IO[str], timeout: float) -> bool:
    try:
        r, _, _ = select.select([stream], [], [], timeout)
    except (OSError, ValueError, TypeError):  # no select on this stream (Windows console, StringIO)
        return True
    return bool(r)


def _print_card(card: Any, out: IO[str]) -> None:
    """What went wrong first (critical failures on top, then the failed items with their
    rule and evidence), then what passed in one paragraph; the n/a items only counted."""
    from rich.console import Console
    from rich.text import Text

    from scoring.render import print_scorecard

    console = Console(file=out, width=100, highlight=False)
    print_scorecard(card, console=console, failed_only=True)
    results = list(card.results.values())
    passed = [r.title for r in results if r.result == "pass"]
    na = sum(1 for r in results if r.result == "na")
    if passed:
        console.print(Text(f"Passed ({len(passed)}): " + " · ".join(passed), style="green"))
    if na:
        console.print(
            Text(f"{na} items do not apply to this call (callsim grade shows them).", style="dim")
        )


def terminal_voice(scenario: Any, mode: str = "caller") -> Callable[[Speech, str], object] | None:
    """The caller's voice for the terminal: each printed caller line is also spoken
    (eSpeak NG through the mixer, in the scenario's voice and the caller's mood),
    and with mode "both" the trainee's chosen lines too. None for "off" or when
    there is no voice at all; a missing sound device is told in one line and the
    call goes on as text (`simulator.voice.caller.open_caller_voice`)."""
    from simulator.voice.caller import open_caller_voice

    voice = open_caller_voice(mode)
    if voice is None:
        return None

    def speak(line: Speech, mood: str) -> object:
        return voice(line, scenario, mood)

    return speak
