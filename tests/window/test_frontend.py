"""`callsim play --ui window`'s path: play_session drives the window through the Frontend API."""

from __future__ import annotations

import io

import pygame
import pytest

from simulator.frontend.window import WindowFrontend
from simulator.session import play_session
from simulator.window.launch import choose_ui, window_frontend
from simulator.window.sample_scenario import SAMPLE
from simulator.window.screenshot import FakeClock

pytestmark = pytest.mark.window


class Feeder(WindowFrontend):
    """Posts the key a trainee would press next, one per frame: answer, then ideal cards."""

    def _frame(self) -> None:
        self.app.clock.now += 0.25  # type: ignore[attr-defined]
        call, screen = self.app.call, self.app.screen
        if screen.name == "scorecard":
            self.post(pygame.K_ESCAPE)
        elif call is not None and call.phase == "ended" and screen.modal is None:
            if not getattr(self, "noted", False):  # wrap-up: a note, then DONE
                self.noted = True
                self.post(pygame.K_n)
                for ch in "Wrapped up":
                    pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=ch))
            self.post(pygame.K_RETURN)
        elif call is not None and call.phase == "ringing" and call.rings >= 2:
            self.post(pygame.K_SPACE)
        elif (
            call is not None
            and call.phase == "live"
            and call.view().hold_s < 1
            or (
                call is not None and call.view().hold_s >= 30  # check the stock for 30 s, resume
            )
        ):
            ideal = next((c for c in call.choices if c.ideal), None)
            if ideal is not None:
                self.post(pygame.K_0 + int(ideal.key))
        self.app.pump()

    @staticmethod
    def post(key: int) -> None:
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode=""))


def test_play_session_through_the_window_grades_the_call(tmp_path) -> None:  # type: ignore[no-untyped-def]
    pygame.display.init()
    pygame.font.init()
    pygame.display.set_mode((1024, 700))
    pygame.event.clear()
    fe = Feeder(scenario=SAMPLE, surface=pygame.display.get_surface(), clock=FakeClock())
    summary = play_session(SAMPLE, fe, transcript=tmp_path / "call.txt")
    assert summary.scorecard is not None
    shown = fe.app.screen
    assert shown.name == "scorecard"
    assert shown.view.score == pytest.approx(summary.scorecard.score)  # type: ignore[attr-defined]
    assert summary.scorecard.results["hold.ask_permission"].result == "pass"
    text = (tmp_path / "call.txt").read_text()
    assert "* hold" in text
    assert "* resume" in text
    ends = [ln for ln in text.splitlines() if "* hangup" in ln or "* transfer" in ln]
    assert text.rstrip().endswith('* note text="Wrapped up"')  # logged after the call's end
    assert ends
    pygame.display.quit()


def test_without_a_display_play_says_so_in_one_line(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("SDL_VIDEODRIVER", raising=False)
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setattr("sys.platform", "linux")
    err = io.StringIO()
    assert window_frontend(SAMPLE, stdin=io.StringIO(""), stderr=err) is None
    lines = err.getvalue().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("callsim play: no game window here")
    assert "--ui terminal" in lines[0]
    assert choose_ui(None) == "terminal"
    assert choose_ui("window") == "window"


def test_play_without_scenario_or_display_offers_the_terminal(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import argparse

    from simulator.window.launch import run_desk

    monkeypatch.delenv("SDL_VIDEODRIVER", raising=False)
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    args = argparse.Namespace(
        ui="window",
        scenario=None,
        autoplay=None,
        speed=1.0,
        seed=0,
        agent_name=None,
        scenario_dir=[],
    )

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    err = io.StringIO()
    assert run_desk(args, stdin=Tty("y\n"), stderr=err) is None
    assert args.ui == "terminal"  # play goes on in the terminal
    assert err.getvalue().startswith("callsim play: no game window here: no display found")
    assert err.getvalue().count("\n") == 1  # one line, then the question
