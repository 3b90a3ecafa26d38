"""The window's side of a call: turns actions into engine moves and outputs into a `CallView`.

The engine owns every rule (what the caller says, mood, what an event means). This adapter
only translates: a click on HOLD becomes `Hold()`, a `LineSpoken` becomes a caption. It also
keeps the two kinds of time apart: wall time (ringing, how long a caption stays
highlighted) and the engine's simulated clock, which moves only by moves; while the caller
holds, elapsed wall time (times `speed`) is sent as `Wait` moves, in whole seconds batched
so that a long hold does not use up the engine's move budget.

Voice seam: `speak(speech)` (optional) starts the caller's voice for a line and returns a
playback with `is_playing()` and `stop()` (the voice branch's `Playback` fits); the caption
stays highlighted while it plays. Without a voice a line is "spoken" for its reading time.
`on_line_start(speech)` / `on_line_end(speech)` are called either way.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from scoring.policy import DEFAULTS
from scoring.transcript import Speech
from simulator.engine import (
    CallEnded,
    CallState,
    Choice,
    ChoicesOffered,
    Consult,
    Email,
    EventLogged,
    HangUp,
    Hold,
    LineSpoken,
    Lookup,
    Move,
    MoveError,
    Mute,
    Note,
    Notice,
    Output,
    Resume,
    Say,
    StateChanged,
    Ticket,
    Transfer,
    Unmute,
    Wait,
    parse_move,
)
from simulator.engine.engine import speaking_time
from simulator.scenario.model import Scenario
from simulator.window.actions import Action
from simulator.window.views import CallView, CaptionLine, DirectoryEntry, ShiftStatus

RING_CYCLE_S = 3.0  # one ring of assets/sounds/ring.wav
HOLD_WAIT_BATCH_S = 5  # simulated seconds per Wait move while on hold
HOLD_WARN_S = 90
#: engine mood index (0 calm .. 3 furious) -> the face's -1..+1 scale
MOOD_SCALE = (0.6, 0.0, -0.5, -1.0)

LineHook = Callable[[Speech], None]


class LinePlayback(Protocol):
    """A caller line being played by a voice."""

    def is_playing(self) -> bool: ...
    def stop(self) -> None: ...


SpeakLine = Callable[[Speech], "LinePlayback | None"]


def _nothing(_: Speech) -> None:
    return None


@dataclass
class LiveCall:
    """One call as the window sees it.

    `send(move)` hands a move to whoever drives the engine: the app applies it at once and
    passes the outputs back to `absorb`; the `Frontend` adapter queues it for `run_call`,
    which applies it and calls `show` -> `absorb`. Either way the window never decides what
    a move does.
    """

    scenario: Scenario
    agent_name: str
    send: Callable[[Move], None]
    hold_limit_s: int = int(DEFAULTS.hold_checkin_s)
    speed: float = 1.0
    speech_input: bool = False
    on_line_start: LineHook = _nothing
    on_line_end: LineHook = _nothing
    speak: SpeakLine | None = None
    on_event: Callable[[str], None] = field(default=lambda _name: None)
    on_answer: Callable[[], None] = field(default=lambda: None)
    phase: str = "ringing"
    ring_s: float = 0.0
    rings_at_answer: int = 0
    captions: list[CaptionLine] = field(default_factory=list)
    choices: tuple[Choice, ...] = ()
    history: list[str] = field(default_factory=list)
    looked_up: bool = False
    notice: str = ""
    ended_by: str = ""
    end_reason: str = ""
    caller_known: bool = False
    listening: bool = False
    _pending_hold_s: float = 0.0
    _state: CallState | None = None
    #: caller lines being spoken: caption index, line, reading time left, voice playback
    _speaking: list[tuple[int, Speech, float, LinePlayback | None]] = field(default_factory=list)
    _wall_s: float = 0.0

    # -- time -------------------------------------------------------------------------------
    @property
    def rings(self) -> int:
        if self.phase != "ringing":
            return self.rings_at_answer
        return 1 + int(self.ring_s // RING_CYCLE_S)

    def tick(self, dt: float) -> None:
        """Wall time passes (the app does not call this while paused)."""
        self._wall_s += dt
        if self.phase == "ringing":
            self.ring_s += dt
            return
        self._tick_speech(dt)
        if self.phase == "live" and self._state and self._state.on_hold:
            self._pending_hold_s += dt * self.speed
            if self._pending_hold_s >= HOLD_WAIT_BATCH_S:
                self._flush_hold()

    def _flush_hold(self) -> None:
        whole = int(self._pending_hold_s)
        if whole > 0 and self.phase == "live":
            self._pending_hold_s -= whole
            self.send(Wait(whole))

    def _tick_speech(self, dt: float) -> None:
        still = []
        for index, line, left, playback in self._speaking:
            left -= dt
            done = not playback.is_playing() if playback is not None else left <= 0
            if done:
                self._end_line(index, line)
            else:
                still.append((index, line, left, playback))
        self._speaking = still

    def line_done(self) -> None:
        """End the caller lines being spoken (a new line starts, the call ends)."""
        for index, line, _, playback in self._speaking:
            if playback is not None and playback.is_playing():
                playback.stop()
            self._end_line(index, line)
        self._speaking = []

    def _end_line(self, index: int, line: Speech) -> None:
        c = self.captions[index]
        self.captions[index] = CaptionLine(c.speaker, c.text, c.time, current=False)
        self.on_line_end(line)

    # -- actions ----------------------------------------------------------------------------
    def answer(self) -> None:
        if self.phase != "ringing":
            return
        self.rings_at_answer = self.rings
        self.phase = "live"
        self.on_answer()

    def act(self, action: Action) -> None:
        """Carry out a call action; anything the engine cannot take is ignored."""
        if action.name == "answer":
            self.answer()
            return
        if self.phase != "live":
            return
        move = self.move_for(action)
        if move is None:
            return
        if self._pending_hold_s >= 1:
            self._flush_hold()
            if self.phase != "live":
                return
        self.notice = ""
        self.send(move)

    def move_for(self, action: Action) -> Move | None:
        a = action
        simple: dict[str, Callable[[], Move]] = {
            "hold": Hold,
            "resume": Resume,
            "mute": Mute,
            "unmute": Unmute,
            "hangup": HangUp,
            "ticket": Ticket,
        }
        if a.name in simple:
            return simple[a.name]()
        if a.name == "choose":
            n = int(a.get("n", "0"))
            return self.choices[n - 1].move if 1 <= n <= len(self.choices) else None
        if a.name == "say":
            return self._typed(a.get("text").strip())
        if a.name == "consult":
            return Consult(a.get("ext"))
        if a.name == "transfer":
            return Transfer(a.get("ext"))
        if a.name == "lookup":
            return Lookup(a.get("what", "history"))  # type: ignore[arg-type]
        if a.name == "note":
            return Note(a.get("text"))
        if a.name == "email":
            return Email(a.get("what") or "summary of the call and next steps")
        return None

    def _typed(self, text: str) -> Move | None:
        """A typed reply; `/command` lines (`/notify supervisor`, `/lookup order`) are moves,
        in the same syntax as the terminal and the scenario files."""
        if not text:
            return None
        if not text.startswith("/"):
            return Say(text)
        try:
            return parse_move(text)
        except MoveError as exc:
            self.notice = str(exc)
            return None

    # -- outputs ----------------------------------------------------------------------------
    def absorb(self, outputs: Sequence[Output]) -> None:
        for out in outputs:
            if isinstance(out, LineSpoken):
                self._line(out.line)
            elif isinstance(out, EventLogged):
                ev = out.event
                text = ev.render().lstrip("* ")
                self.captions.append(CaptionLine("event", text, ev.time))
                self.on_event(ev.name)
            elif isinstance(out, Notice):
                self._notice(out)
            elif isinstance(out, StateChanged):
                self._state = out.state
            elif isinstance(out, ChoicesOffered):
                self.choices = out.choices
            elif isinstance(out, CallEnded):
                self.phase = "ended"
                self.ended_by, self.end_reason = out.by, out.reason
                self.choices = ()
                self.notice = f"Call ended: {out.reason}."

    def _line(self, line: Speech) -> None:
        if line.speaker == "caller":
            self.line_done()  # a new caller line ends the one before
            name = self.scenario.caller.name.lower().split()
            if any(part in line.text.lower() for part in name):
                self.caller_known = True
            self.captions.append(CaptionLine("caller", line.text, line.time, current=True))
            reading = speaking_time(line.text) / max(0.25, self.speed)
            playback = self.speak(line) if self.speak is not None else None
            self._speaking.append((len(self.captions) - 1, line, float(reading), playback))
            self.on_line_start(line)
        else:
            self.captions.append(CaptionLine("agent", line.text, line.time))

    def _notice(self, out: Notice) -> None:
        if out.kind == "lookup":
            self.looked_up = True
            self.history.append(out.text)
            if self.scenario.caller.name in out.text:
                self.caller_known = True
        elif not out.text.startswith("Incoming call"):
            self.notice = out.text

    # -- the view ---------------------------------------------------------------------------
    def view(self, paused: bool = False, shift: ShiftStatus | None = None) -> CallView:
        s = self.scenario
        st = self._state
        on_hold = bool(st and st.on_hold and self.phase == "live")
        hold_s = (st.hold_seconds + self._pending_hold_s) if (st and on_hold) else 0.0
        clock = (st.clock if st else 0) + (self._pending_hold_s if on_hold else 0)
        mood = st.mood if st else 0
        return CallView(
            brand=s.brand,
            agent=self.agent_name,
            scenario_title=s.title,
            phase=self.phase,  # type: ignore[arg-type]
            clock_s=int(clock),  # whole seconds: a frame with nothing new is not redrawn
            rings=self.rings,
            caller_name=s.caller.name if self.caller_known else None,
            mood=MOOD_SCALE[min(3, max(0, mood))],
            mood_label=st.mood_label if st else "calm",
            patience=(st.patience if st else s.caller.patience) / 100,
            captions=tuple(self.captions),
            choices=tuple(c.label for c in self.choices),
            on_hold=on_hold,
            hold_s=int(hold_s),
            hold_limit_s=self.hold_limit_s,
            hold_warn_s=HOLD_WARN_S,
            muted=bool(st and st.muted),
            paused=paused,
            directory=tuple(DirectoryEntry(c.name, c.dept, c.ext) for c in s.directory),
            history=tuple(self.history),
            looked_up=self.looked_up,
            speech_input=self.speech_input,
            listening=self.listening,
            notice=self.notice,
            shift=shift,
        )
