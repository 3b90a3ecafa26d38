"""Choosing the front-end for `callsim play`: the window when there is a screen, else say so.

Without a display the window is not an error but a fact of the machine (SSH, CI): one line
says so, and the terminal UI is offered instead of SDL's traceback.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from typing import IO, Any

from simulator.window.display import NoDisplay, display_problem


def choose_ui(requested: str | None, environ: Mapping[str, str] | None = None) -> str:
    """`window` or `terminal`: what was asked for, else the window when a display is there.

    SDL's dummy or offscreen video driver means "headless" (tests, CI): the window can be
    asked for explicitly there, but it is never the default."""
    if requested:
        return requested
    env = os.environ if environ is None else environ
    if env.get("SDL_VIDEODRIVER", "") in ("dummy", "offscreen"):
        return "terminal"
    return "terminal" if display_problem(env) else "window"


def _offer_terminal(reason: str, stdin: IO[str], err: IO[str]) -> bool:
    """Say in one line why there is no window; True if the trainee wants the terminal UI."""
    print(f"callsim play: no game window here: {reason}; try --ui terminal.", file=err)
    if not stdin.isatty():
        return False
    err.write("Play in the terminal instead? [Y/n] ")
    err.flush()
    return stdin.readline().strip().lower() in ("", "y", "yes")


def run_desk(args: Any, stdin: IO[str] | None = None, stderr: IO[str] | None = None) -> int | None:
    """`callsim play` with no scenario and the window UI: the full desk (start screen, shifts).

    Returns an exit code, or None when `play` should go on as usual (a scenario or autoplay
    was given, the terminal was chosen, or the trainee took the terminal for lack of a
    display; `args.ui` is then set to `terminal`)."""
    if getattr(args, "scenario", None) or getattr(args, "autoplay", None):
        return None
    if choose_ui(args.ui) != "window":
        return None
    from simulator.window.app import WindowOptions, run_window
    from simulator.window.settings import default_path

    err = stderr or sys.stderr
    try:
        who = _desk_checks(args)
    except ValueError as exc:  # a bad --policy, --trainee or --team; a taken --transcript
        print(f"callsim play: {exc}", file=err)
        return 2
    options = WindowOptions(
        speed=args.speed,
        seed=args.seed,
        trainee=who.name if who else "",
        team=(who.team or "") if who else "",
        policy=getattr(args, "policy", None) or "",
        transcript=getattr(args, "transcript", None) or "",
        settings_path=str(default_path()),
        review=bool(getattr(args, "review", False)),
        plan=True,  # the start screen shows the trainee's plan from the records
    )
    try:
        return run_window(
            options,
            extra_dirs=tuple(getattr(args, "scenario_dir", ()) or ()),
            voice=getattr(args, "voice", "caller"),
        )
    except NoDisplay as exc:
        if _offer_terminal(str(exc), stdin or sys.stdin, err):
            args.ui = "terminal"
            return None
        return 2


def _desk_checks(args: Any) -> Any:
    """What the terminal checks before a call, checked before the desk opens: the
    `--policy` pack loads, a `--transcript` path is free (callsim never overwrites one),
    and who is playing (`--trainee`, else `--agent-name`, else the remembered trainee).
    Raises ValueError (one line); returns the `Who`, or None (the start screen asks)."""
    import os

    from simulator.records.identity import who_is_playing

    policy = getattr(args, "policy", None)
    if policy:
        from scoring.policy import load_policy

        load_policy(policy)  # PolicyError is a ValueError with the file and the problem
    transcript = getattr(args, "transcript", None)
    if transcript and os.path.lexists(transcript):
        raise ValueError(
            f"{transcript} already exists; callsim never overwrites a transcript, "
            "so choose a new --transcript path"
        )
    given = getattr(args, "trainee", None) or getattr(args, "agent_name", None)
    return who_is_playing(given, getattr(args, "team", None), ask=False)


def window_frontend(
    scenario: Any,
    *,
    speed: float = 1.0,
    agent_name: str | None = None,
    params: Any = None,
    stdin: IO[str] | None = None,
    stderr: IO[str] | None = None,
    voice: str = "caller",
    review: bool = False,
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
        from scoring.policy import DEFAULTS
        from simulator.frontend.window import WindowFrontend
        from simulator.window.app import WindowOptions, caller_voice

        hold = int((params or {}).get("hold_checkin_s", DEFAULTS.hold_checkin_s))
        return WindowFrontend(
            scenario=scenario,
            speed=speed,
            options=WindowOptions(speed=speed, review=review),
            agent_name=agent_name,
            hold_limit_s=hold,
            speak=caller_voice(voice),
        )
    except NoDisplay as exc:
        if not _offer_terminal(str(exc), stdin, err):
            return None
    from simulator.frontend.terminal import TerminalFrontend, terminal_voice

    return TerminalFrontend(
        speed=speed,
        speak=terminal_voice(scenario, voice),
        scenario=scenario,
        agent_name=agent_name or "",
        review=review,
    )
