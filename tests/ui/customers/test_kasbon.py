"""Kasbon on the Customers screen: repayments with their receipt, write-offs, reminders."""

from __future__ import annotations

from dataclasses import replace
from urllib.parse import unquote

import pytest
from PySide6.QtCore import Qt

from bazaar_pos.domain.receivables import EntryKind
from bazaar_pos.i18n import set_language
from bazaar_pos.services.views import Changes
from bazaar_pos.ui.common import whatsapp
from bazaar_pos.ui.common.operations import change_hub
from tests.helpers.audit import audit
from tests.helpers.emupos import row
from tests.helpers.qt import NOT_APPROVED, owner_answers
from tests.helpers.users import CASHIER, OWNER_PIN, act_as
from tests.ui.customers.conftest import when_modal


@pytest.fixture
def as_cashier(shop):
    """Budi the cashier is signed in."""
    return act_as(shop, CASHIER)


CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def repay_with_keys(qtbot, amount: str | None, method: str = "", reference: str = ""):
    """Answer the next repayment dialog as a cashier types it; what it said, if it stayed."""
    said: list[str] = []

    def fill(dialog):
        if amount is not None:
            dialog.amount.selectAll()
            qtbot.keyClicks(dialog.amount, amount)
        if method:  # the first letters choose, as in any list
            qtbot.keyClicks(dialog.method, method)
        if reference:
            qtbot.keyClicks(dialog.reference, reference)
        qtbot.keyClick(dialog.amount, Qt.Key.Key_Return)
        if dialog.isVisible():
            said.append(dialog.problem.text())
            dialog.reject()

    when_modal(qtbot, fill)
    return said


def test_receiving_what_is_owed_by_qris_shows_the_receipt_with_before_and_after(
    qtbot, screen, shop, ani
):
    screen.refresh(select=ani.id)
    said = repay_with_keys(qtbot, "100rb", method="Q", reference="QR-7781")
    with qtbot.waitSignal(change_hub().changed) as told:  # the shift and reports see the money
        qtbot.keyClick(screen, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert told.args == [Changes(sales=True)]
    assert said == []
    entries = shop.accounts.entries(ani.id)
    assert [(e.kind, e.amount, e.method, e.reference) for e in entries[1:]] == [
        (EntryKind.REPAYMENT, -100_000, "qris", "QR-7781")
    ]
    assert shop.customers.get(ani.id).owed == 205_000
    assert "Rp100.000 received from Ani Lestari; still owed Rp205.000." in screen.message.text()
    receipt = screen.receipt_dialog
    assert receipt is not None
    assert receipt.isVisible()
    text = receipt.preview.text()
    assert "KASBON REPAYMENT" in text
    assert "Owed before" in text
    assert "Rp305.000" in text
    assert "STILL OWED" in text
    assert "Rp205.000" in text
    assert "Ani Lestari" in text
    assert "0812-3456-7890" in text
    receipt.reject()


def test_the_amount_starts_at_what_is_owed(qtbot, screen, shop, ani):
    screen.refresh(select=ani.id)
    assert repay_with_keys(qtbot, None) == []
    screen.receive_payment()
    assert shop.customers.get(ani.id).owed == 0
    assert "PAID IN FULL" in screen.receipt_dialog.preview.text()
    screen.receipt_dialog.reject()
    assert not screen.buttons["repay"].isEnabled()


def test_more_than_is_owed_is_refused_and_nothing_is_written(qtbot, screen, shop, ani):
    screen.refresh(select=ani.id)
    said = repay_with_keys(qtbot, "400.000")
    screen.receive_payment()
    assert said == ["That is more than the customer owes."]
    assert len(shop.accounts.entries(ani.id)) == 1
    assert shop.customers.get(ani.id).owed == 305_000


@pytest.mark.staffed
def test_a_cashier_writes_off_only_with_the_owners_pin_and_it_is_audited(
    qtbot, shop, as_cashier, ani, screen
):
    screen.refresh(select=ani.id)
    reasons = []

    def fill(dialog):
        qtbot.keyClicks(dialog.reason, "Pindah ke Medan")
        reasons.append(owner_answers(qtbot, OWNER_PIN))
        qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)

    when_modal(qtbot, fill)
    qtbot.keyClick(screen, Qt.Key.Key_X, CTRL_SHIFT)
    assert reasons[0][0].startswith("Only an owner may write off a customer's debt.")
    assert shop.customers.get(ani.id).owed == 0
    ((actor, details),) = audit(shop, "kasbon.write_off")
    assert details["amount"] == 305_000
    assert details["owed_before"] == 305_000
    assert (actor, details["approved_by"]) == ("Budi", "Sari")


@pytest.mark.staffed
def test_a_write_off_not_approved_changes_nothing(qtbot, shop, as_cashier, ani, screen):
    screen.refresh(select=ani.id)
    said = []

    def fill(dialog):
        qtbot.keyClicks(dialog.reason, "Tidak bisa dihubungi")
        owner_answers(qtbot)  # the owner cancels
        qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)
        said.append(dialog.problem.text())
        dialog.reject()

    when_modal(qtbot, fill)
    screen.write_off()
    assert said == [NOT_APPROVED]
    assert shop.customers.get(ani.id).owed == 305_000
    assert audit(shop, "kasbon.write_off") == []


def test_the_reminder_opens_wa_me_with_the_indonesian_text(qtbot, screen, shop, ani, monkeypatch):
    set_language("id")
    opened = []
    monkeypatch.setattr(whatsapp, "opener", lambda url: opened.append(url.toString()) or True)
    shop.settings.save(replace(shop.settings.load(), shop_name="Toko Batik Sari"))
    screen.refresh(select=ani.id)
    qtbot.keyClick(screen, Qt.Key.Key_W, CTRL_SHIFT)
    (link,) = opened
    assert link.startswith("https://wa.me/6281234567890?text=")
    text = unquote(link.split("text=", 1)[1])
    assert "Ani Lestari" in text
    assert "Rp305.000" in text
    assert "1 Des 2026" in text
    assert "Toko Batik Sari" in text


def test_the_shops_template_is_used_when_set(qtbot, screen, shop, ani, monkeypatch):
    opened = []
    monkeypatch.setattr(whatsapp, "opener", lambda url: opened.append(url.toString()) or True)
    settings = replace(shop.settings.load(), reminder_template="Halo {name}, bon {amount}.")
    shop.settings.save(settings)
    screen.refresh(select=ani.id)
    screen.send_reminder()
    assert unquote(opened[0].split("text=", 1)[1]) == "Halo Ani Lestari, bon Rp305.000."


def test_a_repayment_prints_its_receipt_when_a_printer_is_set_up(qtbot, screen, shop, ani, emupos):
    shop.printer.configure(uri=emupos.uri("p58"), paper_mm=58)
    before = len(emupos.receipts("p58"))
    screen.refresh(select=ani.id)
    repay_with_keys(qtbot, "50.000")
    screen.receive_payment()
    printout = emupos.wait_receipt("p58", before)
    assert row("STILL OWED", "Rp255.000", 32) in [line.rstrip() for line in printout.lines]
    receipt = screen.receipt_dialog
    qtbot.waitUntil(lambda: receipt.message.text() == "The receipt was printed.")
    receipt.reject()
