"""The schema comes from the Alembic migrations, from the first revision on."""

from __future__ import annotations

import datetime as dt

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import insert, select

from simulator.records import open_store, schema
from simulator.records.engine import HEAD, alembic_config, current_revision, make_engine, upgrade
from simulator.records.location import resolve_url
from simulator.records.names import name_key


def test_head_constant_is_the_newest_migration() -> None:
    assert ScriptDirectory.from_config(alembic_config(None)).get_current_head() == HEAD


def test_an_empty_store_migrates_to_the_tables_the_code_uses(db_url: str) -> None:
    with open_store(db_url) as store, store.engine.connect() as conn:
        assert current_revision(conn) == HEAD
        assert compare_metadata(MigrationContext.configure(conn), schema.metadata) == []


def test_a_store_at_the_first_schema_is_migrated_with_its_calls(db_url: str) -> None:
    url = resolve_url(db_url)
    engine = make_engine(url)
    now = dt.datetime.now(dt.UTC)
    with engine.begin() as conn:
        upgrade(conn, "0001")
        conn.execute(
            insert(schema.trainees).values(
                id=1, name="Old Timer", name_key=name_key("Old Timer"), created_at=now
            )
        )
        conn.execute(
            insert(schema.calls).values(
                uid="00000000-0000-4000-8000-000000000001", trainee_id=1, kind="roleplay",
                policy="default", started_at=now, transcript="/x.txt", outcome="completed",
                host="h", pid=1, score=90.0, passed=True, graded_at=now,
            )
        )  # fmt: skip
        marks = [("a.one", "fail"), ("b.two", "pass"), ("c.three", "fail"), ("d.four", "na")]
        conn.execute(
            insert(schema.item_results),
            [{"call_id": 1, "item": i, "result": r, "reason": "", "evidence": "[]",
              "weight": 1.0, "critical": False} for i, r in marks],
        )  # fmt: skip
        conn.execute(
            insert(schema.overrides).values(
                call_id=1, item="c.three", result="pass", reason="r", by_name="T", created_at=now
            )
        )
    engine.dispose()
    with open_store(db_url) as store:
        [row] = store.calls()
        [trainee] = store.trainees()
        with store.engine.connect() as conn:
            assert current_revision(conn) == HEAD
            failed = conn.execute(select(schema.calls.c.failed_items)).scalar()
    assert (row.trainee, row.score, row.passed) == ("Old Timer", 90.0, True)
    assert failed == "a.one"  # filled by 0002 from the results, the override applied
    assert trainee.weakest == ("a.one",)
