"""A throwaway PostgreSQL server for the tests that need the shop hub's real engine.

The session starts one cluster with ``initdb`` and ``pg_ctl`` (as the ``postgres`` user
when the tests run as root, since PostgreSQL refuses root), listening on 127.0.0.1 at
a free port, with fsync off because nothing in it outlives the run. Each test gets its
own database. ``BAZAAR_TEST_POSTGRES`` may name a running server instead
(``postgresql://USER:PASSWORD@HOST:PORT``). Without PostgreSQL the tests fail, never skip.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest

from tests.helpers.emupos import free_port

SUPERUSER = "postgres"


@dataclass(frozen=True)
class PostgresServer:
    """A running server the tests may create databases on."""

    host: str
    port: int
    user: str = SUPERUSER
    password: str = ""

    def url(self, database: str = "postgres", *, driver: str = "postgresql") -> str:
        """A URL for ``database``; ``driver="postgresql+psycopg"`` for SQLAlchemy."""
        secret = f":{self.password}" if self.password else ""
        return f"{driver}://{self.user}{secret}@{self.host}:{self.port}/{database}"

    def admin(self) -> psycopg.Connection:
        """An autocommit connection to the maintenance database."""
        return psycopg.connect(self.url(), autocommit=True, connect_timeout=5)


def _binary(name: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}")) or [shutil.which(name) or ""]
    if not found[-1]:
        pytest.fail(
            f"PostgreSQL's {name} is missing: install the Debian package postgresql "
            "(.ci/run does) or set BAZAAR_TEST_POSTGRES",
            pytrace=False,
        )
    return found[-1]


def _as_postgres(command: list[str]) -> list[str]:
    return ["runuser", "-u", SUPERUSER, "--", *command] if os.geteuid() == 0 else command


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """One PostgreSQL server for the whole run: started here, or the one the environment names."""
    configured = os.environ.get("BAZAAR_TEST_POSTGRES")
    if configured:
        info = psycopg.conninfo.conninfo_to_dict(configured)
        yield PostgresServer(
            str(info.get("host", "127.0.0.1")),
            int(info.get("port", 5432)),
            str(info.get("user", SUPERUSER)),
            str(info.get("password", "")),
        )
        return
    folder = Path(tempfile.mkdtemp(prefix="bazaar-pg-"))
    data, log = folder / "data", folder / "server.log"
    if os.geteuid() == 0:
        shutil.chown(folder, SUPERUSER)
    port = free_port()
    initdb = [_binary("initdb"), "-D", str(data), "-U", SUPERUSER, "-A", "trust", "--no-sync"]
    subprocess.run(_as_postgres([*initdb, "-E", "UTF8"]), check=True, capture_output=True)
    options = f"-c listen_addresses=127.0.0.1 -p {port} -k {folder} -c fsync=off"
    pg_ctl = _binary("pg_ctl")
    start = [pg_ctl, "-D", str(data), "-l", str(log), "-w", "-o", options, "start"]
    subprocess.run(_as_postgres(start), check=True, capture_output=True)
    try:
        yield PostgresServer("127.0.0.1", port)
    finally:
        stop = [pg_ctl, "-D", str(data), "-m", "immediate", "-w", "stop"]
        subprocess.run(_as_postgres(stop), check=False, capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def postgres_database(postgres_server: PostgresServer) -> Iterator[str]:
    """The name of an empty database of this test's own, dropped afterwards."""
    name = f"t_{uuid.uuid4().hex[:12]}"
    with postgres_server.admin() as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield name
    finally:
        with postgres_server.admin() as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
