"""Choosing the front-end for `callsim play`: the window when there is a screen, else say so.

Without a display the window is not an error but a fact of the machine (SSH, CI): one line
says so, and the terminal UI is offered instead of SDL's traceback.
"""

from __future__ import annotations

import sys
from typing import IO, Any

from simulator.window.display import NoDisplay, display_problem


def choose_ui(requested: str | None, environ: dict[str, str] | None = None) -> str:
    """`window` or `terminal`: what was asked for, else the window when a display is there."""
    if requested:
        return requested
    return "terminal" if display_problem(environ) else "window"


def window_frontend(
    scenario: Any,
    *,
    speed: float = 1.0,
    agent_name: str | None = None,
    params: Any = None,
    stdin: IO[str] | None = None,
    stderr: IO[str] | None = None,
) -> Any:
    """A WindowFrontend, or, with no display, the terminal front-end if the trainee agrees.

    Returns None when there is no display and the terminal was declined (or there is no one
    at the keyboard to ask)."""
    err = stderr or sys.stderr
    stdin = stdin or sys.stdin
    try:
        problem = display_problem()
        if problem:
            raise NoDisplay(problem)
        from simulator.frontend.window import WindowFrontend

        hold = int((params or {}).get("hold_checkin_s", 120))
        return WindowFrontend(
            scenario=scenario, speed=speed, agent_name=agent_name, hold_limit_s=hold
        )
    except NoDisplay as exc:
        print(f"callsim play: no game window here: {exc}; try --ui terminal.", file=err)
    if not stdin.isatty():
        return None
    err.write("Play in the terminal instead? [Y/n] ")
    err.flush()
    if stdin.readline().strip().lower() not in ("", "y", "yes"):
        return None
    from simulator.frontend.terminal import TerminalFrontend

    return TerminalFrontend(speed=speed)
