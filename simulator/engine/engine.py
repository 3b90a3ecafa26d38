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
import re
import unicodedata
from collections.abc import Callable, Mapping
from typing import assert_never

from scoring.policy import DEFAULT_PARAMS
from scoring.transcript import Event, Line, Speech
from simulator.engine import moves as mv
from simulator.engine.caller_state import CallerState, Rung
from simulator.engine.clock import SimClock
from simulator.engine.hearing import Recogniser, default_recogniser
from simulator.engine.hint import ListenHint, hint, moment_for
from simulator.engine.mood import HOLD_OVERTIME_PER_S, HOLD_PER_S, Temper
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
from simulator.engine.reactions import Reactions
from simulator.engine.script import ScriptCursor
from simulator.engine.topics import facts_of
from simulator.engine.understand import Heard, Understanding
from simulator.scenario.lines import (
    render,
    template_values,
    uses_heard,
    uses_unheard,
    variants,
)
from simulator.scenario.model import Beat, Scenario

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


#: a caller line longer than this (words) is never said twice verbatim in one call.
REPEAT_WORDS = 5


class CallEngine(Reactions, PhoneMixin):
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
        self._ears = Understanding(scenario, self._recognise)
        self._on_line = on_line
        self._rng = random.Random(f"{seed}:caller")
        self._values = template_values(scenario, self.agent_name)
        self._cursor = ScriptCursor(scenario, self._values, seed, self._recognise)
        self.beats = _beats_for(scenario)
        c = scenario.caller
        self.memory = CallerState(Temper.start(c.mood, c.patience))
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
        self._heard: dict[str, str] = {}  # {heard.*} values for the caller's next line
        self._said_parts: dict[str, str] = {}  # each part of the caller's last line, as said

    # ----- public surface -------------------------------------------------
    @property
    def temper(self) -> Temper:
        return self.memory.temper

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

    def listen_hint(self) -> ListenHint:
        """What the agent is likely to say next (read-only; the speech recogniser's bias)."""
        m = self.memory
        moment = moment_for(
            agent_lines=m.agent_lines,
            on_hold=self.on_hold,
            just_resumed=m.just_resumed,
            escalated=m.supervisor_requested and not m.supervisor_handled,
            goal_met=m.goal_met,
            caller_parts=self._said_parts,
            caller_acts=self._caller_acts,
        )
        return hint(moment)

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
    def _options(self, situation: str) -> tuple[str, ...]:
        mood = self.temper.label
        beat = next((b for b in self.beats if b.id == situation), None)
        if beat is not None:
            return beat.say_in_mood(mood)
        rung = _RUNG_LINES.get(situation)
        if rung and self.scenario.escalation.get(rung):
            from simulator.scenario.model import pick_mood

            own = pick_mood(self.scenario.escalation[rung], mood)
            if own:
                return own
        return variants(self.scenario, situation, mood)

    def words(self, situation: str) -> str:
        """A variant (seeded) for a situation or a beat id, filled in, not said before.

        Variants naming something the caller did not hear are left out; among the
        rest, one not yet said verbatim is preferred, so a caller repeating a
        demand words it again ("Like I said, ...") instead of looping a recording.
        """
        if situation.startswith("fact:"):
            return self._fact_words(situation[5:])
        values = {**self._values, **self._heard}
        options = [o for o in self._options(situation) if not uses_unheard(o, values)]
        if not options:
            return ""
        specific = [o for o in options if uses_heard(o)]
        options = specific or options  # "Eight hours? ..." rather than a line that names none
        return self._choose([_capitalise(render(o, values)) for o in options])

    def _choose(self, rendered: list[str]) -> str:
        """One of the variants (seeded), preferring one not said yet; else one reworded."""
        fresh = [t for t in rendered if t not in self.memory.texts]
        if fresh:
            return self._rng.choice(fresh)
        return self._reworded(self._rng.choice(rendered))

    def _reworded(self, text: str) -> str:
        """`text`, or, when it is long and was said before, said again the way people do."""
        if len(text.split()) <= REPEAT_WORDS or text not in self.memory.texts:
            return text
        return self._again(text)

    def _again(self, text: str) -> str:
        """A line said before, said again the way people do ("Thanks! I just want ..." said
        again is "Like I said, I just want ...")."""
        core = _LEAD.sub("", text, count=1) or text
        first, *rest = re.split(r"(?<=[.!?])\s", core, maxsplit=1)
        if len(first.split()) <= 2 and rest:  # "Well? Are you going to ...": the question
            core = first = rest[0]
        if _REPEAT_MARK.match(core):  # already a repeat ("I said, ..."): said shorter
            return first if first not in self.memory.texts else "As I keep saying."
        for prefix in ("Like I said, ", "As I said, ", "Again, ", "I'm telling you, "):
            again = prefix + _lower_first_word(core)
            if again not in self.memory.texts:
                return again
        again = "I've told you already. " + first
        return again if again not in self.memory.texts else "As I keep saying."

    def _fact_words(self, topic: str) -> str:
        fact = next((f for f in facts_of(self.scenario) if f.topic == topic), None)
        if fact is None:
            return ""
        return self._choose([_capitalise(render(o, self._values)) for o in fact.say])

    def caller_says(self, parts: list[str], cuts_in: bool = False) -> None:
        unasked = {b.id for b in self.beats} | {"vent"}  # what they bring up of themselves
        words = _without_echoes([self._part(p) for p in parts], [p in unasked for p in parts])
        self._said_parts = dict(zip(parts, words, strict=True))
        text = " ".join(w for w in words if w)
        self._heard = {}
        if not text:
            return
        text = self._reworded(text)
        for p in parts:
            self.memory.said.add(p)
            beat = next((b for b in self.beats if b.id == p), None)
            if beat is not None and beat.mood:
                self.temper.shift(beat.mood)
        line = self._speak("caller", text, cuts_in)
        self._cursor.hear(line.text)
        said = [self._said_parts.get(p, "") for p in parts if _is_content(p)]
        self.memory.spoke(line.text, content=" ".join(w for w in said if w))
        given = next((_DATA[p] for p in parts if p in _DATA), "")
        if given:
            self.memory.last_datum = self._values.get(given, "")
        self._listen_to_caller(line.text, climbed=bool(set(parts) & set(_RUNG_LINES)))

    def _part(self, part: str) -> str:
        """One part of a caller line: a situation, or literal words (`say:...`)."""
        if not part.startswith("say:"):
            return self.words(part)
        return self._reworded(part[4:])

    def _listen_to_caller(self, text: str, climbed: bool) -> None:
        """What the caller's own words commit them to (a line the scenario wrote may ask for
        a supervisor); a rung the engine just climbed is not second-guessed."""
        acts = self._recognise(text, "caller")
        self._caller_acts = acts
        m = self.memory
        if "report_problem" in acts and m.complaint_at is None:
            m.complaint_at = m.agent_lines
        if climbed:
            return
        if "ask_supervisor" in acts and not m.supervisor_handled:
            m.asked_for_supervisor()
        if "threaten_escalation" in acts:
            m.rung = Rung.FOURTH

    def caller_hangs_up(self, reason: str, by: str = "caller") -> None:
        self.emit_event("hangup", by="caller")
        self.end(by, reason)

    def end(self, by: str, reason: str) -> None:
        self.finished = True
        self.ended_by = by
        self._out.append(CallEnded(by, reason))  # type: ignore[arg-type]

    # ----- moves ------------------------------------------------------------
    _last_acts: frozenset[str] = frozenset()
    _caller_acts: frozenset[str] = frozenset()  # the acts of the caller's last line

    def _dispatch(self, move: mv.Move) -> None:  # noqa: C901 - one case per move, checked by mypy
        match move:
            case mv.Say():
                self._on_say(move)
            case mv.Hold():
                self._on_hold(move)
            case mv.Resume():
                self._on_resume(move)
            case mv.Mute():
                self._on_mute(move)
            case mv.Unmute():
                self._on_unmute(move)
            case mv.Consult():
                self._on_consult(move)
            case mv.Transfer():
                self._on_transfer(move)
            case mv.Lookup():
                self._on_lookup(move)
            case mv.Note():
                self._on_note(move)
            case mv.Ticket():
                self._on_ticket(move)
            case mv.Email():
                self._on_email(move)
            case mv.Notify():
                self._on_notify(move)
            case mv.HangUp():
                self._on_hangup(move)
            case mv.Wait():
                self._on_wait(move)
            case mv.Interrupt():
                self._on_interrupt(move)
            case mv.Skip():
                pass
            case mv.Moves():
                for one in move.moves:
                    self._dispatch(one)
            case _:
                assert_never(move)

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
        heard = self._ears.hear(agent.text)
        self._last_acts = heard.acts
        self.memory.agent_lines += 1
        self.react(heard)
        self.memory.pending_events.clear()

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
        self.temper.drain((after - before) * HOLD_PER_S)
        if over:
            self.memory.long_hold = True
            self.temper.drain(over * HOLD_OVERTIME_PER_S)
        if self.temper.exhausted:
            why = "waiting on hold too long" if after > limit else "being put on hold"
            self.caller_hangs_up(f"the caller hung up after {why}")

    def _check_limits(self) -> None:
        if self.finished:
            return
        if self._moves >= MAX_MOVES or self.clock.now >= MAX_CALL_SECONDS:
            if not self.on_hold:
                self.caller_says(["limit"])
            self.caller_hangs_up("the call ran too long", by="limit")

    # ----- hooks the reactions use -----------------------------------------
    def hear_value(self, name: str, value: str) -> None:
        """A `{heard.NAME}` value for the caller's next line."""
        self._heard[f"heard.{name}"] = value

    def heard_value(self, name: str) -> str:
        """The `{heard.NAME}` value set for the caller's next line, if any."""
        return self._heard.get(f"heard.{name}", "")

    def chance(self) -> random.Random:
        return self._rng


#: a situation in which the caller gives a datum -> the value (for spelling and read-backs)
_DATA = {
    "give_name": "caller.name",
    "give_id": "caller.id_number",
    "give_phone": "caller.phone",
    "give_email": "caller.email",
    "give_birth_date": "caller.birth_date",
}
#: a reply situation -> the rung of the escalation ladder whose scenario lines it uses
_RUNG_LINES = {
    "escalate_expert": "expert",
    "escalate_supervisor": "supervisor",
    "fourth_level": "fourth_level",
}


#: an interjection opening a line ("Thanks!", "Okay,", "Ha, fine, thanks.")
_LEAD = re.compile(
    r"^(?:(?:thanks|thank you|okay|ok|yes|no|fine|ha|sure|right|look|oh|well)[,.!]?\s+)+", re.I
)
#: what the caller says in reaction to the agent, not about their situation: a repair
#: request repeats the last line that was about the situation
_REACTIONS = frozenset(
    {
        "ack", "ignored", "ignored_asked", "dont_know", "steer_back", "escalate_expert",
        "escalate_supervisor",
        "unresolved_close", "curt_goodbye", "refused", "dismissed", "talked_down", "blamed",
        "hold_announced_ack", "after_long_hold", "silence", "after_mute", "interrupted", "cut_in",
        "thanks", "note_reference", "goodbye", "nothing_else", "that_is_all", "bad_news_heard",
        "choose_option", "not_found", "ask_message",
        "agree_hold", "refuse_hold", "checkin_agree", "checkin_refuse", "agree_transfer",
        "confirm_yes", "accept_offer", "conditional_offer", "decline_offer", "accept_supervisor",
        "supervisor_here",
        "still_need", "accept_alternative", "spam_gives_up", "spam_email", "deny_sales", "pitch",
        "back_to_goal", "go_ahead", "will_do", "asks_rest", "chat_back", "remark_back",
        "confirm_name",
        "asks_news", "put_through", "not_reason", "thanks_answer",
    }
)  # fmt: skip


def _lower_first_word(text: str) -> str:
    """'It was late' -> 'it was late' after "Like I said, "; 'I'll', 'I' and names stay."""
    first = text.split(" ", 1)[0]
    if first == "I" or first.startswith("I'") or first[1:2].isupper():
        return text
    return text[:1].lower() + text[1:]


#: a line that already says it is said again
_REPEAT_MARK = re.compile(
    r"^(?:like i said|as i said|i said|sorry, i said|what i said was|again|i'm telling you|"
    r"as i keep saying|i've told you already)\b",
    re.IGNORECASE,
)


def _is_content(part: str) -> bool:
    return part not in _REACTIONS and not part.startswith("say:")


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:] if text[:1].islower() else text


__all__ = ["CallEngine", "Heard", "clean_words", "speaking_time", "transcript_headers"]


#: a part of a caller's turn with this many words or fewer is never taken for an echo
_ECHO_MIN_WORDS = 4


def _without_echoes(words: list[str], unasked: list[bool] | None = None) -> list[str]:
    """A caller says a thing once per breath: a part whose words another part of the same
    turn already says (nearly all of them) is left out. A part they bring up unasked (a
    scenario's beat: "I was told it would be reversed in a day or two") gives way to the
    answer that says it too ("Yes. I was told ..., and it's still there."); otherwise the
    shorter part gives way to the longer one. A part left out keeps its place (empty) so
    the parts and their words still pair up."""
    from simulator.engine.topics import claim_words

    unasked = unasked or [False] * len(words)
    said = [claim_words(w) if w else set() for w in words]
    out = list(words)
    for i, mine in enumerate(said):
        if len(mine) <= _ECHO_MIN_WORDS:
            continue
        # an answer never gives way to what they bring up unasked; that gives way to an
        # answer saying half of it; otherwise the shorter to the longer saying nearly all
        over = [j for j in range(len(words)) if j != i and out[j]]
        answers = set().union(*(said[j] for j in over if unasked[i] and not unasked[j]))
        longer = set().union(
            *(said[j] for j in over if unasked[i] == unasked[j] and len(words[j]) > len(words[i]))
        )
        if len(mine & answers) >= 0.5 * len(mine) or len(mine & longer) >= 0.8 * len(mine):
            out[i] = ""
    return out
