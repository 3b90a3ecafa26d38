"""`callsim`: the command line. Sub-commands live in `simulator.commands`."""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from collections.abc import Sequence

from simulator import __version__, commands


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="callsim",
        description="Offline role-play trainer for customer-service phone agents.",
        epilog="Run 'callsim COMMAND --help' for a command's options.",
    )
    parser.add_argument("--version", action="version", version=f"callsim {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{commands.__name__}.{info.name}")
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 0
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        print("\ncallsim: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # e.g. `callsim grade ... | head`
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
