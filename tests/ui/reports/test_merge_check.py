"""*Check only* in the Merge tills dialog says what merging would do and writes nothing."""

import shutil

from PySide6.QtCore import Qt
from sqlalchemy import func, select

from bazaar_pos.services.products.catalogue import ProductDraft
from bazaar_pos.services.shop import Shop
from bazaar_pos.store.models import Till
from bazaar_pos.ui.reports.merge_dialog import MergeTillsDialog
from tests.conftest import JAKARTA
from tests.helpers.audit import audit
from tests.helpers.sales import TWO_DAYS, sell, utc

WAIT = 20_000


def test_check_only_lists_what_merging_would_do_and_then_merge_does_it(
    qtbot, shop, template_db, tmp_path
):
    path = tmp_path / "stall-b.sqlite"
    shutil.copyfile(template_db, path)
    other = Shop.open(path, zone=JAKARTA)
    try:
        other.settings.update(till_code="B", shop_name="Stall B")
        mat = other.catalogue.create(ProductDraft("TKR-01", "Tikar", 50_000, 20_000))
        sell(other, utc(2026, 11, 20, 4, 0), [(mat, 2)])
        bundle = tmp_path / "stall-b.zip"
        other.bundles.export(bundle)
    finally:
        other.close()
    dialog = MergeTillsDialog(shop)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.check_button.isEnabled()
    with qtbot.waitSignal(dialog.checked, timeout=WAIT):
        dialog.add_files([bundle])
    assert dialog.check_button.isEnabled()
    with qtbot.waitSignal(dialog.checked_only, timeout=WAIT) as checked:
        qtbot.keyClick(dialog, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)
    assert checked.args[0].dry_run
    lines = dialog.status.text().splitlines()
    assert lines[:3] == [
        "Only checked: nothing was written. Importing would do this:",
        "Sales: 1 new, 0 already here.",
        "Stock movements: 1 new, 0 already here.",
    ]
    assert lines[-1] == "Products new to this shop, to be added as archived: TKR-01"
    assert shop.reports.summary(TWO_DAYS).figures.sale_count == 0
    assert audit(shop, "bundle.imported") == []
    with shop.db.reading() as session:
        assert session.scalar(select(func.count()).select_from(Till)) == 0
    assert dialog.import_button.isEnabled()
    assert dialog.check_button.isEnabled()
    with qtbot.waitSignal(dialog.imported, timeout=WAIT) as imported:
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert imported.args[0].sales_added == 1
    assert shop.reports.summary(TWO_DAYS).figures.sale_count == 1
    with shop.db.reading() as session:
        assert session.scalar(select(func.count()).select_from(Till)) == 1
    dialog.background.wait()
