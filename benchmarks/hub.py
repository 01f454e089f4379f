"""Pushing sales to the shop hub (``hub sync``) against raw psycopg inserts of the same rows.

A fresh till joins a hub on a PostgreSQL server, rings up a round of sales
through the checkout service, and ``hub sync`` sends them (reading the outbox,
building each record, one hub transaction per batch, marking the batch sent).
The baseline inserts the very rows the hub then holds into a second hub
database with plain psycopg: the same batches, one transaction each, the same
``ON CONFLICT (uuid) DO NOTHING``. Both are counted in sales per second.

The server is the one ``BAZAAR_BENCH_POSTGRES`` names
(``postgresql://USER:PASSWORD@HOST:PORT``) or a throwaway cluster started here
with ``initdb`` and ``pg_ctl`` (as the ``postgres`` user when run as root).
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path

import psycopg

from bazaar_pos.domain.payment import PaymentMethod, Tender
from bazaar_pos.domain.quantity import whole
from bazaar_pos.services.hub import service
from bazaar_pos.services.hub.address import HubAddress
from bazaar_pos.services.hub.schema import init_hub
from bazaar_pos.services.products.catalogue import ProductDraft
from bazaar_pos.services.shop import Shop
from bazaar_pos.services.views import ProductView
from benchmarks.selling import _cart
from benchmarks.shop_data import ZONE
from benchmarks.stats import Row, Sample, seconds

SUPERUSER = "postgres"
PRODUCTS = 20
LINES_PER_SALE = 2
RAW_INSERT = (
    "INSERT INTO hub_records (uuid, kind, till_id, payload, received_at)"
    " VALUES (%s, %s, %s, %s, %s) ON CONFLICT (uuid) DO NOTHING"
)


class NoPostgres(RuntimeError):
    """No PostgreSQL server was named and none can be started here."""


def _binary(name: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}")) or [shutil.which(name) or ""]
    if not found[-1]:
        raise NoPostgres(
            f"PostgreSQL's {name} is missing: install the postgresql package"
            " or set BAZAAR_BENCH_POSTGRES"
        )
    return found[-1]


def _as_postgres(command: list[str]) -> list[str]:
    return ["runuser", "-u", SUPERUSER, "--", *command] if os.geteuid() == 0 else command


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def postgres_server() -> Iterator[str]:
    """The URL (no database) of a running server: the configured one or one started here."""
    configured = os.environ.get("BAZAAR_BENCH_POSTGRES")
    if configured:
        yield configured.rstrip("/")
        return
    initdb, pg_ctl = _binary("initdb"), _binary("pg_ctl")
    folder = Path(tempfile.mkdtemp(prefix="bazaar-bench-pg-"))
    if os.geteuid() == 0:
        shutil.chown(folder, SUPERUSER)
    data, port = folder / "data", _free_port()
    command = [initdb, "-D", str(data), "-U", SUPERUSER, "-A", "trust", "-E", "UTF8"]
    subprocess.run(_as_postgres(command), check=True, capture_output=True)
    options = f"-c listen_addresses=127.0.0.1 -p {port} -k {folder}"
    start = [pg_ctl, "-D", str(data), "-l", str(folder / "server.log"), "-w", "-o", options]
    subprocess.run(_as_postgres([*start, "start"]), check=True, capture_output=True)
    try:
        yield f"postgresql://{SUPERUSER}@127.0.0.1:{port}"
    finally:
        stop = [pg_ctl, "-D", str(data), "-m", "fast", "-w", "stop"]
        subprocess.run(_as_postgres(stop), check=False, capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def _database(server: str) -> Iterator[str]:
    """A fresh database on ``server`` made ready with ``hub init``; its URL."""
    name = f"bench_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        init_hub(HubAddress.parse(f"{server}/{name}"))
        yield f"{server}/{name}"
    finally:
        with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _ring_up(shop: Shop, products: list[ProductView], count: int, start: datetime) -> None:
    for number in range(count):
        chosen = [products[(number + i) % len(products)] for i in range(LINES_PER_SALE)]
        cart = _cart(shop, chosen)
        tenders = [Tender(PaymentMethod.CASH, cart.totals().total)]
        shop.checkout.complete_sale(
            cart,
            tenders,
            sold_at=start + timedelta(seconds=number),
            forget_current_cart=True,
            cash_rounding=False,
        )


def _raw_insert(url: str, rows: list[tuple[str, str, str, str, datetime]]) -> None:
    with psycopg.connect(url) as connection:
        for first in range(0, len(rows), service.PUSH_BATCH):
            with connection.transaction(), connection.cursor() as cursor:
                cursor.executemany(RAW_INSERT, rows[first : first + service.PUSH_BATCH])


def push_throughput(folder: Path, sales: int, runs: int) -> list[Row]:
    """Sales per second through ``hub sync`` against raw psycopg inserts of the same rows."""
    folder.mkdir(parents=True, exist_ok=True)
    try:
        with postgres_server() as server, _database(server) as hub, _database(server) as raw:
            return _measure(folder, hub, raw, sales, runs)
    except NoPostgres as exc:
        print(f"  hub: {exc}; not measured")
        return []


def _measure(folder: Path, hub: str, raw: str, sales: int, runs: int) -> list[Row]:
    path = folder / "till.sqlite"
    for leftover in folder.glob("till.sqlite*"):
        leftover.unlink()
    shop = Shop.open(path, zone=ZONE)
    ours: list[float] = []
    theirs: list[float] = []
    records = 0
    products: list[ProductView] = []
    try:
        shop.settings.update(till_code="H", shop_name="Toko Hub")
        for n in range(PRODUCTS):
            draft = ProductDraft(f"HUB-{n:03d}", f"Kain {n}", 10_000 + 500 * n, 5_000)
            product = shop.catalogue.create(draft)
            shop.stock.receive(product.id, whole(10 * sales * (runs + 1)))
            products.append(shop.catalogue.get(product.id))
        shop.hub.join(hub, "Kasir bench")  # sends the catalogue: not measured
        day = datetime(2026, 12, 1, 2, tzinfo=UTC)
        for run in range(runs + 1):
            _ring_up(shop, products, sales, day + timedelta(days=run))
            with psycopg.connect(hub) as connection:
                found = connection.execute("SELECT max(seq) FROM hub_records").fetchone()
            last_seq = found[0] if found and found[0] is not None else 0
            mine = seconds(shop.hub.sync)
            with psycopg.connect(hub) as connection:
                rows = connection.execute(
                    "SELECT uuid, kind, till_id, payload, received_at FROM hub_records"
                    " WHERE seq > %s ORDER BY seq",
                    (last_seq,),
                ).fetchall()
            raw_seconds = seconds(partial(_raw_insert, raw, rows))
            if run >= 1:  # the first round warms the caches and both servers' plans
                ours.append(sales / mine)
                theirs.append(sales / raw_seconds)
                records = len(rows)
    finally:
        shop.close()
    mine_sample, raw_sample = Sample.of(ours), Sample.of(theirs)
    return [
        Row(
            f"Hub push, {sales:,} sales ({records:,} records) by hub sync",
            "sales/s",
            mine_sample.median,
            raw_sample.median,
            f"raw psycopg executemany of the same {records:,} rows, batches of"
            f" {service.PUSH_BATCH}, one transaction each",
            None,
            runs,
        )
    ]
