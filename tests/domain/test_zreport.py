from datetime import UTC, date, datetime

from bazaar_pos.domain.report import Amounts, Figures, PaymentRow, Reversals, ShopHeader
from bazaar_pos.domain.zreport import ZReport


def test_cash_expected_is_cash_taken_less_cash_paid_back():
    z = ZReport(
        shop=ShopHeader("Toko"),
        till_code="A",
        day=date(2026, 11, 20),
        generated_at=datetime(2026, 11, 20, 12, tzinfo=UTC),
        figures=Figures(
            lines=Amounts(sales=3, net=500_000),
            refunds=Reversals(count=1, amount=50_000, cash=30_000),
            voids=Reversals(count=1, amount=20_000, cash=20_000),
        ),
        payments=(
            PaymentRow("cash", "Cash", 2, 300_000, 400_000, 100_000),
            PaymentRow("qris", "QRIS", 1, 200_000),
        ),
    )
    assert z.cash_sales == 300_000
    assert z.paid_by("qris") == 200_000
    assert z.paid_by("card") == 0
    assert z.cash_paid_out == 50_000
    assert z.cash_expected == 250_000
