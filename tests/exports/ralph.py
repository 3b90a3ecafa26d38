"""A real Learning Record Store for the tests: Ralph (`ralph-malph[cli,lrs,backend-fs]`)
started on 127.0.0.1 with its file-system backend and basic-auth credentials.

Ralph pins its own dependency versions, so it lives in a virtual environment of its own:
`.ci/run` installs it and names it in CALLSIM_RALPH (and sets CALLSIM_REQUIRE_RALPH=1);
on a developer's machine `ralph` on PATH is used when there is one.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path
from typing import Any

import httpx

KEY, SECRET = "callsim-tests", "s3cret-Pa55"
#: Ralph's own server (`ralph.api:app` under uvicorn, as `ralph runserver -b fs` starts it,
#: without the file-watching reloader), with one fix: Ralph 5.1's file-system backend
#: writes with CREATE, which refuses every write after the first ("fs_lrs.jsonl already
#: exists and overwrite is not allowed"), so an LRS could take one POST only; here it
#: appends, as a store of statements must. Authentication, validation, duplicate checks and
#: queries are Ralph's own.
LAUNCH = """
import sys
import uvicorn
from ralph.backends.data.base import BaseOperationType
from ralph.backends.data.fs import FSDataBackend
FSDataBackend.default_operation_type = BaseOperationType.APPEND
uvicorn.run("ralph.api:app", host="127.0.0.1", port=int(sys.argv[1]), log_level="info")
"""


class NoRalph(RuntimeError):
    pass


def find_ralph() -> str | None:
    return os.environ.get("CALLSIM_RALPH") or shutil.which("ralph")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Ralph:
    def __init__(self, exe: str, folder: Path) -> None:
        self.exe = exe
        self.folder = folder
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/xAPI/"
        self.env = {
            **os.environ,
            "RALPH_RUNSERVER_BACKEND": "fs",
            "RALPH_AUTH_FILE": str(folder / "auth.json"),
            "RALPH_APP_DIR": str(folder / "app"),
        }
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        auth = subprocess.run(
            [self.exe, "auth", "-u", KEY, "-p", SECRET, "-s", "all",
             "-M", "mailto:lrs-admin@example.com", "-w"],
            env=self.env, capture_output=True, timeout=120, check=False,
        )  # fmt: skip
        if auth.returncode != 0:
            raise NoRalph(f"ralph auth failed: {auth.stderr.decode()[-300:]}")
        env = {**self.env, "RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH": str(self.folder)}
        python = str(Path(self.exe).with_name("python"))
        with (self.folder / "server.log").open("wb") as log:  # the child keeps its own fd
            self.proc = subprocess.Popen(
                [python, "-c", LAUNCH, str(self.port)],
                env=env, stdin=subprocess.DEVNULL, stdout=log, stderr=log,
                start_new_session=True, cwd=self.folder,
            )  # fmt: skip
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise NoRalph(f"ralph runserver exited: {self.log()[-400:]}")
            try:
                if httpx.get(f"http://127.0.0.1:{self.port}/__heartbeat__", timeout=2).is_success:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.3)
        raise NoRalph("ralph runserver did not answer in 90 s")

    def log(self) -> str:
        return (self.folder / "server.log").read_text(errors="replace")

    def statements_with_id(self, statement_id: str) -> int:
        """How many statements the LRS returns for one id (one, if it keeps one)."""
        resp = httpx.get(
            self.url + "statements",
            params={"statementId": statement_id},
            auth=(KEY, SECRET),
            headers={"X-Experience-API-Version": "1.0.3"},
            timeout=30,
        )
        resp.raise_for_status()
        body = resp.json()
        found = body.get("statements", [body])
        return sum(1 for s in found if s.get("id") == statement_id)

    def statement(self, statement_id: str) -> dict[str, Any] | None:
        """The statement the LRS holds under this id, or None (GET ?statementId=; Ralph
        answers with a StatementResult list, the specification with the statement)."""
        resp = httpx.get(
            self.url + "statements",
            params={"statementId": statement_id},
            auth=(KEY, SECRET),
            headers={"X-Experience-API-Version": "1.0.3"},
            timeout=30,
        )
        if resp.status_code == 404:
            return None
        resp.raise_for_status()
        body = resp.json()
        if "statements" in body:
            found = [s for s in body["statements"] if s.get("id") == statement_id]
            return dict(found[0]) if found else None
        return dict(body)

    def stop(self) -> None:
        if self.proc is None:
            return
        try:
            os.killpg(self.proc.pid, signal.SIGTERM)  # the server and the uvicorn it starts
            self.proc.wait(15)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.proc.wait()
