"""Driving the screens with real widgets over a real database: the till, files picked,
questions answered, dialogs filled in, the Reports screen loaded.

Loaded as a plugin by tests/conftest.py; test modules import its helpers from here."""

from __future__ import annotations

import shutil
from datetime import date
from typing import ClassVar
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel

from bazaar_pos.domain.formats import Formats
from bazaar_pos.domain.payment import PaymentMethod, Tender
from bazaar_pos.domain.periods import PeriodKind
from bazaar_pos.i18n import current_language
from bazaar_pos.services.products.catalogue import ProductDraft
from bazaar_pos.services.reports.queries import shop_header
from bazaar_pos.services.shop import Shop
from bazaar_pos.ui.access.approval import ApprovalDialog
from bazaar_pos.ui.app.style import apply_style
from bazaar_pos.ui.common import dialogs
from bazaar_pos.ui.reports.screen import ReportsScreen
from bazaar_pos.ui.till.screen import TillScreen
from tests.helpers.sales import sell, utc


@pytest.fixture
def products(add_product):
    """Three products: two with barcodes, one without."""
    return {
        "coffee": add_product(
            "KOP-1", "Kopi Gayo 250 g", 95_000, barcode="8991234500164", stock=10
        ),
        "glass": add_product(
            "KRM-1", "Gelas Keramik", 55_000, barcode="8991234500218", category="Keramik", stock=5
        ),
        "brooch": add_product("AKS-1", "Bros Wayang", 25_000, category="Aksesoris", stock=2),
    }


@pytest.fixture
def open_till(qtbot, qapp):
    """Build, show and focus a Till over a shop."""
    apply_style(qapp)

    def make(shop):
        till = TillScreen(shop)
        qtbot.addWidget(till)
        till.resize(1366, 740)
        till.show()
        till.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is till)
        qtbot.waitUntil(till.scan.hasFocus)
        return till

    return make


@pytest.fixture
def till(shop, products, open_till):
    """A Till over a shop with three products."""
    return open_till(shop)


def scan(qtbot, till, code):
    """Type ``code`` into the scan field as a scanner does, then Enter."""
    qtbot.keyClicks(till.scan, code)
    qtbot.keyClick(till.scan, Qt.Key.Key_Return)


def cart_rows(till):
    """The cart as (sku, quantity) pairs: pieces, or thousandths of goods sold by measure."""
    return [
        (line.sku, line.quantity_milli // 1000 if line.unit.counted else line.quantity_milli)
        for line in till.cart
    ]


def open_payment(qtbot, till):
    """Press F12 and wait until the payment dialog has the keyboard."""
    qtbot.keyClick(till.scan, Qt.Key.Key_F12)
    dialog = till.payment_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


@pytest.fixture
def answers(monkeypatch):
    """Answer the file choosers and yes/no questions screens ask, and record what was asked."""

    class Answers:
        open_path = None
        save_path = None
        confirm = True
        asked: ClassVar[list[str]] = []

    def open_file(parent, title, filters, **_where):
        Answers.asked.append(title)
        return Answers.open_path

    def save_file(parent, title, suggested, filters, **_where):
        Answers.asked.append(title)
        return Answers.save_path

    def confirm(parent, title, text):
        Answers.asked.append(text)
        return Answers.confirm

    monkeypatch.setattr(dialogs, "open_file", open_file)
    monkeypatch.setattr(dialogs, "save_file", save_file)
    monkeypatch.setattr(dialogs, "confirm", confirm)
    Answers.asked = []
    return Answers


NOT_APPROVED = "Not approved: nothing was done."


def owner_answers(qtbot, *pins):
    """Answer the next approval dialog with ``pins`` in turn; cancel it if it is still open.

    Returns the reasons the dialogs gave, filled in once asked.
    """
    reasons = []

    def answer():
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ApprovalDialog), dialog
        reasons.append(dialog.findChild(QLabel, "approvalReason").text())
        for pin in pins:
            qtbot.keyClicks(dialog.pin, pin)
            qtbot.keyClick(dialog.pin, Qt.Key.Key_Return)
            qtbot.waitUntil(dialog.pin.isEnabled, timeout=10_000)
            if not dialog.isVisible():
                return
        dialog.reject()

    QTimer.singleShot(0, answer)
    return reasons


@pytest.fixture
def never_asked(monkeypatch):
    """Fail if anyone is asked for the owner's PIN."""

    def ask(cls, *args):
        raise AssertionError("the owner's PIN was asked for")

    monkeypatch.setattr(ApprovalDialog, "ask", classmethod(ask))


@pytest.fixture
def coffee(shop, add_product):
    """Kopi Gayo at Rp95.000, costing Rp50.000, 10 in stock."""
    return add_product("KOP-1", "Kopi Gayo", 95_000, cost=50_000, stock=10)


def ring_up(qtbot, till, *codes):
    """Scan ``codes`` and complete the sale in cash; the sale's UUID."""
    for code in codes:
        scan(qtbot, till, code)
    with qtbot.waitSignal(till.sale_completed) as done:
        till.complete_sale([Tender(PaymentMethod.CASH, till.cart.totals().total)])
    return done.args[0]


def open_history(qtbot, till):
    """Press F9 and wait until the sales history has the keyboard."""
    qtbot.keyClick(till.scan, Qt.Key.Key_F9)
    dialog = till.history_dialog
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


# -- the Reports screen ---------------------------------------------------------------------

NOVEMBER = (date(2026, 11, 1), date(2026, 11, 30))
WAIT = 20_000


def shown_screen(qtbot, shop):
    """The Reports screen on November 2026, shown and loaded."""
    widget = ReportsScreen(shop)
    qtbot.addWidget(widget)
    widget.set_period(PeriodKind.CUSTOM, *NOVEMBER)
    with qtbot.waitSignal(widget.reportLoaded, timeout=WAIT):
        widget.show()
    return widget


def fmt_of(shop):
    """The report formats of ``shop`` in the language of the test."""
    return Formats(shop_header(shop.settings.load()), current_language())


def other_till_bundle(template_db, tmp_path):
    """A bundle from till B of Stall B, which sold two Vas Gerabah on 20 November 2026."""
    path = tmp_path / "stall-b.sqlite"
    shutil.copyfile(template_db, path)
    other = Shop.open(path, zone=ZoneInfo("Asia/Jakarta"))
    try:
        other.settings.update(till_code="B", shop_name="Stall B")
        vase = other.catalogue.create(ProductDraft("VAS-9", "Vas Gerabah", 210_000, 90_000))
        sell(other, utc(2026, 11, 20, 4, 0), [(vase, 2)])
        bundle = tmp_path / "stall-b.zip"
        other.bundles.export(bundle)
    finally:
        other.close()
    return bundle
