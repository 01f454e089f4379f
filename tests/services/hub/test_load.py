"""Four tills pushing at the same time: every sale on the hub once, every till with all of them."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import date

import psycopg

from bazaar_pos.domain.periods import Period
from bazaar_pos.domain.quantity import whole
from bazaar_pos.services.hub import service
from tests.helpers.sales import sell, utc
from tests.services.hub.conftest import add

SALES_PER_TILL = 150


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
