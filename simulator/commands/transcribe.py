"""`callsim transcribe FILE [--scenario ID] [--adapt [PATH] | --self-adapt] [--json]`.

For trainers checking a recording and for testing the recogniser: the file
is split into turns by voice-activity detection, each turn recognised with
the domain-biased model (biased further to a scenario's names and lines when
``--scenario`` is given), and with ``--json`` each turn's acts are listed.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path
from typing import Any

__all__ = ["register", "run"]

# --self-adapt: a 20-line recording in eSpeak's f3 voice, WER 36.1% -> 33.2%, 28.8%, 27.4%
# after one, two, three rounds of MLLR; 31.7% -> 18.3% with MAP on top (docs/voice.md)
SELF_ADAPT_ROUNDS = 3


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "transcribe",
        help="recognise the speech in a recording (offline)",
        description="Recognise the agent speech in a recording, offline.",
    )
    parser.add_argument(
        "file", metavar="FILE", help="a recording: WAV (any sample format), FLAC, OGG or MP3"
    )
    parser.add_argument(
        "--scenario",
        metavar="ID",
        help="bias recognition to a scenario: its id (scenarios/ID.yaml) or a YAML path",
    )
    parser.add_argument(
        "--adapt",
        nargs="?",
        const="",
        metavar="PATH",
        help="use a voice adaptation (callsim enrol): yours when PATH is left out",
    )
    parser.add_argument(
        "--self-adapt",
        action="store_true",
        help="a long recording (15 s of speech or more): learn the speaker's voice from what "
        "was recognised, recognise again with it, three times (about five times as long; "
        "not with --adapt)",
    )
    parser.add_argument(
        "--recogniser",
        default="callsim",
        metavar="NAME",
        help="callsim (default: PocketSphinx tuned to the calls) or a recogniser "
        "SpeechRecognition offers that you have installed, e.g. whisper, faster_whisper, vosk",
    )
    parser.add_argument(
        "--allow-online",
        action="store_true",
        help="allow a --recogniser that sends the recording to an online service",
    )
    parser.add_argument("--json", action="store_true", help="print JSON with the acts of each turn")
    parser.set_defaults(func=run)


def scenario_path(ref: str) -> Path:
    """A scenario id or path -> an existing YAML path; ValueError names what was tried."""
    path = Path(ref)
    if path.suffix in (".yaml", ".yml") or path.exists():
        if path.is_file():
            return path
        raise ValueError(f"scenario file not found: {ref}")
    import scenarios

    for folder in {Path(scenarios.__file__).parent, Path("scenarios")}:
        for suffix in (".yaml", ".yml"):
            candidate = folder / f"{ref}{suffix}"
            if candidate.is_file():
                return candidate
    raise ValueError(f"no scenario with id {ref!r} (looked for scenarios/{ref}.yaml)")


def _error(message: str) -> int:
    from scoring.literal import printable, unicode_safe

    # a file name from the command line is shown literally (an escape sequence as \x1b)
    print(f"callsim transcribe: {printable(unicode_safe(message))}", file=sys.stderr)
    return 2


def run(args: argparse.Namespace) -> int:
    from simulator.listen.domain import DomainTerms, load_scenario_terms
    from simulator.voice.audio import read_wav

    try:
        audio = read_wav(args.file)
    except (OSError, ValueError) as exc:
        return _error(str(exc))
    terms = DomainTerms()
    if args.scenario:
        try:
            terms = load_scenario_terms(scenario_path(args.scenario))
        except ValueError as exc:
            return _error(str(exc))
    try:
        config = _adaptation(args.adapt)
        recogniser = _recogniser(args, terms, config)
    except ValueError as exc:  # EngineError included
        return _error(str(exc))
    except ImportError as exc:
        return _error(f"speech recognition unavailable: {exc} (pip install pocketsphinx)")
    if audio.rate < 16000:
        from scoring.literal import printable, unicode_safe

        name = printable(unicode_safe(str(args.file)))  # shown literally, as in `_error`
        print(
            f"callsim transcribe: note: {name} is sampled at {audio.rate} Hz (telephone "
            "band); the acoustic model was trained on 16 kHz speech, so expect more errors",
            file=sys.stderr,
        )
    from simulator.listen.listeners import WavFileListener

    try:
        turns = list(WavFileListener(audio, recogniser))
    except ValueError as exc:  # another recogniser failed (EngineError)
        return _error(str(exc))
    args.self_adapted = False
    if args.self_adapt and not config and args.recogniser == "callsim":
        british = getattr(recogniser, "accent", "") == "uk"  # as heard on the first pass
        turns = _self_adapt(args, audio, terms, turns, british)
    _print(args, audio.duration, turns)
    return 0


def _print(args: argparse.Namespace, duration: float, turns: list[Any]) -> None:
    if args.json:
        print(json.dumps(_report(args, duration, turns), indent=2))
    elif not turns or not any(t.caught for t in turns):
        print("(no speech recognised)")
    else:
        for turn in turns:
            print(turn.text if turn.caught else "(unintelligible)")


def _self_adapt(
    args: argparse.Namespace, audio: Any, terms: Any, turns: list[Any], british: bool = False
) -> list[Any]:
    for _ in range(SELF_ADAPT_ROUNDS):  # each round learns from a better transcript
        again = _second_pass(audio, terms, turns, british)
        if again is None:
            break
        args.self_adapted, turns = True, again
    return turns


def _second_pass(
    audio: Any, terms: Any, first: list[Any], british: bool = False
) -> list[Any] | None:
    """The recording again, with a transform learnt from the first pass (None: too little speech).

    Unsupervised MLLR, as the window's session adaptation: the first
    pass's text stands in for the words said (docs/voice.md); a speaker the first pass heard
    as British is aligned with the British pronunciations, as the play session does.
    """
    from simulator.listen.enrolment import SessionAdapter
    from simulator.listen.listeners import WavFileListener
    from simulator.listen.recogniser import RATE, build_domain_recogniser, to_16k

    pcm = to_16k(audio)
    adapter = SessionAdapter(min_new_seconds=15.0, keep_seconds=math.inf)
    adapter.british = british
    for turn in first:
        if turn.caught:
            lo, hi = int(turn.started_at * RATE) * 2, int(turn.ended_at * RATE) * 2
            adapter.add(pcm[lo:hi], turn.text)
    if not adapter.learn_if_due(background=False) or not adapter.config():
        return None
    recogniser = build_domain_recogniser(terms, **adapter.config())
    return list(WavFileListener(audio, recogniser))


def _recogniser(args: argparse.Namespace, terms: Any, config: dict[str, str]) -> Any:
    """callsim's recogniser for the scenario, or the one ``--recogniser`` names."""
    if args.recogniser == "callsim":
        from simulator.listen.recogniser import build_domain_recogniser

        recogniser = build_domain_recogniser(terms, second_opinion=False, **config)
        recogniser.whole_first_turn = True  # a file: half the decoding (docs/voice.md)
        return recogniser
    from simulator.listen.engines import open_engine

    if args.adapt is not None or args.self_adapt:
        raise ValueError("--adapt and --self-adapt adapt callsim's own recogniser only")
    return open_engine(args.recogniser, allow_online=args.allow_online)


def _adaptation(option: str | None) -> dict[str, str]:
    """Recogniser settings for ``--adapt [PATH]`` (yours when PATH is left out).

    Stricter than the window: a trainer who asked for an adaptation is told
    when it cannot be used, rather than given unadapted text.
    """
    if option is None:
        return {}
    from simulator.listen.adapt import AdaptError
    from simulator.listen.enrolment import ADAPTATION_FILE, checked_adaptation
    from simulator.session import data_dir

    path = Path(option) if option else data_dir() / ADAPTATION_FILE
    try:
        config = checked_adaptation(path)
    except AdaptError as exc:
        raise ValueError(f"cannot use the voice adaptation: {exc}") from None
    if not config:
        raise ValueError(f"no voice adaptation at {path} (make one with callsim enrol)")
    return config


def _report(args: argparse.Namespace, duration: float, turns: list[Any]) -> dict[str, Any]:
    acts = sorted({a for t in turns for a in t.acts})
    return {
        "file": args.file,
        "scenario": args.scenario,
        "audio_seconds": round(duration, 3),
        "decode_seconds": round(sum(t.decode_seconds for t in turns), 3),
        "self_adapted": bool(getattr(args, "self_adapted", False)),
        "text": " ".join(t.text for t in turns if t.caught),
        "acts": acts,
        "turns": [
            {
                "start": round(t.started_at, 2),
                "end": round(t.ended_at, 2),
                "text": t.text,
                "acts": sorted(t.acts),
            }
            for t in turns
        ],
    }
