"""The call engine: a pure state machine playing one simulated caller against a trainee.

`CallEngine(scenario, seed=...)` then `start()` and `apply(move)` for each
trainee move; both return `Output`s for the front-end. Every line the call
produces goes to the injected `on_line` sink as it happens (the session
streams it to a flushed transcript file). No I/O, no wall clock: time is the
injected `SimClock`, chance a `random.Random` seeded from `seed`, so the same
scenario, seed and moves always give the same transcript.
"""

from __future__ import annotations

import random
import unicodedata
from collections.abc import Callable, Mapping

from scoring.transcript import Event, Line, Speech
from simulator.engine import moves as mv
from simulator.engine.clock import SimClock
from simulator.engine.hearing import Recogniser, default_recogniser, gives_number, jargon_detector
from simulator.engine.mood import HOLD_OVERTIME_PER_S, Temper
from simulator.engine.outputs import (
    CallEnded,
    CallState,
    Choice,
    ChoicesOffered,
    EventLogged,
    LineSpoken,
    Notice,
    Output,
    StateChanged,
)
from simulator.engine.phone import PhoneMixin
from simulator.engine.replies import Memory, answers, fired_beats, is_closing, opening_beats
from simulator.engine.script import ScriptCursor
from simulator.scenario.lines import render, template_values, variants
from simulator.scenario.model import Beat, Scenario

DEFAULT_PARAMS: Mapping[str, float] = {"hold_checkin_s": 120, "max_transfers": 1}
#: a call that runs this long or this many agent moves is ended by the caller.
MAX_MOVES = 300
MAX_CALL_SECONDS = 2 * 3600
#: an agent line this long (words) invites a caller with the `interrupts` trait to cut in.
LONG_LINE_WORDS = 35
#: a wait this long off hold is a silence on the line ("Hello? Are you still there?").
_SILENCE_S = 10

LineSink = Callable[[Line], None]

#: longest agent line kept (the transcript reader allows 20,000 characters a line).
MAX_LINE_CHARS = 2000


def clean_words(text: str) -> str:
    """What a transcript line can hold: no control characters, one line, bounded length."""
    if not text.isprintable():  # the slow path only for control or odd separator characters
        text = "".join(" " if unicodedata.category(c)[0] in "CZ" else c for c in text)
    return " ".join(text.split())[:MAX_LINE_CHARS]


def speaking_time(text: str) -> int:
    """Seconds to say a line, at about 2.6 words a second."""
    return max(1, round(len(text.split()) / 2.6))


def transcript_headers(
    scenario: Scenario, seed: int, agent_name: str | None = None, policy: str | None = None
) -> dict[str, str]:
    """The transcript's header lines for a call of this scenario (spec: transcript-format.md)."""
    s = scenario
    h = {
        "policy": policy or s.policy,
        "brand": s.brand,
        "agent": agent_name or s.agent,
        "caller": s.caller.name,
    }
    if s.context:
        h["context"] = ", ".join(sorted(s.context))
    if s.correct_number:
        h["correct_number"] = s.correct_number
    h["scenario"] = s.id
    h["seed"] = str(seed)
    return h


def _beats_for(scenario: Scenario) -> tuple[Beat, ...]:
    """The scenario's beats, plus the supervisor request of an `asks_supervisor` caller."""
    beats = scenario.beats
    if "asks_supervisor" in scenario.caller.traits and all(b.id != "ask_supervisor" for b in beats):
        say = variants(scenario, "ask_supervisor")
        beats = (*beats, Beat("ask_supervisor", "beat:reason", say))
    return beats


class CallEngine(PhoneMixin):
    """One call. Not thread-safe; a front-end drives it from one loop."""

    def __init__(
        self,
        scenario: Scenario,
        *,
        seed: int = 0,
        clock: SimClock | None = None,
        recognise: Recogniser | None = None,
        params: Mapping[str, float] | None = None,
        agent_name: str | None = None,
        on_line: LineSink | None = None,
        policy: str | None = None,
    ) -> None:
        self.scenario = scenario
        self.seed = seed
        self.clock = clock or SimClock()
        self.params = {**DEFAULT_PARAMS, **(params or {})}
        self.agent_name = agent_name or scenario.agent
        self.policy = policy  # a policy pack other than the scenario's, named in the headers
        self._recognise = recognise or default_recogniser()
        self._jargon = jargon_detector()
        self._on_line = on_line
        self._rng = random.Random(f"{seed}:caller")
        self._values = template_values(scenario, self.agent_name)
        self._cursor = ScriptCursor(scenario, self._values, seed, self._recognise)
        self.beats = _beats_for(scenario)
        c = scenario.caller
        self.temper = Temper.start(c.mood, c.patience)
        self.memory = Memory()
        self._lines: list[Line] = []
        self._out: list[Output] = []
        self._moves = 0
        self._tickets = 0
        self.on_hold = False
        self.muted = False
        self.hold_started = 0
        self.finished = False
        self.started = False
        self.ended_by = ""

    # ----- public surface -------------------------------------------------
    @property
    def headers(self) -> dict[str, str]:
        return transcript_headers(self.scenario, self.seed, self.agent_name, self.policy)

    @property
    def lines(self) -> tuple[Line, ...]:
        return tuple(self._lines)

    @property
    def choices(self) -> tuple[Choice, ...]:
        return () if self.finished else self._cursor.choices()

    @property
    def cursor(self) -> ScriptCursor:
        return self._cursor

    @property
    def state(self) -> CallState:
        return CallState(
            clock=self.clock.now,
            mood=self.temper.mood,
            mood_label=self.temper.label,
            patience=round(self.temper.patience),
            on_hold=self.on_hold,
            hold_seconds=self.clock.now - self.hold_started if self.on_hold else 0,
            muted=self.muted,
            finished=self.finished,
            turn=self._moves,
        )

    def start(self) -> list[Output]:
        """The phone rings and the trainee picks up: the agent speaks first."""
        if self.started:
            raise RuntimeError("start() once per call")
        self.started = True
        self._out = [Notice(f"Incoming call for {self.scenario.brand}. You answer.", "phone")]
        return self._flush()

    def apply(self, move: mv.Move) -> list[Output]:
        """Play one trainee move; returns what happened, then a state snapshot and choices."""
        if not self.started:
            raise RuntimeError("call start() before apply()")
        self._out = []
        if self.finished:
            self._out.append(Notice("The call has ended.", "warning"))
            return self._flush()
        for one in move.moves if isinstance(move, mv.Moves) else (move,):
            if self.finished:
                break
            self._moves += 1
            self._dispatch(one)
        self._cursor.advance(move, self._last_acts if isinstance(move, mv.Say) else frozenset())
        self._check_limits()
        return self._flush()

    # ----- writing --------------------------------------------------------
    def _number(self) -> int:
        return len(self.headers) + 3 + len(self._lines)

    def emit_event(self, name: str, **fields: str) -> Event:
        clean = tuple((k, clean_words(v)) for k, v in fields.items())
        ev = Event(self._number(), self.clock.now, name, clean)
        self._record(ev)
        self._out.append(EventLogged(ev))
        self.clock.advance(1)
        return ev

    def _speak(self, speaker: str, text: str, cuts_in: bool = False) -> Speech:
        label = speaker.upper()
        text = clean_words(text) or "..."
        line = Speech(self._number(), self.clock.now, speaker, text, label)  # type: ignore[arg-type]
        self._record(line)
        self._out.append(LineSpoken(line, cuts_in))
        self.clock.advance(speaking_time(text) + self._rng.choice((1, 1, 2)))
        return line

    def _record(self, line: Line) -> None:
        self._lines.append(line)
        if self._on_line is not None:
            self._on_line(line)

    def notice(self, text: str, kind: str = "info") -> None:
        self._out.append(Notice(text, kind))  # type: ignore[arg-type]

    def _flush(self) -> list[Output]:
        out = self._out
        out.append(StateChanged(self.state))
        if not self.finished:
            choices = self._cursor.choices()
            if choices:
                out.append(ChoicesOffered(choices))
        self._out = []
        return out

    # ----- the caller's words -----------------------------------------------
    def words(self, situation: str) -> str:
        """Pick a variant (seeded) for a situation or a beat id and fill its templates."""
        beat = next((b for b in self.beats if b.id == situation), None)
        options = beat.say if beat else variants(self.scenario, situation)
        if not options:
            return ""
        return render(self._rng.choice(options), self._values)

    def caller_says(self, parts: list[str], cuts_in: bool = False) -> None:
        text = " ".join(w for w in (self.words(p) for p in parts) if w)
        if not text:
            return
        for p in parts:
            self.memory.said.add(p)
            beat = next((b for b in self.beats if b.id == p), None)
            if beat is not None and beat.mood:
                self.temper.shift(beat.mood)
        line = self._speak("caller", text, cuts_in)
        self._listen_to_caller(line.text)

    def _listen_to_caller(self, text: str) -> None:
        acts = self._recognise(text, "caller")
        m = self.memory
        if "report_problem" in acts and m.complaint_at is None:
            m.complaint_at = m.agent_lines
        if "ask_supervisor" in acts and not m.supervisor_handled:
            m.supervisor_requested = True

    def caller_hangs_up(self, reason: str, by: str = "caller") -> None:
        self.emit_event("hangup", by="caller")
        self.end(by, reason)

    def end(self, by: str, reason: str) -> None:
        self.finished = True
        self.ended_by = by
        self._out.append(CallEnded(by, reason))  # type: ignore[arg-type]

    # ----- moves ------------------------------------------------------------
    _last_acts: frozenset[str] = frozenset()

    def _dispatch(self, move: mv.Move) -> None:
        handler = getattr(self, f"_on_{type(move).__name__.lower()}")
        handler(move)

    def _on_skip(self, move: mv.Skip) -> None:
        pass

    def _on_say(self, move: mv.Say) -> None:
        self._last_acts = frozenset()
        text = clean_words(move.text)
        if not text:
            return
        if self.on_hold or self.muted:
            where = "on hold" if self.on_hold else "muted"
            self.notice(f"The caller is {where} and cannot hear you.", "warning")
            return
        agent = self._speak("agent", text)
        acts = self._hear(agent.text)
        self._last_acts = acts
        self.memory.agent_lines += 1
        self._react(acts, agent.text)
        self.memory.pending_events.clear()

    def _hear(self, text: str) -> frozenset[str]:
        """The recogniser's acts, plus `jargon` and `give_number` (the grader's own finders)."""
        acts = self._recognise(text, "agent")
        extra = set()
        if self._jargon(text):
            extra.add("jargon")
        number = self.scenario.correct_number
        if number and gives_number(text, number):
            extra.add("give_number")
        return acts | extra if extra else acts

    def _react(self, acts: frozenset[str], text: str) -> None:
        m = self.memory
        self._mood_from(acts)
        if self.temper.exhausted:
            self.caller_says(["fourth_level"])
            self.caller_hangs_up("the caller ran out of patience and escalated")
            return
        parts = self._before_answers(acts)
        answered = answers(acts, self.scenario, m)
        closing = is_closing(acts, m, answered)
        agenda = self._agenda(acts, answered)
        fresh = [a for a in answered if a not in m.said]
        if fresh or agenda:  # people do not repeat an answer along with something new
            answered = fresh
        parts += answered + agenda
        if closing:
            self.caller_says(parts + ["goodbye"])
            self.caller_hangs_up("the caller said goodbye")
            return
        if not parts:  # nothing to answer: a nod, or puzzlement at a question not understood
            puzzled = not acts and text.rstrip().endswith("?")
            parts = ["confused"] if puzzled else ["ack"]
            if puzzled:
                self.temper.apply("confused")
        cut = "interrupts" in self.scenario.caller.traits and len(text.split()) > LONG_LINE_WORDS
        self.caller_says((["cut_in"] if cut and self.temper.mood >= 1 else []) + parts, cut)

    def _mood_from(self, acts: frozenset[str]) -> None:
        m = self.memory
        for act in (
            "empathy",
            "ownership",
            "commit_help",
            "summarize",
            "offer_hold_alternative",
            "jargon",
        ):
            if act in acts:
                self.temper.apply(act)
        if m.just_resumed and "thank_for_holding" not in acts:
            self.temper.apply("no_thanks_after_hold")
        if "empathy" in acts:
            m.empathy_shown = True
        if "refuse_supervisor" in acts and m.supervisor_requested:
            self.temper.apply("refuse_supervisor")

    def _before_answers(self, acts: frozenset[str]) -> list[str]:
        """Reactions that come first: to a long hold, to a complaint not acknowledged."""
        m = self.memory
        parts: list[str] = []
        if m.just_resumed and m.long_hold:
            parts.append("after_long_hold")
        m.just_resumed = m.long_hold = False
        if m.complaint_at is not None and not m.empathy_shown:
            since = m.agent_lines - m.complaint_at
            vents = "vents" in self.scenario.caller.traits
            if since == 1 and vents:
                parts.append("vent")
            elif since == 2 and "ignored" not in m.said:
                self.temper.apply("ignored_complaint")
                parts.append("ignored")
        if "refuse_supervisor" in acts and m.supervisor_requested:
            parts.append("refused_supervisor")
        return parts

    def _agenda(self, acts: frozenset[str], answered: list[str]) -> list[str]:
        """What the caller brings up unasked: the reason for calling, beats, a supervisor."""
        m = self.memory
        if not m.reason_given:
            if self.scenario.caller.volunteers_name and "give_name" in answered:
                answered.remove("give_name")
                return self._reason()
            if not answered or m.agent_lines >= 3 or self.scenario.caller.volunteers_name:
                return self._reason()
            return []
        beats = fired_beats(acts, self.beats, m)
        m.beat_just_said = set(beats)
        return beats + self._supervisor(acts)

    def _reason(self) -> list[str]:
        m = self.memory
        m.reason_given = True
        first = "opening" if self.scenario.line("opening") else "reason"
        parts = [first] + opening_beats(self.beats, m)
        m.beat_just_said = set(parts) | {"reason"}
        return parts

    def _supervisor(self, acts: frozenset[str]) -> list[str]:
        m = self.memory
        if not m.supervisor_requested or m.supervisor_handled:
            return []
        if {"offer_supervisor", "notify_supervisor"} & acts:
            m.supervisor_handled = True
            return []
        if "refuse_supervisor" in acts or m.supervisor_repeats >= 2:
            return []
        m.supervisor_repeats += 1
        self.temper.apply("ignored_supervisor")
        return ["ask_supervisor"]

    def _on_wait(self, move: mv.Wait) -> None:
        if self.on_hold:
            self._hold_for(move.seconds)
            return
        self.clock.advance(move.seconds)
        if move.seconds >= _SILENCE_S:
            self.temper.apply("silence")
            if self.temper.exhausted:
                self.caller_hangs_up("the caller gave up on the silence")
            elif not self.muted:
                self.caller_says(["silence"])

    def _hold_for(self, seconds: int) -> None:
        limit = int(self.params["hold_checkin_s"])
        before = self.clock.now - self.hold_started
        self.clock.advance(seconds)
        after = self.clock.now - self.hold_started
        over = max(0, after - max(before, limit))
        if over:
            self.memory.long_hold = True
            self.temper.drain(over * HOLD_OVERTIME_PER_S)
        if self.temper.exhausted:
            self.caller_hangs_up("the caller hung up after waiting on hold too long")

    def _check_limits(self) -> None:
        if self.finished:
            return
        if self._moves >= MAX_MOVES or self.clock.now >= MAX_CALL_SECONDS:
            if not self.on_hold:
                self.caller_says(["limit"])
            self.caller_hangs_up("the call ran too long", by="limit")
