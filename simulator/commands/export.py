"""`callsim export csv|xapi`: the records for spreadsheets and learning systems.

`export csv` writes calls and item results (`--long`: one row per call and item).
`export xapi` writes one xAPI statement per completed role-play call (JSON); with
`--lrs URL --auth KEY:SECRET` it sends them to a Learning Record Store instead, and
remembers which it sent there, so the next run sends only new calls.
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import os
import sys
from collections.abc import Iterable, Iterator
from typing import IO, Any

AUTH_ENV = "CALLSIM_LRS_AUTH"


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from simulator.records.options import add_db_option

    p = sub.add_parser("export", help="export calls as CSV or xAPI statements", description=__doc__)
    kinds = p.add_subparsers(dest="kind", metavar="csv|xapi", required=True)
    c = kinds.add_parser("csv", help="calls and item results as CSV", description=__doc__)
    c.add_argument("--long", action="store_true", help="one row per call and item")
    x = kinds.add_parser(
        "xapi", help="xAPI statements, or send them to an LRS", description=__doc__
    )
    x.add_argument("--lrs", metavar="URL", help="send to this LRS's xAPI endpoint")
    x.add_argument(
        "--auth",
        metavar="KEY:SECRET",
        help=f"the LRS's basic-auth credentials (or ${AUTH_ENV})",
    )
    x.add_argument(
        "--homepage",
        metavar="IRL",
        help="your organisation's home page, naming trainees' accounts and scenario ids "
        "(default https://callsim.invalid)",
    )
    for q in (c, x):
        q.add_argument("--trainee", metavar="NAME", help="only this trainee's calls")
        q.add_argument("--team", metavar="T", help="only this team's calls")
        q.add_argument("--since", metavar="DATE", help="only calls from DATE on (YYYY-MM-DD)")
        q.add_argument("--out", metavar="FILE", help="write here instead of standard output")
        add_db_option(q)
        q.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from simulator.exports.lrs import LrsError
    from simulator.records import StoreError
    from simulator.records.names import BadName

    try:
        return _csv(args) if args.kind == "csv" else _xapi(args)
    except (StoreError, BadName, LrsError, ValueError) as exc:
        from simulator.records.damage import explained

        print(f"callsim export {args.kind}: {explained(exc, args.db)}", file=sys.stderr)
        return 2


def _filter(args: argparse.Namespace) -> Any:
    from simulator.commands.history import parse_since
    from simulator.exports.rows import Filter
    from simulator.records.names import clean_name, clean_team

    return Filter(
        clean_name(args.trainee) if args.trainee else None,
        clean_team(args.team),
        parse_since(args.since) if args.since else None,
    )


def _calls(args: argparse.Namespace, conn: Any) -> Iterator[Any]:
    """The calls the options select, oldest first, streamed from `conn`."""
    from simulator.exports.rows import iter_calls

    return iter_calls(conn, _filter(args))


@contextlib.contextmanager
def _output(args: argparse.Namespace) -> Iterator[IO[str]]:
    """Standard output, or `--out` written whole or not at all as the export streams in."""
    if not args.out:
        yield sys.stdout
        return
    from pathlib import Path

    from simulator.reports.build import open_page

    try:
        with open_page(Path(args.out)) as out:
            yield out
    except OSError as exc:
        raise ValueError(f"cannot write {_shown(args.out)}: {exc.strerror or exc}") from None


def _csv(args: argparse.Namespace) -> int:
    from simulator.exports.csvfile import write_long, write_wide
    from simulator.exports.rows import items_of
    from simulator.records import open_store

    with open_store(args.db) as store, store.engine.connect() as conn, _output(args) as out:
        calls = _calls(args, conn)
        if args.long:
            n = write_long(calls, out)
        else:
            n = write_wide(calls, out, items_of(conn, _filter(args)))
    if args.out:
        print(f"Wrote {n} calls to {_shown(args.out)}", file=sys.stderr)
    return 0


def _xapi(args: argparse.Namespace) -> int:
    from simulator.exports.xapi import DEFAULT_HOMEPAGE, exportable
    from simulator.records import open_store

    homepage = args.homepage or DEFAULT_HOMEPAGE
    _check_homepage(homepage)
    if args.lrs and args.out:
        raise ValueError("--lrs sends the statements; --out writes them: give one")
    if args.lrs:
        from simulator.exports.lrs import endpoint

        endpoint(args.lrs)  # a bad address is said before anything else, sent or not
    with open_store(args.db) as store, store.engine.connect() as conn:
        calls = (c for c in _calls(args, conn) if exportable(c))
        titles = _titles()
        if args.lrs:
            return _send(args, store, calls, homepage, titles)
        with _output(args) as out:
            _write_statements(out, calls, homepage, titles)
    return 0


def _write_statements(out: IO[str], calls: Iterable[Any], homepage: str, titles: Any) -> None:
    """The statements as one JSON array, byte for byte what `orjson.dumps(statements,
    option=OPT_INDENT_2)` gives for the whole list, written a statement at a time."""
    import orjson

    from simulator.exports.xapi import statement

    first = True
    for c in calls:
        one = orjson.dumps(statement(c, homepage, titles), option=orjson.OPT_INDENT_2).decode()
        out.write("[\n" if first else ",\n")
        out.write("  " + one.replace("\n", "\n  "))  # JSON strings hold no raw line ends
        first = False
    out.write("[]\n" if first else "\n]\n")


def _shown(path: str) -> str:
    from scoring.literal import printable, unicode_safe

    return printable(unicode_safe(path))


def _check_homepage(homepage: str) -> None:
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(homepage)
        parts.port  # noqa: B018 - raises for a port that is not 0-65535
    except ValueError:  # "http://[x": an unclosed IPv6 bracket; "http://x:99999"
        parts = urlsplit("")
    odd = any(ch.isspace() or not ch.isprintable() for ch in homepage)  # not in an IRI
    if parts.scheme not in ("http", "https") or not parts.netloc or odd:
        raise ValueError(
            f"--homepage '{_shown(homepage[:80])}' is not an http:// or https:// address"
        )


def _titles() -> dict[str, str]:
    from simulator.training.practice import catalogue

    try:
        return {p.id: p.title for p in catalogue()}
    except LookupError:
        return {}


def _send(
    args: argparse.Namespace, store: Any, calls: Iterable[Any], homepage: str, titles: Any
) -> int:
    from simulator.exports.lrs import Lrs, parse_auth, shown
    from simulator.exports.sent import mark_sent, sent_calls
    from simulator.exports.xapi import statement

    auth = parse_auth(args.auth or os.environ.get(AUTH_ENV, ""))
    with store.engine.connect() as conn:
        done = sent_calls(conn, args.lrs)
    every = 0
    by_id: dict[str, int] = {}  # statement id -> call id, for the batch being sent

    def todo() -> Iterator[dict[str, Any]]:
        nonlocal every
        for c in calls:
            every += 1
            if c.id not in done:
                s = statement(c, homepage, titles)
                by_id[s["id"]] = c.id
                yield s

    def sent(ids: list[str]) -> None:
        mark_sent(store, args.lrs, {i: by_id[i] for i in ids})
        for i in ids:
            by_id.pop(i, None)

    statements = todo()
    first = next(statements, None)
    if first is None:
        print(f"Nothing new to send to {shown(args.lrs)}: {len(done)} sent before.")
        return 0
    with Lrs(args.lrs, auth) as lrs:
        new, known = lrs.send(itertools.chain([first], statements), sent)
    already = f" ({known} it already held in an earlier version, kept as it was)" if known else ""
    print(
        f"Sent {new} statement(s) to {shown(args.lrs)}{already}; "
        f"{len(done)} sent before, {every} completed calls in all."
    )
    return 0
