"""The game window behind the one front-end interface (`simulator.frontend.base.Frontend`).

`callsim play --ui window` plays through `play_session` like every front-end: `run_call`
asks `next_move`, applies it to the engine and hands the outputs to `show`; the session
writes the transcript and grades it; `finish` shows the scorecard. The window runs its frame
loop inside `next_move` until the trainee does something that is a move (a card, a typed
reply, a phone control, or hold time passing), so it feels live while the protocol stays a
simple call-and-return.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import Any

import pygame

from scoring.policy import DEFAULTS
from simulator.engine import CallState, Choice, Move, Output
from simulator.frontend.base import CallSummary
from simulator.scenario.model import Scenario
from simulator.window.actions import Action
from simulator.window.app import WindowApp, WindowOptions
from simulator.window.call_screen import CallScreen
from simulator.window.live_call import LiveCall
from simulator.window.scorecard_screen import ScorecardScreen


class _DrivenApp(WindowApp):
    """The window with its call driven from outside: `play_session` owns the session (the
    engine, the transcript, the records, the grade), so wrap-up work is queued for
    `run_call` like any move, DONE ends the wrap-up, and a call left ringing is the
    session's to end (the agent hangs up: abandoned at ring)."""

    wrap_done = False

    def _wrap_up(self, action: Action) -> None:
        move = self.call.move_for(action) if self.call is not None else None
        if move is not None and self.call is not None:
            self.call.send(move)

    def _do_done(self, action: Action) -> None:
        if self.call is not None and self.call.phase == "ended":
            self.wrap_done = True

    def abandon(self) -> None:
        return None


class WindowFrontend:
    def __init__(
        self,
        *,
        scenario: Scenario,
        speed: float = 1.0,
        agent_name: str | None = None,
        hold_limit_s: int = int(DEFAULTS.hold_checkin_s),
        options: WindowOptions | None = None,
        surface: pygame.Surface | None = None,
        clock: Callable[[], float] = time.perf_counter,
        speak: Any = None,
    ) -> None:
        """`speak`: the caller voice (`simulator.window.app.caller_voice`), None for captions."""
        opts = options or WindowOptions(speed=speed)
        self.app = _DrivenApp(opts, [scenario], clock=clock, surface=surface, speak=speak)
        self.scenario = scenario
        self.outbox: list[Move] = []
        self.ticker = pygame.time.Clock()
        call = LiveCall(
            scenario,
            agent_name or scenario.agent,
            send=self.outbox.append,
            hold_limit_s=hold_limit_s,
            speed=opts.speed,
            speech_input=opts.speech_input,
            on_event=self.app._on_event,
            speak=self.app._speaker(scenario),
        )
        self.app.call = call
        self.app.last_scenario = scenario
        self.app.screen = CallScreen(self.app.theme, call.view())

    @property
    def call(self) -> LiveCall:
        assert self.app.call is not None
        return self.app.call

    def _frame(self) -> None:
        self.app.pump()
        if self.app.surface is pygame.display.get_surface():
            self.ticker.tick(self.app.options.fps)

    def show(self, outputs: Sequence[Output]) -> None:
        self.call.absorb(outputs)

    def next_move(self, state: CallState, choices: Sequence[Choice]) -> Move | None:
        while not self.outbox:
            if not self.app.running:
                return None  # the window was closed: the agent hangs up
            self._frame()
        return self.outbox.pop(0)

    def wrap_up(self) -> Move | None:
        """After-call work: a note, ticket or email from the wrap-up screen, or None when
        the trainee presses DONE (Enter) or closes the window."""
        while not self.outbox:
            if not self.app.running or self.app.wrap_done:
                return None
            self._frame()
        return self.outbox.pop(0)

    def finish(self, summary: CallSummary) -> None:
        """Show the scorecard until the trainee closes it (any of its buttons closes)."""
        self.app.sounds.stop_all()
        view = self.app.scorecard(summary, self.scenario, self.call.rings_at_answer)
        self.app.screen = ScorecardScreen(self.app.theme, view)
        done: list[str] = []
        self.app.do = lambda action: done.append(action.name)  # type: ignore[method-assign]
        while self.app.running and not done:
            self._frame()
        self.app.close()
