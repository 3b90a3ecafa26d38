"""Who is playing: the trainee's name (and team), asked once and remembered.

Kept in `trainee.json` in the user's config folder, beside the window's
settings; `--trainee NAME` / `--team T` set it for a call and are remembered
as the new default (a shared training-room PC plays as the last trainee who
said who they are). `CALLSIM_TRAINEE` (and `CALLSIM_TEAM`) name the trainee
for a desk whose login script knows who sits at it, and for tests. With no
name and no one at the keyboard to ask, a call is recorded against the agent
named in its transcript header.
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from simulator.records.names import BadName, clean_name, clean_team


def settings_path() -> Path:
    import platformdirs

    return Path(platformdirs.user_config_dir("callsim")) / "trainee.json"


@dataclass(frozen=True)
class Who:
    name: str
    team: str | None = None


def remembered(path: Path | None = None) -> Who | None:
    """The remembered trainee, or None (a missing or broken file is not an error)."""
    try:
        data = json.loads((path or settings_path()).read_text(encoding="utf-8"))
        return Who(clean_name(str(data["name"])), clean_team(data.get("team")))
    except (OSError, ValueError, KeyError, TypeError, BadName):
        return None


def remember(who: Who, path: Path | None = None) -> None:
    target = path or settings_path()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(".tmp")
        tmp.write_text(json.dumps({"name": who.name, "team": who.team}), encoding="utf-8")
        os.replace(tmp, target)
    except OSError:
        pass  # a read-only home must not stop a training call


def who_is_playing(
    name: str | None,
    team: str | None,
    *,
    ask: bool,
    stdin: IO[str] | None = None,
    stderr: IO[str] | None = None,
    path: Path | None = None,
) -> Who | None:
    """The trainee for this call: given, else remembered, else asked (once) when `ask`.

    Raises BadName for a name or team that cannot be used."""
    if name:
        who = Who(clean_name(name), clean_team(team))
        remember(who, path)
        return who
    if os.environ.get("CALLSIM_TRAINEE", "").strip():
        env_team = team if team is not None else os.environ.get("CALLSIM_TEAM")
        return Who(clean_name(os.environ["CALLSIM_TRAINEE"]), clean_team(env_team))
    known = remembered(path)
    if known is not None:
        if team is not None:
            known = Who(known.name, clean_team(team))
            remember(known, path)
        return known
    stdin = stdin or sys.stdin
    if not ask or not stdin.isatty():
        return None
    return _ask(team, stdin, stderr or sys.stderr, path)


def _ask(team: str | None, stdin: IO[str], err: IO[str], path: Path | None) -> Who | None:
    for _ in range(3):
        err.write("Your name, for your training records (asked once): ")
        err.flush()
        line = stdin.readline()
        if not line:
            return None
        try:
            who = Who(clean_name(line), clean_team(team))
        except BadName as exc:
            print(f"callsim: {exc}", file=err)
            continue
        remember(who, path)
        return who
    return None
