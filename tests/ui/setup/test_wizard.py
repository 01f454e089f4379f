import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication

from bazaar_pos.app import QUIT_AFTER_ENV, open_main_window, run_gui
from bazaar_pos.i18n import current_language
from bazaar_pos.services.settings import speak_shop_language
from bazaar_pos.services.shop import Shop
from bazaar_pos.ui.app.main_window import MainWindow
from bazaar_pos.ui.common.translator import stop_speaking_qt_language
from bazaar_pos.ui.setup.wizard import SetupWizard, Step
from tests.helpers.emupos import free_port


def opened(qtbot, shop, *, first_run=True):
    wizard = SetupWizard(shop, first_run=first_run)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is wizard)
    return wizard


def at_the_printer_page(qtbot, shop):
    """The wizard on its printer page, the shop named "Toko"; and the printer section."""
    wizard = opened(qtbot, shop)
    wizard.next()
    qtbot.keyClicks(wizard.shop_page.shop_name, "Toko")
    wizard.next()
    wizard.next()
    return wizard, wizard.printer_page.section


def press(qtbot, wizard, key):
    """Press ``key`` where the keyboard is, as a person would."""
    qtbot.keyClick(wizard.focusWidget() or wizard, key)


def test_enter_walks_through_and_finish_stores_the_answers(qtbot, shop, emupos):
    wizard = opened(qtbot, shop)
    assert wizard.currentId() == Step.WELCOME
    assert wizard.welcome.step.text() == "Step 1 of 6"
    press(qtbot, wizard, Qt.Key.Key_Return)
    assert wizard.currentId() == Step.SHOP
    assert wizard.shop_page.shop_name.text() == ""
    assert not wizard.button(SetupWizard.WizardButton.NextButton).isEnabled()
    qtbot.keyClicks(wizard.shop_page.shop_name, "Batik Sekar Jagad")
    qtbot.keyClicks(wizard.shop_page.address, "Pasar Beringharjo Blok B")
    press(qtbot, wizard, Qt.Key.Key_Return)
    assert wizard.currentId() == Step.MONEY
    money = wizard.money_page
    assert not money.tax_enabled.isChecked()
    assert not money.tax_box.isEnabled()
    qtbot.keyClick(money.tax_enabled, Qt.Key.Key_Space)
    assert money.tax_box.isEnabled()
    qtbot.mouseClick(money.exclusive, Qt.MouseButton.LeftButton, pos=QPoint(8, 8))
    press(qtbot, wizard, Qt.Key.Key_Return)
    assert wizard.currentId() == Step.PRINTER
    section = wizard.printer_page.section
    assert not section.footer.isVisible()
    section.uri.setText(emupos.uri("p58"))
    before = len(emupos.receipts("p58"))
    qtbot.mouseClick(section.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: section.status.text() == "Test page printed.", timeout=10_000)
    printout = emupos.wait_receipt("p58", before)
    assert "Printer test" in printout.text
    press(qtbot, wizard, Qt.Key.Key_Return)
    assert wizard.currentId() == Step.OWNER
    press(qtbot, wizard, Qt.Key.Key_Return)
    assert wizard.currentId() == Step.FINISH
    summary = wizard.finish_page.summary.text()
    assert "Shop: Batik Sekar Jagad" in summary
    assert "PPN 12% on 11/12, added on top of prices" in summary
    assert emupos.uri("p58").removeprefix("network://") in summary
    assert wizard.finish_page.demo.isVisible()
    with qtbot.waitSignal(wizard.finished):
        press(qtbot, wizard, Qt.Key.Key_Return)
    stored = shop.settings.load()
    assert (stored.shop_name, stored.address, stored.setup_done) == (
        "Batik Sekar Jagad",
        "Pasar Beringharjo Blok B",
        True,
    )
    assert (stored.tax_enabled, stored.tax_inclusive, stored.language) == (True, False, "en")
    assert stored.tax_rule.effective_rate * 100 == 11
    assert shop.printer.settings().uri == emupos.uri("p58")
    assert wizard.outcome.finished
    assert not wizard.outcome.demo_loaded
    assert shop.settings.is_empty()
    assert not shop.settings.needs_setup()


def test_an_owner_pin_set_in_the_setup_makes_everyone_sign_in(qtbot, shop):
    wizard = opened(qtbot, shop)
    wizard.shop_page.shop_name.setText("Toko Kriya")
    for _step in (Step.WELCOME, Step.SHOP, Step.MONEY, Step.PRINTER):
        press(qtbot, wizard, Qt.Key.Key_Return)
    assert wizard.currentId() == Step.OWNER
    owner = wizard.owner_page
    owner.owner_name.setText("Ani")
    qtbot.keyClicks(owner.pin, "482916")
    qtbot.keyClicks(owner.pin_again, "482917")
    press(qtbot, wizard, Qt.Key.Key_Return)
    assert wizard.currentId() == Step.OWNER
    assert "not the same" in owner.problem.text()
    owner.pin_again.setText("482916")
    press(qtbot, wizard, Qt.Key.Key_Return)
    assert wizard.currentId() == Step.FINISH
    with qtbot.waitSignal(wizard.finished):
        press(qtbot, wizard, Qt.Key.Key_Return)
    assert [user.name for user in shop.users.users()] == ["Ani"]
    assert shop.access.sign_in_required()


def test_esc_skips_the_setup_for_good(qtbot, shop):
    wizard = opened(qtbot, shop)
    press(qtbot, wizard, Qt.Key.Key_Return)
    qtbot.keyClicks(wizard.shop_page.shop_name, "Not kept")
    with qtbot.waitSignal(wizard.rejected):
        press(qtbot, wizard, Qt.Key.Key_Escape)
    assert not wizard.outcome.finished
    stored = shop.settings.load()
    assert (stored.shop_name, stored.setup_done) == ("Bazaar POS", True)
    assert not shop.settings.needs_setup()


def test_the_demo_shop_loads_into_an_empty_shop_and_the_answers_win(qtbot, shop):
    wizard = opened(qtbot, shop)
    wizard.next()
    qtbot.keyClicks(wizard.shop_page.shop_name, "Toko Latihan")
    wizard.next()
    wizard.next()
    wizard.next()
    wizard.next()
    assert wizard.currentId() == Step.FINISH
    qtbot.keyClick(wizard.finish_page.demo, Qt.Key.Key_Space)
    assert wizard.finish_page.demo.isChecked()
    with qtbot.waitSignal(wizard.finished):
        qtbot.mouseClick(
            wizard.button(SetupWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton
        )
    assert wizard.outcome.demo_loaded
    assert len(shop.catalogue.search(limit=100)) == 33
    stored = shop.settings.load()
    assert stored.shop_name == "Toko Latihan"
    assert stored.qris_payload.startswith("000201")
    assert stored.cash_rounding_step == 100


def test_a_shop_with_products_is_not_offered_the_demo_and_keeps_its_currency(
    qtbot, shop, add_product
):
    add_product()
    shop.settings.update(shop_name="Kopi Pak Man")
    wizard = opened(qtbot, shop, first_run=False)
    wizard.next()
    assert wizard.shop_page.shop_name.text() == "Kopi Pak Man"
    wizard.next()
    assert not wizard.money_page.currency.isEnabled()
    wizard.next()
    wizard.next()
    assert not wizard.finish_page.demo.isVisible()
    assert wizard.finish_page.demo.isHidden()
    wizard.accept()
    assert not wizard.outcome.demo_loaded
    assert len(shop.catalogue.search(limit=100)) == 1


def test_a_printer_address_that_cannot_be_used_keeps_the_printer_page(qtbot, shop):
    wizard, section = at_the_printer_page(qtbot, shop)
    section.uri.setText("carrier-pigeon://roof")
    press(qtbot, wizard, Qt.Key.Key_Return)
    assert wizard.currentId() == Step.PRINTER
    assert section.status.property("problem") is True
    assert "printer settings are not right" in section.status.text()
    section.uri.setText(f"network://127.0.0.1:{free_port()}")
    press(qtbot, wizard, Qt.Key.Key_Return)
    assert wizard.currentId() == Step.OWNER


def test_the_printer_page_offers_80mm_in_42_column_mode(qtbot, shop):
    wizard, section = at_the_printer_page(qtbot, shop)
    assert section.paper.isVisible()
    assert section.paper.itemText(2) == "80 mm, 42-column mode (42 characters a line)"
    section.uri.setText(f"network://127.0.0.1:{free_port()}")
    section.paper.setFocus()
    qtbot.keyClick(section.paper, Qt.Key.Key_End)
    press(qtbot, wizard, Qt.Key.Key_Return)
    assert wizard.currentId() == Step.OWNER
    assert (shop.printer.settings().paper_mm, shop.printer.settings().columns) == (80, 42)


def test_choosing_a_language_on_the_first_run_switches_at_once(qtbot, shop):
    wizard = opened(qtbot, shop)
    old_shop_page = wizard.shop_page
    combo = wizard.welcome.language
    combo.setCurrentIndex(combo.findData("id"))
    assert current_language() == "id"
    assert wizard.shop_page is not old_shop_page
    assert not wizard.welcome.restart_note.isVisible()
    wizard.next()
    qtbot.keyClicks(wizard.shop_page.shop_name, "Toko Kain")
    wizard.next()
    wizard.next()
    wizard.next()
    wizard.accept()
    assert shop.settings.load().language == "id"


def test_a_language_picked_before_skipping_is_kept(qtbot, shop):
    wizard = opened(qtbot, shop)
    combo = wizard.welcome.language
    combo.setCurrentIndex(combo.findData("id"))
    press(qtbot, wizard, Qt.Key.Key_Escape)
    assert shop.settings.load().language == "id"
    assert not shop.settings.needs_setup()


def test_reopened_from_settings_a_new_language_waits_for_a_restart(qtbot, shop):
    shop.settings.mark_set_up()
    wizard = opened(qtbot, shop, first_run=False)
    combo = wizard.welcome.language
    combo.setCurrentIndex(combo.findData("id"))
    assert current_language() == "en"
    assert wizard.welcome.restart_note.isVisible()
    assert "after the app restarts" in wizard.welcome.restart_note.text()


def test_the_shop_language_is_used_when_the_app_starts(shop):
    shop.settings.update(language="id")
    speak_shop_language(shop.settings)
    assert current_language() == "id"


class Modals:
    """Acts on each modal dialog that opens while watching, and records it."""

    def __init__(self):
        self.seen = []
        self.act = lambda dialog: dialog.reject()
        self._timer = QTimer()
        self._timer.setInterval(20)
        self._timer.timeout.connect(self._poll)
        self._timer.start()

    def _poll(self):
        dialog = QApplication.activeModalWidget()
        if dialog is not None and dialog not in self.seen:
            self.seen.append(dialog)
            self.act(dialog)

    def stop(self):
        self._timer.stop()


@pytest.fixture
def modals():
    """Watch for modal dialogs (a wizard shown by mistake would otherwise block the test)."""
    watching = Modals()
    yield watching
    watching.stop()


def test_the_gui_shows_the_setup_on_a_new_shop_and_then_focuses_the_till(qtbot, shop, modals):
    modals.act = lambda dialog: qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    window = open_main_window(shop)
    qtbot.addWidget(window)
    assert [type(d) for d in modals.seen] == [SetupWizard]
    assert window.stack.currentWidget() is window.till
    qtbot.waitUntil(window.till.scan.hasFocus)
    assert not shop.settings.needs_setup()


def test_the_gui_does_not_ask_a_shop_set_up_before(qtbot, shop, modals):
    shop.settings.mark_set_up()
    window = open_main_window(shop)
    qtbot.addWidget(window)
    assert modals.seen == []


def test_the_demo_never_asks(qtbot, shop, modals):
    window = open_main_window(shop, demo=True)
    qtbot.addWidget(window)
    assert modals.seen == []
    assert shop.settings.needs_setup()


def test_settings_runs_the_setup_again_and_the_screens_follow(qtbot, shop, modals):
    shop.settings.mark_set_up()
    window = MainWindow(shop)
    qtbot.addWidget(window)
    window.show()
    window.show_screen(4)
    button = window.settings_screen.setup_button
    assert button.isVisible()

    def answer(wizard):
        wizard.next()
        wizard.shop_page.shop_name.setText("Tenun Ikat Sumba")
        wizard.next()
        wizard.next()
        wizard.next()
        wizard.accept()

    modals.act = answer
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert [type(d) for d in modals.seen] == [SetupWizard]
    assert shop.settings.load().shop_name == "Tenun Ikat Sumba"
    assert window.windowTitle().startswith("Tenun Ikat Sumba")
    assert window.settings_screen.shop_section.shop_name.text() == "Tenun Ikat Sumba"


@pytest.fixture
def app_look(qapp):
    """run_gui styles the whole application and teaches Qt its words; put it back after."""
    sheet, palette = qapp.styleSheet(), qapp.palette()
    yield
    qapp.setStyleSheet(sheet)
    qapp.setPalette(palette)
    stop_speaking_qt_language(qapp)


def test_run_gui_teaches_qt_the_shops_language(qtbot, db_path, modals, monkeypatch, app_look):
    shop = Shop.open(db_path)
    shop.settings.update(language="id")
    shop.close()
    modals.act = lambda dialog: qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    monkeypatch.setenv(QUIT_AFTER_ENV, "300")
    assert run_gui(db_path, log_path=db_path.with_name("log.txt")) == 0
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Batal"
    assert QLocale().language() == QLocale.Language.Indonesian


def test_run_gui_asks_on_a_new_database_then_runs_the_till(
    qtbot, db_path, modals, monkeypatch, app_look
):
    modals.act = lambda dialog: qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    monkeypatch.setenv(QUIT_AFTER_ENV, "300")
    assert run_gui(db_path, log_path=db_path.with_name("log.txt")) == 0
    assert [type(d) for d in modals.seen] == [SetupWizard]
    reopened = Shop.open(db_path)
    try:
        assert not reopened.settings.needs_setup()
    finally:
        reopened.close()


def test_the_printer_address_example_reads_as_an_example_not_an_answer(qtbot, shop):
    from PySide6.QtGui import QPalette

    wizard, section = at_the_printer_page(qtbot, shop)
    assert wizard.currentId() == Step.PRINTER
    assert section.uri.text() == ""
    assert section.uri.placeholderText() == "e.g. network://192.168.1.50:9100"
    palette = section.uri.palette()
    placeholder = palette.color(QPalette.ColorRole.PlaceholderText)
    assert placeholder != palette.color(QPalette.ColorRole.Text)
    assert placeholder.green() <= placeholder.red() + 20  # grey, not the app's green
