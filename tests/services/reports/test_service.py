from datetime import date
from zoneinfo import ZoneInfo

import pytest

from bazaar_pos.domain.periods import Period
from bazaar_pos.domain.report import SALE_LEVEL, Dimension
from bazaar_pos.services.reports.service import ReportService
from tests.helpers.sales import TWO_DAYS, utc


def by_label(rows):
    return {row.label: row.amounts for row in rows}


def test_key_figures_of_two_local_days(shop, bazaar):
    figures = shop.reports.summary(TWO_DAYS).figures
    assert figures.sale_count == 4
    assert figures.gross == 1_850_000
    assert figures.discounts == 125_000
    assert figures.refunded == 0
    assert figures.net == 1_725_000
    assert figures.tax == 0
    assert figures.items == 6
    assert figures.average_sale == 431_250
    assert figures.cost == 100_000 + 780_000 + 140_000 + 50_000
    assert figures.profit == 1_725_000 - 1_070_000
    assert str(figures.margin) == "0.380"
    assert figures.collected == 1_725_000


def test_hours_and_days_follow_the_local_clock(shop, bazaar):
    report = shop.reports.summary(TWO_DAYS)
    hours = {row.label: (row.amounts.sales, row.amounts.net) for row in report.rows(Dimension.HOUR)}
    assert hours == {
        "00:00": (1, 360_000),
        "09:00": (1, 190_000),
        "12:00": (1, 50_000),
        "23:00": (1, 1_125_000),
    }
    days = [(row.key, row.label, row.amounts.sales) for row in report.rows(Dimension.DAY)]
    assert days == [("2026-11-20", "Fri 20 Nov", 2), ("2026-11-21", "Sat 21 Nov", 2)]


def test_breakdowns_by_what_was_sold_and_how(shop, bazaar):
    report = shop.reports.summary(TWO_DAYS)
    categories = by_label(report.rows(Dimension.CATEGORY))
    assert {name: a.net for name, a in categories.items()} == {
        "Kain Tenun": 1_125_000,
        "Kopi": 285_000,
        "Tas": 265_000,
        "(no category)": 50_000,
    }
    assert categories["Kopi"].items == 3
    products = report.rows(Dimension.PRODUCT)
    assert [(p.label, p.code) for p in products][:2] == [
        ("Tenun Sumba", "TEN-1"),
        ("Kopi Gayo", "KOP-1"),
    ]
    assert products[-1].key == "sku:LAIN"
    payments = {p.method: (p.sales, p.amount) for p in report.payments}
    assert payments == {
        "cash": (2, 450_000),
        "qris": (2, 1_225_000),
        "transfer": (1, 50_000),
    }
    cashiers = {row.label: row.amounts.sales for row in report.rows(Dimension.CASHIER)}
    assert cashiers == {"Sari": 2, "Budi": 1, "Owner": 1}
    channels = {row.label: row.amounts.sales for row in report.rows(Dimension.CHANNEL)}
    assert channels == {"Till": 3, "bazaar": 1}
    assert [row.label for row in report.rows(Dimension.TILL)] == ["A (this till)"]
    assert [row.label for row in report.rows(Dimension.CONSIGNOR)] == ["Own goods (no consignor)"]


@pytest.mark.parametrize("dimension", list(Dimension.__members__.values()))
def test_every_breakdown_adds_up_to_the_key_figures(shop, bazaar, dimension):
    report = shop.reports.summary(TWO_DAYS)
    figures = report.figures
    if dimension is Dimension.PAYMENT:
        assert sum(p.amount for p in report.payments) == figures.collected
        return
    rows = report.rows(dimension)
    assert sum(row.amounts.net for row in rows) == figures.net
    assert sum(row.amounts.gross for row in rows) == figures.gross
    if dimension in SALE_LEVEL:
        assert sum(row.amounts.sales for row in rows) == figures.sale_count
    else:
        assert sum(row.amounts.items for row in rows) == figures.items
        assert sum(row.amounts.cost for row in rows) == figures.cost


@pytest.mark.parametrize("dimension", list(Dimension.__members__.values()))
def test_drilling_down_finds_the_sales_behind_each_row(shop, bazaar, dimension):
    report = shop.reports.summary(TWO_DAYS)
    if dimension is Dimension.PAYMENT:
        keys = {p.method: p.sales for p in report.payments}
    elif dimension in SALE_LEVEL:
        keys = {row.key: row.amounts.sales for row in report.rows(dimension)}
    else:
        keys = {row.key: None for row in report.rows(dimension)}
    for key, sales in keys.items():
        found = shop.reports.sales(TWO_DAYS, dimension, key)
        assert found.count == len(found.sales) > 0
        if sales is not None:
            assert found.count == sales
    kopi = shop.reports.sales(TWO_DAYS, Dimension.PRODUCT, f"id:{bazaar['kopi'].id}")
    assert [s.number for s in kopi.sales] == ["A-000004", "A-000002"]
    assert kopi.sales[0].methods == "Cash + QRIS"
    assert kopi.sales[0].created_at.isoformat() == "2026-11-21T00:00:00+07:00"
    assert shop.reports.sales(TWO_DAYS).count == 4


def test_the_lines_of_a_sale(shop, bazaar):
    sale = shop.reports.sales(TWO_DAYS, Dimension.PRODUCT, f"id:{bazaar['tas'].id}").sales[0]
    lines = shop.reports.sale_lines(sale.id)
    assert [(line.sku, line.quantity_milli // 1000, line.total) for line in lines] == [
        ("TAS-1", 1, 265_000),
        ("KOP-1", 1, 95_000),
    ]


def test_a_period_without_sales(shop):
    report = shop.reports.summary(Period.day(date(2026, 1, 1)))
    assert report.figures.sale_count == 0
    assert report.figures.average_sale == 0
    assert report.rows(Dimension.PRODUCT) == ()
    assert report.rows(Dimension.CONSIGNOR) == ()
    assert [row.amounts.sales for row in report.rows(Dimension.DAY)] == [0]


@pytest.mark.parametrize(
    ("inclusive", "price", "net", "collected"),
    [
        (False, 100_000, 100_000, 111_000),
        (True, 111_000, 111_000, 111_000),
    ],
)
def test_tax_included_or_added(shop, add_product, sell_at, inclusive, price, net, collected):
    shop.settings.update(tax_enabled=True, tax_inclusive=inclusive)
    item = add_product(price=price, cost=60_000)
    sell_at(utc(2026, 11, 20, 3, 0), [(item, 1)])
    figures = shop.reports.summary(TWO_DAYS).figures
    assert (figures.net, figures.tax, figures.collected) == (net, 11_000, collected)
    assert figures.revenue == 100_000
    assert figures.profit == 40_000


def test_hours_across_a_daylight_saving_change(shop, add_product, sell_at):
    berlin = ReportService(shop.db, shop.settings, ZoneInfo("Europe/Berlin"))
    item = add_product()
    sell_at(utc(2026, 3, 29, 0, 30), [(item, 1)])  # 01:30 winter time
    sell_at(utc(2026, 3, 29, 1, 30), [(item, 1)])  # 03:30 summer time
    report = berlin.summary(Period.day(date(2026, 3, 29)))
    assert [row.label for row in report.rows(Dimension.HOUR)] == ["01:00", "03:00"]
    found = berlin.sales(Period.day(date(2026, 3, 29)), Dimension.HOUR, "3")
    assert found.count == 1
