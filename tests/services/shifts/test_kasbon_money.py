"""Kasbon sales, kasbon repaid and pre-order down payments in the shift and Z reports."""

from __future__ import annotations

from datetime import datetime

from bazaar_pos.domain.cart import CartCustomer
from bazaar_pos.domain.cash_count import CashCount
from bazaar_pos.domain.payment import PaymentMethod, Tender
from bazaar_pos.domain.shift_report import layout_shift_report
from bazaar_pos.exports.zreport_text import zreport_lines
from bazaar_pos.services.customers.views import CustomerDraft
from bazaar_pos.store.models import CustomerOrder, CustomerOrderPayment
from tests.conftest import JAKARTA
from tests.helpers.emupos import row


def _day_with_kasbon(shop, add_product, cart_of):
    """Float 100.000; a sale 50.000 cash + 140.000 kasbon; 60.000 repaid in cash and 20.000 by
    QRIS; a DP of 75.000 in cash and one of 30.000 refunded in cash; a pickup's DP counted."""
    coffee = add_product(stock=10)
    rina = shop.customers.add(CustomerDraft("Bu Rina", credit_limit=500_000))
    shift = shop.shifts.open(100_000)
    cart = cart_of((coffee, 2))
    cart.customer = CartCustomer(rina.id, rina.name)
    shop.checkout.complete_sale(
        cart, [Tender(PaymentMethod.CASH, 50_000), Tender(PaymentMethod.ACCOUNT, 140_000)]
    )
    shop.accounts.repay(rina.id, 60_000)
    shop.accounts.repay(rina.id, 20_000, PaymentMethod.QRIS)
    till_id = shop.settings.load().till_id
    with shop.db.writing() as session:
        order = CustomerOrder(
            number="A-P000001",
            sequence=1,
            till_id=till_id,
            customer_id=rina.id,
            currency="IDR",
            total_minor=150_000,
        )
        session.add(order)
        session.flush()
        for kind, amount in (("deposit", 75_000), ("refund", 30_000)):
            session.add(
                CustomerOrderPayment(
                    order_id=order.id,
                    kind=kind,
                    method="cash",
                    amount_minor=amount,
                    till_id=till_id,
                    shift_id=shift.id,
                )
            )
    cart = cart_of((coffee, 1))
    cart.customer = CartCustomer(rina.id, rina.name)
    shop.checkout.complete_sale(
        cart, [Tender(PaymentMethod.DEPOSIT, 45_000), Tender(PaymentMethod.CASH, 50_000)]
    )
    return shift


def test_the_shift_counts_kasbon_as_not_yet_paid_and_repayments_and_dps_as_money_in(
    shop, add_product, cart_of
):
    shift = _day_with_kasbon(shop, add_product, cart_of)
    # 100.000 float + 100.000 cash sales + 60.000 repaid + 75.000 DP - 30.000 DP refunded
    assert shop.shifts.expected_cash() == 305_000
    report = shop.shifts.close(CashCount(other=305_000))
    assert report.expected == 305_000
    assert report.difference == 0
    lines = [line.text for line in layout_shift_report(report, 48)]
    assert row("of which not yet paid (kasbon)", "Rp140.000", 48) in lines
    assert row("of which paid earlier (down payments)", "Rp45.000", 48) in lines
    assert row("Kasbon repaid: Cash", "Rp60.000", 48) in lines
    assert row("Kasbon repaid: QRIS", "Rp20.000", 48) in lines
    assert row("Down payments taken: Cash", "Rp75.000", 48) in lines
    assert row("Down payments refunded: Cash", "-Rp30.000", 48) in lines
    assert row("Kasbon repaid and down payments", "Rp105.000", 48) in lines
    assert row("Expected", "Rp305.000", 48) in lines
    assert shop.shifts.report(shift.uuid).expected == 305_000


def test_the_z_report_of_the_day_says_the_same(shop, add_product, cart_of, tmp_path):
    _day_with_kasbon(shop, add_product, cart_of)
    z = shop.zreports.build(datetime.now(JAKARTA).date())
    assert (z.not_yet_paid, z.paid_earlier, z.other_cash) == (140_000, 45_000, 105_000)
    assert z.cash_expected == 205_000  # no float in a day's Z report
    lines = zreport_lines(z, 48, "en")
    assert row("of which not yet paid (kasbon)", "Rp140.000", 48) in lines
    assert row("Kasbon repaid: QRIS", "Rp20.000", 48) in lines
    assert row("Kasbon repaid and down payments", "Rp105.000", 48) in lines
    assert row("CASH EXPECTED", "Rp205.000", 48) in lines
    from pypdf import PdfReader

    from bazaar_pos.exports.pdf_zreport import write_zreport_pdf

    path = tmp_path / "z.pdf"
    write_zreport_pdf(path, z, "en")
    words = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(path).pages)
    assert "Of the total received, Rp140.000 is not yet paid (kasbon)." in words
    assert "Down payments refunded: Cash -Rp30.000" in words
    assert "Kasbon repaid and down payments Rp105.000" in words
