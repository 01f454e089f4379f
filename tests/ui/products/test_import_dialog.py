"""The Import dialog with other POS apps' files: a Loyverse export's stores, a column mapping."""

import threading

import pytest
from PySide6.QtCore import Qt

from bazaar_pos.services.products.files.presets import PRESET_KIND
from bazaar_pos.ui.common.dialogs import TextDialog
from bazaar_pos.ui.common.progress import ProgressWindow
from bazaar_pos.ui.products.import_dialog import ImportDialog
from tests.helpers.pos_exports import SQUARE_TEXT, write_loyverse


@pytest.fixture
def dialog(qtbot, shop):
    shown = ImportDialog(shop)
    qtbot.addWidget(shown)
    shown.show()
    return shown


def checked(qtbot, dialog, until=lambda preview: True):
    """Wait for the preview that ``until`` accepts."""
    qtbot.waitUntil(
        lambda: dialog.preview is not None
        and not dialog.jobs.busy
        and until(dialog.preview)
        and "Checking" not in dialog.summary.text(),
        timeout=10_000,
    )
    return dialog.preview


def cells(dialog, column):
    return [dialog.table.item(row, column).text() for row in range(dialog.table.rowCount())]


def test_a_loyverse_export_is_previewed_per_store_and_imported_for_the_one_chosen(
    qtbot, shop, tmp_path, dialog
):
    dialog.load(write_loyverse(tmp_path))
    checked(qtbot, dialog)
    assert dialog.shape_label.text() == "Loyverse items export"
    assert dialog.stores.isVisible()
    assert [dialog.stores.itemText(i) for i in range(dialog.stores.count())] == [
        "Toko Jogja",
        "Pasar Solo",
    ]
    assert not dialog.columns.isVisible()
    assert cells(dialog, 1)[:3] == ["kaos-lurik", "KL-S-MRH", "KL-M-BRU"]
    assert cells(dialog, 3)[1] == "Rp95.000"
    assert cells(dialog, 5)[4] == "new product (open price: the till asks for it)"
    assert dialog.summary.text().startswith("6 new products, 0 updates.")

    dialog.stores.setFocus()
    qtbot.keyClick(dialog.stores, Qt.Key.Key_Down)
    checked(qtbot, dialog, lambda preview: preview.store == "Pasar Solo")
    assert cells(dialog, 3)[1] == "Rp99.000"
    assert dialog.import_button.isEnabled()
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.result_summary is not None, timeout=10_000)
    assert dialog.result_summary.created == 6
    assert shop.catalogue.get_by_sku("KL-S-MRH").price == 99_000

    again = ImportDialog(shop)
    qtbot.addWidget(again)
    again.load(write_loyverse(tmp_path))
    checked(qtbot, again)
    assert cells(again, 5)[:2] == [
        "update: Price (options Ukuran: S, M; Warna: Merah, Biru)",
        "update: Price, Stock (variant of kaos-lurik)",
    ]
    assert cells(again, 5)[4] == "no change (open price: the till asks for it)"


def test_an_unknown_file_is_mapped_column_by_column_and_the_mapping_kept_as_a_preset(
    qtbot, shop, write_csv, dialog, monkeypatch
):
    path = write_csv("Judul,Rego,Kode Barang Toko,Warna\nTas Anyam,150000,T-1,coklat\n", "x.csv")
    dialog.load(path)
    checked(qtbot, dialog)
    assert dialog.columns.isVisible()
    assert not dialog.stores.isVisible()
    assert not dialog.import_button.isEnabled()
    assert dialog.summary.text() == (
        "The file cannot be imported yet:\n"
        "The columns are not recognised: map each one onto a product field."
    )
    for header, field in (("Judul", "name"), ("Rego", "price")):
        box = dialog.columns.field_box(header)
        box.setCurrentIndex(box.findData(field))
        checked(qtbot, dialog, lambda preview, h=header: h in preview.mapping)
    assert dialog.summary.text() == "The file cannot be imported yet:\nNo column holds sku."
    sku = dialog.columns.field_box("Kode Barang Toko")
    sku.setFocus()
    qtbot.keyClicks(sku, "SKU")
    checked(qtbot, dialog, lambda preview: preview.ok)
    assert cells(dialog, 1) == ["T-1"]
    assert cells(dialog, 3) == ["Rp150.000"]

    monkeypatch.setattr(TextDialog, "ask", classmethod(lambda cls, *a, **k: "Toko lama"))
    qtbot.mouseClick(dialog.columns.save, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.summary.text() == "Saved the preset Toko lama.", timeout=10_000)
    assert shop.product_files.presets.get(PRESET_KIND, "toko lama") == {
        "Judul": "name",
        "Rego": "price",
        "Kode Barang Toko": "sku",
    }
    assert dialog.columns.preset.currentText() == "Toko lama"

    again = ImportDialog(shop)
    qtbot.addWidget(again)
    again.load(path)
    checked(qtbot, again)
    assert again.preview.preset == "Toko lama"
    assert again.import_button.isEnabled()


def test_a_preset_is_picked_from_the_chooser(qtbot, write_csv, dialog):
    path = write_csv(SQUARE_TEXT.replace("Item Name", "Nama Jual"), "square.csv")
    dialog.load(path)
    checked(qtbot, dialog)
    assert dialog.columns.isVisible()
    chooser = dialog.columns.preset
    chooser.setCurrentIndex(chooser.findData("Square"))
    chooser.activated.emit(chooser.currentIndex())
    checked(qtbot, dialog, lambda preview: preview.mapping.get("GTIN") == "barcode")
    assert dialog.summary.text() == (
        "The file cannot be imported yet:\nThe file has no column 'Item Name' (for name)."
    )
    box = dialog.columns.field_box("Nama Jual")
    box.setCurrentIndex(box.findData("name"))
    checked(qtbot, dialog, lambda preview: preview.ok)
    assert chooser.currentText() == "(your own choice)"
    assert cells(dialog, 2) == ["Batik Tulis", "Selendang"]


def test_a_file_missing_a_column_says_so_rather_than_counting_no_bad_rows(
    qtbot, write_csv, dialog
):
    dialog.load(write_csv("kode,nama\nA-1,Satu\n"))
    checked(qtbot, dialog)
    assert dialog.summary.text() == "The file cannot be imported yet:\nMissing column: price"
    assert not dialog.import_button.isEnabled()


def test_a_long_import_shows_a_window_saying_it_is_under_way(
    qtbot, shop, tmp_path, dialog, monkeypatch
):
    dialog.load(write_loyverse(tmp_path))
    checked(qtbot, dialog)
    real_import = shop.product_files.import_file
    go_on = threading.Event()

    def slow(*args, **kwargs):
        go_on.wait(10)  # a big file: long enough for the window to show
        return real_import(*args, **kwargs)

    monkeypatch.setattr(shop.product_files, "import_file", slow)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.findChild(ProgressWindow) is not None, timeout=5_000)
    window = dialog.findChild(ProgressWindow)
    qtbot.waitUntil(window.isVisible, timeout=5_000)
    assert window.windowTitle().startswith("Importing ")
    assert not window.cancel_button.isVisible()  # an import is one transaction: it runs through
    go_on.set()
    qtbot.waitUntil(lambda: dialog.result_summary is not None, timeout=10_000)
    assert dialog.result_summary.created == 6
    qtbot.waitUntil(lambda: dialog.findChild(ProgressWindow) is None)  # gone once it is done
