"""A throwaway PostgreSQL server for the records tests: initdb + pg_ctl on a temp folder.

Debian's `postgresql` package puts the server in /usr/lib/postgresql/N/bin. The
server refuses to run as root, so as root (CI) it runs as the `postgres` user
the package creates (else `nobody`), on a Unix socket in the temp folder; no
TCP port is opened and nothing outside the folder is touched.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
from pathlib import Path

PORT = 54329


class NoServer(RuntimeError):
    """Why no PostgreSQL server can be had here."""


def server_bin() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    if initdb:
        return Path(initdb).resolve().parent
    raise NoServer("no PostgreSQL server installed (apt-get install postgresql)")


def _run_as() -> pwd.struct_passwd | None:
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            return pwd.getpwnam(name)
        except KeyError:
            continue
    raise NoServer("running as root and no 'postgres' or 'nobody' user to run the server")


class Server:
    def __init__(self) -> None:
        self.bin = server_bin()
        self.user = _run_as()
        self.root = Path(tempfile.mkdtemp(prefix="callsim-pg-"))
        self.data = self.root / "data"
        self.sock = self.root / "sock"
        self.sock.mkdir()
        if self.user is not None:
            for p in (self.root, self.sock):
                os.chown(p, self.user.pw_uid, self.user.pw_gid)
        self._n = 0

    def _cmd(self, *args: str) -> subprocess.CompletedProcess[str]:
        kw: dict[str, object] = {}
        if self.user is not None:
            kw = {"user": self.user.pw_uid, "group": self.user.pw_gid, "extra_groups": []}
        return subprocess.run(
            args, capture_output=True, text=True, timeout=120, cwd=self.root, check=False, **kw
        )  # type: ignore[call-overload]

    def start(self) -> None:
        r = self._cmd(
            str(self.bin / "initdb"), "-D", str(self.data), "-U", "postgres",
            "--auth=trust", "-E", "UTF8", "--no-sync", "--locale=C",
        )  # fmt: skip
        if r.returncode:
            raise NoServer(f"initdb failed: {(r.stderr or r.stdout).strip()[-300:]}")
        opts = f"-k {self.sock} -c listen_addresses='' -p {PORT} -c fsync=off"
        r = self._cmd(
            str(self.bin / "pg_ctl"), "-D", str(self.data), "-o", opts, "-w",
            "-l", str(self.root / "log"), "start",
        )  # fmt: skip
        if r.returncode:
            log = (self.root / "log").read_text(errors="replace")[-300:]
            raise NoServer(f"pg_ctl start failed: {r.stderr.strip()[-200:]} {log}")

    def stop(self) -> None:
        self._cmd(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop")
        shutil.rmtree(self.root, ignore_errors=True)

    def url(self, db: str = "postgres") -> str:
        return f"postgresql://postgres@/{db}?host={self.sock}&port={PORT}"

    def new_database(self) -> str:
        """A fresh, empty database's URL (one per test)."""
        import psycopg

        self._n += 1
        name = f"t{os.getpid()}_{self._n}"
        with psycopg.connect(host=str(self.sock), port=PORT, user="postgres",
                             dbname="postgres", autocommit=True) as conn:  # fmt: skip
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def execute(self, url_db: str, sql: str) -> None:
        import psycopg

        with psycopg.connect(host=str(self.sock), port=PORT, user="postgres",
                             dbname=url_db, autocommit=True) as conn:  # fmt: skip
            conn.execute(sql)
