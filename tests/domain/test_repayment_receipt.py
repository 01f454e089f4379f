"""The repayment receipt: who paid, the balance before, what is still owed or paid in full."""

from datetime import datetime

from bazaar_pos.domain.money import currency
from bazaar_pos.domain.payment import PaymentMethod
from bazaar_pos.domain.receipt import ShopHeader
from bazaar_pos.domain.receipt_layout import as_text
from bazaar_pos.domain.repayment_receipt import RepaymentReceipt, layout_repayment


def _receipt(**changes) -> RepaymentReceipt:
    fields = {
        "shop": ShopHeader("Toko Batik Sekar", address="Jl. Malioboro 12", phone="0274 555 123"),
        "number": "KB-A-0003",
        "paid_at": datetime(2026, 12, 7, 10, 30),
        "cashier": "Sari",
        "customer": "Bu Rina",
        "phone": "0812-7777-3030",
        "currency": currency("IDR"),
        "amount": 100_000,
        "method": PaymentMethod.QRIS,
        "reference": "QR-7781",
        "owed_before": 305_000,
    } | changes
    return RepaymentReceipt(**fields)


def test_a_part_paid_back_says_the_balance_before_and_what_is_still_owed():
    text = as_text(layout_repayment(_receipt(footer="Terima kasih"), 32))
    for expected in ("KASBON REPAYMENT", "KB-A-0003", "Sari", "0812-7777-3030", "QR-7781"):
        assert expected in text
    assert "Rp305.000" in text
    assert "STILL OWED" in text
    assert "Rp205.000" in text
    assert text.rstrip().endswith("Terima kasih")


def test_the_last_of_the_debt_paid_says_paid_in_full_and_leaves_out_what_is_empty():
    text = as_text(
        layout_repayment(_receipt(amount=305_000, cashier=" ", phone="", reference=""), 32)
    )
    assert "PAID IN FULL" in text
    assert "STILL OWED" not in text
    for left_out in ("Cashier", "Phone", "Reference"):
        assert left_out not in text
