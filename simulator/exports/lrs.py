"""Sending statements to a Learning Record Store (xAPI 1.0.3 over HTTP, basic auth), with
httpx.

Statements go in batches (POST /statements); each accepted batch is marked sent in the
store in one transaction, so an LRS that goes down mid-way loses nothing and a second run
sends only what is left. A batch the LRS refuses as a conflict (some statement id it holds
already: sent before the store could mark it) is sent one statement at a time with PUT,
where 409 means "already there". Every failure is one line (`LrsError`).
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import httpx

from scoring.literal import printable, unicode_safe

BATCH = 50
VERSION = "1.0.3"
#: seconds a whole request may take, answer included (the client's timeout is per read:
#: an LRS trickling a byte at a time kept an export waiting for ever)
DEADLINE_S = 60.0
#: bytes of an answer read (an error page is shown cut to 200 characters; a 300 MB one
#: was read whole, ending in a MemoryError)
MAX_ANSWER = 64 * 1024


class LrsError(RuntimeError):
    """The LRS cannot be reached or refused the statements; one line for the trainer."""


def endpoint(url: str) -> str:
    """The statements resource under the LRS's xAPI endpoint URL."""
    url = url.strip()
    if not url.startswith(("http://", "https://")):
        raise LrsError(f"--lrs '{shown(url)[:80]}' is not an http:// or https:// URL")
    try:
        httpx.URL(url)
    except httpx.InvalidURL as exc:  # a control character, a bad port ...
        raise LrsError(f"--lrs '{shown(url)[:80]}' is not a URL: {printable(str(exc))}") from None
    return url.rstrip("/") + "/statements"


def parse_auth(text: str) -> tuple[str, str]:
    key, sep, secret = text.partition(":")
    if not sep or not key:
        raise LrsError("--auth must be KEY:SECRET (the LRS's basic-auth key and secret)")
    return key, secret


def shown(url: str) -> str:
    """The URL fit to print: any user:password@ in it left out."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:  # "http://[::1": the host cannot be found, so nor can a password
        return "(a URL that cannot be read)"
    host = parts.netloc.rpartition("@")[2]
    return printable(urlunsplit((parts.scheme, host, parts.path, parts.query, "")) or url[:80])


class Lrs:
    def __init__(self, url: str, auth: tuple[str, str], timeout: float = 15.0) -> None:
        self.url = shown(url)
        self.statements = endpoint(url)
        self.client = httpx.Client(
            auth=auth,
            timeout=timeout,
            headers={"X-Experience-API-Version": VERSION, "Accept-Encoding": "identity"},
            follow_redirects=False,
        )

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> Lrs:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def send(
        self, statements: Iterable[dict[str, Any]], sent: Callable[[list[str]], None]
    ) -> tuple[int, int]:
        """Send all, `BATCH` at a time as `statements` (a stream) yields them; `sent(ids)`
        is called after each batch the LRS accepted.
        (new statements stored, statements the LRS already had)."""
        new = known = 0
        stream = iter(statements)
        while batch := list(itertools.islice(stream, BATCH)):
            resp = self._request("POST", self.statements, json=batch)
            if resp.status_code == 409:
                n, k = self._one_by_one(batch)
                new, known = new + n, known + k
            else:
                self._check(resp)
                new += len(batch)
            sent([s["id"] for s in batch])
        return new, known

    def _one_by_one(self, batch: list[dict[str, Any]]) -> tuple[int, int]:
        new = known = 0
        for s in batch:
            resp = self._request("PUT", self.statements, json=s, params={"statementId": s["id"]})
            if resp.status_code == 409:
                known += 1
                continue
            self._check(resp)
            new += 1
        return new, known

    def _request(self, method: str, url: str, **kw: Any) -> httpx.Response:
        """The answer, its body cut to `MAX_ANSWER` bytes, within `DEADLINE_S` (the request
        runs in a daemon thread, given up on at the deadline)."""
        done: list[httpx.Response | BaseException] = []

        def run() -> None:
            try:
                done.append(self._bounded(method, url, **kw))
            except BaseException as exc:  # noqa: BLE001 - raised again in the caller
                done.append(exc)

        worker = threading.Thread(target=run, name="callsim-lrs", daemon=True)
        worker.start()
        worker.join(DEADLINE_S)
        if not done:
            raise LrsError(f"the LRS at {self.url} did not answer in time")
        try:
            if isinstance(done[0], BaseException):
                raise done[0]
            return done[0]
        except httpx.TimeoutException:
            raise LrsError(f"the LRS at {self.url} did not answer in time") from None
        except httpx.HTTPError as exc:
            why = str(exc).split("\n")[0] or type(exc).__name__
            raise LrsError(f"cannot reach the LRS at {self.url}: {why[:200]}") from None

    def _bounded(self, method: str, url: str, **kw: Any) -> httpx.Response:
        body = bytearray()
        with self.client.stream(method, url, **kw) as resp:
            for chunk in resp.iter_raw():
                body += chunk
                if len(body) >= MAX_ANSWER:
                    break
        return httpx.Response(resp.status_code, content=bytes(body[:MAX_ANSWER]))

    def _check(self, resp: httpx.Response) -> None:
        code = resp.status_code
        if code in (401, 403):
            raise LrsError(f"the LRS at {self.url} refused the credentials (HTTP {code})")
        if not 200 <= code < 300:
            body = printable(unicode_safe(" ".join(resp.text.split())[:200]))
            raise LrsError(f"the LRS at {self.url} answered HTTP {code}: {body}")
