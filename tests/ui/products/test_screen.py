from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader
from PySide6.QtCore import Qt

from bazaar_pos.domain.quantity import Unit
from bazaar_pos.domain.variants import parse_axes
from bazaar_pos.services.products.search import ProductQuery
from bazaar_pos.services.views import Changes
from bazaar_pos.ui.products.dialog import ProductDialog
from bazaar_pos.ui.products.import_dialog import ImportDialog
from bazaar_pos.ui.products.labels_dialog import LabelsDialog
from bazaar_pos.ui.products.model import ProductTableModel
from bazaar_pos.ui.products.screen import ProductsScreen
from bazaar_pos.ui.products.variants_dialog import VariantsDialog
from tests.helpers.scanning import scan_pdf


@pytest.fixture
def many_products(shop, write_csv):
    rows = "".join(
        f"P-{n:04d},Produk {'Batik' if n % 3 else 'Kopi'} {n},{1000 + n},,{n % 7}\n"
        for n in range(450)
    )
    shop.product_files.import_file(write_csv("sku,name,price,barcode,stock\n" + rows))


@pytest.fixture
def screen(qtbot, shop):
    widget = ProductsScreen(shop)
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    widget.show()
    return widget


def fill_product(dialog, qtbot, name, price, category=""):
    qtbot.keyClicks(dialog.name, name)
    dialog.category.setCurrentText(category)
    qtbot.keyClicks(dialog.price, price)


def test_the_list_reads_pages_as_it_scrolls_and_sorts_in_the_database(
    qtbot, shop, many_products, screen
):
    model = screen.model
    assert (model.rowCount(), model.total) == (200, 450)
    assert screen.count.text() == "450 products"
    assert model.canFetchMore()
    screen.table.scrollToBottom()
    qtbot.waitUntil(lambda: model.rowCount() > 200)
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == 450
    assert len({model.product(r).id for r in range(450)}) == 450
    screen.table.horizontalHeader().setSortIndicator(4, Qt.SortOrder.DescendingOrder)
    assert [model.product(r).price for r in range(3)] == [1449, 1448, 1447]
    assert model.index(0, 4).data() == "Rp1.449"


def test_a_query_read_without_counting_pages_to_the_end_and_counts_there(
    shop, many_products, qtmodeltester
):
    counts = []
    model = ProductTableModel(
        str,
        fetch=lambda query, after, limit: shop.catalogue.browse(query, after=after, limit=limit),
        count=lambda query: counts.append(query) or shop.catalogue.count_matching(query),
        page_size=200,
    )
    model.set_query(ProductQuery(), count=False)
    assert (model.counted, model.total, model.canFetchMore(), counts) == (False, 200, True, [])
    model.fetchMore()
    assert (model.counted, model.rowCount()) == (False, 400)
    model.fetchMore()  # 50 more: a short page is the last one
    assert (model.counted, model.total, model.canFetchMore(), counts) == (True, 450, False, [])
    model.set_query(ProductQuery(), count=False)
    assert model.count_all() == 450
    assert len(counts) == 1
    model.set_query(ProductQuery("kopi"), count=False)  # 150: one page, counted as read
    assert (model.counted, model.total, len(counts)) == (True, 150, 1)
    model.set_query(ProductQuery(), count=False)
    qtmodeltester.check(model)


def test_the_paged_model_passes_the_model_tester(shop, many_products, qtmodeltester):
    model = ProductTableModel.over_catalogue(shop.catalogue, str, page_size=50)
    model.set_query(ProductQuery())
    qtmodeltester.check(model)
    model.fetchMore()
    model.sort(4, Qt.SortOrder.DescendingOrder)
    model.set_query(replace(model.query, text="kopi"))
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == model.total == 150
    qtmodeltester.check(model)


def test_the_filter_narrows_as_you_type_and_ignores_accents(qtbot, shop, many_products, screen):
    qtbot.keyClicks(screen.filter, "kopi 1")
    typed = screen.model.total
    screen.filter.setText("KÓPI 1")  # accents and capitals match the same products
    assert screen.model.total == typed == screen.model.rowCount()
    names = {screen.model.product(r).name for r in range(screen.model.rowCount())}
    assert names
    assert all("Kopi" in n and "1" in n for n in names)
    screen.filter.clear()
    assert (screen.model.counted, screen.count.text()) == (False, "200+ products")
    qtbot.waitUntil(lambda: screen.model.counted)
    assert screen.model.total == 450
    assert screen.count.text() == "450 products"
    qtbot.keyClick(screen.filter, Qt.Key.Key_Down)
    assert screen.table.hasFocus()
    assert screen.current().name == "Produk Batik 1"


def test_a_new_product_through_the_dialog(qtbot, shop, screen, monkeypatch):
    seen = []

    def ask(parent, shop_, product=None):
        dialog = ProductDialog(shop_, product, parent)
        qtbot.addWidget(dialog)
        fill_product(dialog, qtbot, "Songket Palembang", "2.400.000", "Kain Tenun")
        seen.append(dialog.sku.text())
        dialog.save()
        return dialog.result_product

    monkeypatch.setattr(ProductDialog, "ask", ask)
    with qtbot.waitSignal(screen.products_changed) as changed:
        qtbot.keyClick(screen, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert changed.args == [Changes(products=True, stock=True)]
    assert seen == ["KAI-SON-001"]
    product = shop.catalogue.get_by_sku("KAI-SON-001")
    assert (product.name, product.price, product.category) == (
        "Songket Palembang",
        2_400_000,
        "Kain Tenun",
    )
    assert screen.current() == product
    assert screen.message.text() == "Added Songket Palembang."


def test_the_dialog_keeps_problems_on_screen_and_saves_nothing(qtbot, shop, add_product):
    add_product("KOP-1")
    dialog = ProductDialog(shop, None)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.save()
    assert dialog.problems.isVisible()
    assert "Enter a price." in dialog.problems.text()
    qtbot.keyClicks(dialog.name, "Kopi")
    qtbot.keyClicks(dialog.price, "95rb")
    dialog.sku.setText("kop-1")
    dialog.sku.textEdited.emit("kop-1")
    dialog.save()
    assert "The SKU kop-1 is already used." in dialog.problems.text()
    assert dialog.result() == 0
    assert shop.catalogue.count() == 1


def test_editing_keeps_every_field_and_takes_a_photo(qtbot, shop, add_product, answers, tmp_path):
    product = add_product("KOP-1", "Kopi Gayo", 95_000, barcode="4006381333931", category="Kopi")
    picture = tmp_path / "kopi.png"
    Image.new("RGB", (400, 300), (120, 70, 20)).save(picture)
    answers.open_path = picture
    dialog = ProductDialog(shop, product)
    qtbot.addWidget(dialog)
    assert (dialog.price.text(), dialog.barcode.text(), dialog.category.currentText()) == (
        "95.000",
        "4006381333931",
        "Kopi",
    )
    qtbot.mouseClick(
        dialog.findChild(type(dialog.remove), "choosePhoto"), Qt.MouseButton.LeftButton
    )
    assert not dialog.photo.pixmap().isNull()
    dialog.favourite.setChecked(True)
    dialog.low_stock.setText("4")
    dialog.save()
    saved = dialog.result_product
    assert (saved.favourite, saved.low_stock_milli, saved.price) == (True, 4_000, 95_000)
    stored = shop.catalogue.photo_path(saved)
    assert stored.parent == Path(shop.db.path).parent / "photos"


def test_archiving_hides_a_product_until_archived_ones_are_shown(qtbot, shop, add_product, screen):
    add_product("KOP-1", "Kopi Gayo")
    add_product("TEH-1", "Teh Melati")
    screen.refresh()
    screen.table.selectRow(0)
    qtbot.keyClick(screen, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)
    assert [screen.model.product(r).sku for r in range(screen.model.rowCount())] == ["TEH-1"]
    assert "Archived Kopi Gayo" in screen.message.text()
    screen.show_archived.setChecked(True)
    assert screen.model.index(0, 1).data() == "Kopi Gayo (archived)"
    screen.table.selectRow(0)
    assert screen.buttons["archive"].text() == "Restore"
    screen.buttons["archive"].click()
    assert shop.catalogue.get_by_sku("KOP-1").active


def test_variants_are_previewed_then_made(qtbot, shop, add_product, screen, monkeypatch):
    add_product("KMJ-1", "Kemeja Batik", 275_000)
    screen.refresh()
    screen.table.selectRow(0)

    def ask(parent, shop_, product):
        dialog = VariantsDialog(shop_, product, parent)
        qtbot.addWidget(dialog)
        dialog.options.setPlainText("Size: S, M\nColour Biru")
        assert not dialog.ok.isEnabled()
        assert "write an option" in dialog.summary.text()
        dialog.options.setPlainText("Size: S, M\nColour: Biru, Merah")
        assert dialog.table.rowCount() == 4
        assert dialog.table.item(0, 0).text() == "Kemeja Batik (S / Biru)"
        assert dialog.summary.text() == "4 variants; 4 new, 0 archived."
        dialog.save()
        return dialog.result_variants

    monkeypatch.setattr(VariantsDialog, "ask", ask)
    qtbot.keyClick(
        screen,
        Qt.Key.Key_V,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert screen.message.text() == "Kemeja Batik has 4 variants."
    assert screen.model.total == 5
    parent_row = screen.model.row_of(shop.catalogue.get_by_sku("KMJ-1").id)
    assert screen.model.index(parent_row, 5).data() == "—"


def test_labels_are_written_off_the_gui_thread_and_scan(
    qtbot, shop, add_product, answers, tmp_path
):
    first = add_product("KOP-1", barcode="4006381333931", stock=2)
    add_product("KOP-2", "Kopi Toraja", category="Kopi")
    answers.save_path = tmp_path / "labels.pdf"
    dialog = LabelsDialog(shop, [first.id])
    qtbot.addWidget(dialog)
    assert dialog.pick_selected.isChecked()
    dialog.per_stock.setChecked(True)
    dialog.template.setCurrentIndex(dialog.template.findData("roll-50x30"))
    dialog.save()
    qtbot.waitUntil(lambda: dialog.result_labels is not None, timeout=10_000)
    assert dialog.result_labels.labels == 2
    assert sorted(scan_pdf(answers.save_path).elements()) == ["4006381333931"] * 2
    dialog.pick_category.setChecked(True)
    dialog.per_stock.setChecked(False)
    answers.save_path = tmp_path / "kopi.pdf"
    dialog.save()
    qtbot.waitUntil(lambda: dialog.result_labels.path.name == "kopi.pdf", timeout=10_000)
    assert "New internal" not in dialog.status.text()
    assert len(PdfReader(answers.save_path).pages) == 2
    assert shop.catalogue.get_by_sku("KOP-2").barcode == "2000000000015"


def test_import_shows_bad_rows_and_refuses_them(qtbot, shop, write_csv):
    dialog = ImportDialog(shop)
    qtbot.addWidget(dialog)
    dialog.load(write_csv("kode,nama,harga\nA-1,Satu,1.000\nA-2,,mahal\n"))
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=10_000)
    assert dialog.table.rowCount() == 2
    assert dialog.table.item(0, 5).text() == "new product"
    assert (
        dialog.table.item(1, 5).text() == "nama: the name is empty; harga: 'mahal' is not an amount"
    )
    assert not dialog.import_button.isEnabled()
    assert "1 row has problems" in dialog.summary.text()
    assert shop.catalogue.count() == 0


def test_import_of_a_good_file_through_the_screen(qtbot, shop, write_csv, screen, monkeypatch):
    path = write_csv("sku,name,price,stock\nA-1,Satu,Rp 1.000,3\nA-2,Dua,2000,\n")

    def ask(parent, shop_, path_=None):
        dialog = ImportDialog(shop_, parent)
        qtbot.addWidget(dialog)
        dialog.load(path)
        qtbot.waitUntil(lambda: dialog.import_button.isEnabled(), timeout=10_000)
        assert dialog.summary.text().startswith("2 new products, 0 updates.")
        dialog.apply()
        qtbot.waitUntil(lambda: dialog.result_summary is not None, timeout=10_000)
        return dialog.result_summary

    monkeypatch.setattr(ImportDialog, "ask", ask)
    with qtbot.waitSignal(screen.products_changed):
        screen.buttons["import"].click()
    assert screen.message.text() == "2 products added, 0 updated, stock set for 1."
    assert screen.model.total == 2


def test_export_runs_in_the_background(qtbot, shop, add_product, screen, answers, tmp_path):
    add_product("KOP-1")
    answers.save_path = tmp_path / "produk.xlsx"
    screen.export_file()
    qtbot.waitUntil(lambda: screen.message.text().startswith("Exported"), timeout=10_000)
    assert answers.save_path.exists()
    answers.save_path = None
    screen.export_file()
    assert screen.message.text().startswith("Exported")


def test_labels_for_a_category_give_each_variant_one_label(
    qtbot, shop, add_product, answers, tmp_path
):
    shirt = add_product("KMJ-1", "Kemeja Tenun Lurik", 275_000, category="Batik")
    axes = parse_axes("Ukuran: S, M, L; Warna: Merah, Biru")
    variants = shop.catalogue.set_options(shirt.id, axes)
    add_product("SYL-1", "Syal Batik Sutra", 185_000, category="Batik")
    add_product("KOP-1", "Kopi Gayo", 95_000, category="Kopi")
    answers.save_path = tmp_path / "batik.pdf"
    dialog = LabelsDialog(shop, [])
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.pick_category.setFocus()
    qtbot.keyClick(dialog.pick_category, Qt.Key.Key_Space)
    assert dialog.pick_category.isChecked()
    dialog.category.setCurrentText("Batik")
    dialog.template.setCurrentIndex(dialog.template.findData("roll-50x30"))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.result_labels is not None, timeout=10_000)
    assert (dialog.result_labels.labels, dialog.result_labels.products) == (7, 7)
    codes = scan_pdf(answers.save_path).elements()
    expected = {v.barcode for v in shop.catalogue.variants_of(shirt.id)}
    expected.add(shop.catalogue.get_by_sku("SYL-1").barcode)
    assert sorted(codes) == sorted(expected)
    assert len(variants) == 6


def test_a_product_sold_by_weight_gets_its_unit_plu_and_a_decimal_low_stock_level(qtbot, shop):
    dialog = ProductDialog(shop, None)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.name, "Kopi Arabika Gayo biji")
    qtbot.keyClicks(dialog.sku, "BJI-1")
    qtbot.keyClicks(dialog.price, "180000")
    dialog.unit.setFocus()
    qtbot.keyClick(dialog.unit, Qt.Key.Key_Down)  # pcs, then kg
    assert dialog.unit.currentText() == "kg (by weight)"
    assert dialog.price_label.text() == "&Price per kg"
    qtbot.keyClicks(dialog.low_stock, "1,5 kg")
    qtbot.keyClicks(dialog.plu, "10x1")  # the letter is not taken
    assert dialog.plu.text() == "101"
    dialog.save()
    saved = dialog.result_product
    assert (saved.unit, saved.low_stock_milli, saved.plu) == (Unit.KG, 1_500, "101")

    pieces = ProductDialog(shop, None)
    qtbot.addWidget(pieces)
    qtbot.keyClicks(pieces.name, "Tas pandan")
    qtbot.keyClicks(pieces.sku, "TAS-1")
    qtbot.keyClicks(pieces.price, "145000")
    qtbot.keyClicks(pieces.low_stock, "2,5")
    pieces.save()
    assert pieces.result_product is None
    assert "sold by the piece" in pieces.problems.text()
