"""The screens at 1366x768: buttons in view, texts whole, the favourites all shown."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QScrollArea, QTableWidget

from bazaar_pos.domain.payment import PaymentMethod, Tender
from bazaar_pos.domain.quantity import whole
from bazaar_pos.i18n import _, set_language
from bazaar_pos.services.products.catalogue import ProductDraft
from bazaar_pos.services.stock.service import Variance
from bazaar_pos.ui.app.main_window import MainWindow
from bazaar_pos.ui.app.style import apply_style
from bazaar_pos.ui.common.formatting import Formats, money_text
from bazaar_pos.ui.products.model import NAME_COLUMN
from bazaar_pos.ui.shifts.amount_dialog import AmountDialog
from bazaar_pos.ui.stock.count import VarianceDialog
from bazaar_pos.ui.till.small_dialogs import ParkedCartsDialog
from tests.helpers.qt import scan

WINDOW = (1366, 700)
"""1366x768 less a title bar, a taskbar and the window's menu bar: what a screen gets."""


@pytest.fixture(autouse=True)
def styled(qapp):
    """The app's own style sheet: sizes as people see them."""
    apply_style(qapp)


def shown(qtbot, shop):
    window = MainWindow(shop)
    qtbot.addWidget(window)
    window.resize(*WINDOW)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return window


def in_view(widget, window):
    """Whether all of ``widget`` shows inside ``window`` and outside any scrolled area."""
    top_left = widget.mapTo(window, QPoint(0, 0))
    bottom_right = widget.mapTo(window, QPoint(widget.width() - 1, widget.height() - 1))
    area = widget.parent()
    while area is not None and area is not window:
        if isinstance(area, QScrollArea):
            return False
        area = area.parent()
    return window.rect().contains(top_left) and window.rect().contains(bottom_right)


def test_the_shop_settings_save_button_is_in_view_without_scrolling(qtbot, shop):
    window = shown(qtbot, shop)
    qtbot.keyClick(window, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    section = window.settings_screen.shop_section
    assert section.save_button.isVisible()
    assert in_view(section.save_button, window)
    section.shop_name.setText("Toko Sekar")
    qtbot.mouseClick(section.save_button, Qt.MouseButton.LeftButton)
    assert section.message.text() == "Saved."
    assert section.message.isVisible()


def test_the_change_after_a_sale_leaves_every_favourite_in_view(qtbot, shop):
    for number in range(1, 9):
        product = shop.catalogue.create(
            ProductDraft(
                sku=f"FAV-{number}",
                name=f"Kain Tenun Ikat Sumba {number}",
                price=95_000,
                favourite=True,
            )
        )
        shop.stock.receive(product.id, whole(5))
    window = MainWindow(shop)
    qtbot.addWidget(window)
    window.resize(1366, 745)  # maximised on 1366x768 under a title bar
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    till = window.till
    area = till.findChild(QScrollArea, "quickPickArea")
    tiles = till.quick_pick.findChildren(QPushButton, "quickPickTile")
    assert len(tiles) == 8
    scan(qtbot, till, "FAV-1")
    till.complete_sale([Tender(PaymentMethod.CASH, 100_000)])
    assert till.last_sale.isVisible()
    assert till.last_sale.change.text() == "Rp5.000"
    viewport = area.viewport()

    def uncut(tile):
        top_left = tile.mapTo(viewport, QPoint(0, 0))
        bottom_right = tile.mapTo(viewport, QPoint(tile.width() - 1, tile.height() - 1))
        return viewport.rect().contains(top_left) and viewport.rect().contains(bottom_right)

    qtbot.waitUntil(lambda: all(uncut(tile) for tile in tiles), timeout=2_000)
    assert not area.verticalScrollBar().isVisible()
    scan(qtbot, till, "FAV-2")  # the next sale: the totals come back
    assert till.totals.isVisible()
    assert not till.last_sale.isVisible()


@pytest.fixture(params=["en", "id"])
def language(request):
    """Each test once in English and once in Indonesian."""
    set_language(request.param)
    yield request.param
    set_language("en")


def fits(text, widget, room):
    """Whether ``text`` fits ``room`` pixels in ``widget``'s font."""
    return widget.fontMetrics().horizontalAdvance(text) <= room


def test_key_texts_are_whole_at_1366x768(qtbot, shop, language, tmp_path):
    for colour in ("Merah", "Biru"):
        product = shop.catalogue.create(
            ProductDraft(
                sku=f"KMJ-L-{colour[:2].upper()}",
                name=f"Kemeja Tenun Lurik Motif Hujan Gerimis (L / {colour})",
                price=1_250_000,
                favourite=True,
            )
        )
        shop.stock.receive(product.id, whole(3))
    window = shown(qtbot, shop)
    till = window.till
    # The scan field's hint, in the till's large font.
    assert fits(till.scan.placeholderText(), till.scan, till.scan.width() - 28)
    # A favourite with a long name and a big price keeps its Alt+ key in view.
    tile = till.quick_pick.tiles[0]
    key = tile.findChild(QLabel, "quickPickKey")
    assert key.text() == "Alt+1"
    assert tile.rect().contains(key.geometry())
    assert fits(key.text(), key, key.width())
    # Parked carts: a long name wraps, the row never scrolls sideways.
    scan(qtbot, till, "KMJ-L-ME")
    shop.parked_carts.park(till.cart, "Ibu berkerudung biru yang kembali sesudah makan siang")
    dialog = ParkedCartsDialog(till, shop.parked_carts.parked(), money_text(shop.settings.load()))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.list.horizontalScrollBar().maximum() == 0
    dialog.reject()
    # The stock list: two variants that differ only at the end stay apart.
    window.show_screen(2)
    table = window.stock.movements.table
    width = table.columnWidth(NAME_COLUMN) - 12
    shown_names = {
        table.fontMetrics().elidedText(
            f"Kemeja Tenun Lurik Motif Hujan Gerimis (L / {colour})", table.textElideMode(), width
        )
        for colour in ("Merah", "Biru")
    }
    assert len(shown_names) == 2, shown_names
    # The stock count's headers.
    window.stock.tabs.setCurrentWidget(window.stock.count)
    window.stock.count.start()
    header = window.stock.count.table.horizontalHeader()
    model = window.stock.count.table.model()
    for column in range(model.columnCount()):
        title = model.headerData(column, Qt.Orientation.Horizontal)
        if column != 1:  # the name column takes what is left
            assert header.sectionSize(column) >= header.sectionSizeHint(column), title
    # Opening a shift: the example amount.
    amount = AmountDialog(
        window,
        "Open the shift",
        "Float in the drawer",
        "Note",
        shop.settings.load().currency,
        reason_required=False,
    )
    qtbot.addWidget(amount)
    amount.show()
    qtbot.waitUntil(amount.isVisible)
    assert fits(amount.amount.placeholderText(), amount.amount, amount.amount.width() - 12)
    amount.reject()
    # The sales history's Status column holds a refund.
    window.show_screen(0)
    till.open_history()
    history = till.history_dialog
    qtbot.waitUntil(history.isVisible)
    refunded = _("Refunded {amount}").format(amount="Rp1.332.047")
    status_width = history.table.columnWidth(history.model.columnCount() - 1)
    assert fits(refunded, history.table, status_width - 12)
    history.reject()


def test_the_count_review_shows_product_names_whole(qtbot, shop, language):
    names = ["Kopi Luwak Liar 100 g", "Kemeja Tenun Lurik (L / Merah)"]
    variances = [
        Variance(product_id=n, sku=f"SKU-{n}", name=name, expected=10, counted=7, cost=450_000)
        for n, name in enumerate(names)
    ]
    dialog = VarianceDialog(variances, 28, Formats(shop.settings.load()), None, costs=True)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(dialog.isVisible)
    table = dialog.findChild(QTableWidget, "varianceTable")
    for row, name in enumerate(names):
        assert fits(name, table, table.columnWidth(1) - 12), name
        assert table.item(row, 1).toolTip() == name


def test_the_backup_list_cuts_a_long_folder_in_the_middle(qtbot, shop, language):
    from bazaar_pos.ui.backups.restore_dialog import RestoreDialog

    made = shop.backups.back_up("manual")
    dialog = RestoreDialog(shop.backups, None)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(dialog.isVisible)
    item = dialog.list.item(0)
    assert item.toolTip() == str(made.made[0])
    text = item.text()
    room = dialog.list.viewport().width()
    assert dialog.list.fontMetrics().horizontalAdvance(text) > room  # long enough to matter
    assert dialog.list.horizontalScrollBar().maximum() == 0
    assert dialog.list.textElideMode() == Qt.TextElideMode.ElideMiddle


def test_every_screen_fits_a_1366_pixel_laptop(qtbot, shop, language):
    window = shown(qtbot, shop)
    for row in range(window.navigation.count()):
        window.navigation.setCurrentRow(row)
        screen = window.stack.currentWidget()
        assert window.minimumSizeHint().width() <= 1366, type(screen).__name__
