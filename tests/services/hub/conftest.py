"""Tills (real SQLite files) and a shop hub on the session's real PostgreSQL server."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from bazaar_pos.domain.quantity import whole
from bazaar_pos.services.hub.address import HubAddress
from bazaar_pos.services.hub.schema import init_hub
from bazaar_pos.services.products.catalogue import ProductDraft
from bazaar_pos.services.shop import Shop
from bazaar_pos.services.views import ProductView
from tests.conftest import JAKARTA
from tests.helpers.postgres import PostgresServer

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
