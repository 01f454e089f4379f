from __future__ import annotations

from datetime import UTC

import pytest
from pypdf import PdfReader

from bazaar_pos.domain.payment import PaymentMethod
from bazaar_pos.errors import NotFoundError


def test_receipt_of_a_stored_sale_by_uuid_or_number(named_shop, make_sale):
    sale = make_sale(cashier="Budi")
    receipt = named_shop.receipts.for_sale(sale.uuid)
    assert receipt == named_shop.receipts.for_sale(sale.number.lower())
    assert receipt.number == sale.number
    assert receipt.shop.name == "Toko Batik Sekar"
    assert receipt.cashier == "Budi"
    assert [(i.name, i.quantity_milli // 1000, i.unit_price) for i in receipt.items] == [
        ("Kopi Gayo 250 g", 2, 95_000),
        ("Kain Batik Tulis Motif Parang Rusak Warna Sogan", 1, 1_250_000),
    ]
    assert (receipt.total, receipt.change) == (1_440_000, 60_000)
    assert receipt.payments[0].method is PaymentMethod.CASH
    assert receipt.sold_at == sale.created_at
    assert receipt.sold_at.utcoffset() is not None
    assert receipt.footer == "Thank you for shopping with us!"


def test_receipt_carries_the_printer_settings_decoration(named_shop, make_sale):
    named_shop.printer.configure(footer="", social="@sekar", qr_data="https://sekar.id")
    receipt = named_shop.receipts.for_sale(make_sale().uuid)
    assert (receipt.footer, receipt.shop.social, receipt.qr_data) == (
        "",
        "@sekar",
        "https://sekar.id",
    )


def test_unknown_sale_and_no_sales_yet(shop):
    with pytest.raises(NotFoundError, match="There are no sales yet"):
        shop.receipts.last_sale_ref()
    with pytest.raises(NotFoundError, match="There is no sale A-999"):
        shop.receipts.for_sale("A-999")


def test_last_sale_is_the_newest(named_shop, make_sale):
    make_sale()
    newest = named_shop.checkout.complete_sale(*_one_more(named_shop), cashier="Sari")
    assert named_shop.receipts.last_sale_ref() == newest.uuid


def _one_more(shop):
    from bazaar_pos.domain.cart import Cart, CartLine
    from bazaar_pos.domain.payment import Tender

    cart = Cart(shop.settings.load().currency)
    cart.add(CartLine(sku="TEH", name="Es Teh", unit_price=5_000))
    return cart, [Tender(PaymentMethod.CASH, 5_000)]


@pytest.mark.parametrize(("paper", "columns"), [(58, 32), (80, 48)])
def test_pdf_receipt_is_as_wide_as_the_roll(named_shop, make_sale, tmp_path, paper, columns):
    receipt = named_shop.receipts.for_sale(make_sale().uuid)
    path = named_shop.receipts.write_pdf(receipt, tmp_path / "r.pdf", paper)
    reader = PdfReader(path)
    assert len(reader.pages) == 1
    width_mm = float(reader.pages[0].mediabox.width) / 72 * 25.4
    assert width_mm == pytest.approx(paper, abs=0.01)
    text = reader.pages[0].extract_text()
    assert "Toko Batik Sekar" in text
    assert "Rp1.440.000" in text
    assert receipt.number in text
    assert reader.metadata.title == f"Receipt {receipt.number}"


def test_pdf_receipt_draws_logo_and_qr(named_shop, make_sale, tmp_path):
    from PIL import Image

    logo = tmp_path / "logo.png"
    Image.new("RGBA", (300, 100), (20, 120, 60, 255)).save(logo)
    named_shop.printer.configure(logo_path=str(logo), qr_data="https://sekar.id")
    receipt = named_shop.receipts.for_sale(make_sale().uuid)
    reader = PdfReader(named_shop.receipts.write_pdf(receipt, tmp_path / "r.pdf"))
    page = reader.pages[0]
    assert len(page.images) == 1
    assert "sekar.id" in page.extract_text()
    assert float(page.mediabox.width) / 72 * 25.4 == pytest.approx(58, abs=0.01)


def test_sample_receipt_uses_the_shop_details(named_shop):
    sample = named_shop.receipts.sample()
    assert sample.shop.name == "Toko Batik Sekar"
    assert sample.total == sum(item.amount for item in sample.items) == 95_000
    assert any(line.text.startswith("  2 x Rp5.000") for line in named_shop.receipts.lines(sample))
    assert sample.sold_at.tzinfo is not None
    assert sample.sold_at.astimezone(UTC).tzinfo is UTC


def test_pdf_receipt_is_laid_out_as_a_printer_in_42_column_mode_prints(
    named_shop, make_sale, tmp_path
):
    named_shop.printer.configure(paper_mm=80, columns=42)
    receipt = named_shop.receipts.for_sale(make_sale().uuid)
    page = PdfReader(named_shop.receipts.write_pdf(receipt, tmp_path / "r.pdf")).pages[0]
    assert float(page.mediabox.width) / 72 * 25.4 == pytest.approx(80, abs=0.01)
    lines = page.extract_text().splitlines()
    assert "-" * 42 in lines
    assert "Rusak Warna Sogan" + " " * 14 + "Rp1.250.000" in lines
    assert "Change" + " " * 28 + "Rp60.000" in lines
