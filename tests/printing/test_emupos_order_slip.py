"""The order slip on 58 mm paper read back by an independent ESC/POS decoder, and as a PDF."""

from __future__ import annotations

from datetime import date

import pytest
from pypdf import PdfReader

from bazaar_pos.domain.payment import PaymentMethod, Tender
from bazaar_pos.domain.quantity import Unit, whole
from bazaar_pos.services.customers.views import CustomerDraft
from bazaar_pos.services.orders.views import OrderDraft, OrderLineDraft
from bazaar_pos.services.products.catalogue import ProductDraft
from tests.helpers.emupos import row


@pytest.fixture
def order(named_shop):
    shop = named_shop
    cloth = shop.catalogue.create(ProductDraft("KAI-1", "Kain lurik", 60_000, unit=Unit.M))
    shop.stock.receive(cloth.id, 5_000)
    customer = shop.customers.add(CustomerDraft("Ibu Ratna", phone="0812 3456 789"))
    placed = shop.orders.create(
        OrderDraft(
            customer.id,
            (
                OrderLineDraft(1_500, product_id=cloth.id),
                OrderLineDraft(whole(1), name="Batik tulis, motif parang, 2 m", unit_price=850_000),
            ),
            pickup_on=date(2026, 12, 12),
            note="Warna sogan",
        ),
        Tender(PaymentMethod.CASH, 400_000),
    )
    return shop.orders.add_deposit(placed.id, Tender(PaymentMethod.TRANSFER, 100_000))


def test_the_slip_prints_the_order_its_dp_and_the_balance(named_shop, order, emupos):
    shop = named_shop
    shop.printer.configure(uri=emupos.uri("p58"), paper_mm=58)
    before = len(emupos.receipts("p58"))
    shop.order_slips.print_slip(order.id)
    printout = emupos.wait_receipt("p58", before)
    lines = printout.lines
    assert "Toko Batik Sekar" in printout.text
    assert row("Order no.", "PO-A-0001", 32) in lines
    assert row("Customer", "Ibu Ratna", 32) in lines
    assert row("Phone", "0812-3456-789", 32) in lines
    assert row("Pickup", "12/12/2026", 32) in lines
    at = lines.index("Kain lurik")
    assert lines[at + 1] == row("  1,5 m x Rp60.000/m", "Rp90.000", 32)
    assert lines[at + 2 : at + 4] == ["Batik tulis, motif", row("parang, 2 m", "Rp850.000", 32)]
    dps = [line for line in lines if line.startswith("DP ")]
    assert [(line.split()[2], line.split()[-1]) for line in dps] == [
        ("Cash", "Rp400.000"),
        ("Transfer", "Rp100.000"),
    ]
    assert row("TOTAL", "Rp940.000", 32) in lines
    assert row("Down payment paid", "Rp500.000", 32) in lines
    assert row("BALANCE TO PAY", "Rp440.000", 32) in lines
    assert all(len(line) <= 32 for line in lines)
    assert printout.png.startswith(b"\x89PNG")


def test_the_slip_as_pdf_reads_back(named_shop, order, tmp_path):
    path = named_shop.order_slips.write_pdf(order.id, tmp_path / "pesanan.pdf", paper_mm=58)
    reader = PdfReader(path)
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    for expected in ("PO-A-0001", "Ibu Ratna", "Rp940.000", "Rp500.000", "Rp440.000", "12/12/2026"):
        assert expected in text
    assert reader.metadata.title == "Order PO-A-0001"
