"""The speech options of `callsim play`: ``--mic NAME``, ``--recogniser NAME``, ``--allow-online``.

Kept here so the play command needs two lines for them: one to add the
options, one to apply them (checked before the window opens, so a wrong name
is a one-line error at the prompt, not a silent fallback to typing).
"""

from __future__ import annotations

import argparse

__all__ = ["add_listen_options", "apply_listen_options"]


def add_listen_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--mic",
        metavar="NAME",
        help="talk through this input device (see `callsim microphones`; default: the system's)",
    )
    parser.add_argument(
        "--recogniser",
        default="callsim",
        metavar="NAME",
        help="speech recogniser: callsim (default, tuned to the calls) or one SpeechRecognition "
        "offers that you have installed, e.g. whisper, vosk",
    )
    parser.add_argument(
        "--allow-online",
        action="store_true",
        help="allow a --recogniser that sends your voice to an online service",
    )


def apply_listen_options(args: argparse.Namespace) -> str | None:
    """Make the choices this process's listeners use; the one-line problem, if any."""
    from simulator.listen.capture import choose_microphone
    from simulator.listen.engines import EngineError, check_engine, choose_engine

    choose_microphone(getattr(args, "mic", None))
    name = getattr(args, "recogniser", "callsim")
    online = bool(getattr(args, "allow_online", False))
    try:
        check_engine(name, online)
    except EngineError as exc:
        return str(exc)
    choose_engine(name, online)
    return None
