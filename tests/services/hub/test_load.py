"""Four tills pushing at the same time: every sale on the hub once, every till with all of them."""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta

import psycopg

from bazaar_pos.domain.periods import Period
from bazaar_pos.domain.quantity import whole
from bazaar_pos.services.hub import service
from tests.helpers.sales import sell, utc
from tests.services.hub.conftest import add

SALES_PER_TILL = 150
LOAD_SALES_PER_TILL = int(os.environ.get("BAZAAR_HUB_LOAD_SALES", "5000"))
"""Sales each of four tills pushes at once: the test takes 90 s on 2 idle cores, 160 s busy."""
PRODUCTS = (
    ("SNG-1", "Songket", 25_000),
    ("BTK-2", "Batik tulis", 40_000),
    ("KOP-3", "Kopi", 7_500),
)


def test_four_tills_pushing_at_once_leave_exact_totals_everywhere(hub, tills, monkeypatch):
    monkeypatch.setattr(service, "PUSH_BATCH", 40)  # many small batches, interleaved
    shops = [tills(code) for code in "ABCD"]
    add(shops[0], "TNN-1", "Tenun ikat", 10_000, quantity=10_000)
    for number, shop in enumerate(shops):
        shop.hub.join(hub, f"Kasir {number + 1}")
    shops[0].hub.sync()
    for hour, shop in enumerate(shops):
        product = shop.catalogue.find_by_code("TNN-1")
        for minute in range(SALES_PER_TILL):
            sell(shop, utc(2026, 12, 7, hour, minute % 60, minute // 60), [(product, 1)])
    with ThreadPoolExecutor(len(shops)) as pool:
        results = list(pool.map(lambda shop: shop.hub.sync(), shops))
    assert all(result.refused == 0 for result in results)
    for shop in shops:
        shop.hub.sync()
    with psycopg.connect(hub) as connection:
        count, distinct, total = connection.execute(
            "SELECT count(*), count(DISTINCT uuid), sum((payload::json->>'total')::int)"
            " FROM hub_records WHERE kind = 'sale'"
        ).fetchone()
    expected = len(shops) * SALES_PER_TILL
    assert (count, distinct, total) == (expected, expected, expected * 10_000)
    day = Period(date(2026, 12, 7), date(2026, 12, 7))
    for shop in shops:
        figures = shop.reports.summary(day).figures
        assert (figures.sale_count, figures.net) == (expected, expected * 10_000)
        assert shop.catalogue.find_by_code("TNN-1").stock_milli == whole(10_000 - expected)
        assert shop.hub.status().waiting == 0



def test_four_tills_pushing_thousands_of_sales_at_once_leave_exact_totals(hub, tills):
    shops = [tills(code) for code in "ABCD"]
    stock = 4 * LOAD_SALES_PER_TILL  # enough that no till sells below zero
    for sku, name, price in PRODUCTS:
        add(shops[0], sku, name, price, quantity=stock)
    for number, shop in enumerate(shops):
        shop.hub.join(hub, f"Kasir {number + 1}")
    shops[0].hub.sync()  # the catalogue out, before anything is sold
    expected_total = 0
    sold: dict[str, int] = {sku: 0 for sku, _name, _price in PRODUCTS}
    for day, shop in enumerate(shops):
        products = [shop.catalogue.find_by_code(sku) for sku, _name, _price in PRODUCTS]
        for number in range(LOAD_SALES_PER_TILL):
            product = products[number % len(products)]
            quantity = 1 + number % 2
            at = utc(2026, 12, 1 + day, 1, 0) + timedelta(seconds=number)
            sell(shop, at, [(product, quantity)])
            expected_total += product.price * quantity
            sold[product.sku] += quantity
    assert all(shop.hub.status().waiting > LOAD_SALES_PER_TILL for shop in shops)

    with ThreadPoolExecutor(len(shops)) as pool:  # each till its own file and hub connection
        results = list(pool.map(lambda shop: shop.hub.sync(), shops))
    assert all(result.refused == 0 for result in results)
    assert all(result.sent >= 2 * LOAD_SALES_PER_TILL for result in results)  # sales, moves

    expected_count = len(shops) * LOAD_SALES_PER_TILL
    with psycopg.connect(hub) as connection:
        count, distinct, total = connection.execute(
            "SELECT count(*), count(DISTINCT uuid), sum((payload::json->>'total')::bigint)"
            " FROM hub_records WHERE kind = 'sale'"
        ).fetchone()
        moved = dict(
            connection.execute(
                "SELECT payload::json->>'sku', sum((payload::json->>'quantity_milli')::bigint)"
                " FROM hub_records WHERE kind = 'stock_movement' GROUP BY 1"
            ).fetchall()
        )
    assert (count, distinct, total) == (expected_count, expected_count, expected_total)
    assert moved == {sku: whole(stock - sold[sku]) for sku in sold}

    for shop in shops:  # every till pulls the other three tills' sales
        shop.hub.sync()
    weeks = Period(date(2026, 12, 1), date(2026, 12, 7))
    for shop in shops:
        figures = shop.reports.summary(weeks).figures
        assert (figures.sale_count, figures.net) == (expected_count, expected_total)
        for sku, _name, _price in PRODUCTS:
            assert shop.catalogue.find_by_code(sku).stock_milli == whole(stock - sold[sku])
        assert shop.hub.status().waiting == 0
