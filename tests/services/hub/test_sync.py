"""Tills of one shop syncing through a hub on a real PostgreSQL server."""

from __future__ import annotations

from datetime import date

import psycopg
import pytest

from bazaar_pos.domain.periods import Period
from bazaar_pos.domain.quantity import whole
from bazaar_pos.services.hub.connection import HubRefused
from bazaar_pos.services.shop import Shop
from tests.helpers.sales import sell, utc
from tests.services.hub.conftest import add

DAY = Period(date(2026, 12, 7), date(2026, 12, 7))


def stock_of(shop: Shop, sku: str) -> int:
    return shop.catalogue.find_by_code(sku).stock_milli


def totals(shop: Shop) -> tuple[int, int]:
    figures = shop.reports.summary(DAY).figures
    return figures.sale_count, figures.net


def hub_count(url: str, query: str) -> int:
    with psycopg.connect(url) as connection:
        return connection.execute(query).fetchone()[0]


def test_two_tills_share_the_catalogue_sales_and_stock(hub, tills):
    first, second = tills("A"), tills("B")
    batik = add(first, "BTK-1", "Batik tulis", 250_000, quantity=10)
    first.hub.join(hub, "Kasir depan")
    result = second.hub.join(hub, "Kasir belakang")
    assert result.applied.products == 1
    assert stock_of(second, "BTK-1") == whole(10)
    here = second.catalogue.find_by_code("BTK-1")
    sell(first, utc(2026, 12, 7, 3), [(batik, 2)])
    sell(second, utc(2026, 12, 7, 4), [(here, 3)])
    first.hub.sync()
    second.hub.sync()
    first.hub.sync()
    for shop in (first, second):
        assert stock_of(shop, "BTK-1") == whole(5)
        assert totals(shop) == totals(first)
        assert shop.hub.status().waiting == 0
    assert totals(first)[0] == 2
    assert hub_count(hub, "SELECT count(*) FROM hub_records WHERE kind = 'sale'") == 2


def test_a_till_name_is_unique_in_the_hub(hub, tills):
    first, second = tills("A"), tills("B")
    first.hub.join(hub, "Kasir")
    with pytest.raises(HubRefused, match="Another till in this hub is called Kasir"):
        second.hub.join(hub, "Kasir")


def test_a_till_whose_code_another_till_uses_takes_the_next_free_letter(hub, tills):
    first, second, third = tills("A"), tills("A"), tills("B")
    first.hub.join(hub, "Depan")
    third.hub.join(hub, "Samping")
    second.hub.join(hub, "Belakang")
    assert [shop.settings.load().till_code for shop in (first, second, third)] == ["A", "C", "B"]
