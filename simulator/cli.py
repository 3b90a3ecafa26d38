"""`callsim`: the command line. Sub-commands live in `simulator.commands`."""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import sys
from collections.abc import Sequence

from simulator import __version__, commands
from simulator.output import OUTPUT_ERRNOS, quiet_stdout


def command_names() -> list[str]:
    """The sub-command modules, found in the package (not imported)."""
    found = (m.name for m in pkgutil.iter_modules(commands.__path__))
    return sorted(name for name in found if not name.startswith("_"))


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser; with `only`, just that command's module is imported and registered
    in full, the others are listed by their summary (they are not being run)."""
    parser = argparse.ArgumentParser(
        prog="callsim",
        description="Offline role-play trainer for customer-service phone agents.",
        epilog="Run 'callsim COMMAND --help' for a command's options.",
    )
    parser.add_argument("--version", action="version", version=f"callsim {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in command_names():
        if only is None or name == only or name not in commands.SUMMARIES:
            module = importlib.import_module(f"{commands.__name__}.{name}")
            module.register(sub)
        else:
            sub.add_parser(name, help=commands.SUMMARIES[name], add_help=False)
    return parser


def _command_in(argv: Sequence[str]) -> str | None:
    """The sub-command named on the command line, if any (the first word not an option)."""
    word = next((a for a in argv if not a.startswith("-")), None)
    return word if word in commands.SUMMARIES else ""


def main(argv: Sequence[str] | None = None) -> int:
    # pygame greets on stdout when first imported (microphones, enrol, play --mic): not in
    # a command's output, which may be JSON
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    _standard_streams()
    words = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(only=_command_in(words))
    args = parser.parse_args(words)
    if not getattr(args, "func", None):
        parser.print_help()
        return 0
    try:
        status = int(args.func(args) or 0)
        sys.stdout.flush()  # here, not at exit, so a full disk is reported like any write
        return status
    except KeyboardInterrupt:
        print("\ncallsim: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # e.g. `callsim grade ... | head`
        return 0
    except OSError as exc:
        if exc.errno not in OUTPUT_ERRNOS:
            raise
        return _cannot_write(words, exc)
    except (ValueError, TypeError, OverflowError):
        said = _damaged_store(args)
        if said is None:
            raise  # not the store: a bug to report, with its traceback
        name = next((w for w in words if not w.startswith("-")), "")
        print(f"callsim {name}: {said}", file=sys.stderr)
        return 2
    except Exception as exc:
        said = _store_failure(args, exc)
        if said is None:
            raise  # not the store: a bug to report, with its traceback
        name = next((w for w in words if not w.startswith("-")), "")
        print(f"callsim {name}: {said}", file=sys.stderr)
        return 2


def _standard_streams() -> None:
    """A standard stream closed when callsim started (`<&-`, `>&-`: Python then has None
    for it) is pointed at the null device: input ends at once, output goes nowhere, and
    the descriptor is taken, so no file opened later (the store) gets 0, 1 or 2 and
    receives what a library prints. (`play` ended in an AttributeError traceback.)"""
    for name, mode in (("stdin", "r"), ("stdout", "w"), ("stderr", "w")):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, mode, encoding="utf-8"))  # noqa: SIM115


def _damaged_store(args: argparse.Namespace) -> str | None:
    """A row of the wrong kind in the command's store (another program's edit): one line
    naming the store, column and value (simulator/records/damage.py); else None."""
    if not hasattr(args, "db"):
        return None
    from simulator.records.damage import damage

    return damage(args.db)


def _store_failure(args: argparse.Namespace, exc: Exception) -> str | None:
    """One line for a database error a command let through (a query outside the store's
    guarded methods: `export` and `report --team` ended in a 20-line SQLAlchemy traceback
    quoting the query), naming the store; None for any other exception."""
    errors = sys.modules.get("sqlalchemy.exc")  # loaded by then if a store was opened
    if errors is None or not isinstance(exc, errors.SQLAlchemyError) or not hasattr(args, "db"):
        return None
    from simulator.records.engine import friendly
    from simulator.records.location import resolve_url

    try:
        url = resolve_url(args.db)
    except Exception:  # noqa: BLE001 - the store opened, so its name was read before
        return None
    return str(friendly(exc, url))


def _cannot_write(words: Sequence[str], exc: OSError) -> int:
    """One line for output that could not be written (stdout on a full disk ...), and stdout
    pointed at /dev/null so the exit's flush cannot fail again with a traceback."""
    from scoring.literal import printable, unicode_safe

    quiet_stdout()
    what = printable(unicode_safe(str(exc.filename))) if exc.filename else "the output"
    name = next((w for w in words if not w.startswith("-")), "")
    print(f"callsim {name}: cannot write {what}: {exc.strerror or exc}", file=sys.stderr)
    return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
