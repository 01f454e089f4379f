from datetime import UTC, date, datetime
from decimal import Decimal

from bazaar_pos.domain.periods import Period
from bazaar_pos.domain.report import (
    Amounts,
    BreakdownRow,
    Dimension,
    Figures,
    Reversals,
    SalesReport,
    ShopHeader,
    ratio,
)

SOLD = Amounts(
    sales=4,
    items=10,
    gross=1_000_000,
    discount=50_000,
    net=950_000,
    tax=94_144,
    tax_included=94_144,
    cost=400_000,
)


def test_amounts_add_field_by_field_and_derive_profit():
    doubled = SOLD + SOLD
    assert doubled.gross == 2_000_000
    assert doubled.sales == 8
    assert SOLD.revenue == 950_000 - 94_144
    assert SOLD.profit == 950_000 - 94_144 - 400_000
    assert SOLD.margin == Decimal("0.533")
    assert Amounts().margin is None


def test_figures_without_refunds_or_voids():
    figures = Figures(lines=SOLD, rounding=-200, collected=949_800)
    assert figures.gross == 1_000_000
    assert figures.discounts == 50_000
    assert figures.refunded == 0
    assert figures.net == 950_000
    assert figures.tax == 94_144
    assert figures.sale_count == 4
    assert figures.average_sale == 237_500
    assert figures.items == 10
    assert figures.cost == 400_000
    assert figures.revenue == 855_856
    assert figures.profit == 455_856
    assert figures.margin == Decimal("0.533")


def test_refunds_reduce_net_and_voids_take_the_sale_out():
    refund = Reversals(count=1, items=1, amount=100_000, tax=9_910, tax_included=9_910, cost=40_000)
    void = Reversals(
        count=1,
        items=2,
        gross=200_000,
        discount=10_000,
        amount=190_000,
        tax=18_829,
        tax_included=18_829,
        cost=80_000,
    )
    figures = Figures(lines=SOLD, refunds=refund, voids=void)
    assert figures.gross == 800_000
    assert figures.discounts == 40_000
    assert figures.refunded == 100_000
    assert figures.net == 950_000 - 190_000 - 100_000
    assert figures.tax == 94_144 - 18_829 - 9_910
    assert figures.sale_count == 3
    assert figures.items == 7
    assert figures.cost == 280_000
    assert figures.revenue == 660_000 - (94_144 - 18_829 - 9_910)


def test_an_empty_period_averages_to_zero():
    assert Figures().average_sale == 0
    assert Figures().margin is None


def test_average_and_ratio_round_half_up():
    assert Figures(lines=Amounts(sales=3, net=1_000)).average_sale == 333
    assert Figures(lines=Amounts(sales=2, net=1_001)).average_sale == 501
    assert ratio(1, 3) == Decimal("0.333")
    assert ratio(2, 3) == Decimal("0.667")
    assert ratio(1, 0) is None


def test_a_report_returns_its_rows_or_none():
    row = BreakdownRow("Kopi", "Kopi", SOLD)
    report = SalesReport(
        shop=ShopHeader("Toko"),
        period=Period.day(date(2026, 11, 20)),
        zone="Asia/Jakarta",
        generated_at=datetime(2026, 11, 20, tzinfo=UTC),
        figures=Figures(lines=SOLD),
        breakdowns={Dimension.CATEGORY: (row,)},
    )
    assert report.rows(Dimension.CATEGORY) == (row,)
    assert report.rows(Dimension.PRODUCT) == ()


def test_a_report_without_costs_keeps_the_sales_and_drops_every_cost():
    refund = Reversals(count=1, items=1, amount=100_000, cost=40_000)
    void = Reversals(count=1, items=2, gross=200_000, amount=190_000, cost=80_000)
    report = SalesReport(
        shop=ShopHeader("Toko"),
        period=Period.day(date(2026, 11, 20)),
        zone="Asia/Jakarta",
        generated_at=datetime(2026, 11, 20, tzinfo=UTC),
        figures=Figures(lines=SOLD, refunds=refund, voids=void),
        breakdowns={Dimension.PRODUCT: (BreakdownRow("1", "Kopi", SOLD, "K-1"),)},
    )
    hidden = report.without_costs()
    assert report.costs_shown
    assert not hidden.costs_shown
    assert hidden.figures.cost == 0
    assert hidden.figures.net == report.figures.net
    assert hidden.figures.items == report.figures.items
    (row,) = hidden.rows(Dimension.PRODUCT)
    assert (row.label, row.code, row.amounts.net, row.amounts.cost) == ("Kopi", "K-1", 950_000, 0)
