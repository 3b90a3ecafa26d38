"""`callsim new ID --archetype KIND`: start a scenario from a working one of that kind.

A trainer rarely writes a scenario from nothing; they change one that works. So `new`
copies the shipped scenario of the chosen kind of call (which validates and plays: the
test suite checks every shipped scenario), gives it the new id and a title to change,
and explains each part of the file in comments. The result validates and plays as it is;
`callsim validate ID.yaml` checks it again after every edit.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

from scoring.literal import printable, unicode_safe

#: archetype -> (the shipped scenario it starts from, what this kind of call practises)
ARCHETYPES: dict[str, tuple[str, str]] = {
    "irate": ("furious-late-delivery", "an angry, venting caller: empathy, ownership, a callback"),
    "spam": ("spam-listing-verification", "a sales or spam call: screen it, never transfer"),
    "wrong-number": ("wrong-number-advisor", "a wrong number: give the correct number, close"),
    "second-request": (
        "irate-double-charge",
        "a caller calling again: history, confirm, 24 hours, notify the supervisor",
    ),
    "product-question": (
        "product-question-boots",
        "a product question: keep the call, own the research, email with a time",
    ),
    "already-transferred": (
        "already-transferred",
        "a caller passed around already: no second transfer, a full message",
    ),
    "unavailable": (
        "person-unavailable",
        "someone asked for is out: urgent or a message, then the callback",
    ),
    "transfer": ("family-emergency-transfer", "a call to put through: consult, announce, warm"),
    "order": ("wrong-size-planter", "an order problem: opening, verify, a hold done right, close"),
}

_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,62}\Z")

#: comments put above the top-level keys of the copy
KEY_NOTES = {
    "title": "What the trainee sees in the scenario list. Change it.",
    "summary": "For the trainer: what the call practises.",
    "difficulty": "easy, medium or hard: the start screen recommends easy ones first.",
    "brand": "The company the agent answers for (the opening and the closing name it).",
    "agent": "The agent's name in the ideal lines ({agent}); a trainee's own name replaces it.",
    "context": "The kind of call: it decides which protocol items apply when grading.",
    "caller": (
        "Who calls: name, ids, phone, email, voice, mood (calm .. furious), patience "
        "(0-100), traits, the goal in their words, and facts they answer when asked."
    ),
    "history": "Earlier contacts the agent finds with LOOKUP (INFO entries).",
    "directory": "The company directory for consults and transfers (answers: yes/no_answer).",
    "escalation": "What the caller says at each rung when mistreated or unresolved.",
    "lines": "The caller's lines by situation (only `reason` is required); moods may differ.",
    "beats": "Lines the caller says once, after something happens (after: resume ...).",
    "script": (
        "The ideal path, one agent line or /command per step, in order. A step may list "
        "mistakes: a tempting wrong move and the items it fails (`fails:`), which "
        "`callsim validate` checks by playing them. Placeholders: {brand}, {agent}, "
        "{caller.address}, {ticket_id} ..."
    ),
}


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    kinds = ", ".join(ARCHETYPES)
    p = sub.add_parser(
        "new",
        help="start a scenario file from a working one of a kind of call",
        description=(
            "Write ID.yaml: a commented copy of the shipped scenario of the chosen kind of "
            f"call, ready to edit; it validates and plays as it is. Kinds: {kinds}."
        ),
    )
    p.add_argument("id", metavar="ID", help="the scenario id (also the file name): a-z, 0-9, -")
    p.add_argument("--archetype", required=True, choices=tuple(ARCHETYPES), metavar="KIND")
    p.add_argument("--out", default=".", metavar="DIR", help="folder to write it in (default: .)")
    p.add_argument("--force", action="store_true", help="overwrite an existing file")
    p.set_defaults(func=run)


def commented(source: str, new_id: str, archetype: str) -> str:
    """The shipped scenario's text with the new title, notes above its keys, no default."""
    base, practises = ARCHETYPES[archetype]
    title = new_id.replace("-", " ").capitalize()
    head = [
        "# yaml-language-server: $schema=scenario.schema.json",
        f"# {new_id}: a new {archetype} scenario ({practises}).",
        f"# Written by `callsim new --archetype {archetype}` from the shipped scenario",
        f"# `{base}`: it validates and plays as it is. Edit it, then run",
        f"# `callsim validate {new_id}.yaml` (it plays the ideal path and every mistake) and",
        f"# `callsim play {new_id}.yaml` to try it. Format: docs/scenarios.md.",
    ]
    out: list[str] = []
    lines = source.splitlines()
    while lines and lines[0].startswith("#"):  # the shipped file's own opening comments
        lines.pop(0)
    for line in lines:
        if line.startswith("default:"):
            continue
        key = line.split(":", 1)[0] if re.match(r"[a-z_]+:", line) else ""
        if key in KEY_NOTES:
            out.append(f"# {KEY_NOTES[key]}")
        if key == "title":
            line = f"title: {title}"
        out.append(line)
    return "\n".join(head + out) + "\n"


def _replace(target: Path, text: str) -> None:
    """Written beside `target`, then renamed over it: a full disk leaves a file --force was
    to overwrite whole, and a symlink there is replaced, never written through."""
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "x", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def run(args: argparse.Namespace) -> int:
    from simulator.scenario.library import shipped_dir

    if not _ID.match(args.id):
        print(
            f"callsim new: bad id {args.id!r}: use lower-case letters, digits and '-'",
            file=sys.stderr,
        )
        return 2
    target = Path(args.out) / f"{args.id}.yaml"
    shown = printable(unicode_safe(str(target)))  # a folder named with an escape sequence
    if (target.exists() or target.is_symlink()) and not args.force:
        print(f"callsim new: {shown} exists (--force to overwrite)", file=sys.stderr)
        return 2
    if target.exists() and not target.is_symlink() and not target.is_file():
        print(f"callsim new: {shown} is not a regular file", file=sys.stderr)  # /dev/full ...
        return 2
    folder = _file_in_the_way(Path(args.out))
    if folder is not None:
        where = printable(unicode_safe(str(folder)))
        print(f"callsim new: {where} is not a folder (--out names the folder)", file=sys.stderr)
        return 2
    base = ARCHETYPES[args.archetype][0]
    source = (shipped_dir() / f"{base}.yaml").read_text(encoding="utf-8")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        _replace(target, commented(source, args.id, args.archetype))
    except OSError as exc:
        print(f"callsim new: cannot write {shown}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    print(f"wrote {shown} ({args.archetype}, from {base}); check it: callsim validate {shown}")
    return 0


def _file_in_the_way(folder: Path) -> Path | None:
    """The nearest part of the `--out` path that exists and is not a folder (a file, /dev/full),
    so the refusal names it instead of mkdir's "File exists"."""
    for part in (folder, *folder.parents):
        if part.exists():
            return None if part.is_dir() else part
    return None
