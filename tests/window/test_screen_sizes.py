"""The window fits the screen it opens on and stays readable from 1024x600 to 4K: real calls
are played and screenshotted at three sizes, and no widget is cut or leaves the window."""

from __future__ import annotations

import pygame
import pytest

from simulator.window.app import window_size
from simulator.window.screenshot import clipped, take_screenshots

pytestmark = pytest.mark.window


@pytest.mark.slow
@pytest.mark.parametrize("size", [(1024, 600), (1366, 768), (3840, 2160)])
def test_three_sizes_nothing_clipped(size: tuple[int, int], tmp_path) -> None:  # type: ignore[no-untyped-def]
    problems: dict[str, list[str]] = {}
    seen: list[str] = []

    def check(name: str, app) -> None:  # type: ignore[no-untyped-def]
        seen.append(name)
        problems[name] = clipped(app)

    paths = take_screenshots(tmp_path, size, "wrong-size-planter", on_frame=check)
    assert len(paths) == 3
    for path in paths:
        assert pygame.image.load(str(path)).get_size() == size
    assert len(seen) == 3
    assert all(not p for p in problems.values()), problems


def test_text_grows_on_a_4k_window() -> None:
    from simulator.window.theme import Theme

    theme = Theme()
    theme.fit((1280, 800))
    small = theme.line_height("body")
    theme.fit((3840, 2160))
    assert theme.density == 2.0
    assert theme.line_height("body") >= 2 * small - 2


@pytest.mark.parametrize(
    ("desktop", "fits"),
    [((1024, 600), True), ((1366, 768), True), ((1920, 1080), True), ((3840, 2160), True)],
)
def test_the_window_opens_inside_the_screen(desktop: tuple[int, int], fits: bool) -> None:
    w, h = window_size((1280, 800), desktop)
    assert w <= desktop[0]
    assert h <= desktop[1] - 60  # room for a title bar
    assert w >= min(960, desktop[0])
    if desktop[0] >= 3840:
        assert w > 1280  # a 4K screen gets a bigger window, not a postage stamp


@pytest.mark.parametrize("size", [(1024, 600), (3840, 2160)])
def test_dialogs_fit_small_and_4k_windows(size: tuple[int, int], tmp_path) -> None:  # type: ignore[no-untyped-def]
    from simulator.window.actions import act
    from simulator.window.app import WindowApp, WindowOptions
    from simulator.window.call_screen import CallScreen
    from simulator.window.sample_scenario import SAMPLE
    from simulator.window.screenshot import FakeClock

    pygame.display.init()
    pygame.font.init()
    opts = WindowOptions(trainee="Carla", transcript_dir=str(tmp_path), sound=False)
    app = WindowApp(opts, [SAMPLE], clock=FakeClock(), surface=pygame.Surface(size))
    app.do(act("start", scenario=SAMPLE.id, trainee="Carla"))
    app.do(act("answer"))
    screen = app.screen
    assert isinstance(screen, CallScreen)
    openers = {
        "hang up": screen.confirm_hangup,
        "quit": screen.confirm_quit,
        "lookup": screen.open_lookup,
        "transfer": lambda: screen.open_picker("transfer"),
        "note": lambda: screen.open_prompt("note"),
    }
    for name, open_dialog in openers.items():
        open_dialog()
        app.draw()
        assert not clipped(app), (name, clipped(app))
        screen.close_modal()
    app.close()
