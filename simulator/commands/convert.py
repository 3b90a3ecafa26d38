"""`callsim convert FILE [-o OUT]`: another tool's transcript in the spec's format.

Captions (WebVTT, SRT), a CSV of start, speaker, text, speech-to-text JSON
(Amazon Transcribe, Contact Lens, Deepgram, AssemblyAI, Google, Whisper-style) or
"Agent: ..." text become a callsim transcript (shared/spec/transcript-format.md)
that a QA lead can read, complete (`--brand`, `--context`) and grade. The
format is recognised from the content; docs/importing.md lists what is read.
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import replace

from scoring.importers import read_file
from scoring.reader import TranscriptError, parse_text
from scoring.transcript import Transcript
from scoring.writer import format_transcript


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "convert",
        help="convert captions, CSV or speech-to-text JSON to a callsim transcript",
        description="Convert a call transcript from another tool (WebVTT, SRT, CSV, Amazon "
        "Transcribe / Contact Lens, Deepgram, AssemblyAI, Google, Whisper or Gridspace JSON, "
        "'Agent: ...' text) "
        "to the callsim transcript format. The format is recognised from the file's content.",
        epilog="Exit status: 0 converted, 2 when the file could not be read.",
    )
    p.add_argument("file", metavar="FILE", help="the transcript to convert")
    p.add_argument("-o", "--output", metavar="OUT", help="write here (default: standard output)")
    p.add_argument("--force", action="store_true", help="replace OUT if it exists")
    p.add_argument(
        "--agent-speaker",
        metavar="NAME[,NAME]",
        help="the speaker label(s) that are the agent, where the file cannot tell",
    )
    p.add_argument("--brand", help="the company the agent answers for (header '# brand:')")
    p.add_argument(
        "--context", metavar="FACT[,FACT]", help="context facts, e.g. order,irate ('# context:')"
    )
    p.add_argument("--policy", metavar="NAME", help="the policy pack to grade with ('# policy:')")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    to_file = bool(args.output) and args.output != "-"
    problem = _output_problem(args.file, args.output, args.force) if to_file else None
    if problem:
        print(f"callsim convert: {_shown(args.output)}: {problem}", file=sys.stderr)
        return 2
    try:
        transcript = read_file(args.file, agent_speaker=args.agent_speaker)
    except TranscriptError as exc:
        print(f"callsim convert: {exc}", file=sys.stderr)
        return 2
    text = format_transcript(_with_headers(transcript, args))
    try:
        parse_text(text, args.file)  # what is written, the grader reads
    except TranscriptError as exc:  # a bug here, not the user's: still one line
        print(f"callsim convert: the converted text does not read back: {exc}", file=sys.stderr)
        return 2
    if not to_file:
        sys.stdout.write(text)
        return 0
    try:
        _write(args.output, text, args.force)
    except OSError as exc:
        print(f"callsim convert: {_shown(args.output)}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    return 0


def _write(output: str, text: str, force: bool) -> None:
    """A file --force replaces is written beside it and renamed over it, so a full disk or
    Ctrl-C leaves the old one whole; a device or FIFO is written into, never replaced."""
    if not (force and os.path.isfile(output)):
        with open(output, "w" if force else "x", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        return
    name = f".{os.path.basename(output)}.{os.getpid()}.tmp"
    tmp = os.path.join(os.path.dirname(output) or ".", name)
    with open(tmp, "x", encoding="utf-8", newline="\n") as fh:
        try:
            fh.write(text)
            fh.close()
            os.replace(tmp, output)
        except BaseException:
            os.unlink(tmp)
            raise


def _shown(path: str) -> str:
    from scoring.literal import printable, unicode_safe

    return printable(unicode_safe(path))


def _with_headers(t: Transcript, args: argparse.Namespace) -> Transcript:
    """The spec's headers from the options, after the version line, before the rest."""
    given = {"policy": args.policy, "brand": args.brand, "context": args.context}
    headers = {k: v for k, v in t.headers.items() if k == "callsim transcript"}
    headers.update({k: " ".join(v.split()) for k, v in given.items() if v and v.strip()})
    headers.update({k: v for k, v in t.headers.items() if k not in headers})
    return replace(t, headers=headers)


def _output_problem(source: str, output: str, force: bool) -> str | None:
    if os.path.exists(output) and os.path.samefile(source, output):
        return "is the file being converted"
    if os.path.exists(output) and not force:
        return "exists (use --force to replace it)"
    if os.path.isdir(output):
        return "is a folder"
    return None
