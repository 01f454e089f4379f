"""The Reports screen's Kasbon tab and the receivables files, which only the owner lets out."""

import csv
from datetime import UTC, datetime, timedelta

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt

from bazaar_pos.domain.receivables import EntryKind
from bazaar_pos.services.customers.accounts import add_entry
from bazaar_pos.services.customers.views import CustomerDraft
from bazaar_pos.services.products.catalogue import ProductDraft
from bazaar_pos.ui.common import dialogs
from tests.helpers.audit import audit
from tests.helpers.kasbon import kasbon_sale
from tests.helpers.qt import WAIT, owner_answers, shown_screen
from tests.helpers.users import CASHIER, OWNER, OWNER_PIN, act_as

pytestmark = pytest.mark.staffed


@pytest.fixture
def owing(shop):
    """Bu Sari owes Rp305.000 for 100 days and Rp200.000 for 10; Pak Budi is Rp50.000 in credit."""
    act_as(shop, OWNER)
    batik = shop.catalogue.create(ProductDraft("BTK-1", "Batik tulis parang", 305_000))
    scarf = shop.catalogue.create(ProductDraft("SYL-1", "Syal tenun", 200_000))
    sari = shop.customers.add(CustomerDraft("Bu Sari", "0812-3456-7890"))
    budi = shop.customers.add(CustomerDraft("Pak Budi", "0813-1111-2222"))
    now = datetime.now(UTC)
    kasbon_sale(shop, sari.id, now - timedelta(days=100), [(batik, 1)])
    kasbon_sale(shop, sari.id, now - timedelta(days=10), [(scarf, 1)])
    sale = kasbon_sale(shop, budi.id, now - timedelta(days=40), [(scarf, 1)])
    shop.accounts.repay(budi.id, 200_000)
    with shop.db.writing() as session:  # goods given back after it was paid: a credit
        add_entry(session, budi.id, EntryKind.REFUND, 50_000, till_id="t", sale_id=sale.id)
    return shop


@pytest.fixture
def screen(qtbot, owing):
    act_as(owing, CASHIER)
    widget = shown_screen(qtbot, owing)
    widget.tabs.setCurrentWidget(widget.receivables)
    qtbot.waitUntil(lambda: widget.receivables.model.rowCount() == 3, timeout=WAIT)
    yield widget
    widget.background.wait()


def cells(model, row):
    return [model.index(row, column).data() for column in range(model.columnCount())]


def test_the_kasbon_tab_shows_what_customers_owe_by_age_and_the_total(screen, qtmodeltester):
    page = screen.receivables
    model = page.model
    qtmodeltester.check(model)
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(8)] == [
        "Customer",
        "Owed",
        "0-30 days",
        "31-60 days",
        "61-90 days",
        "over 90 days",
        "Overdue",
        "Oldest due",
    ]
    assert cells(model, 0)[:7] == [
        "Bu Sari",
        "Rp505.000",
        "Rp200.000",
        "Rp0",
        "Rp0",
        "Rp305.000",
        "Rp305.000",
    ]
    assert cells(model, 1)[:7] == ["Pak Budi", "credit Rp50.000", "Rp0", "Rp0", "Rp0", "Rp0", "Rp0"]
    assert cells(model, 2)[:7] == [
        "Total",
        "Rp505.000",
        "Rp200.000",
        "Rp0",
        "Rp0",
        "Rp305.000",
        "Rp305.000",
    ]
    summary = page.summary.text()
    assert "1 customer owes Rp505.000, of which Rp305.000 is overdue." in summary
    assert "The shop holds Rp50.000 in credit for customers." in summary
    assert screen.tabs.tabText(screen.tabs.indexOf(page)) == "Kasbon"


def test_a_cashier_exports_the_receivables_with_phones_only_with_the_owners_pin(
    qtbot, screen, owing, tmp_path, monkeypatch
):
    asked_where = []

    def where(*args, **kwargs):
        asked_where.append(args[2])
        return tmp_path / args[2]

    monkeypatch.setattr(dialogs, "save_file", where)
    owner_answers(qtbot)
    screen.export_actions["receivables_csv"].trigger()
    assert asked_where == []
    assert screen.status.text() == "Not approved: nothing was done."
    owner_answers(qtbot, OWNER_PIN)
    with qtbot.waitSignal(screen.fileWritten, timeout=WAIT) as written:
        screen.export_actions["receivables_csv"].trigger()
    assert asked_where[0].startswith("receivables-")
    assert asked_where[0].endswith(".csv")
    with open(written.args[0], newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["name"], r["phone"], r["owed"]) for r in rows] == [
        ("Bu Sari", "0812-3456-7890", "505000"),
        ("Pak Budi", "0813-1111-2222", "-50000"),
    ]
    granted = audit(owing, "approval.granted")[-1][1]
    assert granted == {"owner": OWNER, "permissions": ["export"]}


def test_the_chosen_customers_statement_is_saved_as_pdf_with_the_owners_pin(
    qtbot, screen, tmp_path, monkeypatch
):
    page = screen.receivables
    assert not page.statement_button.isEnabled()
    asked = []

    def where(*args, **kwargs):
        asked.append(args[2])
        return tmp_path / args[2]

    monkeypatch.setattr(dialogs, "save_file", where)
    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    assert page.chosen().name == "Bu Sari"
    assert page.statement_button.isEnabled()
    qtbot.keyClick(page.view, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    assert page.view.currentIndex().row() == 2  # the totals row names nobody
    assert not page.statement_button.isEnabled()
    qtbot.keyClick(page.view, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    owner_answers(qtbot, OWNER_PIN)
    with qtbot.waitSignal(screen.fileWritten, timeout=WAIT) as written:
        qtbot.mouseClick(page.statement_button, Qt.MouseButton.LeftButton)
    assert asked[0].startswith("kasbon-bu-sari-")
    text = PdfReader(written.args[0]).pages[0].extract_text()
    assert "Kasbon statement" in text
    assert "Bu Sari · 0812-3456-7890" in text
    assert "Bu Sari owes Rp505.000." in text
