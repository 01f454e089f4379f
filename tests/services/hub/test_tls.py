"""The hub over TLS: ``sslmode=require`` and ``verify-full`` against a server with its own CA."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest

from tests.helpers.cli import bazaar_pos
from tests.helpers.emupos import free_port
from tests.helpers.postgres import SUPERUSER, _as_postgres, _binary
from tests.services.hub.conftest import PASSWORD

HOST_NAME = "localhost"
"""The name the hub's certificate is made for; 127.0.0.1 reaches the same server by another."""


@dataclass(frozen=True)
class TlsHub:
    """A PostgreSQL server of this test's own that takes TLS connections only."""

    port: int
    root_certificate: Path

    def url(self, host: str, query: str) -> str:
        return f"postgresql://{SUPERUSER}:{PASSWORD}@{host}:{self.port}/toko?{query}"


def _openssl(folder: Path, *arguments: str) -> None:
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.fail("openssl is missing: install the Debian package openssl", pytrace=False)
    subprocess.run([openssl, *arguments], cwd=folder, check=True, capture_output=True)


def _certificates(folder: Path) -> None:
    """A self-signed CA (ca.crt) and a server certificate for HOST_NAME it signed."""
    key = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
    _openssl(
        folder,
        *("req", "-x509", *key, "-keyout", "ca.key", "-out", "ca.crt", "-days", "2"),
        *("-subj", "/CN=Toko Batik Sari test CA"),
        *("-addext", "basicConstraints=critical,CA:TRUE"),
        *("-addext", "keyUsage=critical,keyCertSign,cRLSign"),
    )
    _openssl(
        folder,
        *("req", *key, "-keyout", "server.key", "-out", "server.csr"),
        *("-subj", f"/CN={HOST_NAME}"),
    )
    (folder / "server.ext").write_text(
        f"subjectAltName=DNS:{HOST_NAME}\nbasicConstraints=CA:FALSE\n", encoding="ascii"
    )
    _openssl(
        folder,
        *("x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key"),
        *("-CAcreateserial", "-out", "server.crt", "-days", "2", "-extfile", "server.ext"),
    )
    os.chmod(folder / "server.key", 0o600)
    if os.geteuid() == 0:
        for name in ("server.key", "server.crt"):
            shutil.chown(folder / name, SUPERUSER)


@pytest.fixture
def tls_hub() -> Iterator[TlsHub]:
    """A cluster with ssl=on whose pg_hba.conf refuses connections without TLS."""
    folder = Path(tempfile.mkdtemp(prefix="bazaar-pg-tls-"))
    if os.geteuid() == 0:
        shutil.chown(folder, SUPERUSER)
    data = folder / "data"
    initdb = [_binary("initdb"), "-D", str(data), "-U", SUPERUSER, "-A", "trust", "--no-sync"]
    subprocess.run(_as_postgres([*initdb, "-E", "UTF8"]), check=True, capture_output=True)
    _certificates(folder)
    (data / "pg_hba.conf").write_text(
        "local all all trust\n"
        "hostssl all all 127.0.0.1/32 trust\n"
        "hostnossl all all 127.0.0.1/32 reject\n",
        encoding="ascii",
    )
    port = free_port()
    options = (
        f"-c listen_addresses=127.0.0.1 -p {port} -k {folder} -c fsync=off -c ssl=on"
        f" -c ssl_cert_file={folder / 'server.crt'} -c ssl_key_file={folder / 'server.key'}"
    )
    pg_ctl = _binary("pg_ctl")
    log = folder / "server.log"
    start = [pg_ctl, "-D", str(data), "-l", str(log), "-w", "-o", options, "start"]
    started = subprocess.run(_as_postgres(start), check=False, capture_output=True, text=True)
    if started.returncode != 0:
        shown = log.read_text(errors="replace") if log.exists() else started.stderr
        pytest.fail(f"the TLS server did not start: {shown}", pytrace=False)
    try:
        with psycopg.connect(
            host="127.0.0.1",
            port=port,
            user=SUPERUSER,
            dbname="postgres",
            sslmode="require",
            autocommit=True,
        ) as admin:
            admin.execute("CREATE DATABASE toko")
        yield TlsHub(port, folder / "ca.crt")
    finally:
        stop = [pg_ctl, "-D", str(data), "-m", "immediate", "-w", "stop"]
        subprocess.run(_as_postgres(stop), check=False, capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)


def test_the_hub_refuses_a_connection_without_tls(tls_hub):
    with pytest.raises(psycopg.OperationalError, match="no encryption"):
        psycopg.connect(
            host="127.0.0.1", port=tls_hub.port, user=SUPERUSER, dbname="toko", sslmode="disable"
        )


def test_init_join_and_sync_over_tls_with_require_and_verify_full(tls_hub, tmp_path):
    env = {"XDG_STATE_HOME": str(tmp_path / "state"), "XDG_DATA_HOME": str(tmp_path / "data")}
    required = tls_hub.url("127.0.0.1", "sslmode=require")
    verified = tls_hub.url(HOST_NAME, f"sslmode=verify-full&sslrootcert={tls_hub.root_certificate}")
    init = bazaar_pos("hub", "init", required, env=env)
    assert init.returncode == 0, init.stderr
    assert "is ready" in init.stdout

    products = tmp_path / "products.csv"
    products.write_text("sku,name,price\nBTK-1,Batik tulis,250000\n", encoding="utf-8")
    front, back = tmp_path / "front.sqlite", tmp_path / "back.sqlite"
    assert bazaar_pos("--db", front, "products", "import", products, env=env).returncode == 0
    for till, url, name in ((front, required, "Depan"), (back, verified, "Belakang")):
        join = bazaar_pos("--db", till, "hub", "join", url, "--till", name, env=env)
        assert join.returncode == 0, join.stderr
        assert f"joined the hub as {name}" in join.stdout
        sync = bazaar_pos("--db", till, "hub", "sync", env=env)
        assert sync.returncode == 0, sync.stderr
        status = bazaar_pos("--db", till, "hub", "status", env=env)
        assert "sslmode=" in status.stdout
        assert PASSWORD not in status.stdout + sync.stdout + join.stdout
    with closing(sqlite3.connect(back)) as till:
        names = till.execute("SELECT name FROM products").fetchall()
    assert names == [("Batik tulis",)]  # it came from the front till through the hub over TLS
    with psycopg.connect(tls_hub.url("127.0.0.1", "sslmode=require")) as hub:
        tills = hub.execute("SELECT name FROM hub_tills ORDER BY name").fetchall()
        encrypted = hub.execute(
            "SELECT bool_and(ssl) FROM pg_stat_ssl JOIN pg_stat_activity USING (pid)"
            " WHERE datname = 'toko'"
        ).fetchone()
    assert tills == [("Belakang",), ("Depan",)]
    assert encrypted == (True,)


def test_verify_full_refuses_a_certificate_made_for_another_host_name(tls_hub, tmp_path):
    env = {"XDG_STATE_HOME": str(tmp_path / "state"), "XDG_DATA_HOME": str(tmp_path / "data")}
    assert (
        bazaar_pos("hub", "init", tls_hub.url("127.0.0.1", "sslmode=require"), env=env).returncode
        == 0
    )
    wrong_name = tls_hub.url(
        "127.0.0.1", f"sslmode=verify-full&sslrootcert={tls_hub.root_certificate}"
    )
    till = tmp_path / "till.sqlite"
    join = bazaar_pos("--db", till, "hub", "join", wrong_name, "--till", "Depan", env=env)
    assert join.returncode == 1
    message = " ".join(join.stderr.split())
    assert "showed a certificate this till does not trust, so nothing was sent" in message
    assert f'certificate for "{HOST_NAME}"' in message
    assert 'does not match host name "127.0.0.1"' in message
    assert "cannot be reached" not in message
    assert PASSWORD not in join.stderr + join.stdout
