"""Backups in the window: back up now, the restore dialog, the closing backup, the warnings."""

import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from bazaar_pos.app import run_gui
from bazaar_pos.domain.payment import PaymentMethod, Tender
from bazaar_pos.services.demo import load_demo_shop
from bazaar_pos.services.shop import Shop
from bazaar_pos.store.lock import DatabaseLock
from bazaar_pos.ui.app.main_window import MainWindow
from bazaar_pos.ui.backups.restore_dialog import RestoreDialog
from bazaar_pos.ui.common.dialogs import Notice
from bazaar_pos.ui.common.progress import ProgressWindow
from bazaar_pos.ui.common.translator import stop_speaking_qt_language


@pytest.fixture
def notices(monkeypatch):
    calls = []

    def ask(cls, parent, title, text, **options):
        calls.append((title, text, options.get("name")))

    monkeypatch.setattr(Notice, "ask", classmethod(ask))
    return calls


@pytest.fixture
def app_style(qtbot):
    """run_gui styles the whole application and teaches Qt its words; put it back after."""
    app = QApplication.instance()
    before = app.styleSheet()
    yield
    app.setStyleSheet(before)
    stop_speaking_qt_language(app)


@pytest.fixture
def window(qtbot, shop):
    shown = MainWindow(shop)
    qtbot.addWidget(shown)
    shown.show()
    yield shown
    shown.wait_for_backups()


def sell(shop, cart_of, product, quantity=1):
    cart = cart_of((product, quantity))
    return shop.checkout.complete_sale(cart, [Tender(PaymentMethod.CASH, cart.totals().total)])


def test_back_up_now_from_the_keyboard_runs_in_the_background(qtbot, window, shop):
    assert window.backup_status.text() == "No backup yet"
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    with qtbot.waitSignal(window.backup_made, timeout=10_000) as made:
        qtbot.keyClick(
            window,
            Qt.Key.Key_B,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
        )
    (path,) = made.args[0].made
    assert path.exists()
    assert path.name.endswith("-manual.sqlite")
    assert window.backup_status.text().startswith("Last backup: ")
    assert [a.objectName() for a in window.menuBar().actions()[0].menu().actions()] == [
        "switchUser",
        "lock",
        "",
        "auditLog",
        "customerOrders",
        "",
        "backupAction",
        "restoreAction",
        "",
        "quit",
    ]


def press_back_up_now(qtbot, window):
    control_shift = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(window, Qt.Key.Key_B, control_shift)


def test_a_backup_that_breaks_unexpectedly_can_be_tried_again(
    qtbot, window, shop, notices, monkeypatch
):
    make_backup = shop.backups.back_up

    def broken(kind, *, progress=None):
        raise OSError("the drive went away")

    monkeypatch.setattr(shop.backups, "back_up", broken)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    press_back_up_now(qtbot, window)
    qtbot.waitUntil(lambda: bool(notices), timeout=10_000)
    ((title, text, name),) = notices
    assert (title, name) == ("The backup failed", "backupFailedNotice")
    assert text.startswith("Something went wrong. Details are in ")

    monkeypatch.setattr(shop.backups, "back_up", make_backup)
    with qtbot.waitSignal(window.backup_made, timeout=10_000) as made:
        press_back_up_now(qtbot, window)
    assert made.args[0].made[0].name.endswith("-manual.sqlite")
    assert window.statusBar().currentMessage() != "A backup is already being made."


def test_automatic_backups_run_when_due_and_when_the_window_closes(qtbot, shop):
    window = MainWindow(shop)
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.backup_made, timeout=10_000) as made:
        window.start_automatic_backups()
    assert made.args[0].made[0].name.endswith("-daily.sqlite")
    window.back_up_if_due()  # not due again for a day
    window.close()
    kinds = sorted(b.kind for b in shop.backups.list_backups())
    assert kinds == ["close", "daily"]


def test_the_restore_dialog_previews_before_anything_is_replaced(
    qtbot, shop, add_product, cart_of, tmp_path
):
    kopi = add_product(stock=10)
    sell(shop, cart_of, kopi, 2)
    shop.backups.back_up("daily")
    (tmp_path / "junk.sqlite").write_text("not a database")
    dialog = RestoreDialog(shop.backups)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.list.count() == 1
    assert "daily backup" in dialog.list.item(0).text()
    preview = dialog.preview.text()
    assert "1 sale\n" in preview
    assert "Last sale: A-000001 on " in preview
    assert dialog.restore_button.isEnabled()

    assert not dialog.show_preview(tmp_path / "junk.sqlite")
    assert dialog.preview.text() == (
        f"This file cannot be restored: {tmp_path / 'junk.sqlite'} is not a Bazaar POS database."
    )
    assert not dialog.restore_button.isEnabled()
    assert dialog.chosen is None

    qtbot.keyClick(dialog.list, Qt.Key.Key_Home)
    dialog.list.setCurrentRow(-1)
    dialog.list.setCurrentRow(0)
    assert dialog.restore_button.isEnabled()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.result() == RestoreDialog.DialogCode.Rejected


def test_restore_from_the_menu_replaces_the_shop_and_refreshes_the_screens(
    qtbot, window, shop, add_product, cart_of, notices, monkeypatch
):
    add_product("KOP-1", stock=5)
    backup = shop.backups.back_up("manual").made[0]
    add_product("TEH-1", "Teh Tubruk", 15_000)
    products = window.products
    products.refresh()
    assert products.model.rowCount() == 2
    monkeypatch.setattr(RestoreDialog, "ask", classmethod(lambda cls, parent, backups: backup))
    with qtbot.waitSignal(window.data_changed) as changed:
        window.restore_action.trigger()
    assert changed.args[0].products
    assert products.model.rowCount() == 1
    title, text, name = notices[-1]
    assert (title, name) == ("Backup restored", "restoredNotice")
    assert "The replaced database was kept as" in text
    assert [p.sku for p in shop.catalogue.search()] == ["KOP-1"]


def test_a_long_restore_shows_its_copy_and_cancel_keeps_the_shop(
    qtbot, window, shop, add_product, notices, monkeypatch
):
    add_product("KOP-1", stock=5)
    backup = shop.backups.back_up("manual").made[0]
    add_product("TEH-1", "Teh Tubruk", 15_000)
    monkeypatch.setattr(RestoreDialog, "ask", classmethod(lambda cls, parent, backups: backup))
    prepare = shop.backups.prepare_restore
    go_on = threading.Event()

    def slow(chosen, *, progress=None):
        go_on.wait(10)  # a big database: long enough for the window to show
        return prepare(chosen, progress=progress)

    monkeypatch.setattr(shop.backups, "prepare_restore", slow)
    window.restore_action.trigger()
    qtbot.waitUntil(lambda: window.findChild(ProgressWindow) is not None, timeout=5_000)
    shown = window.findChild(ProgressWindow)
    qtbot.waitUntil(shown.isVisible, timeout=5_000)
    assert (shown.windowTitle(), shown.cancel_button.isVisible()) == ("Restoring the backup", True)
    qtbot.mouseClick(shown.cancel_button, Qt.MouseButton.LeftButton)
    go_on.set()
    qtbot.waitUntil(lambda: "Cancelled" in window.statusBar().currentMessage(), timeout=10_000)
    assert notices == []
    assert sorted(p.sku for p in shop.catalogue.search()) == ["KOP-1", "TEH-1"]
    assert not list(shop.db.path.parent.glob(".*restoring*"))


def test_cancelling_the_restore_changes_nothing(window, shop, add_product, monkeypatch):
    add_product(stock=5)
    monkeypatch.setattr(RestoreDialog, "ask", classmethod(lambda cls, parent, backups: None))
    window.restore_from_backup()
    assert len(shop.catalogue.search()) == 1
    assert shop.backups.list_backups() == []


def test_a_database_in_a_synced_folder_is_flagged_and_explained_once(
    qtbot, template_db, tmp_path, notices
):
    folder = tmp_path / "OneDrive - Koperasi"
    folder.mkdir()
    path = folder / "shop.sqlite"
    path.write_bytes(template_db.read_bytes())
    shop = Shop.open(path)
    try:
        window = MainWindow(shop)
        qtbot.addWidget(window)
        window.show()
        assert window.location_warning.isVisible()
        assert "OneDrive" in window.location_warning.text()
        window.warn_about_location()
        window.warn_about_location()
        assert [name for _title, _text, name in notices] == ["locationNotice"]
        assert "put only backups in OneDrive" in notices[0][1]
    finally:
        shop.close()
    reopened = Shop.open(path)
    try:
        window = MainWindow(reopened)
        qtbot.addWidget(window)
        window.warn_about_location()
        assert len(notices) == 1  # once per database, not once per start
    finally:
        reopened.close()


def test_an_ordinary_folder_shows_no_warning(qtbot, window):
    assert window.location_risk is None
    assert not window.location_warning.isVisible()


def test_a_second_window_on_the_same_database_says_so_and_stops(qtbot, app_style, db_path, notices):
    with DatabaseLock(db_path):
        assert run_gui(db_path, log_path=db_path.with_name("log.txt")) == 1
    ((title, text, name),) = notices
    assert (title, name) == ("Bazaar POS is already open", "alreadyOpen")
    assert text.startswith(f"Bazaar POS is already open on {db_path}")


def test_a_file_that_cannot_be_opened_is_explained(qtbot, app_style, tmp_path, notices):
    path = tmp_path / "notes.sqlite"
    path.write_text("shopping list")
    assert run_gui(path, log_path=tmp_path / "log.txt") == 1
    assert notices == [
        ("Cannot open the shop", f"{path} is not a Bazaar POS database.", "cannotOpen")
    ]
    assert path.read_text() == "shopping list"
    with DatabaseLock(path) as lock:  # the refused start let go of its lock
        assert lock.held


def test_the_demo_shop_backs_up_with_its_sales(qtbot, shop):
    load_demo_shop(shop)
    info = shop.backups.inspect(shop.backups.back_up("manual").made[0])
    assert info.sales > 20
    assert info.products == 33


def test_a_backup_shows_its_progress_and_cancel_keeps_no_file(qtbot, window, shop, monkeypatch):
    make_backup = shop.backups.back_up
    go_on = threading.Event()

    def slow(kind, *, progress=None):
        go_on.wait(10)  # long enough for the window to show and Cancel to be pressed
        return make_backup(kind, progress=progress)

    monkeypatch.setattr(shop.backups, "back_up", slow)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    press_back_up_now(qtbot, window)
    qtbot.waitUntil(lambda: window.findChild(ProgressWindow) is not None)
    shown = window.findChild(ProgressWindow)
    qtbot.waitUntil(shown.isVisible, timeout=5_000)
    assert (shown.windowTitle(), shown.cancel_button.isVisible()) == ("Backing up the shop", True)
    qtbot.mouseClick(shown.cancel_button, Qt.MouseButton.LeftButton)
    assert shown.what.text() == "Stopping…"
    go_on.set()
    qtbot.waitUntil(lambda: "Cancelled" in window.statusBar().currentMessage(), timeout=10_000)
    assert list(shop.backups.folder.glob("*.sqlite*")) == []
    assert window.backup_status.text() == "No backup yet"
