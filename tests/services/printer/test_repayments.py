"""Repayment receipts: the balance before and after, on 58 mm paper, in PDF and on emupos."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest
from pypdf import PdfReader

from bazaar_pos.domain.payment import PaymentMethod
from bazaar_pos.domain.receivables import EntryKind
from bazaar_pos.errors import NotFoundError
from bazaar_pos.services.customers.accounts import add_entry
from bazaar_pos.services.customers.views import CustomerDraft
from tests.helpers.emupos import row


@pytest.fixture
def repayment(shop):
    """Ani owed Rp305.000 and paid Rp100.000 by transfer; the repayment's entry."""
    shop.settings.save(
        replace(shop.settings.load(), shop_name="Toko Batik Sekar", address="Jl. Malioboro 12")
    )
    ani = shop.customers.add(CustomerDraft("Ani Lestari", phone="081234567890"))
    with shop.db.writing() as session:
        charge = add_entry(
            session,
            ani.id,
            EntryKind.CHARGE,
            305_000,
            till_id=shop.settings.load().till_id,
            due_on=date(2026, 12, 1),
        )
        charge.created_at = datetime(2026, 11, 1, 3, tzinfo=UTC)
    return shop.accounts.repay(ani.id, 100_000, PaymentMethod.TRANSFER, reference="BCA 0412")


def test_the_receipt_shows_the_balance_before_and_after(shop, repayment):
    receipt = shop.repayment_receipts.for_entry(repayment.uuid)
    assert (receipt.owed_before, receipt.amount, receipt.owed_after) == (305_000, 100_000, 205_000)
    lines = [line.text for line in shop.repayment_receipts.lines(receipt, 32)]
    assert all(len(line) <= 32 for line in lines)
    assert row("Owed before", "Rp305.000", 32) in lines
    assert row("PAID", "Rp100.000", 32) in lines
    assert row("Paid with", "Transfer", 32) in lines
    assert row("Reference", "BCA 0412", 32) in lines
    assert row("STILL OWED", "Rp205.000", 32) in lines
    assert row("Customer", "Ani Lestari", 32) in lines


def test_only_repayments_have_a_repayment_receipt(shop, repayment):
    charge = shop.accounts.entries(shop.customers.find("ani")[0].id)[0]
    with pytest.raises(NotFoundError):
        shop.repayment_receipts.for_entry(charge.uuid)


def test_the_receipt_as_pdf_reads_back(shop, repayment, tmp_path):
    receipt = shop.repayment_receipts.for_entry(repayment.uuid)
    path = shop.repayment_receipts.write_pdf(receipt, tmp_path / "repayment.pdf")
    text = PdfReader(path).pages[0].extract_text()
    assert "KASBON REPAYMENT" in text
    assert "Rp205.000" in text


def test_the_receipt_prints_on_58_mm_paper(shop, repayment, emupos):
    shop.printer.configure(uri=emupos.uri("p58"), paper_mm=58)
    before = len(emupos.receipts("p58"))
    shop.repayment_receipts.print(repayment.uuid)
    printout = emupos.wait_receipt("p58", before)
    lines = [line.rstrip() for line in printout.lines]
    assert all(len(line) <= 32 for line in lines), lines
    assert lines[0].strip() == "Toko Batik Sekar"
    assert row("Owed before", "Rp305.000", 32) in lines
    assert row("STILL OWED", "Rp205.000", 32) in lines
    assert printout.meta["boundary"] == "connection-closed"  # POS-5890 clones have no cutter
    assert printout.png.startswith(b"\x89PNG")
