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
