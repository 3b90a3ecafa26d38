"""`callsim` imports only the command it runs; `--help` lists every command from SUMMARIES."""

from __future__ import annotations

import subprocess
import sys

from simulator import commands
from simulator.cli import build_parser, command_names


def _helps() -> dict[str, str]:
    parser = build_parser()
    sub = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    return {ch.dest: str(ch.help) for ch in sub._choices_actions}


def test_summaries_name_every_command_with_its_own_help() -> None:
    assert set(commands.SUMMARIES) == set(command_names())
    assert commands.SUMMARIES == _helps()


def test_running_one_command_imports_no_other() -> None:
    code = (
        "import sys; from simulator.cli import main\n"
        "try:\n    main(['history', '--help'])\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('simulator.engine.engine', 'scoring.batch', 'sqlalchemy',"
        " 'simulator.listen.recogniser', 'matplotlib') if m in sys.modules]\n"
        "print('HEAVY=' + ','.join(heavy))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert out.stdout.strip().splitlines()[-1] == "HEAVY="


def test_help_lists_every_command() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "simulator.cli", "--help"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    for name in commands.SUMMARIES:
        assert name in out.stdout
