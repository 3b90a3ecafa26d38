"""xAPI statements: one per completed role-play call, valid against the statement
structure, with the scaled score, success, duration and failed items."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from simulator.cli import main
from simulator.records import open_store
from tests.records.helpers import hang_up_after_greeting
from tests.training.calls import T0, mistake, record

SCHEMA = json.loads((Path(__file__).parent / "xapi-statement.schema.json").read_text())
NAME = 'Dana "<script>" Whitfield'


def _statements(url: str, capsys: pytest.CaptureFixture[str], *args: str) -> list[dict]:
    capsys.readouterr()
    assert main(["export", "xapi", "--db", url, *args]) == 0
    return list(json.loads(capsys.readouterr().out))


def test_one_valid_statement_per_completed_call(
    sqlite_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    failed = record(
        sqlite_url,
        tmp_path,
        T0,
        NAME,
        moves=mistake("wrong-size-planter", "hold.max_segment", NAME),
    )
    passed = record(sqlite_url, tmp_path, T0 + dt.timedelta(days=1), NAME)
    hung_up = record(  # hung up early: graded, but not a completed call
        sqlite_url, tmp_path, T0 + dt.timedelta(days=2), NAME,
        moves=hang_up_after_greeting(),
    )  # fmt: skip
    with open_store(sqlite_url) as store:
        outcomes = {r.id: r.outcome for r in store.calls()}
        uids = {r.id: r.uid for r in store.calls()}
    assert outcomes[hung_up] != "completed"
    statements = _statements(sqlite_url, capsys)
    assert len(statements) == 2
    validator = jsonschema.Draft202012Validator(SCHEMA)
    for s in statements:
        errors = sorted(validator.iter_errors(s), key=str)
        assert errors == [], errors[0].message
        score = s["result"]["score"]
        assert score["min"] <= score["raw"] <= score["max"]
        assert score["scaled"] == pytest.approx(score["raw"] / 100, abs=1e-4)
    first, second = statements
    assert first["actor"]["name"] == NAME
    assert first["actor"]["account"] == {"homePage": "https://callsim.invalid", "name": NAME}
    assert first["object"]["id"] == "https://callsim.invalid/scenarios/wrong-size-planter"
    assert first["object"]["definition"]["name"] == {"en-US": "The wrong planter arrived"}
    ext = "https://callsim.invalid/xapi/extensions"
    assert first["result"]["extensions"][f"{ext}/failed-items"] == ["hold.max_segment"]
    assert first["context"]["extensions"][f"{ext}/call"] == uids[failed]
    assert second["result"]["extensions"][f"{ext}/failed-items"] == []
    assert second["context"]["extensions"][f"{ext}/call"] == uids[passed]
    assert second["verb"]["id"] == "http://adlnet.gov/expapi/verbs/passed"
    assert second["result"]["success"] is True
    assert second["result"]["duration"].startswith("PT")
    assert first["timestamp"] == T0.isoformat()
    # the same call gives the same statement id every time (an LRS keeps one)
    assert [s["id"] for s in _statements(sqlite_url, capsys)] == [s["id"] for s in statements]


def test_the_schema_rejects_what_xapi_forbids() -> None:
    """The validator is not a rubber stamp: two identifiers, a bad duration, a score out of
    range and a non-IRI extension key are each refused."""
    good: dict[str, Any] = {
        "id": "6351af7e-2115-5c44-b918-302551b0cc24",
        "actor": {"objectType": "Agent", "account": {"homePage": "https://x.example", "name": "a"}},
        "verb": {"id": "http://adlnet.gov/expapi/verbs/passed", "display": {"en-US": "passed"}},
        "object": {"objectType": "Activity", "id": "https://x.example/s/1"},
        "result": {"score": {"scaled": 0.5}, "duration": "PT12.50S"},
        "timestamp": "2026-11-02T09:00:00+00:00",
    }
    v = jsonschema.Draft202012Validator(SCHEMA)
    assert list(v.iter_errors(good)) == []
    bad = [
        {**good, "actor": {**good["actor"], "mbox": "mailto:a@b.example"}},
        {**good, "result": {"duration": "12 seconds"}},
        {**good, "result": {"score": {"scaled": 1.5}}},
        {**good, "result": {"extensions": {"failed items": []}}},
        {**good, "timestamp": "yesterday"},
    ]
    for s in bad:
        assert list(v.iter_errors(s)), s


def test_homepage_and_filters(
    sqlite_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    record(sqlite_url, tmp_path, T0, "Ann Lee")
    record(sqlite_url, tmp_path, T0 + dt.timedelta(days=3), "Bo Chan")
    [s] = _statements(
        sqlite_url, capsys, "--trainee", "Bo Chan", "--homepage", "https://lms.example.com/"
    )
    assert s["actor"]["account"]["homePage"] == "https://lms.example.com/"
    assert s["object"]["id"] == "https://lms.example.com/scenarios/wrong-size-planter"
    assert len(_statements(sqlite_url, capsys, "--since", "2026-11-04")) == 1
    assert main(["export", "xapi", "--db", sqlite_url, "--homepage", "callsim"]) == 2
    err = capsys.readouterr().err
    assert (
        err == "callsim export xapi: --homepage 'callsim' is not an http:// or https:// address\n"
    )
