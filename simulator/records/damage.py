"""What is wrong in a SQLite store whose rows a command could not read.

SQLite keeps a value of any type in any column, so a row changed by another program
(a database browser, a script, a hand edit) can hold `'garbage'` where a date belongs,
`'high'` for a score or text that is not JSON for the evidence; the command reading it
then failed with a ValueError or TypeError traceback. The command line asks `damage`
only after such a failure (a sound store costs nothing), and shows its answer, naming
the store, the column and the value, instead of the traceback. A server store's column
types are enforced by the server, so only SQLite is checked.
"""

from __future__ import annotations

import os

from sqlalchemy import Boolean, Column, DateTime, Float, Integer, String, Table, Text
from sqlalchemy.engine import Connection

#: columns holding JSON text (the rest of Text columns are plain text)
JSON_COLUMNS = frozenset({("item_results", "evidence")})


def _wrong(table: Table, col: Column[object]) -> tuple[str, str] | None:
    """(the SQL condition a bad value meets, what a value must be) for a column."""
    c = f'"{col.name}"'
    if (table.name, col.name) in JSON_COLUMNS:
        return f"typeof({c}) != 'text' OR json_valid({c}) = 0", "not JSON"
    if isinstance(col.type, DateTime):
        return f"typeof({c}) != 'text' OR datetime({c}) IS NULL", "not a date"
    if isinstance(col.type, Float):
        return f"typeof({c}) NOT IN ('real', 'integer')", "not a number"
    if isinstance(col.type, Integer | Boolean):
        return f"typeof({c}) != 'integer'", "not a whole number"
    if isinstance(col.type, String | Text):
        return f"typeof({c}) != 'text'", "not text"
    return None


def _first_bad(conn: Connection, table: Table) -> tuple[str, object, str, int] | None:
    """(column, a bad value, what is wrong, how many rows) for the table's first bad column."""
    from sqlalchemy import text

    for col in table.columns:
        wrong = _wrong(table, col)
        if wrong is None:
            continue
        where = f'"{col.name}" IS NOT NULL AND ({wrong[0]})'
        rows = conn.execute(
            text(f'SELECT "{col.name}", count(*) OVER () FROM "{table.name}" WHERE {where} LIMIT 1')
        ).first()
        if rows is not None:
            return col.name, rows[0], wrong[1], int(rows[1])
    return None


def damage(db: str | None) -> str | None:
    """One line on the first column of the store `db` holding a value of the wrong kind,
    or None (not SQLite, cannot be opened, or nothing found)."""
    from sqlalchemy.exc import SQLAlchemyError

    from scoring.literal import excerpt
    from simulator.records import schema
    from simulator.records.engine import make_engine
    from simulator.records.errors import StoreError
    from simulator.records.location import describe, resolve_url

    try:
        url = resolve_url(db)
        if url.get_backend_name() != "sqlite" or not os.path.isfile(url.database or ""):
            return None  # (connecting would create a missing file)
        engine = make_engine(url, 1.0)
        try:
            with engine.connect() as conn:
                for table in schema.metadata.sorted_tables:
                    found = _first_bad(conn, table)
                    if found is not None:
                        name, value, wrong, rows = found
                        return (
                            f"the store {describe(url)} is damaged: {table.name}.{name} holds "
                            f"{excerpt(value)} ({wrong}) in {rows:,} row(s); restore a backup, "
                            "or correct or delete those rows"
                        )
        finally:
            engine.dispose()
    except (SQLAlchemyError, StoreError, OSError, ValueError):
        return None
    return None


def explained(exc: Exception, db: str | None) -> str:
    """The message for an error a command caught: the store's damage when a ValueError
    came from a damaged row, else the error's own words."""
    from simulator.records.names import BadName

    if isinstance(exc, ValueError) and not isinstance(exc, BadName):
        return damage(db) or str(exc)
    return str(exc)
