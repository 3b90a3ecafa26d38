"""`callsim screenshot` saves the three screens from a real call."""

from __future__ import annotations

import pygame
import pytest

from simulator.cli import main

pytestmark = pytest.mark.window


def test_screenshot_command_saves_three_screens(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["screenshot", "--out", str(tmp_path), "--size", "1024x700"]) == 0
    names = sorted(p.name for p in tmp_path.glob("*.png"))
    assert names == [  # a size other than the docs' 1280x800 is in the names
        "window-call-hold-1024x700.png",
        "window-scorecard-1024x700.png",
        "window-start-1024x700.png",
    ]
    image = pygame.image.load(str(tmp_path / "window-call-hold-1024x700.png"))
    assert image.get_size() == (1024, 700)
    assert capsys.readouterr().out.count(".png") == 3
