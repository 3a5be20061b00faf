"""A real PostgreSQL for tests: `initdb` into a temp dir, listening on 127.0.0.1 on a free port,
password authentication (scram) over TCP like an agency server, no system service. As root it
runs as the `postgres` user (initdb refuses root). Stopped (and its files removed) at the end."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from glob import glob
from pathlib import Path

SUPERUSER = "agency_owner"
SUPERPASSWORD = "owner-secret-" + uuid.uuid4().hex[:8]


def pg_bin() -> Path | None:
    for candidate in sorted(glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if Path(candidate, "initdb").exists():
            return Path(candidate)
    found = shutil.which("initdb")
    return Path(found).parent if found else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Cluster:
    def __init__(self) -> None:
        self.bin = pg_bin()
        if self.bin is None:
            raise RuntimeError("PostgreSQL is not installed (Debian: apt-get install postgresql); `bash dev test` "
                               "installs it")
        self.root = Path(tempfile.mkdtemp(prefix="ics2desk-pg-"))
        self.data = self.root / "data"
        self.port = _free_port()
        self.as_postgres = os.geteuid() == 0
        os.chmod(self.root, 0o755)
        if self.as_postgres:
            shutil.chown(self.root, "postgres", "postgres")

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        cmd = list(args)
        if self.as_postgres:
            cmd = ["runuser", "-u", "postgres", "--"] + cmd
        return subprocess.run(cmd, check=check, capture_output=True, text=True, timeout=120, cwd=self.root,
                              stdin=subprocess.DEVNULL)

    def start(self) -> "Cluster":
        pwfile = self.root / "pw"
        pwfile.write_text(SUPERPASSWORD + "\n")
        if self.as_postgres:
            shutil.chown(pwfile, "postgres", "postgres")
        self._run(str(self.bin / "initdb"), "-D", str(self.data), "-U", SUPERUSER, f"--pwfile={pwfile}",
                  "--auth-host=scram-sha-256", "--auth-local=trust", "-E", "UTF8", "--locale=C.UTF-8")
        pwfile.unlink()
        self.resume()
        return self

    def resume(self) -> None:
        """Start (again) on the same port and files: the server coming back after an outage."""
        opts = (f"-c listen_addresses=127.0.0.1 -c port={self.port} -c unix_socket_directories={self.root} "
                f"-c fsync=off -c max_connections=60 -c shared_buffers=32MB")
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-l", str(self.root / "log"), "-w", "-t", "60",
                  "-o", opts, "start")

    def stop(self, mode: str = "fast") -> None:
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop", check=False)

    def destroy(self) -> None:
        self.stop("immediate")
        shutil.rmtree(self.root, ignore_errors=True)

    def url(self, user: str = SUPERUSER, password: str | None = None, dbname: str = "postgres") -> str:
        pw = f":{password}" if password else (f":{SUPERPASSWORD}" if user == SUPERUSER else "")
        return f"postgresql://{user}{pw}@127.0.0.1:{self.port}/{dbname}"

    def new_database(self) -> str:
        """A fresh database (name) for one test; roles are the cluster's, shared."""
        import psycopg

        name = "agency_" + uuid.uuid4().hex[:10]
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name}")
        return name
