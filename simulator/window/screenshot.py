"""Screenshots of the start, call (on hold, with captions) and scorecard screens.

They are taken from a real call: the app plays the scenario's ideal path (the choices the
script marks ideal) through the real engine, writes the transcript, grades it, and saves
the frames on the way. So the pictures in docs/ show what a trainee sees, not a mock-up.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pygame  # noqa: E402

from simulator.window import catalogue  # noqa: E402
from simulator.window.actions import act  # noqa: E402
from simulator.window.app import WindowApp, WindowOptions  # noqa: E402

HOLD_SHOT_S = 96  # into the hold: the timer has turned amber, not yet red


class FakeClock:
    """Wall time that moves only when told: frames are reproducible."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def _advance(app: WindowApp, clock: FakeClock, seconds: float, step: float = 0.5) -> None:
    left = seconds
    while left > 0:
        clock.now += min(step, left)
        left -= step
        app.pump()


def play_ideal_step(app: WindowApp) -> bool:
    """Pick the ideal response card; False when there is none (the script is done)."""
    call = app.call
    if call is None:
        return False
    for choice in call.choices:
        if choice.ideal:
            app.do(act("choose", n=choice.key))
            return True
    return False


def take_screenshots(
    out_dir: str | os.PathLike[str],
    size: tuple[int, int] = (1280, 800),
    scenario_id: str = "",
    trainee: str = "Carla",
    on_frame: Callable[[str, WindowApp], None] | None = None,
) -> list[Path]:
    """Save the three screens at `size`; `on_frame(name, app)` sees each one as it is saved
    (the screen-size test checks there that nothing is clipped)."""
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    pygame.display.init()
    pygame.font.init()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    tag = "" if size == (1280, 800) else f"-{size[0]}x{size[1]}"  # docs keep each size
    clock = FakeClock()
    with tempfile.TemporaryDirectory() as tmp:
        app = WindowApp(
            WindowOptions(trainee=trainee, transcript_dir=tmp, sound=False),
            clock=clock,
            surface=pygame.Surface(size),
        )
        from simulator.records.recorder import CallRecorder

        app.recorder = CallRecorder(os.path.join(tmp, "records.db"))  # not a trainee's call
        app.load_scenarios()
        saved = [_save(app, out / f"window-start{tag}.png", on_frame)]
        first = scenario_id or catalogue.rows(app.scenarios, {})[0].id
        app.do(act("start", scenario=first, trainee=trainee))
        _advance(app, clock, 4.0)  # two rings
        app.do(act("answer"))
        while app.call is not None and not (app.call.view().on_hold):
            if not play_ideal_step(app):
                break
            _advance(app, clock, 1.0)
        _advance(app, clock, HOLD_SHOT_S - 1, step=1.0)
        saved.append(_save(app, out / f"window-call-hold{tag}.png", on_frame))
        while app.call is not None and app.call.phase == "live" and play_ideal_step(app):
            _advance(app, clock, 1.0)
        _advance(app, clock, 3.0)
        if app.call is not None and app.call.phase == "ended":
            app.do(act("done"))  # wrap-up done: the scorecard
        if app.screen.name == "scorecard":
            app.screen.on_key(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RIGHT, mod=0))
        saved.append(_save(app, out / f"window-scorecard{tag}.png", on_frame))
        app.close()
    return saved


def clipped(app: WindowApp) -> list[str]:
    """Widgets of the screen on show that leave the window or cannot show all their text."""
    area = app.surface.get_rect()
    out = []
    for w in app.screen.widgets + app.screen.modal_widgets:
        if not area.contains(w.rect):
            out.append(f"{w.describe()} leaves the window at {w.rect}")
        elif w.clipped(app.theme):
            out.append(f"{w.describe()} is cut at {w.rect}")
    return out


def _save(app: WindowApp, path: Path, on_frame: Callable[[str, WindowApp], None] | None) -> Path:
    app.draw()
    if on_frame is not None:
        on_frame(path.stem, app)
    pygame.image.save(app.surface, str(path))
    return path
