"""`callsim play [SCENARIO]`: play a call in the terminal (or window), or autoplay a script."""

from __future__ import annotations

import argparse
import errno
import math
import sys
from collections.abc import Sequence
from typing import Any

from scoring.literal import printable, unicode_safe
from scoring.writer import TranscriptWriteError
from simulator.engine import LineSpoken, Output
from simulator.frontend.base import CallSummary
from simulator.frontend.headless import HeadlessFrontend
from simulator.listen.options import add_listen_options, apply_listen_options
from simulator.records.options import add_record_options, export_db, number, start_recording
from simulator.scenario.library import DEFAULT_SCENARIO, find_scenario
from simulator.scenario.model import Scenario
from simulator.scenario.problems import ScenarioError


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "play",
        help="play a role-play call",
        description="Play a simulated call, then see the scorecard.",
        epilog=f"With no SCENARIO, plays the built-in '{DEFAULT_SCENARIO}'. "
        "List scenarios with 'callsim scenarios'.",
    )
    p.add_argument("scenario", nargs="?", metavar="SCENARIO", help="scenario id or YAML path")
    p.add_argument(
        "--ui",
        choices=("terminal", "window"),
        default=None,
        help="front-end (default: the game window when a display is available, else terminal)",
    )
    p.add_argument(
        "--autoplay",
        metavar="ideal|SCRIPT",
        help="play with no human: the scenario's ideal path, or a script file of moves",
    )
    p.add_argument("--seed", type=number, default=0, help="fixes the caller's chance (default 0)")
    p.add_argument("--transcript", metavar="PATH", help="write the transcript here")
    p.add_argument("--speed", type=float, default=1.0, help="hold timer speed-up (default 1)")
    p.add_argument("--agent-name", metavar="NAME", help="your name in the transcript")
    p.add_argument("--policy", metavar="NAME|PATH", help="grade against this policy pack")
    p.add_argument(
        "--scenario-dir",
        action="append",
        default=[],
        metavar="DIR",
        help="also look for SCENARIO in DIR (repeatable)",
    )
    p.add_argument("--no-choices", action="store_true", help="hide the numbered responses")
    p.add_argument(
        "--review",
        action="store_true",
        help="a trainer's review: each response says whether it is ideal or what it does wrong",
    )
    p.add_argument(
        "--voice",
        choices=("caller", "both", "off"),
        default="caller",
        help="speak the caller's lines (default), your chosen responses too (both), "
        "or nothing (off); captions are always shown",
    )
    add_listen_options(p)  # --mic, --recogniser, --allow-online
    add_record_options(p)
    p.set_defaults(func=run)


def _load(args: argparse.Namespace) -> Scenario | None:
    """The scenario, once it and the policy pack it is graded by both load (else one line)."""
    from scoring.policy import PolicyError
    from simulator.session import policy_params

    try:
        scenario = find_scenario(args.scenario, args.scenario_dir)
        policy_params(args.policy or scenario.policy)
    except (LookupError, ScenarioError, PolicyError) as exc:
        print(f"callsim play: {exc}", file=sys.stderr)
        return None
    return scenario


def run(args: argparse.Namespace) -> int:
    """Play; when the output cannot be written (stdout on a full disk), say so in one line."""
    try:
        return _play(args)
    except OSError as exc:
        if exc.filename is not None or exc.errno not in _OUTPUT_ERRORS:
            raise
        from simulator.output import quiet_stdout

        quiet_stdout()
        print(f"callsim play: cannot write the output: {exc.strerror or exc}", file=sys.stderr)
        return 2


#: errors writing to stdout (a full disk, a quota, a closed descriptor): no file name attached
_OUTPUT_ERRORS = frozenset(
    getattr(errno, name)
    for name in ("ENOSPC", "EDQUOT", "EFBIG", "EIO", "EBADF", "EPIPE")
    if hasattr(errno, name)
)


def _play(args: argparse.Namespace) -> int:
    from simulator.session import play_session
    from simulator.window.launch import run_desk

    problem = speed_problem(args.speed)
    if problem:
        print(f"callsim play: --speed {args.speed:g}: {problem}", file=sys.stderr)
        return 2
    _resolve_ui(args)
    listen_problem = apply_listen_options(args)
    if listen_problem:
        print(f"callsim play: {listen_problem}", file=sys.stderr)
        return 2
    export_db(args)  # --db for the desk's calls too
    desk = run_desk(args)  # no SCENARIO + the window: the start screen, shifts, retries
    if desk is not None:
        return desk
    scenario = _load(args)
    if scenario is None:
        return 2
    record = start_recording(args)  # who is playing (asked once), and the records store
    if record is None:
        return 2
    frontend = _frontend(args, scenario)
    if frontend is None:
        return 2
    title = printable(f"{scenario.title} ({scenario.id}, {scenario.difficulty})")  # shown literally
    print(f"Scenario: {title}. Seed {args.seed}.")
    try:
        summary = play_session(
            scenario,
            frontend,
            seed=args.seed,
            transcript=args.transcript,
            agent_name=args.agent_name,
            policy=args.policy,
            record=record,
        )
    except TranscriptWriteError as exc:  # before the call: a bad path, a read-only folder
        print(f"callsim play: {printable(unicode_safe(str(exc)))}", file=sys.stderr)
        return 2
    if summary.scorecard is None and summary.error:
        print(f"callsim play: not graded: {printable(summary.error)}", file=sys.stderr)
    return 0 if summary.scorecard is not None else 1


#: --speed runs the hold clock this many times faster; outside this range it is a typo.
SPEED_RANGE = (0.1, 100.0)


def speed_problem(speed: float) -> str:
    """Why `speed` cannot be used ('' when it can): not a number, infinite, <= 0, absurd."""
    low, high = SPEED_RANGE
    if not math.isfinite(speed) or not low <= speed <= high:
        return f"must be a number from {low:g} to {high:g} (times faster than real time)"
    return ""


def _resolve_ui(args: argparse.Namespace) -> None:
    """Pick the front-end once; with no display, say so in one line and use the terminal."""
    if args.ui or args.autoplay:
        return
    from simulator.window.display import display_problem
    from simulator.window.launch import choose_ui

    args.ui = choose_ui(None)
    problem = display_problem()
    if problem:
        print(
            f"callsim play: no game window here: {problem}; playing in the terminal "
            "(--ui window to insist).",
            file=sys.stderr,
        )


def _frontend(args: argparse.Namespace, scenario: Scenario) -> Any:
    if args.autoplay:
        return _autoplayer(args.autoplay, scenario, args.agent_name)
    from simulator.window.launch import choose_ui, window_frontend

    if choose_ui(args.ui) == "window":
        from simulator.session import policy_params

        params = policy_params(args.policy or scenario.policy)[1]
        return window_frontend(
            scenario,
            speed=args.speed,
            agent_name=args.agent_name,
            params=params,
            voice=args.voice,
            review=args.review,
        )
    from simulator.frontend.terminal import TerminalFrontend, terminal_voice

    print("Type a number to pick a response, your own words, or /help for phone commands.")
    return TerminalFrontend(
        speed=args.speed,
        show_choices=not args.no_choices,
        speak=terminal_voice(scenario, args.voice),
        scenario=scenario,
        agent_name=args.agent_name or "",
        review=args.review,
    )


class _PrintingAutoplayer(HeadlessFrontend):
    """Autoplay that prints the call as it goes and the scorecard at the end."""

    def show(self, outputs: Sequence[Output]) -> None:
        super().show(outputs)
        for o in outputs:
            if isinstance(o, LineSpoken):
                print(f"{o.line.label}: {o.line.text}")

    def finish(self, summary: CallSummary) -> None:
        from simulator.frontend.terminal import TerminalFrontend

        TerminalFrontend(stdout=sys.stdout).finish(summary)


def _autoplayer(spec: str, scenario: Scenario, agent_name: str | None) -> HeadlessFrontend | None:
    from simulator.autoplay import ScriptError, ideal_moves, load_script
    from simulator.scenario.lines import template_values

    if spec == "ideal":
        return _PrintingAutoplayer(ideal_moves(scenario, agent_name))
    values = template_values(scenario, agent_name or scenario.agent)  # {caller.address} ...
    try:
        return _PrintingAutoplayer(load_script(spec, values))
    except ScriptError as exc:
        print(f"callsim play: {exc}", file=sys.stderr)
    return None
