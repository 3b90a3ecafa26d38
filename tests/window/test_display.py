"""Without a display the window says so in one line (and play offers the terminal)."""

from __future__ import annotations

import pytest

from simulator.window.display import display_problem

pytestmark = pytest.mark.window


def test_no_display_on_linux_without_display_variables() -> None:
    msg = display_problem({}, "linux")
    assert msg
    assert "\n" not in msg


def test_display_or_dummy_driver_is_fine() -> None:
    assert display_problem({"DISPLAY": ":0"}, "linux") == ""
    assert display_problem({"SDL_VIDEODRIVER": "dummy"}, "linux") == ""
    assert display_problem({}, "darwin") == ""
