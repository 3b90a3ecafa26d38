"""`callsim export xapi --lrs` against a hostile Learning Record Store.

Found by the third red team: an LRS answering HTTP 500 with escape sequences in its body had
them printed raw on the trainer's terminal (a window title set, the screen cleared); one
answering with a 300 MB body was read whole into memory (a MemoryError traceback under a
2 GB limit; a 200 with an endless chunked body likewise); one that trickles its answer a
byte at a time, each byte inside the read timeout, kept the export waiting for ever.
Nothing may be marked sent unless the LRS accepted it.
"""

from __future__ import annotations

import socket
import threading
import time
import tracemalloc
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from simulator.cli import main
from simulator.exports import lrs as lrs_module
from tests.training.calls import T0, record

ESC = "\x1b"
Answer = Callable[[socket.socket], None]


def _escapes(conn: socket.socket) -> None:
    body = b"\x1b]0;pwned\x07\x1b[2J\x1b[31m error \x9b1m"
    conn.sendall(b"HTTP/1.1 500 Oops\r\nContent-Length: %d\r\n\r\n%s" % (len(body), body))


def _huge(conn: socket.socket) -> None:
    size = 32 * 2**20
    conn.sendall(b"HTTP/1.1 500 Oops\r\nContent-Length: %d\r\n\r\n" % size)
    chunk = b"<garbage>\n" * 6553 + b"xxxxxx"
    for _ in range(size // len(chunk)):
        conn.sendall(chunk)


def _trickle(conn: socket.socket) -> None:
    for ch in b"HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n" + b"x" * 100_000:
        conn.sendall(bytes([ch]))
        time.sleep(0.2)


class Server:
    """A local LRS that answers every request with `answer` (after reading the request)."""

    def __init__(self, answer: Answer) -> None:
        self.answer = answer
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}/xAPI/"
        self.conns: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.conns.append(conn)
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn: socket.socket) -> None:
        data = b""
        try:
            while b"\r\n\r\n" not in data:
                more = conn.recv(65536)
                if not more:
                    return
                data += more
            self.answer(conn)
        except OSError:
            pass

    def close(self) -> None:
        self.sock.close()
        for conn in self.conns:
            try:
                conn.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            conn.close()


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    from simulator.records import identity
    from simulator.training import practice

    monkeypatch.setattr(practice, "cache_path", lambda: tmp_path / "practice-items.json")
    monkeypatch.setattr(identity, "settings_path", lambda: tmp_path / "trainee.json")
    url = f"sqlite:///{tmp_path / 'records.sqlite'}"
    record(url, tmp_path, T0, "Kim Ray")
    return url


def _serve(answer: Answer) -> Iterator[Server]:
    server = Server(answer)
    try:
        yield server
    finally:
        server.close()


@pytest.fixture
def escapes() -> Iterator[Server]:
    yield from _serve(_escapes)


@pytest.fixture
def huge() -> Iterator[Server]:
    yield from _serve(_huge)


@pytest.fixture
def trickle() -> Iterator[Server]:
    yield from _serve(_trickle)


def _export(db: str, server: Server, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    capsys.readouterr()
    status = main(["export", "xapi", "--db", db, "--lrs", server.url, "--auth", "k:s"])
    out, err = capsys.readouterr()
    return status, out + err


def _nothing_marked_sent(db: str, server: Server) -> None:
    from simulator.exports.sent import sent_calls
    from simulator.records import open_store

    with open_store(db) as st, st.engine.connect() as conn:
        assert not sent_calls(conn, server.url), "marked sent"


def test_an_error_body_with_escapes_is_shown_escaped(
    store: str, escapes: Server, capsys: pytest.CaptureFixture[str]
) -> None:
    status, said = _export(store, escapes, capsys)
    assert status == 2
    assert said.startswith(f"callsim export xapi: the LRS at {escapes.url} answered HTTP 500: ")
    assert said.count("\n") == 1
    for raw in (ESC, "\x07", "\x9b"):
        assert raw not in said, repr(said)
    assert "error" in said
    _nothing_marked_sent(store, escapes)


@pytest.mark.slow  # sends 32 MB (~2 s)
def test_a_huge_error_body_is_not_read_whole(
    store: str, huge: Server, capsys: pytest.CaptureFixture[str]
) -> None:
    tracemalloc.start()
    try:
        status, said = _export(store, huge, capsys)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert status == 2
    assert "answered HTTP 500: <garbage>" in said
    assert said.count("\n") == 1
    assert peak < 16 * 2**20, f"{peak / 2**20:.0f} MB held for a 32 MB answer"
    _nothing_marked_sent(store, huge)


@pytest.mark.slow  # waits for the deadline (1.5 s here)
def test_a_trickling_lrs_is_given_up_on(
    store: str,
    trickle: Server,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    bounded: None,
) -> None:
    monkeypatch.setattr(lrs_module, "DEADLINE_S", 1.5, raising=False)
    started = time.monotonic()
    status, said = _export(store, trickle, capsys)
    assert status == 2
    assert said == f"callsim export xapi: the LRS at {trickle.url} did not answer in time\n"
    assert time.monotonic() - started < 8
    _nothing_marked_sent(store, trickle)


@pytest.mark.parametrize(
    "homepage", ["https://a b.example", "https://x.example\x1b[2J", "https://x.example:99999"]
)
def test_a_homepage_no_iri_can_hold_is_refused(
    homepage: str, store: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Were written into every statement's account and activity ids (invalid IRIs, an escape
    sequence): one line now, naming the option, escaped."""
    capsys.readouterr()
    status = main(["export", "xapi", "--db", store, "--homepage", homepage])
    out, err = capsys.readouterr()
    assert status == 2
    assert out == ""
    assert err.startswith("callsim export xapi: --homepage '")
    assert err.count("\n") == 1
    assert ESC not in err
