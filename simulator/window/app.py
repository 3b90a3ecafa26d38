"""The game window: screens, the frame loop, and the wiring of a call to engine and grader.

`WindowApp` is driven by real pygame events. `pump()` handles what is queued, advances wall
time and draws one frame; `run()` repeats it at up to `fps`. Tests post events and call
`pump()` with an injected clock, so they exercise exactly the code a trainee does.

`run_window(...)` is the entry point `callsim play --ui window` calls; it raises `NoDisplay`
(one-line message) when there is no screen, so the caller can offer the terminal UI.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

from typing import TYPE_CHECKING, cast  # noqa: E402

import pygame  # noqa: E402

from scoring.transcript import Speech  # noqa: E402
from scoring.writer import TranscriptWriteError  # noqa: E402
from simulator.engine import CallEnded  # noqa: E402
from simulator.frontend.base import CallSummary  # noqa: E402
from simulator.window.actions import CALL_ACTIONS, Action  # noqa: E402
from simulator.window.call_screen import CallScreen  # noqa: E402
from simulator.window.display import NoDisplay, display_problem  # noqa: E402
from simulator.window.scorecard_screen import ScorecardScreen  # noqa: E402
from simulator.window.scorecard_view import scorecard_view  # noqa: E402
from simulator.window.screen import Screen  # noqa: E402
from simulator.window.settings import Settings  # noqa: E402
from simulator.window.shift_screen import ShiftSummaryScreen  # noqa: E402
from simulator.window.sounds import Sounds  # noqa: E402
from simulator.window.start_screen import StartScreen  # noqa: E402
from simulator.window.talk import ListenerFactory, PushToTalk  # noqa: E402
from simulator.window.theme import Theme  # noqa: E402

if TYPE_CHECKING:
    from simulator.engine import Move
    from simulator.scenario.model import Scenario
    from simulator.session import Session
    from simulator.window.live_call import LinePlayback, LiveCall, SpeakLine

    #: starts a caller line in a voice: (line, scenario, mood label) -> playback
    CallerVoice = Callable[[Speech, Scenario, str], LinePlayback | None]

from simulator.window.views import (  # noqa: E402
    ScenarioRow,
    ScorecardView,
    ShiftCallRow,
    ShiftStatus,
    ShiftSummaryView,
    StartView,
)

#: after-call work the trainee may log once the caller has gone (wrap-up)
WRAP_UP = frozenset({"note", "ticket", "email"})
FONT_STEP = 0.1


@dataclass
class WindowOptions:
    trainee: str = ""
    seed: int = 0
    speed: float = 1.0
    font_scale: float = 1.0
    size: tuple[int, int] = (1280, 800)
    transcript_dir: str = ""  # default: the session store's transcripts folder
    transcript: str = ""  # --transcript: the first call's transcript here (never overwritten)
    policy: str = ""  # --policy: grade against this pack ("" = each scenario's own)
    team: str = ""  # --team: recorded with every call
    speech_input: bool = False
    sound: bool = True
    fps: int = 60
    shift_size: int = 3
    scenario_id: str = ""  # start this scenario straight away
    settings_path: str = ""  # remember font size, name, last scores here ("" = don't)
    review: bool = False  # a trainer's review: cards say which is ideal and what a mistake is
    plan: bool = False  # ask the records for the trainee's plan (the real desk does)


@dataclass
class ShiftState:
    queue: list[Scenario]
    total: int
    done: list[ShiftCallRow] = field(default_factory=list)
    cards: list[tuple[Scenario, ScorecardView]] = field(default_factory=list)

    def status(self, rings_now: int) -> ShiftStatus:
        answered = len(self.done)
        handle = [c.handle_s for c in self.done]
        return ShiftStatus(
            call_number=answered + 1,
            calls_total=self.total,
            waiting=len(self.queue),
            within_three_rings=sum(1 for c in self.done if c.rings <= 3),
            answered=answered,
            average_handle_s=sum(handle) / len(handle) if handle else None,
        )


class WindowApp:
    def __init__(
        self,
        options: WindowOptions | None = None,
        scenarios: Sequence[Scenario] | None = None,
        clock: Callable[[], float] = time.perf_counter,
        surface: pygame.Surface | None = None,
        extra_dirs: Sequence[str] = (),
        speak: CallerVoice | None = None,
        listener_factory: ListenerFactory | None = None,
    ) -> None:
        self.options = options or WindowOptions()
        self.settings = (
            Settings.load(self.options.settings_path)
            if self.options.settings_path
            else Settings(self.options.font_scale, self.options.trainee)
        )
        self.extra_dirs = tuple(extra_dirs)
        self.voice = speak
        self.listener_factory = listener_factory
        self.ears: PushToTalk | None = None
        if listener_factory is not None:
            self.options.speech_input = True
        # Scenarios load after the first frame is up (YAML, schema checks and the engine's
        # imports take most of a second): the window appears at once, then fills in.
        self.scenarios: list[Scenario] = list(scenarios or [])
        self.loading = scenarios is None
        self.clock = clock
        self.theme = Theme(scale=self.settings.font_scale)
        self.surface = surface if surface is not None else self._open_window()
        self.sounds = Sounds(self.options.sound)
        self.last_scores: dict[str, float] = self.settings.last_scores
        self.trainee = self.options.trainee or self.settings.trainee
        self.call: LiveCall | None = None
        self.session: Session | None = None  # the call's one path: transcript, records, grade
        self.transcript_path = ""
        self.calls_started = 0
        self._summary: CallSummary | None = None  # a call ended by a transcript problem
        self.paused = False
        self.picks: list[tuple[str, str]] = []  # mistake cards picked: (card, what is wrong)
        self.plan_picks: list[str] = []  # the trainee's plan's scenarios (records), if any
        self._plan_headline = ""
        self.shift: ShiftState | None = None
        self.finished_shift: ShiftState | None = None
        self.last_card: ScorecardView | None = None
        self.last_scenario: Scenario | None = None
        self.running = True
        self.frames = 0
        self.open_url: Callable[[str], object] = _open_in_browser  # the report (tests replace it)
        from simulator.records.recorder import CallRecorder

        # every call the desk plays goes in the trainee's records, under the name in its header
        self.recorder = CallRecorder(team=self.options.team or None)
        self._last = self.clock()
        self.screen: Screen = self._start_screen()
        if self.options.scenario_id:
            self.load_scenarios()
            self.start_call(self._scenario(self.options.scenario_id))

    # -- window -----------------------------------------------------------------------------
    def _open_window(self) -> pygame.Surface:
        problem = display_problem()
        if problem:
            raise NoDisplay(problem)
        os.environ.setdefault("SDL_VIDEO_CENTERED", "1")  # the title bar on the screen
        try:
            pygame.display.init()
            pygame.font.init()
            size = window_size(self.options.size, _desktop())
            surf = pygame.display.set_mode(size, pygame.RESIZABLE)
        except pygame.error as exc:
            raise NoDisplay(f"cannot open a window: {exc}") from None
        pygame.display.set_caption("callsim · phone desk trainer")
        pygame.key.set_repeat(400, 40)
        return surf

    # -- screens ----------------------------------------------------------------------------
    def _start_screen(self) -> StartScreen:
        rows: tuple[ScenarioRow, ...] = ()
        headline = ""
        if not self.loading:
            from simulator.window import catalogue

            self.plan_picks = self._plan_picks()
            prefer = self.plan_picks[0] if self.plan_picks else None
            last, best = self._history()
            rows = catalogue.rows(self.scenarios, last, prefer, best)
            headline = self._plan_headline
        view = StartView(
            self.trainee, rows, self.options.shift_size, loading=self.loading, plan=headline
        )
        return StartScreen(self.theme, view)

    def _history(self) -> tuple[dict[str, float], dict[str, float]]:
        """Last and best score per scenario: the records' (when the desk keeps them) over the
        window's own settings; the weakest items join the plan's headline."""
        last = dict(self.last_scores)
        if not self.options.plan or not self.trainee.strip():
            return last, {}
        from simulator.records import desk

        h = desk.history(self.trainee)
        if h is None:
            return last, {}
        best: dict[str, float] = {}
        for sid, sc in h.scenarios.items():
            if sc.last is not None:
                last[sid] = float(sc.last)
            if sc.best is not None:
                best[sid] = float(sc.best)
        if h.weakest:
            weakest = f"weakest: {', '.join(h.weakest)}"
            self._plan_headline = (
                f"{self._plan_headline} · {weakest}" if self._plan_headline else weakest
            )
        return last, best

    def _plan_picks(self) -> list[str]:
        """The trainee's plan from the records (issue 14: what is due, which calls drill it),
        when the desk keeps records (`options.plan`); [] without a store or a name."""
        self._plan_headline = ""
        if not self.options.plan or not self.trainee.strip():
            return []
        from simulator.training.service import desk_plan

        plan = desk_plan(self.trainee)
        if plan is None:
            return []
        picks = [p.scenario for p in plan.picks if any(s.id == p.scenario for s in self.scenarios)]
        why = f" · next: {plan.picks[0].why}" if plan.picks else ""
        self._plan_headline = f"Your plan: {plan.headline}{why}"
        return picks

    def load_scenarios(self) -> None:
        from simulator.window import catalogue

        self.scenarios = catalogue.find_scenarios(self.extra_dirs)
        self.loading = False
        if isinstance(self.screen, StartScreen):
            self.trainee = self.screen.trainee
            self.screen = self._start_screen()

    def _scenario(self, scenario_id: str) -> Scenario:
        for s in self.scenarios:
            if s.id == scenario_id:
                return s
        raise KeyError(f"no scenario {scenario_id!r}")

    def start_call(self, scenario: Scenario) -> None:
        """Ring a call: its `Session` (simulator/session.py) is made now and opened, with
        the transcript, when the trainee answers."""
        from scoring.policy import DEFAULTS
        from simulator.session import Session
        from simulator.window.live_call import LiveCall

        self._close_session()
        name = _header_name(self.trainee)
        transcript, unique = self._transcript_for(scenario)
        session = Session(
            scenario,
            seed=self.options.seed,
            transcript=transcript,
            agent_name=name or None,  # the full name in the header and the records
            spoken_name=name.split()[0] if name else None,  # greetings say the first name
            policy=self.options.policy or None,
            record=self.recorder,
            unique=unique,
            library=self.scenarios or [scenario],
        )
        self.calls_started += 1
        self.session = session
        self.transcript_path = ""
        engine = session.engine
        call = LiveCall(
            scenario,
            engine.agent_name,
            send=lambda m: self._send(call, m),
            hold_limit_s=int(engine.params.get("hold_checkin_s", DEFAULTS.hold_checkin_s)),
            speed=self.options.speed,
            speech_input=self.options.speech_input,
            on_event=self._on_event,
            on_answer=lambda: self._answered(call),
            speak=self._speaker(scenario),
        )
        if self.listener_factory is not None:
            factory = self.listener_factory
            self.ears = PushToTalk(lambda held: factory(held, scenario), self._talk_key_held)
            self.ears.prepare()
        self.call = call
        self.last_scenario = scenario
        self.paused = False
        self.picks = []
        self.screen = CallScreen(self.theme, self._call_view())

    def _transcript_for(self, scenario: Scenario) -> tuple[Path, bool]:
        """Where this call's transcript goes, and whether a taken name gets -2, -3 ...:
        `--transcript` exactly for the first call (never overwritten, as in the terminal),
        then that name numbered; else the transcripts folder, numbered."""
        from simulator.session import default_transcript_path

        if self.options.transcript:
            return Path(self.options.transcript), self.calls_started > 0
        name = default_transcript_path(scenario, self.options.seed).name
        return Path(self.options.transcript_dir or self._default_dir()) / name, True

    def _send(self, call: LiveCall, move: Move) -> None:
        """A move to the session; a transcript that cannot be written ends the call."""
        assert self.session is not None
        try:
            call.absorb(self.session.apply(move))
        except TranscriptWriteError as exc:
            self._summary = self.session.failed(exc)
            call.absorb([CallEnded("limit", "the transcript could not be written")])

    def _answered(self, call: LiveCall) -> None:
        """The trainee picked up: the session opens the transcript now (a call never
        answered is recorded as abandoned instead, see `abandon`)."""
        assert self.session is not None
        self._summary = None
        try:
            outputs = self.session.start()
        except TranscriptWriteError as exc:
            self._summary = CallSummary("", None, (), str(exc))
            call.absorb([CallEnded("limit", f"no transcript: {exc}")])
            return
        self.transcript_path = str(self.session.path)
        call.absorb(outputs)

    def abandon(self) -> None:
        """The trainee left while the phone rang: no call to grade. The session writes the
        headers and `outcome: abandoned`, so records count it and the grader does not."""
        if self.call is None or self.call.phase != "ringing" or self.session is None:
            return
        self.transcript_path = self.session.abandon()
        self.session = None
        self.sounds.stop_all()
        self.call = None

    @staticmethod
    def _default_dir() -> Path:
        from simulator.session import data_dir

        return data_dir() / "transcripts"

    def _close_session(self) -> None:
        if self.session is not None:
            self.session.close()
            self.session = None

    def _call_view(self):  # noqa: ANN202 - CallView
        assert self.call is not None
        status = self.shift.status(self.call.rings) if self.shift else None
        view = self.call.view(paused=self.paused, shift=status)
        if view.listening and self.ears is not None:  # the level meter
            view = replace(view, mic_level=self.ears.level())
        return replace(view, choices=self._cards())

    def _cards(self) -> tuple[str, ...]:
        """The cards worded by `simulator.cards` (the move in words, never a mistake's label
        or a raw command); a trainer's review (`review`) adds what each card is."""
        from simulator.cards import card_text

        assert self.call is not None
        directory = self.call.scenario.directory
        cards = []
        for c in self.call.choices:
            text = card_text(c.move, directory)
            if self.options.review:
                text += "   [ideal]" if c.ideal else f"   [mistake: {c.label}]"
            cards.append(text)
        return tuple(cards)

    def _on_event(self, name: str) -> None:
        if name in ("transfer", "consult"):
            self.sounds.play("transfer")
        elif name == "hangup":
            self.sounds.play("hangup")

    def finish_call(self) -> None:
        """The call has ended: the session grades and records it; show the scorecard (or
        ring the next call of a shift)."""
        assert self.call is not None
        assert self.last_scenario is not None
        assert self.session is not None
        self.sounds.stop_all()
        self.call.line_done()
        scenario, session = self.last_scenario, self.session
        summary = self._summary or session.finish()
        session.close()
        self.session, self._summary = None, None
        if not summary.transcript_path:  # the transcript could not be created: no call
            self.call = None
            self.screen = self._start_screen()
            return
        card = self.scorecard(summary, scenario, self.call.rings_at_answer)
        self.show_scorecard(scenario, card, float(session.engine.state.clock))

    def show_scorecard(self, scenario: Scenario, card: ScorecardView, handle_s: float) -> None:
        """A graded call's scorecard, or the next call of the shift (its summary at the end)."""
        assert self.call is not None
        self.last_card = card
        self.last_scores[scenario.id] = card.score
        self.save_settings()
        if self.shift is not None:
            self.shift.done.append(
                ShiftCallRow(
                    scenario.title, card.score, card.passed, self.call.rings_at_answer, handle_s
                )
            )
            self.shift.cards.append((scenario, card))
            if self.shift.queue:
                self.start_call(self.shift.queue.pop(0))
                return
            self.finished_shift = self.shift
            self.shift = None
            self.call = None
            self._show_summary()
            return
        self.call = None
        self.screen = ScorecardScreen(self.theme, card)

    def scorecard(self, summary: CallSummary, scenario: Scenario, rings: int) -> ScorecardView:
        """The scorecard screen's view of the session's summary (the window grades nothing)."""
        from scoring.reader import read_transcript
        from simulator.window import catalogue

        best = catalogue.recommend(
            [s for s in self.scenarios if s.id != scenario.id], self.last_scores
        )
        nxt = next((s.title for s in self.scenarios if s.id == best), None)
        transcript = read_transcript(summary.transcript_path)
        view = scorecard_view(
            transcript, summary.scorecard, scenario.title, rings, nxt, pass_mark=summary.pass_mark
        )
        view = replace(view, advice=tuple(summary.advice), picks=tuple(self.picks))
        # the session records its calls (records' recorder), so a report can be made of it
        view = replace(view, report_available=True)
        if summary.scorecard is None:
            return replace(view, bonus=f"{view.bonus} · not graded: {summary.error}")
        return view

    # -- actions ----------------------------------------------------------------------------
    def do(self, action: Action) -> None:
        name = action.name
        if name in WRAP_UP and self.call is not None and self.call.phase == "ended":
            self._wrap_up(action)
            return
        if name in CALL_ACTIONS and self.call is not None:
            if name == "choose":
                self._note_pick(action)
            self.call.act(action)
            return
        handler = getattr(self, f"_do_{name}", None)
        if handler is not None:
            handler(action)

    def _note_pick(self, action: Action) -> None:
        """Remember a mistake card the trainee picked, for the scorecard's explanation."""
        from simulator.cards import card_text, mistake_note

        assert self.call is not None
        n = int(action.get("n", "0"))
        if not 1 <= n <= len(self.call.choices) or self.call.phase != "live":
            return
        c = self.call.choices[n - 1]
        if c.ideal:
            return
        scenario = self.call.scenario
        note = mistake_note(scenario, c.step, c.move, self.call.agent_name)
        if note is None:  # a later step's answer, offered too early
            note = "This belongs later in the call: a step before it was left out."
        self.picks.append((card_text(c.move, scenario.directory), note))

    def _wrap_up(self, action: Action) -> None:
        """After-call work once the caller has gone (a transfer, a hang-up): notes, a ticket,
        an email are logged in the transcript after the call's end, as the policies expect
        them; the grader reads them like any other event."""
        call = self.call
        assert call is not None
        move = call.move_for(action)
        if move is None:
            return
        if self.session is None or self._summary is not None:
            return
        outputs = self.session.wrap_up(move)
        call.absorb(outputs)  # the event's caption, or the notice of what was refused
        logged = [o.event.name for o in outputs if hasattr(o, "event")]
        if logged:
            call.notice = f"Wrap-up: {logged[0]} logged. Enter (DONE) for the scorecard."

    def _do_start(self, action: Action) -> None:
        self.trainee = action.get("trainee", self.trainee)
        self.save_settings()
        self.shift = None
        self.start_call(self._scenario(action.get("scenario")))

    def _do_shift(self, action: Action) -> None:
        from simulator.window import catalogue

        self.trainee = action.get("trainee", self.trainee)
        rows = catalogue.rows(self.scenarios, self.last_scores)
        first = action.get("scenario") or rows[0].id
        planned = [p for p in self.plan_picks if p != first]  # the plan's calls next
        ids = [first, *planned] + [r.id for r in rows if r.id != first and r.id not in planned]
        size = self.options.shift_size
        queue = [self._scenario(ids[i % len(ids)]) for i in range(size)]
        self.shift = ShiftState(queue[1:], size)
        self.start_call(queue[0])

    def _do_done(self, action: Action) -> None:
        if self.call is None or self.call.phase != "ended":
            return
        self.finish_call()

    def _do_report(self, action: Action) -> None:
        """The scorecard's HTML report (O): written from the records store, then opened."""
        screen = self.screen
        if not isinstance(screen, ScorecardScreen) or not screen.view.transcript_path:
            return
        from simulator.reports.build import report_for_transcript

        view = screen.view
        path = report_for_transcript(view.transcript_path)
        if path is None:
            note = "no report: this call was not recorded"
            screen.view = replace(view, report_available=False, bonus=f"{view.bonus} · {note}")
            return
        self.open_url(path.as_uri())
        screen.view = replace(view, bonus=f"{view.bonus} · report: {path.name}")

    def _do_pause(self, action: Action) -> None:
        if self.call is not None and self.call.phase != "ended":
            self.paused = not self.paused
            if self.paused:
                pygame.mixer.pause() if self.sounds.enabled else None
            elif self.sounds.enabled:
                pygame.mixer.unpause()

    def _do_retry(self, action: Action) -> None:
        self.finished_shift = None
        if self.last_scenario is not None:
            self.start_call(self.last_scenario)

    def _do_next(self, action: Action) -> None:
        if self.last_card and self.last_card.next_title:
            nxt = next(s for s in self.scenarios if s.title == self.last_card.next_title)
            self.start_call(nxt)

    def _show_summary(self) -> None:
        assert self.finished_shift is not None
        view = ShiftSummaryView(self.trainee, tuple(self.finished_shift.done))
        self.screen = ShiftSummaryScreen(self.theme, view)

    def _do_open_call(self, action: Action) -> None:
        """A call of the finished shift: its scorecard; Esc comes back to the summary."""
        if self.finished_shift is None:
            return
        scenario, card = self.finished_shift.cards[int(action.get("index"))]
        self.last_scenario, self.last_card = scenario, card
        self.screen = ScorecardScreen(self.theme, card)

    def _do_home(self, action: Action) -> None:
        self.call = None
        self.sounds.stop_all()
        if self.finished_shift is not None and isinstance(self.screen, ScorecardScreen):
            self._show_summary()
            return
        self.finished_shift = None
        self.screen = self._start_screen()

    def _do_select(self, action: Action) -> None:
        if isinstance(self.screen, StartScreen):
            self.screen.index = int(action.get("index"))

    def _do_font(self, action: Action) -> None:
        self.theme.set_scale(self.theme.scale + FONT_STEP * int(action.get("step", "1")))
        self.save_settings()

    def save_settings(self) -> None:
        self.settings.font_scale = self.theme.scale
        self.settings.trainee = self.trainee
        self.settings.last_scores = self.last_scores
        if self.options.settings_path:
            self.settings.save(self.options.settings_path)

    def _do_quit(self, action: Action) -> None:
        self.abandon()
        self.running = False

    def _ask_to_quit(self) -> bool:
        """Ctrl+Q or the window's close button during a call asks first; True if asked."""
        in_call = self.call is not None and self.call.phase in ("ringing", "live")
        if not in_call or not isinstance(self.screen, CallScreen):
            return False
        if self.screen.modal is not None and getattr(self.screen.modal, "title", "").startswith(
            "Quit"
        ):
            return False  # asked already: a second close means it
        self.screen.confirm_quit()
        return True

    def _speaker(self, scenario: Scenario) -> SpeakLine | None:
        """The caller voice for this call: each line with the scenario and the mood now."""
        voice = self.voice
        if voice is None:
            return None

        def speak(line: Speech) -> LinePlayback | None:
            mood = self.call.view().mood_label if self.call is not None else "calm"
            return voice(line, scenario, mood)

        return speak

    def _talk_key_held(self) -> bool:
        return self.call is not None and self.call.listening

    def _do_ptt_down(self, action: Action) -> None:
        if self.call is not None and self.ears is not None:
            self.call.listening = True
            self.ears.start(self.session.listen_hint() if self.session is not None else None)

    def _do_ptt_up(self, action: Action) -> None:
        if self.call is not None:
            self.call.listening = False

    def _hear(self) -> None:
        """Recognised speech becomes a `say` move, as if typed; nothing heard, a notice."""
        if self.ears is None or self.call is None:
            return
        for text in self.ears.heard():
            if text.strip():
                self.do(Action("say", {"text": text}))
            else:
                self.call.notice = "Didn't catch that: hold Space while you speak."

    # -- the loop ---------------------------------------------------------------------------
    def handle(self, event: pygame.event.Event) -> None:
        if event.type == pygame.QUIT:
            if not self._ask_to_quit():
                self.do(Action("quit"))
            return
        if event.type == pygame.VIDEORESIZE:
            if pygame.display.get_surface() is not None:
                self.surface = pygame.display.get_surface()
            return
        if event.type == pygame.KEYDOWN and event.mod & pygame.KMOD_CTRL and self._ctrl_key(event):
            return
        action = self.screen.handle(event)
        if action is not None:
            self.do(action)

    def _ctrl_key(self, event: pygame.event.Event) -> bool:
        """Ctrl+Q (asks first during a call) and Ctrl +/- (text size); True if handled."""
        key = {
            pygame.K_q: ("quit", "0"),
            pygame.K_EQUALS: ("font", "1"),
            pygame.K_PLUS: ("font", "1"),
            pygame.K_KP_PLUS: ("font", "1"),
            pygame.K_MINUS: ("font", "-1"),
            pygame.K_KP_MINUS: ("font", "-1"),
        }.get(event.key)
        if key is None:
            return False
        if key[0] != "quit" or not self._ask_to_quit():
            self.do(Action(key[0], {"step": key[1]}))
        return True

    def tick(self, dt: float) -> None:
        call = self.call
        if call is None or self.paused:
            return
        call.tick(dt)
        view = self._call_view()
        self.sounds.loop("ring", call.phase == "ringing")
        self.sounds.loop("hold", view.on_hold)
        if isinstance(self.screen, CallScreen):
            self.screen.view = view
            self.screen.blink = int(self.clock() * 2) % 2 == 0

    def pump(self) -> None:
        """Handle queued events, advance wall time, draw one frame."""
        for event in pygame.event.get():
            self.handle(event)
        now = self.clock()
        dt, self._last = max(0.0, now - self._last), now
        self.tick(dt)
        self._hear()
        if isinstance(self.screen, CallScreen) and self.call is not None:
            self.screen.view = self._call_view()
        self.draw()
        if self.loading:
            self.load_scenarios()

    def draw(self) -> None:
        self.screen.draw(self.surface)
        self.frames += 1
        if pygame.display.get_surface() is self.surface:
            pygame.display.flip()

    def run(self) -> None:
        ticker = pygame.time.Clock()
        while self.running:
            self.pump()
            ticker.tick(self.options.fps)
        self.close()

    def close(self) -> None:
        self._close_session()
        self.sounds.stop_all()

    def resize(self, size: tuple[int, int]) -> None:
        """Resize an off-screen surface (tests, screenshots); a real window resizes itself."""
        if pygame.display.get_surface() is self.surface:
            self.surface = pygame.display.set_mode(size, pygame.RESIZABLE)
        else:
            self.surface = pygame.Surface(size)


def _header_name(typed: str) -> str:
    """The trainee's name for the transcript header and the records, cleaned as the
    terminal cleans it (no control characters, one space between words); '' when there
    is none to use, so the scenario's agent name is written instead."""
    from simulator.records.names import BadName, clean_name

    try:
        return clean_name(typed)
    except BadName:
        return ""


def _open_in_browser(url: str) -> object:
    import webbrowser

    return webbrowser.open(url)


def _desktop() -> tuple[int, int] | None:
    try:
        sizes = pygame.display.get_desktop_sizes()
    except pygame.error:
        return None
    return tuple(sizes[0]) if sizes else None  # type: ignore[return-value]


def window_size(wanted: tuple[int, int], desktop: tuple[int, int] | None) -> tuple[int, int]:
    """The window's first size: `wanted` (1280x800) grown for a HiDPI or 4K screen, and never
    larger than the screen less room for the title bar and a task bar, so a 1024x600 or
    1366x768 screen shows the whole window (never below 960x520, where the layout still fits)."""
    if not desktop or desktop[0] <= 0 or desktop[1] <= 0:
        return wanted
    grow = max(1.0, min(desktop[0] / 1920, desktop[1] / 1200))  # 2x on 3840x2400, 1.8x on 4K
    w, h = int(wanted[0] * grow), int(wanted[1] * grow)
    room_w, room_h = desktop[0] - 16, desktop[1] - 72
    return max(min(w, room_w), min(960, desktop[0])), max(min(h, room_h), min(520, desktop[1]))


def run_window(
    options: WindowOptions | None = None,
    scenarios: Sequence[Scenario] | None = None,
    extra_dirs: Sequence[str] = (),
    voice: str = "caller",
) -> int:
    """Open the window and play until the trainee quits. Raises NoDisplay without a screen.

    The caller speaks through eSpeak NG when there is a sound device (captions
    otherwise), and push-to-talk works when a microphone is there; each falls
    back with a one-line notice on stderr. `voice`: see `caller_voice`."""
    speak = caller_voice(voice)
    listener_factory = _ears()
    app = WindowApp(
        options, scenarios, extra_dirs=extra_dirs, speak=speak, listener_factory=listener_factory
    )
    try:
        app.run()
    finally:
        app.close()
        pygame.quit()
    return 0


__all__ = ["NoDisplay", "WindowApp", "WindowOptions", "run_window"]


def caller_voice(mode: str = "caller") -> CallerVoice | None:
    """The caller voice for the window (see `simulator.voice.caller.open_caller_voice`)."""
    from simulator.voice.caller import open_caller_voice

    return cast("CallerVoice | None", open_caller_voice(mode))


def _ears() -> ListenerFactory | None:
    """Push-to-talk from the microphone, or None with the reason printed once."""
    import sys

    try:
        from simulator.listen.enrolment import ADAPTATION_FILE
        from simulator.listen.listeners import push_to_talk_factory
        from simulator.listen.saved_mean import MEAN_FILE
        from simulator.session import data_dir

        adaptation = data_dir() / ADAPTATION_FILE
        factory, reason = push_to_talk_factory(
            mean_file=data_dir() / MEAN_FILE, adaptation=adaptation
        )
        if factory is not None and not adaptation.exists():
            print(
                "callsim play: tip: `callsim enrol` (read 20 sentences, about a minute) "
                "adapts speech recognition to your voice",
                file=sys.stderr,
            )
    except Exception as exc:  # no recogniser: choices and typing
        factory, reason = None, str(exc)
    if factory is None:
        print(f"callsim play: no speech input: {reason}", file=sys.stderr)
    return cast("ListenerFactory | None", factory)
