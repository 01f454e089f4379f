"""Tills (real SQLite files) and a shop hub on the session's real PostgreSQL server."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from bazaar_pos.domain.quantity import whole
from bazaar_pos.services.hub.address import HubAddress
from bazaar_pos.services.hub.schema import init_hub
from bazaar_pos.services.products.catalogue import ProductDraft
from bazaar_pos.services.shop import Shop
from bazaar_pos.services.views import ProductView
from tests.conftest import JAKARTA
from tests.helpers.emupos import free_port
from tests.helpers.postgres import SUPERUSER, PostgresServer, _as_postgres, _binary

PASSWORD = "Kop1-rahasia:pw"
"""The hub password the tests give (the test server trusts local connections, so any works)."""


def hub_url(server: PostgresServer, database: str, *, host: str = "", port: int = 0) -> str:
    """The URL a person types, password included."""
    return (
        f"postgresql://{server.user}:{PASSWORD}@{host or server.host}:"
        f"{port or server.port}/{database}"
    )


def ready_hub(server: PostgresServer, database: str) -> str:
    """The URL of a hub on ``database`` made ready with ``hub init``."""
    url = hub_url(server, database)
    init_hub(HubAddress.parse(url))
    return url


@pytest.fixture
def hub(postgres_server: PostgresServer, postgres_database: str) -> str:
    """The URL of a hub made ready with ``hub init``."""
    return ready_hub(postgres_server, postgres_database)


@pytest.fixture
def tills(template_db: Path, tmp_path: Path) -> Iterator[Callable[[str], Shop]]:
    """Open tills of one shop on fresh copies of the template database."""
    opened: list[Shop] = []

    def make(code: str) -> Shop:
        path = tmp_path / f"till-{len(opened) + 1}-{code}.sqlite"
        shutil.copyfile(template_db, path)
        shop = Shop.open(path, zone=JAKARTA)
        shop.settings.update(till_code=code, shop_name="Batik Sari")
        opened.append(shop)
        return shop

    yield make
    for shop in opened:
        shop.close()


def add(shop: Shop, sku: str, name: str, price: int, quantity: int = 0) -> ProductView:
    """A product on ``shop``, with ``quantity`` received."""
    product = shop.catalogue.create(ProductDraft(sku, name, price, price // 2, category="Kain"))
    if quantity:
        shop.stock.receive(product.id, whole(quantity))
    return shop.catalogue.get(product.id)


@dataclass
class OwnServer:
    """A PostgreSQL cluster of one test's own, which the test may crash and start again."""

    data: Path
    port: int
    options: str

    def stop_immediately(self) -> None:
        """``pg_ctl stop -m immediate``: no shutdown checkpoint, as in a crash."""
        command = [_binary("pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop"]
        subprocess.run(_as_postgres(command), check=True, capture_output=True)

    def start(self) -> None:
        """Start it (again); crash recovery runs first."""
        log = self.data.parent / "server.log"
        command = [_binary("pg_ctl"), "-D", str(self.data), "-l", str(log), "-w"]
        subprocess.run(
            _as_postgres([*command, "-o", self.options, "start"]), check=True, capture_output=True
        )


@pytest.fixture
def own_server() -> Iterator[OwnServer]:
    """A fresh PostgreSQL cluster on 127.0.0.1, stopped and removed afterwards."""
    folder = Path(tempfile.mkdtemp(prefix="bazaar-pg-own-"))
    if os.geteuid() == 0:
        shutil.chown(folder, SUPERUSER)
    data = folder / "data"
    initdb = [_binary("initdb"), "-D", str(data), "-U", SUPERUSER, "-A", "trust", "--no-sync"]
    subprocess.run(_as_postgres([*initdb, "-E", "UTF8"]), check=True, capture_output=True)
    port = free_port()
    server = OwnServer(data, port, f"-c listen_addresses=127.0.0.1 -p {port} -k {folder}")
    server.start()
    try:
        yield server
    finally:
        stop = [_binary("pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"]
        subprocess.run(_as_postgres(stop), check=False, capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)
