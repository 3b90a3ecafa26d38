"""`callsim enrol`: read a short script aloud once, so speech recognition adapts to you.

    callsim enrol                      read the script at the microphone
    callsim enrol --recordings DIR     learn from recordings (NN.wav, NN.txt)
    callsim enrol --script             print the numbered sentences (to record elsewhere)
    callsim enrol --forget             go back to the unadapted recogniser

The transform (and the MAP means learnt on top of it, ``.means`` beside it)
is saved in the user data folder, where every later call's
recogniser (the window's push-to-talk, `callsim transcribe --adapt`) loads
it. Microphone readings are kept there too (``enrolment/NN.wav``), so an
enrolment cut short loses nothing: ``--recordings`` on that folder learns
from what was read.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

__all__ = ["register", "run"]


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "enrol",
        help="read a short script aloud so speech recognition adapts to your voice",
        description=(
            "Read a short script aloud once (20 sentences, about a minute); "
            "recognition then adapts to your voice and microphone (an MLLR transform "
            "of the acoustic model and MAP means on top of it, saved in your data folder)."
        ),
    )
    what = parser.add_mutually_exclusive_group()
    what.add_argument(
        "--recordings",
        metavar="DIR",
        help="learn from recordings instead of the microphone: NN.wav files, each with "
        "NN.txt (the words read) or numbered as the script's sentences",
    )
    what.add_argument("--script", action="store_true", help="print the numbered sentences and exit")
    what.add_argument("--forget", action="store_true", help="delete the saved adaptation")
    parser.add_argument(
        "--sentences",
        type=int,
        metavar="N",
        help="how many of the script's 40 sentences to read at the microphone (default: 20, "
        "about a minute; more did not help on our measurements)",
    )
    parser.add_argument(
        "--mic",
        metavar="NAME",
        help="record from this input device (see `callsim microphones`; default: the system's)",
    )
    parser.add_argument(
        "--out", metavar="PATH", help="where to save the transform (default: your data folder)"
    )
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.set_defaults(func=run)


def _error(message: str) -> int:
    from scoring.literal import printable, unicode_safe

    # a folder or file name from the command line is shown literally (an escape as \x1b)
    print(f"callsim enrol: {printable(unicode_safe(message))}", file=sys.stderr)
    return 2


def run(args: argparse.Namespace) -> int:
    from simulator.listen.enrolment import ADAPTATION_FILE, DEFAULT_SENTENCES, enrolment_script
    from simulator.session import data_dir

    out = Path(args.out) if args.out else data_dir() / ADAPTATION_FILE
    script = enrolment_script()
    if args.script:
        for number, sentence in enumerate(script, start=1):
            print(f"{number:02d}  {sentence}")
        return 0
    if args.forget:
        from simulator.listen.enrolment import forget

        print(f"removed {out}" if forget(out) else f"no adaptation saved ({out})")
        return 0
    if args.sentences is not None and not 1 <= args.sentences <= len(script):
        return _error(f"--sentences must be between 1 and {len(script)}")
    readings: list[Any] | None
    try:
        if args.recordings:
            readings = _from_folder(Path(args.recordings), script)
        else:
            readings = _from_microphone(
                script[: args.sentences or DEFAULT_SENTENCES], data_dir(), args.mic
            )
    except ValueError as exc:  # AdaptError included
        return _error(str(exc))
    if readings is None:
        return 2
    return _learn_and_save(readings, out, args.json, default=not args.out)


def _from_folder(folder: Path, script: list[str]) -> list[Any]:
    from simulator.listen.enrolment import readings_from_folder

    if not folder.is_dir():
        raise ValueError(f"{folder}: not a folder of recordings")
    return readings_from_folder(folder, script)


def _from_microphone(script: list[str], data: Path, device: str | None) -> list[Any] | None:
    from simulator.listen.enrolment import RECORDINGS_FOLDER, Reading, record_reading, save_reading
    from simulator.listen.listeners import ListenerUnavailable, MicrophoneListener

    try:
        mic = MicrophoneListener(None, device=device)  # type: ignore[arg-type]
    except ListenerUnavailable as exc:
        reason = str(exc).replace(". Using choices and typing instead", "")
        print(f"callsim enrol: cannot record: {reason}.", file=sys.stderr)
        print(
            "Record the sentences elsewhere (callsim enrol --script lists them) and run "
            "callsim enrol --recordings DIR.",
            file=sys.stderr,
        )
        return None
    folder = data / RECORDINGS_FOLDER
    readings = []
    print(
        f"Read each sentence aloud when it appears, at your normal pace, then pause.\n"
        f"{len(script)} sentences, about {len(script) * 3 // 60 + 1} minutes. "
        "Ctrl+C stops early; what you have read is kept.\n"
    )
    try:
        for number, sentence in enumerate(script, start=1):
            print(f"[{number}/{len(script)}]  {sentence}", flush=True)
            pcm = record_reading(mic.read)
            if pcm is None:
                print("   (heard nothing; once more, please)", flush=True)
                pcm = record_reading(mic.read)
            if pcm is None:
                print("   (skipped)", flush=True)
                continue
            save_reading(folder, number, pcm, sentence)
            readings.append(Reading(f"{number:02d}", pcm, sentence))
    except KeyboardInterrupt:
        print(f"\nstopped after {len(readings)} sentences (kept in {folder})")
    finally:
        mic.close()
    return readings


def _learn_and_save(readings: list[Any], out: Path, as_json: bool, default: bool) -> int:
    from simulator.listen.adapt import AdaptError
    from simulator.listen.enrolment import learn, means_path, save

    seconds = max(2, round(sum(r.seconds for r in readings) * 0.12))  # measured: 9 s for 73 s
    print(
        f"learning from {len(readings)} recordings (about {seconds} s) ...",
        file=sys.stderr,
        flush=True,
    )
    result = learn(readings)
    report = {
        "recordings": len(readings),
        "aligned": result.aligned,
        "speech_seconds": round(result.seconds, 1),
        "skipped": result.skipped,
        "saved": None,
        "means": None,
    }
    try:
        save(result, out)
        report["saved"] = str(out)
        report["means"] = str(means_path(out)) if result.means is not None else None
    except AdaptError as exc:
        report["error"] = str(exc)
    if report["saved"] and default and result.cepstral_mean:
        # The readings' mean too: the first turn of the next session then needs no second pass.
        from simulator.listen.saved_mean import MEAN_FILE, save_mean
        from simulator.session import data_dir

        save_mean(data_dir() / MEAN_FILE, result.cepstral_mean)
    if as_json:
        print(json.dumps(report, indent=2))
    else:
        print(
            f"learnt from {result.aligned} of {len(readings)} sentences "
            f"({result.seconds:.0f} s of audio)"
        )
        for text in result.skipped:
            print(f"  skipped (did not match its words): {text}")
        if report["saved"] and default:
            print(f"saved {out}; calls from now on use it (callsim enrol --forget undoes it)")
        elif report["saved"]:
            print(f"saved {out} (callsim transcribe --adapt {out} uses it)")
    if report["saved"] is None:
        return _error(str(report["error"]) + "; read more sentences and try again")
    return 0
