"""The marketplace orders dialog previews a file and its problems, then imports it with progress."""

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QPushButton

from bazaar_pos.domain.quantity import whole
from bazaar_pos.ui.common import dialogs
from bazaar_pos.ui.reports.orders_dialog import OrderImportDialog
from bazaar_pos.ui.reports.returns_dialog import ReturnsDialog
from tests.helpers.marketplace_files import lazada_xlsx, shopee_xlsx

WAIT = 20_000


def shopee_line(order_id, status, sku, quantity, price):
    return {
        "No. Pesanan": order_id,
        "Status Pesanan": status,
        "Waktu Pesanan Dibuat": "2026-11-20 09:38",
        "Nomor Referensi SKU": sku,
        "Nama Produk": "Kain",
        "Harga Setelah Diskon": price,
        "Jumlah": quantity,
    }


def table_rows(dialog):
    table = dialog.table
    return [
        [table.item(row, column).text() for column in range(table.columnCount())]
        for row in range(table.rowCount())
    ]


def test_problems_are_listed_with_their_lines_and_nothing_can_be_imported(
    qtbot, shop, add_product, tmp_path, answers
):
    add_product("TEN-1", "Tenun", 500_000, stock=4)
    answers.open_path = shopee_xlsx(
        tmp_path / "Order.all.xlsx",
        [
            shopee_line("A-1", "Selesai", "TEN-1", "1", "450.000"),
            shopee_line("A-2", "Selesai", "SHP-99", "1", "450.000"),
            shopee_line("A-3", "Selesai", "TEN-1", "1.000", "450.000"),
        ],
    )
    dialog = OrderImportDialog(shop)
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.waitSignal(dialog.previewed, timeout=WAIT):
        qtbot.mouseClick(dialog.findChild(QPushButton, "orderChoose"), Qt.MouseButton.LeftButton)
    assert table_rows(dialog) == [
        ["3", "", "", "", "Line 3: no product has SKU 'SHP-99'; map it to a product."],
        ["4", "", "", "", "Line 4, column Jumlah: '1.000' is not a whole number of pieces"],
        ["2", "Shopee", "A-1", "Rp450.000", "new sale of 1 line"],  # problems come first
    ]
    assert "2 problems (in red)" in dialog.summary.text()
    assert not dialog.import_button.isEnabled()
    assert shop.catalogue.get(shop.catalogue.find_by_code("TEN-1").id).stock_milli == whole(4)


def test_a_good_file_is_previewed_then_imported_with_a_summary(
    qtbot, shop, add_product, tmp_path, answers, write_csv
):
    coffee = add_product("KOP-1", "Kopi", 95_000, stock=10)
    path = shopee_xlsx(
        tmp_path / "Order.all.xlsx",
        [
            shopee_line("B-1", "Selesai", "KOP-1", "2", "90.000"),
            shopee_line("B-2", "Belum Bayar", "KOP-1", "1", "90.000"),
            shopee_line("B-3", "Sedang Dikirim", "SHP-KOPI", "3", "90.000"),
        ],
    )
    dialog = OrderImportDialog(shop)
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.waitSignal(dialog.previewed, timeout=WAIT):
        dialog.load(path)
    assert not dialog.import_button.isEnabled()  # SHP-KOPI is not a product here
    answers.open_path = write_csv("marketplace_sku,sku\nSHP-KOPI,KOP-1\n", "map.csv")
    with qtbot.waitSignal(dialog.previewed, timeout=WAIT):
        qtbot.mouseClick(dialog.map_button, Qt.MouseButton.LeftButton)
    assert table_rows(dialog) == [
        ["2", "Shopee", "B-1", "Rp180.000", "new sale of 1 line"],
        ["4", "Shopee", "B-3", "Rp270.000", "new sale of 1 line"],
    ]
    assert "Nothing was changed; an import would:" in dialog.summary.text()
    assert shop.catalogue.get(coffee.id).stock_milli == whole(10)  # not before the import

    assert dialog.import_button.isEnabled()
    with qtbot.waitSignal(dialog.imported, timeout=WAIT):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.progress.isVisible()
    assert dialog.progress.value() == dialog.progress.maximum()
    assert "2 new sales (2 lines, Rp450.000)." in dialog.summary.text()
    assert "not paid yet: 1" in dialog.summary.text()
    assert dialog.close_button.text() == "Close"
    assert shop.catalogue.get(coffee.id).stock_milli == whole(5)
    assert dialog.result_summary.sales == 2
    dialog.close_button.click()
    assert dialog.result() == dialog.DialogCode.Accepted


def test_a_return_goes_back_into_stock_when_its_parcel_is_confirmed(
    qtbot, shop, add_product, tmp_path
):
    cloth = add_product("TEN-1", "Tenun", 500_000, stock=4)
    line = shopee_line("C-1", "Selesai", "TEN-1", "2", "450.000")
    shop.order_import.import_file(shopee_xlsx(tmp_path / "1.xlsx", [line]))
    line["Returned quantity"] = "1"
    shop.order_import.import_file(shopee_xlsx(tmp_path / "2.xlsx", [line]))
    assert shop.catalogue.get(cloth.id).stock_milli == whole(2)

    orders = OrderImportDialog(shop)
    qtbot.addWidget(orders)
    orders.show()
    shown = []

    def look_and_confirm():
        dialog = orders.findChild(ReturnsDialog)
        dialog.jobs.settle()
        shown.append(table_rows(dialog))
        assert not dialog.confirm_button.isEnabled()
        dialog.table.selectRow(0)
        with qtbot.waitSignal(dialog.confirmed, timeout=WAIT):
            qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)
        dialog.jobs.settle()
        shown.append(dialog.status.text())
        shown.append(table_rows(dialog))
        dialog.accept()

    QTimer.singleShot(0, look_and_confirm)
    qtbot.mouseClick(orders.returns_button, Qt.MouseButton.LeftButton)
    assert shown[0] == [["Shopee", "C-1", "A-000001", "TEN-1", "Tenun", "1"]]
    assert shown[1] == "Return confirmed: refund A-R000001, the goods are back in stock."
    assert shown[2] == []
    assert shop.catalogue.get(cloth.id).stock_milli == whole(3)


def test_an_unknown_sku_is_mapped_to_a_product_from_the_preview_and_remembered(
    qtbot, shop, add_product, tmp_path, monkeypatch
):
    coffee = add_product("KOP-1", "Kopi", 95_000, stock=10)
    path = shopee_xlsx(
        tmp_path / "Order.all.xlsx",
        [
            shopee_line("D-1", "Selesai", "KOP-1", "1", "90.000"),
            shopee_line("D-2", "Selesai", "SHP-KOPI", "2", "90.000"),
        ],
    )
    asked = []

    def answer(parent, title, label, text="", *, required=False):
        asked.append(label)
        return "kop-1"

    monkeypatch.setattr(dialogs.TextDialog, "ask", answer)
    dialog = OrderImportDialog(shop)
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.waitSignal(dialog.previewed, timeout=WAIT):
        dialog.load(path)
    assert not dialog.map_row_button.isEnabled()
    dialog.table.selectRow(0)
    assert dialog.map_row_button.isEnabled()
    with qtbot.waitSignal(dialog.previewed, timeout=WAIT):
        qtbot.mouseClick(dialog.map_row_button, Qt.MouseButton.LeftButton)
    assert asked == ["The SKU or barcode of the shop's product sold as 'SHP-KOPI':"]
    assert [row[2] for row in table_rows(dialog)] == ["D-1", "D-2"]
    assert "remember 1 SKU mapping." in dialog.summary.text()
    with qtbot.waitSignal(dialog.imported, timeout=WAIT):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert shop.catalogue.get(coffee.id).stock_milli == whole(7)
    later = shopee_xlsx(
        tmp_path / "later.xlsx", [shopee_line("D-3", "Selesai", "SHP-KOPI", "1", "90.000")]
    )
    assert shop.order_import.plan(later).ready


def test_a_lazada_export_is_previewed_with_its_units_counted_and_bad_money_named(
    qtbot, shop, add_product, tmp_path, answers
):
    cloth = add_product("TEN-1", "Tenun", 500_000, stock=4)

    def unit(order, status, price="450000.00"):
        return {
            "orderNumber": order,
            "status": status,
            "createTime": "03 Jun 2026 20:41",
            "sellerSku": "TEN-1",
            "itemName": "Tenun",
            "unitPrice": price,
        }

    answers.open_path = lazada_xlsx(
        tmp_path / "bad.xlsx", [unit("512000000000001", "shipped", "1.000")]
    )
    dialog = OrderImportDialog(shop)
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.waitSignal(dialog.previewed, timeout=WAIT):
        qtbot.mouseClick(dialog.findChild(QPushButton, "orderChoose"), Qt.MouseButton.LeftButton)
    (row,) = table_rows(dialog)
    assert row[0] == "2"
    assert row[4].startswith("Line 2, column unitPrice: '1.000' is ambiguous")
    assert not dialog.import_button.isEnabled()

    good = lazada_xlsx(
        tmp_path / "good.xlsx",
        [
            unit("512000000000001", "shipped"),
            unit("512000000000001", "shipped"),
            unit("512000000000001", "canceled"),
        ],
    )
    with qtbot.waitSignal(dialog.previewed, timeout=WAIT):
        dialog.load(good)
    assert table_rows(dialog) == [
        ["2", "Lazada", "512000000000001", "Rp900.000", "new sale of 1 line"],
    ]
    with qtbot.waitSignal(dialog.imported, timeout=WAIT):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert shop.catalogue.get(cloth.id).stock_milli == whole(2)
