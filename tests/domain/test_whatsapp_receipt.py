from datetime import date, datetime

from bazaar_pos.domain.money import currency
from bazaar_pos.domain.payment import PaymentMethod
from bazaar_pos.domain.phone import whatsapp_link
from bazaar_pos.domain.quantity import Unit, whole
from bazaar_pos.domain.receipt import Receipt, ReceiptItem, ReceiptPayment, ShopHeader
from bazaar_pos.domain.whatsapp_receipt import whatsapp_receipt_text


def _receipt(discount: int = 0, **more) -> Receipt:
    items = (
        ReceiptItem("Kopi Gayo 250 g", whole(2), 85_500),
        ReceiptItem("Gula aren", 250, 36_000, Unit.KG),
        ReceiptItem("Bros Wayang", whole(1), 25_000),
    )
    return Receipt(
        shop=ShopHeader("Toko Batik Sekar", phone="0274 555 123"),
        number="A-000042",
        sold_at=datetime(2026, 12, 7, 10, 30),
        cashier="Sari",
        currency=currency("IDR"),
        items=items,
        subtotal=205_000,
        discount=discount,
        tax=0,
        tax_inclusive=True,
        total=205_000,
        rounding=0,
        payments=(
            ReceiptPayment(PaymentMethod.CASH, 100_000, 15_000),
            ReceiptPayment(PaymentMethod.ACCOUNT, 120_000),
        ),
        **more,
    )


def test_the_message_has_shop_date_lines_total_paid_and_thanks():
    text = whatsapp_receipt_text(
        _receipt(
            customer="Bu Rina",
            member_group="Reseller",
            member_saving=19_000,
            kasbon_due=date(2027, 1, 6),
        )
    )
    assert text.splitlines() == [
        "*Toko Batik Sekar*",
        "Receipt A-000042, 07/12/2026 10:30",
        "",
        "Kopi Gayo 250 g, 2 x Rp85.500: Rp171.000",
        "Gula aren, 0,25 kg x Rp36.000/kg: Rp9.000",
        "Bros Wayang: Rp25.000",
        "",
        "Reseller prices, you save Rp19.000",
        "*Total: Rp205.000*",
        "Paid by Cash: Rp100.000",
        "Paid by Kasbon: Rp120.000",
        "Change: Rp15.000",
        "Kasbon due on 06/01/2027",
        "",
        "Thank you, Bu Rina!",
    ]


def test_the_wa_me_link_carries_the_text_to_an_indonesian_number():
    link = whatsapp_link("0812-3456-7890", whatsapp_receipt_text(_receipt()))
    assert link.startswith("https://wa.me/6281234567890?text=%2AToko%20Batik%20Sekar%2A%0A")
    assert link.endswith("%0A%0AThank%20you%21")


def test_a_discount_is_said_before_the_total():
    text = whatsapp_receipt_text(_receipt(discount=10_000))
    assert "Discount: -Rp10.000" in text.splitlines()
