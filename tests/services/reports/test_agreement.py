"""Every table of a report agrees with its headline, to the Rupiah, whatever went back."""

import csv
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from pypdf import PdfReader

from bazaar_pos.domain.access import Role
from bazaar_pos.domain.cart import CartLine
from bazaar_pos.domain.consignment import Commission
from bazaar_pos.domain.money import currency, format_money
from bazaar_pos.domain.payment import PaymentMethod, Tender
from bazaar_pos.domain.periods import Period
from bazaar_pos.domain.pricing import Discount
from bazaar_pos.domain.quantity import Unit, whole
from bazaar_pos.domain.report import SALE_LEVEL, Amounts, Dimension
from bazaar_pos.services.products.catalogue import ProductDraft
from bazaar_pos.services.reports.files import FileFormat
from bazaar_pos.services.selling.refunds import RefundItem
from bazaar_pos.services.stock.consignment.views import ConsignorDraft
from tests.helpers.sales import cart_for

SALE_DAY = date(2026, 11, 20)
LINE_LEVEL = (Dimension.PRODUCT, Dimension.CATEGORY, Dimension.CONSIGNOR)


@pytest.fixture
def goods(shop, add_product):
    """Own goods, makers' goods at 20% and at Rp5.000 an item, a service, and goods by measure.

    The coffee beans are the shop's own, sold by the kg; the cloth is a maker's,
    sold by the metre at a fixed Rp3.333 a metre: amounts that round.
    """
    wayan = shop.consignment.add_consignor(
        ConsignorDraft("Bu Wayan", commission=Commission.percent(20))
    )
    made = shop.consignment.add_consignor(ConsignorDraft("Pak Made"))
    coffee = add_product("KOP-1", "Kopi Kintamani", 33_333, cost=20_000, stock=500)
    necklace = shop.catalogue.create(
        ProductDraft(
            sku="KLG-1",
            name="Kalung Perak Celuk",
            price=425_000,
            cost=300_000,
            category="Perak",
            consignor_id=wayan.id,
        )
    )
    bag = shop.catalogue.create(
        ProductDraft(
            sku="TAS-1",
            name="Tas Anyaman",
            price=99_999,
            cost=60_000,
            category="Tas",
            consignor_id=made.id,
            commission=Commission.fixed(5_000),
        )
    )
    service = CartLine(sku="JASA", name="Ongkos kirim", unit_price=12_345, quantity_milli=whole(1))
    beans = shop.catalogue.create(
        ProductDraft("BJI-1", "Kopi biji", 183_333, cost=110_001, category="Kopi", unit=Unit.KG)
    )
    shop.stock.receive(beans.id, whole(100))
    cloth = shop.catalogue.create(
        ProductDraft(
            sku="LRK-1",
            name="Kain lurik",
            price=85_555,
            cost=50_000,
            category="Kain",
            unit=Unit.M,
            consignor_id=made.id,
            commission=Commission.fixed(3_333),
        )
    )
    return [coffee, necklace, bag, service, beans, cloth]


def measure(item, count, step):
    """``count`` pieces, or ``count`` times ``step`` thousandths of goods sold by measure."""
    return whole(count) if item.unit.counted else count * step


def line_of(goods, index, quantity):
    item = goods[index]
    if isinstance(item, CartLine):
        return CartLine(
            sku=item.sku, name=item.name, unit_price=item.unit_price, quantity_milli=whole(quantity)
        )
    return CartLine(
        sku=item.sku,
        name=item.name,
        unit_price=item.price,
        unit_cost=item.cost,
        quantity_milli=measure(item, quantity, 137),
        product_id=item.id,
        unit=item.unit,
    )


discounts = st.one_of(
    st.none(),
    st.integers(1, 30_000).map(Discount.amount),
    st.integers(1, 50).map(Discount.percent),
)
sales = st.lists(
    st.fixed_dictionaries(
        {
            "lines": st.lists(
                st.tuples(st.integers(0, 5), st.integers(1, 4)), min_size=1, max_size=3
            ),
            "discount": discounts,
            "qris": st.booleans(),
            "refunds": st.lists(st.tuples(st.integers(0, 2), st.integers(1, 4), st.booleans())),
        }
    ),
    min_size=1,
    max_size=4,
)


def assert_tables_agree(report):
    figures = report.figures
    for dimension, rows in report.breakdowns.items():
        total = sum((row.amounts for row in rows), Amounts())
        assert total.net == figures.net, dimension
        assert total.gross == figures.gross, dimension
        assert total.discount == figures.discounts, dimension
        assert total.refunds == figures.refunded, dimension
        if dimension in SALE_LEVEL:
            assert total.sales == figures.sale_count, dimension
        else:
            assert total.items == figures.items, dimension
            assert total.cost == figures.cost, dimension
            assert total.profit == figures.profit, dimension
    assert sum(p.kept for p in report.payments) == figures.collected


@pytest.mark.parametrize("tax", ["none", "included", "added"])
def test_every_breakdown_adds_up_to_the_headline_with_refunds_voids_and_consignment(
    shop, goods, tax
):
    shop.settings.update(
        tax_enabled=tax != "none", tax_inclusive=tax == "included", cash_rounding_step=500
    )
    moment = [datetime(2026, 11, 20, 2, 0, tzinfo=UTC)]

    @settings(
        max_examples=12,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(sales=sales, void_last=st.booleans())
    def trade(sales, void_last):
        made = []
        for sale in sales:
            moment[0] += timedelta(minutes=7)
            cart = cart_for(shop, [])
            for index, quantity in sale["lines"]:
                cart.add(line_of(goods, index, quantity))
            cart.discount = sale["discount"]
            total = cart.totals().total
            if total < 1_000:  # discounted to (almost) nothing: not a sale a till would take
                continue
            method = PaymentMethod.QRIS if sale["qris"] else PaymentMethod.CASH
            given = total if sale["qris"] else total + 1_000
            paid = shop.checkout.complete_sale(cart, [Tender(method, given)], sold_at=moment[0])
            made.append((paid, sale))
        for paid, sale in made:
            lines = shop.sales_history.detail(paid.uuid).lines
            for position, quantity, to_cash in sale["refunds"]:
                line = lines[position % len(lines)]
                left = line.quantity_milli - shop.sales_history.detail(paid.uuid).lines[
                    position % len(lines)
                ].refunded
                back = whole(quantity) if line.unit.counted else quantity * 61
                if left:
                    shop.refunds.refund(
                        paid.uuid, [RefundItem(line.id, min(back, left))], to_cash=to_cash
                    )
        if not made:
            return
        last, _sale = made[-1]
        if void_last and not shop.sales_history.detail(last.uuid).refunds:
            shop.refunds.void(last.uuid, "rang up twice")
        today = shop.reports.today()
        for period in (Period.day(SALE_DAY), Period.day(today), Period(SALE_DAY, today)):
            assert_tables_agree(shop.reports.summary(period))
        assert shop.check() == []  # never paid back more than was paid, whatever the method

    trade()
    span = Period(SALE_DAY, shop.reports.today())
    report = shop.reports.summary(span)
    start, end = span.utc_range(shop.reports.zone)
    by_name = {row.label: row.amounts for row in report.rows(Dimension.CONSIGNOR)}
    for consignor in shop.consignment.consignors():
        statement = shop.consignment.statement(consignor.id, start, end)
        amounts = by_name.get(consignor.name, Amounts())
        assert (amounts.items, amounts.net) == (statement.items, statement.sales)
        assert amounts.consigned == statement.owed
        assert amounts.net - amounts.consigned == statement.commission


def test_a_refund_shows_in_the_product_category_and_consignor_tables(shop, goods):
    coffee, necklace, _bag, _service, _beans, _cloth = goods
    paid = shop.checkout.complete_sale(
        cart_for(shop, [(coffee, 3), (necklace, 2)]),
        [Tender(PaymentMethod.CASH, 3 * 33_333 + 2 * 425_000)],
        cash_rounding=False,
    )
    coffee_line, necklace_line = shop.sales_history.detail(paid.uuid).lines
    shop.refunds.refund(paid.uuid, [RefundItem(coffee_line.id, whole(1))])
    shop.refunds.refund(paid.uuid, [RefundItem(necklace_line.id, whole(1))])
    report = shop.reports.summary(Period.day(shop.reports.today()))
    figures = report.figures
    assert (figures.net, figures.items, figures.refunded) == (
        2 * 33_333 + 425_000,
        3,
        33_333 + 425_000,
    )
    products = {row.label: row.amounts for row in report.rows(Dimension.PRODUCT)}
    assert (products["Kopi Kintamani"].items, products["Kopi Kintamani"].net) == (2, 66_666)
    assert products["Kopi Kintamani"].refunds == 33_333
    assert (products["Kalung Perak Celuk"].items, products["Kalung Perak Celuk"].net) == (
        1,
        425_000,
    )
    categories = {row.label: row.amounts.net for row in report.rows(Dimension.CATEGORY)}
    assert categories == {"Kopi": 66_666, "Perak": 425_000}
    consignors = {row.label: row.amounts for row in report.rows(Dimension.CONSIGNOR)}
    assert set(consignors) == {"Bu Wayan", "Own goods (no consignor)"}
    wayan = consignors["Bu Wayan"]
    assert (wayan.items, wayan.net, wayan.profit, wayan.consigned) == (1, 425_000, 85_000, 340_000)
    assert products["Kalung Perak Celuk"].profit == 85_000
    cash = {p.method: p for p in report.payments}["cash"]
    assert (cash.amount, cash.paid_back, cash.kept) == (949_999, 458_333, 491_666)


def test_a_line_stays_its_makers_after_the_product_changes_hands(shop, goods):
    _coffee, necklace, _bag, _service, _beans, _cloth = goods
    paid_at = shop.checkout.complete_sale(
        cart_for(shop, [(necklace, 1)]), [Tender(PaymentMethod.QRIS, 425_000)]
    )
    assert paid_at.uuid
    other = shop.consignment.add_consignor(
        ConsignorDraft("Ibu Komang", commission=Commission.percent(10))
    )
    product = shop.catalogue.get(necklace.id)
    handed_over = replace(ProductDraft.from_view(product), consignor_id=other.id)
    shop.catalogue.update(product.id, handed_over)
    report = shop.reports.summary(Period.day(shop.reports.today()))
    (row,) = report.rows(Dimension.CONSIGNOR)
    assert (row.label, row.amounts.profit) == ("Bu Wayan", 85_000)
    sold = shop.reports.sales(report.period, Dimension.CONSIGNOR, row.key)
    assert sold.count == 1


@pytest.fixture
def refunded_day(shop, goods):
    """A day with own and consigned goods sold, one item refunded and one sale voided."""
    coffee, necklace, bag, _service, _beans, _cloth = goods
    kept = shop.checkout.complete_sale(
        cart_for(shop, [(coffee, 3), (necklace, 2)]),
        [Tender(PaymentMethod.CASH, 3 * 33_333 + 2 * 425_000)],
        cash_rounding=False,
    )
    shop.checkout.complete_sale(cart_for(shop, [(bag, 1)]), [Tender(PaymentMethod.QRIS, 99_999)])
    coffee_line = shop.sales_history.detail(kept.uuid).lines[0]
    shop.refunds.refund(kept.uuid, [RefundItem(coffee_line.id, whole(1))])
    voided = shop.checkout.complete_sale(
        cart_for(shop, [(coffee, 1)]), [Tender(PaymentMethod.CASH, 33_333)], cash_rounding=False
    )
    shop.refunds.void(voided.uuid, "rang up twice")
    return Period.day(shop.reports.today())


def test_the_pdf_tables_carry_the_headline_net_on_every_page(shop, refunded_day, tmp_path):
    figures = shop.reports.summary(refunded_day).figures
    assert figures.net == 2 * 33_333 + 2 * 425_000 + 99_999
    path = tmp_path / "laporan.pdf"
    shop.report_files.write_summary_pdf(refunded_day, path)
    text = "\n".join(page.extract_text() for page in PdfReader(path).pages)
    net = format_money(figures.net, currency("IDR"))
    # the key figures, payments, products, categories, hours, tills, cashiers, channels,
    # consignors and days: every total is the headline's
    assert text.count(net) >= 10
    assert "Bu Wayan" in text
    assert "Pak Made" in text


def test_sale_lines_files_add_up_to_the_headline(shop, refunded_day, tmp_path):
    figures = shop.reports.summary(refunded_day).figures
    path = tmp_path / "lines.csv"
    shop.report_files.write(refunded_day, path, FileFormat.CSV)
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert sum(int(r["line_total"]) for r in rows) == figures.net
    assert sum(int(r["qty"]) for r in rows) == figures.items
    back = [r for r in rows if int(r["qty"]) < 0]
    assert [(r["sale_number"][:3], r["sku"], r["qty"]) for r in back] == [
        ("A-R", "KOP-1", "-1"),
        ("A-V", "KOP-1", "-1"),
    ]
    path = tmp_path / "lines.xlsx"
    shop.report_files.write(refunded_day, path, FileFormat.XLSX)
    workbook = load_workbook(path, read_only=True)
    table = list(workbook.active.iter_rows(values_only=True))
    workbook.close()
    assert sum(row[7] for row in table[1:]) == figures.net


def test_sales_with_nobody_signed_in_show_under_the_owners_name(shop, goods):
    coffee = goods[0]
    shop.checkout.complete_sale(
        cart_for(shop, [(coffee, 1)]), [Tender(PaymentMethod.QRIS, 33_333)]
    )
    today = Period.day(shop.reports.today())
    assert [r.label for r in shop.reports.summary(today).rows(Dimension.CASHIER)] == ["Owner"]
    shop.users.add("Ibu Ratna", Role.OWNER, "2580")
    assert [r.label for r in shop.reports.summary(today).rows(Dimension.CASHIER)] == ["Ibu Ratna"]
