from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bazaar_pos.domain.money import currency
from bazaar_pos.domain.payment import PaymentMethod
from bazaar_pos.domain.quantity import Unit, whole
from bazaar_pos.domain.receipt import Receipt, ReceiptItem, ReceiptPayment, ShopHeader
from bazaar_pos.domain.receipt_layout import (
    LaidLine,
    LineStyle,
    as_text,
    layout_receipt,
    pair,
    to_ascii,
    wrap,
)

IDR = currency("IDR")


def make_receipt(**changes) -> Receipt:
    fields = {
        "shop": ShopHeader("Toko Kriya", "Jl. Malioboro 12, Yogyakarta", "0812-1", "@kriya"),
        "number": "A-000042",
        "sold_at": datetime(2026, 11, 21, 10, 5, tzinfo=UTC),
        "cashier": "Sari",
        "currency": IDR,
        "items": (
            ReceiptItem("Kopi Gayo 250 g", whole(2), 95_000),
            ReceiptItem("Es Teh", whole(1), 5_000),
        ),
        "subtotal": 195_000,
        "discount": 0,
        "tax": 0,
        "tax_inclusive": True,
        "total": 195_000,
        "rounding": 0,
        "payments": (ReceiptPayment(PaymentMethod.CASH, 200_000, 5_000),),
        "footer": "Terima kasih!",
    }
    fields.update(changes)
    return Receipt(**fields)


def row(left: str, right: str, columns: int = 32) -> str:
    return left + right.rjust(columns - len(left))


def texts(receipt: Receipt, columns: int = 32) -> list[str]:
    return [line.text for line in layout_receipt(receipt, columns)]


def test_58mm_receipt_reads_as_a_stall_receipt():
    assert texts(make_receipt()) == [
        "           Toko Kriya",
        "  Jl. Malioboro 12, Yogyakarta",
        "             0812-1",
        "             @kriya",
        "-" * 32,
        row("No.", "A-000042"),
        row("Date", "21/11/2026 10:05"),
        row("Cashier", "Sari"),
        "-" * 32,
        "Kopi Gayo 250 g",
        "  2 x Rp95.000         Rp190.000",
        row("Es Teh", "Rp5.000"),
        "-" * 32,
        row("TOTAL", "Rp195.000"),
        row("Cash", "Rp200.000"),
        row("Change", "Rp5.000"),
        "",
        "         Terima kasih!",
    ]


def test_an_80mm_printer_in_42_column_mode_gets_lines_of_42():
    assert texts(make_receipt(), 42) == [
        "                Toko Kriya",
        "       Jl. Malioboro 12, Yogyakarta",
        "                  0812-1",
        "                  @kriya",
        "-" * 42,
        row("No.", "A-000042", 42),
        row("Date", "21/11/2026 10:05", 42),
        row("Cashier", "Sari", 42),
        "-" * 42,
        "Kopi Gayo 250 g",
        row("  2 x Rp95.000", "Rp190.000", 42),
        row("Es Teh", "Rp5.000", 42),
        "-" * 42,
        row("TOTAL", "Rp195.000", 42),
        row("Cash", "Rp200.000", 42),
        row("Change", "Rp5.000", 42),
        "",
        "              Terima kasih!",
    ]


def test_shop_name_is_the_title_and_total_is_strong():
    lines = layout_receipt(make_receipt(), 48)
    assert lines[0].style is LineStyle.TITLE
    total = next(line for line in lines if line.text.startswith("TOTAL"))
    assert total.style is LineStyle.STRONG
    assert total.text == row("TOTAL", "Rp195.000", 48)


def test_long_names_wrap_and_amounts_stay_right_aligned():
    name = "Kain Batik Tulis Motif Parang Rusak Warna Sogan Asli Solo"
    lines = texts(make_receipt(items=(ReceiptItem(name, whole(1), 1_250_000),)))
    start = lines.index("Kain Batik Tulis")
    assert lines[start : start + 4] == [
        "Kain Batik Tulis",
        "Motif Parang Rusak",
        "Warna Sogan Asli",
        row("Solo", "Rp1.250.000"),
    ]


def test_discount_tax_and_rounding_appear_only_when_there_are_some():
    plain = texts(make_receipt())
    assert not any(line.startswith(("Subtotal", "Discount", "Tax", "Rounding")) for line in plain)
    lines = texts(
        make_receipt(
            subtotal=200_000,
            discount=5_000,
            tax=21_450,
            tax_inclusive=False,
            total=216_450,
            rounding=-450,
            payments=(
                ReceiptPayment(PaymentMethod.QRIS, 100_000),
                ReceiptPayment(PaymentMethod.CASH, 120_000, 4_000),
            ),
        )
    )
    assert row("Subtotal", "Rp200.000") in lines
    assert row("Discount", "-Rp5.000") in lines
    assert row("Tax", "Rp21.450") in lines
    assert row("Rounding", "-Rp450") in lines
    assert row("QRIS", "Rp100.000") in lines
    assert row("Change", "Rp4.000") in lines


def test_tax_included_in_prices_is_named_so_and_no_subtotal_is_shown():
    lines = texts(make_receipt(tax=19_324, tax_inclusive=True))
    assert row("Tax included", "Rp19.324") in lines
    assert not any(line.startswith("Subtotal") for line in lines)


def test_non_cash_sale_without_change_shows_no_change_line():
    lines = texts(make_receipt(payments=(ReceiptPayment(PaymentMethod.TRANSFER, 195_000),)))
    assert row("Transfer", "Rp195.000") in lines
    assert not any(line.startswith("Change") for line in lines)


def test_text_is_transliterated_to_ascii():
    receipt = make_receipt(
        shop=ShopHeader("Café Ñoño “Batik”"),
        items=(ReceiptItem("Teh 🍵 manis — dingin", whole(1), 5_000),),
    )
    lines = texts(receipt)
    assert all(line.isascii() for line in lines)
    assert lines[0].strip() == 'Cafe Nono "Batik"'
    assert to_ascii("Ä\tb\x1bc") == "A b c"


def test_logo_comes_first_and_qr_with_its_caption_last():
    receipt = make_receipt(logo_path="/shop/logo.png", qr_data="https://instagram.com/kriya")
    lines = layout_receipt(receipt, 32)
    assert lines[0] == LaidLine("/shop/logo.png", LineStyle.LOGO)
    assert lines[-2] == LaidLine("https://instagram.com/kriya", LineStyle.QR)
    assert lines[-1].text == "instagram.com/kriya".center(32).rstrip()
    text = as_text(lines)
    assert "logo.png" not in text
    assert text.endswith("Terima kasih!\n\n      instagram.com/kriya\n")


def test_long_qr_data_gets_no_caption():
    payload = "00020101021126570011ID.DANA.WWW" * 4
    lines = layout_receipt(make_receipt(qr_data=payload, footer=""), 32)
    assert lines[-1] == LaidLine(payload, LineStyle.QR)


def test_a_caption_is_printed_under_the_qr_instead_of_its_data():
    payload = "00020101021226570011ID.DANA.WWW" * 4
    receipt = make_receipt(qr_data=payload, qr_caption="QRIS TOKO KRIYA Rp95.000", footer="")
    lines = layout_receipt(receipt, 32)
    assert lines[-2] == LaidLine(payload, LineStyle.QR)
    assert lines[-1] == LaidLine("QRIS TOKO KRIYA Rp95.000".center(32).rstrip())


def test_blank_details_and_footer_are_left_out():
    receipt = make_receipt(shop=ShopHeader("Toko"), cashier=" ", footer="")
    lines = texts(receipt)
    assert lines[1] == "-" * 32
    assert not any(line.startswith("Cashier") for line in lines)
    assert lines[-1].startswith("Change")


def test_pair_puts_a_very_wide_right_part_on_its_own_line():
    assert pair("Total", "Rp1.000.000.000", 16) == ["Total", " Rp1.000.000.000"]


def test_a_very_long_cashier_name_wraps_too():
    lines = texts(make_receipt(cashier="Siti Nurhaliza binti Abdullah Rahman Wijayakusuma"))
    at = lines.index("Cashier")
    assert lines[at + 1 : at + 3] == [
        "Siti Nurhaliza binti Abdullah".rjust(32),
        "Rahman Wijayakusuma".rjust(32),
    ]
    assert all(len(line) <= 32 for line in lines)


def test_wrap_splits_long_words_and_keeps_empty_text():
    assert wrap("x" * 40, 32) == ["x" * 32, "x" * 8]
    assert wrap("", 32) == [""]


names = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=120
) | st.text(alphabet="ab ", min_size=30, max_size=120)


@given(
    name=names,
    shop=names,
    quantity=st.integers(1, 999_999),
    unit=st.sampled_from(list(Unit)),
    price=st.integers(0, 10**11),
    columns=st.sampled_from([32, 42, 48]),
)
def test_nothing_is_ever_wider_than_the_paper(name, shop, quantity, unit, price, columns):
    item = ReceiptItem(name, whole(quantity % 1000 or 1) if unit.counted else quantity, price, unit)
    receipt = make_receipt(
        shop=ShopHeader(shop, shop, shop, shop),
        items=(item,),
        subtotal=item.amount,
        total=item.amount,
        payments=(ReceiptPayment(PaymentMethod.CASH, item.amount + 1, 1),),
        footer=shop,
        cashier=shop,
    )
    for line in layout_receipt(receipt, columns):
        assert len(line.text) <= columns or line.style.is_picture
        assert line.text.isascii()


@pytest.mark.parametrize(
    ("method", "label"),
    [
        (PaymentMethod.CASH, "Cash"),
        (PaymentMethod.QRIS, "QRIS"),
        (PaymentMethod.TRANSFER, "Transfer"),
        (PaymentMethod.CARD, "Card"),
        (PaymentMethod.EWALLET, "E-wallet"),
    ],
)
def test_every_payment_method_has_a_label(method, label):
    lines = texts(make_receipt(payments=(ReceiptPayment(method, 195_000),)))
    assert row(label, "Rp195.000") in lines


def test_receipt_knows_what_was_due_and_paid_in_cash():
    receipt = make_receipt(total=195_250, rounding=-250)
    assert receipt.due == 195_000
    assert receipt.change == 5_000
    assert receipt.paid_in_cash
    assert receipt.items[0].amount == 190_000


def test_an_indonesian_receipt_names_a_wallet_payment_in_full_within_32_columns():
    from bazaar_pos.i18n import set_language

    set_language("id")
    lines = texts(make_receipt(payments=(ReceiptPayment(PaymentMethod.EWALLET, 1_950_000),)))
    assert row("Dompet digital", "Rp1.950.000") in lines
    assert max(len(line) for line in lines) <= 32


def test_a_weighed_line_shows_its_weight_and_price_per_kilo():
    items = (
        ReceiptItem("Kopi biji Gayo", 250, 180_000, Unit.KG),
        ReceiptItem("Gula aren", 481, 60_000, Unit.KG, priced=28_850),
        ReceiptItem("Kain lurik", 1_500, 85_000, Unit.M),
    )
    lines = texts(make_receipt(items=items, subtotal=201_350, total=201_350))
    start = lines.index("Kopi biji Gayo")
    assert lines[start : start + 8] == [
        "Kopi biji Gayo",
        "  0,25 kg x Rp180.000/kg",
        "                        Rp45.000",
        "Gula aren",
        "  0,481 kg x Rp60.000/kg",
        "                        Rp28.850",
        "Kain lurik",
        "  1,5 m x Rp85.000/m   Rp127.500",
    ]
    wide = texts(make_receipt(items=items, subtotal=201_350, total=201_350), columns=48)
    assert "  0,25 kg x Rp180.000/kg                Rp45.000" in wide
