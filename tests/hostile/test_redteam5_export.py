"""`callsim export` on a store of many calls: streamed, the same bytes, whole or nothing.

Found by the fourth red team and fixed by the fifth: every call was read into a list, with
its ~50 item results, before the first byte was written (719-773 MB of memory for 32,000
calls with `csv --long`, 400 MB for the wide CSV, 541 MB for xAPI). Now the calls are read
a chunk at a time and written as they come; `--out` still appears whole or not at all, and
what is written is byte for byte what the whole list gave.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import socket
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest
from sqlalchemy import func, insert, select

from simulator.cli import main
from simulator.exports import rows
from simulator.records import open_store
from simulator.records import schema as t
from tests.training.calls import T0, record

N = 7  # calls; the chunk is patched to 2, so four chunks


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """`N` completed calls of two trainees: one played, the rest its copies (new uids,
    an hour apart, every other one another trainee's), so the test is fast."""
    from simulator.records import identity
    from simulator.training import practice

    monkeypatch.setattr(practice, "cache_path", lambda: tmp_path / "practice-items.json")
    monkeypatch.setattr(identity, "settings_path", lambda: tmp_path / "trainee.json")
    monkeypatch.setattr(rows, "CHUNK", 2)
    url = f"sqlite:///{tmp_path / 'records.sqlite'}"
    first = record(url, tmp_path, T0, "Kim Ray")
    record(url, tmp_path, T0 - dt.timedelta(days=1), "=Ann Lee")
    _copies(url, first, N - 2)
    return url


def _copies(url: str, call_id: int, n: int) -> None:
    with open_store(url) as st, st.engine.begin() as conn:
        call = dict(conn.execute(select(t.calls).where(t.calls.c.id == call_id)).one()._mapping)
        items = [
            dict(r._mapping)
            for r in conn.execute(select(t.item_results).where(t.item_results.c.call_id == call_id))
        ]
        top = int(conn.execute(select(func.max(t.calls.c.id))).scalar_one())
        for k in range(1, n + 1):
            new = {**call, "id": top + k, "uid": str(uuid.uuid4())}
            new["started_at"] = T0 + dt.timedelta(hours=k)
            conn.execute(insert(t.calls), [new])
            for it in items:
                it = {**it, "call_id": new["id"]}
                it.pop("id", None)
                conn.execute(insert(t.item_results), [it])


class Watched(io.StringIO):
    """Standard output that notes how many calls had been read when the first was written."""

    def __init__(self, made: list[int]) -> None:
        super().__init__()
        self.made = made
        self.at_first: int | None = None

    def write(self, s: str) -> int:
        if self.at_first is None and ("Kim Ray" in s or "Ann Lee" in s):
            self.at_first = self.made[0]
        return super().write(s)


@pytest.mark.parametrize("argv", [["csv"], ["csv", "--long"], ["xapi"]])
def test_the_first_call_is_written_before_the_last_is_read(
    argv: list[str], store: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = [0]
    real = rows._call

    def counted(r: Any) -> Any:
        made[0] += 1
        return real(r)

    monkeypatch.setattr(rows, "_call", counted)
    out = Watched(made)
    monkeypatch.setattr("sys.stdout", out)
    assert main(["export", *argv, "--db", store]) == 0
    assert made[0] == N
    assert out.at_first is not None
    assert out.at_first <= 2, (
        f"{out.at_first} of {N} calls read before the first was written (all held in memory)"
    )


def _whole(store: str) -> list[Any]:
    with open_store(store) as st, st.engine.connect() as conn:
        return rows.export_calls(conn, rows.Filter())


def test_streamed_output_is_what_the_whole_list_gave(
    store: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from simulator.commands.export import _titles
    from simulator.exports.csvfile import write_long, write_wide
    from simulator.exports.xapi import DEFAULT_HOMEPAGE, exportable, statement

    calls = _whole(store)
    assert len(calls) == N
    titles = _titles()
    statements = [statement(c, DEFAULT_HOMEPAGE, titles) for c in calls if exportable(c)]
    expect_xapi = orjson.dumps(statements, option=orjson.OPT_INDENT_2).decode() + "\n"
    wide, long = io.StringIO(newline=""), io.StringIO(newline="")
    write_wide(calls, wide)
    write_long(calls, long)
    for argv, expected in (
        (["xapi"], expect_xapi),
        (["csv"], wide.getvalue()),
        (["csv", "--long"], long.getvalue()),
    ):
        capsys.readouterr()
        assert main(["export", *argv, "--db", store]) == 0
        assert capsys.readouterr().out == expected, argv
    assert "'=Ann Lee" in wide.getvalue()  # a formula still defused


def test_no_calls_is_an_empty_array_and_a_header(
    store: str, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert main(["export", "xapi", "--db", store, "--trainee", "Nobody Here"]) == 0
    assert capsys.readouterr().out == "[]\n"
    assert main(["export", "csv", "--db", store, "--trainee", "Nobody Here"]) == 0
    assert capsys.readouterr().out.startswith("call_id,call_uid,trainee,")


def test_a_damaged_row_mid_way_leaves_the_old_file_and_no_scrap(
    store: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Three chunks are written before the damaged call is read: `--out` keeps what it
    held, and the half-written temporary file goes."""
    with open_store(store) as st, st.engine.begin() as conn:
        last = conn.execute(select(t.calls.c.id).order_by(t.calls.c.started_at.desc())).first()
        assert last is not None
        conn.exec_driver_sql(f"UPDATE calls SET started_at = 'last tuesday' WHERE id = {last[0]}")
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    target = out_dir / "calls.csv"
    target.write_text("the old export\n")
    for argv in (["csv", "--long"], ["xapi"]):
        capsys.readouterr()
        status = main(["export", *argv, "--db", store, "--out", str(target)])
        err = capsys.readouterr().err
        assert status == 2, err
        assert err.count("\n") == 1, err
        assert "Traceback" not in err
        assert target.read_text() == "the old export\n"
        assert sorted(p.name for p in out_dir.iterdir()) == ["calls.csv"]


class Lrs:
    """A local LRS that stores every statement POSTed to it (200, the ids back)."""

    def __init__(self) -> None:
        self.batches: list[int] = []
        self.ids: set[str] = set()
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}/xAPI/"
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn: socket.socket) -> None:
        with conn, conn.makefile("rb") as f:
            while line := f.readline():
                length = 0
                while (h := f.readline()) not in (b"\r\n", b""):
                    if h.lower().startswith(b"content-length:"):
                        length = int(h.split(b":")[1])
                body = json.loads(f.read(length)) if line.startswith(b"POST") else []
                self.batches.append(len(body))
                self.ids.update(s["id"] for s in body)
                answer = json.dumps([s["id"] for s in body]).encode()
                conn.sendall(
                    b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                    b"Content-Length: %d\r\n\r\n%s" % (len(answer), answer)
                )


@pytest.fixture
def lrs() -> Iterator[Lrs]:
    server = Lrs()
    yield server
    server.sock.close()


def test_statements_stream_to_an_lrs_in_batches_each_marked(
    store: str, lrs: Lrs, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from simulator.exports import lrs as lrs_module
    from simulator.exports.sent import sent_calls

    monkeypatch.setattr(lrs_module, "BATCH", 3)
    argv = ["export", "xapi", "--db", store, "--lrs", lrs.url, "--auth", "k:s"]
    capsys.readouterr()
    assert main(argv) == 0
    said = capsys.readouterr().out
    assert lrs.batches == [3, 3, 1]
    assert said == (
        f"Sent {N} statement(s) to {lrs.url}; 0 sent before, {N} completed calls in all.\n"
    )
    with open_store(store) as st, st.engine.connect() as conn:
        assert len(sent_calls(conn, lrs.url)) == N
    _copies(store, 1, 2)
    assert main(argv) == 0
    said = capsys.readouterr().out
    assert lrs.batches == [3, 3, 1, 2]
    assert said == (
        f"Sent 2 statement(s) to {lrs.url}; {N} sent before, {N + 2} completed calls in all.\n"
    )
    assert main(argv) == 0
    assert capsys.readouterr().out == f"Nothing new to send to {lrs.url}: {N + 2} sent before.\n"
    assert len(lrs.ids) == N + 2
