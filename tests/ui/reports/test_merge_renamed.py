"""The Merge tills dialog asks before counting two products that share a SKU as one."""

import shutil

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from bazaar_pos.services.products.catalogue import ProductDraft
from bazaar_pos.services.shop import Shop
from bazaar_pos.ui.reports.merge_dialog import MergeTillsDialog
from tests.conftest import JAKARTA
from tests.helpers.audit import audit
from tests.helpers.sales import TWO_DAYS, sell, utc

WAIT = 20_000
PIECES = 12


def product(shop, sku, name):
    return shop.catalogue.create(ProductDraft(sku, name, 50_000, 20_000, category="Kriya"))


@pytest.fixture
def bundle(shop, template_db, tmp_path):
    """Stall B sold twelve baskets under SKUs this shop gave to twelve carvings, and a mat
    named as here but for its case and accents."""
    path = tmp_path / "stall-b.sqlite"
    shutil.copyfile(template_db, path)
    other = Shop.open(path, zone=JAKARTA)
    try:
        other.settings.update(till_code="B", shop_name="Stall B")
        sold = [product(other, f"KRY-{n:02}", f"Anyaman {n}") for n in range(1, PIECES + 1)]
        sold.append(product(other, "TKR-01", "Tikar Pandan Ēnde"))
        sell(other, utc(2026, 11, 20, 4, 0), [(piece, 1) for piece in sold])
        made = tmp_path / "stall-b.zip"
        other.bundles.export(made)
    finally:
        other.close()
    for n in range(1, PIECES + 1):
        product(shop, f"KRY-{n:02}", f"Ukiran {n}")
    product(shop, "TKR-01", "tikar pandan ende")
    return made


def answer_confirmation(qtbot, button_text, asked):
    """Click ``button_text`` on the next question box, keeping its text in ``asked``."""

    def attempt():
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, attempt)
            return
        asked.append(box.text())
        (button,) = [b for b in box.buttons() if b.text() == button_text]
        button.click()

    QTimer.singleShot(0, attempt)


def test_merging_asks_first_and_cancelling_merges_nothing(qtbot, shop, bundle):
    dialog = MergeTillsDialog(shop)
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.waitSignal(dialog.checked, timeout=WAIT):
        dialog.add_files([bundle])
    header = dialog.model.headerData(5, Qt.Orientation.Horizontal)
    assert (header, dialog.model.index(0, 5).data()) == ("Other name here", str(PIECES))
    assert dialog.status.text() == (
        "Sales new to this database: 1. Products with another name here: 12; "
        "you will be asked before merging."
    )
    asked = []
    answer_confirmation(qtbot, "Do not merge", asked)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    (text,) = asked
    lines = text.splitlines()
    assert lines[0] == "These SKUs name a product here with another name than in the bundle:"
    assert lines[1] == "KRY-01: “Ukiran 1” here, “Anyaman 1” in stall-b.zip"
    assert lines[10] == "KRY-10: “Ukiran 10” here, “Anyaman 10” in stall-b.zip"
    assert lines[11] == "and 2 more"
    assert "TKR-01" not in text
    assert "give the product here another SKU (Products > Edit)" in text
    assert dialog.status.text() == "Nothing was merged."
    assert dialog.summary is None
    assert shop.reports.summary(TWO_DAYS).figures.sale_count == 0
    assert audit(shop, "bundle.imported") == []
    assert dialog.import_button.isEnabled()

    answer_confirmation(qtbot, "Merge anyway", asked)
    with qtbot.waitSignal(dialog.imported, timeout=WAIT) as imported:
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert len(asked) == 2
    assert imported.args[0].sales_added == 1
    assert shop.reports.summary(TWO_DAYS).figures.sale_count == 1
    ((_actor, details),) = audit(shop, "bundle.imported")
    assert details["renamed_accepted"] == [f"KRY-{n:02}" for n in range(1, PIECES + 1)]
    dialog.background.wait()
