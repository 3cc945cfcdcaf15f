"""A throwaway PostgreSQL server for tests and benchmarks (no dyadwatch imports).

    from pg import TempPostgres
    with TempPostgres() as server:
        url = server.create_database("mytest")     # postgresql://...@127.0.0.1:PORT/mytest

Any test area can use the session fixture by adding to its conftest.py:

    from tests.pg import postgres_server, postgres_url  # noqa: F401

`postgres_url` gives each test a fresh, empty database on one server started once per
session. The server runs as an unprivileged user (PostgreSQL refuses root) in a temp
directory, on a free port on 127.0.0.1, and is stopped when the session ends. Without
PostgreSQL binaries the fixtures skip with the reason.
"""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from typing_extensions import Self

_counter = itertools.count(1)


def find_bin_dir() -> Path | None:
    """The newest PostgreSQL bin directory (Debian layout, or initdb on PATH)."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                   key=lambda p: int(Path(p).parent.parent.name))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class TempPostgres:
    """Start a PostgreSQL cluster in a temp dir; stop and delete it on exit."""

    def __init__(self, settings: dict[str, str] | None = None, user: str = "postgres"):
        bin_dir = find_bin_dir()
        if bin_dir is None:
            raise RuntimeError("PostgreSQL server binaries not found (apt install postgresql)")
        self.bin = bin_dir
        self.settings = {"fsync": "off", "synchronous_commit": "off",
                         "full_page_writes": "off", **(settings or {})}
        self.run_as = user if os.geteuid() == 0 else None
        self.port = _free_port()
        self.dir = Path(tempfile.mkdtemp(prefix="dyadwatch-pg-"))
        self.data = self.dir / "data"
        self.user = pwd.getpwuid(os.geteuid()).pw_name if self.run_as is None else user

    def _cmd(self, *args: str) -> list[str]:
        cmd = [str(self.bin / args[0]), *args[1:]]
        return ["runuser", "-u", self.run_as, "--", *cmd] if self.run_as else cmd

    def start(self) -> TempPostgres:
        if self.run_as:
            shutil.chown(self.dir, self.run_as)
        subprocess.run(self._cmd("initdb", "-D", str(self.data), "-A", "trust", "-U", self.user,
                                 "-E", "UTF8", "--locale=C.UTF-8"),
                       check=True, capture_output=True)
        options = " ".join(f"-c {k}={v}" for k, v in self.settings.items())
        subprocess.run(self._cmd("pg_ctl", "-D", str(self.data), "-w", "-l",
                                 str(self.dir / "log"), "-o",
                                 f"-p {self.port} -k {self.dir} -h 127.0.0.1 {options}",
                                 "start"), check=True, capture_output=True)
        return self

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://{self.user}@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str | None = None) -> str:
        """A new empty database; returns its URL."""
        name = name or f"test{next(_counter)}"
        self.sql(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def sql(self, statement: str) -> str:
        out = subprocess.run([str(self.bin / "psql"), "-h", "127.0.0.1", "-p", str(self.port),
                              "-U", self.user, "-d", "postgres", "-Atqc", statement],
                             check=True, capture_output=True, text=True)
        return out.stdout

    def stop(self) -> None:
        if self.data.exists():
            subprocess.run(self._cmd("pg_ctl", "-D", str(self.data), "-m", "immediate", "stop"),
                           check=False, capture_output=True)
            for _ in range(50):
                if not (self.data / "postmaster.pid").exists():
                    break
                time.sleep(0.1)
        shutil.rmtree(self.dir, ignore_errors=True)

    def __enter__(self) -> Self:
        try:
            return self.start()
        except BaseException:
            self.stop()
            raise

    def __exit__(self, *exc: object) -> None:
        self.stop()


@pytest.fixture(scope="session")
def postgres_server():
    """One PostgreSQL server for the whole session (skips when PostgreSQL is missing)."""
    if find_bin_dir() is None:
        pytest.skip("PostgreSQL server binaries not found: run dev/setup --test")
    with TempPostgres() as server:
        yield server


@pytest.fixture
def postgres_url(postgres_server: TempPostgres) -> str:
    """A fresh empty database on the session's server, as a postgresql:// URL."""
    return postgres_server.create_database()
