"""Refunds and voids recorded at the till show in the reports."""

from datetime import date

import pytest

from bazaar_pos.domain.periods import Period
from bazaar_pos.domain.quantity import whole
from bazaar_pos.domain.report import NO_REVERSALS
from bazaar_pos.services.reports.reversals import reversals_between
from bazaar_pos.services.selling.refunds import RefundItem


@pytest.fixture
def coffee(add_product):
    return add_product("KOP-1", "Kopi Gayo", 95_000, cost=50_000, stock=10)


@pytest.fixture
def bag(add_product):
    return add_product("TAS-1", "Tas Pandan", 10_000, cost=4_000, stock=10)


def today_report(shop):
    return shop.reports.summary(Period.day(shop.reports.today()))


def test_a_refund_lowers_net_items_and_cost_and_a_void_removes_the_sale(shop, sell, coffee, bag):
    kept = sell((coffee, 2), (bag, 3))
    voided = sell((bag, 1))
    bag_line = next(
        line for line in shop.sales_history.detail(kept.uuid).lines if line.sku == "TAS-1"
    )
    shop.refunds.refund(kept.uuid, [RefundItem(bag_line.id, whole(2))], reason="wrong colour")
    shop.refunds.void(voided.uuid, "rang up twice")

    figures = today_report(shop).figures
    assert figures.sale_count == 1
    assert figures.gross == 2 * 95_000 + 3 * 10_000
    assert figures.refunded == 20_000
    assert figures.net == 2 * 95_000 + 10_000
    assert figures.items == 3
    assert figures.cost == 2 * 50_000 + 4_000
    assert shop.check() == []


def test_no_refunds_means_nothing_reversed(shop, sell, coffee):
    sell((coffee, 1))
    start, end = Period.day(date.today()).utc_range(shop.reports.zone)
    with shop.db.reading() as session:
        totals = reversals_between(session, start, end)
    assert totals.refunds == NO_REVERSALS
    assert totals.voids == NO_REVERSALS
