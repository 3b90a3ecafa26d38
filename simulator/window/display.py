"""Is there a screen to open a window on? Answered before pygame tries, in one line.

Over SSH or in CI there is no display; `callsim play` must then say so in one line and offer
the terminal UI instead of showing SDL's traceback.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping


class NoDisplay(RuntimeError):
    """There is no display to open the game window on; the message is one line."""


def display_problem(environ: Mapping[str, str] | None = None, platform: str | None = None) -> str:
    """Why a window cannot open here, or "" when it probably can."""
    env = os.environ if environ is None else environ
    plat = platform or sys.platform
    driver = env.get("SDL_VIDEODRIVER", "")
    if driver in ("dummy", "offscreen"):
        return ""
    if plat.startswith("linux") or "bsd" in plat:
        if not (env.get("DISPLAY") or env.get("WAYLAND_DISPLAY")):
            return "no display found (neither DISPLAY nor WAYLAND_DISPLAY is set)"
    return ""
