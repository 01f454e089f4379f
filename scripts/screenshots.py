"""Take the user guide's screenshots from the real app on the demo shop.

    .venv/bin/python scripts/screenshots.py [--lang en|id] [--out docs/guide/images]

Runs offscreen, so it needs no display. Every screen is shown at 1366x768 and
saved as ``<name>-<lang>.png``; dialogs are saved at their own size. The
first-time setup is shown on an empty shop, everything else on the demo shop.
"""

from __future__ import annotations

import argparse
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from bazaar_pos.domain.cart import Cart, CartLine
from bazaar_pos.domain.consignment import Commission
from bazaar_pos.domain.payment import PaymentMethod, Tender
from bazaar_pos.i18n import set_language
from bazaar_pos.services.catalogue import ProductDraft
from bazaar_pos.services.consignment import ConsignorDraft
from bazaar_pos.services.demo import load_demo_shop
from bazaar_pos.services.shop import Shop
from bazaar_pos.ui.backups.restore_dialog import RestoreDialog
from bazaar_pos.ui.main_window import MainWindow
from bazaar_pos.ui.products.dialog import ProductDialog
from bazaar_pos.ui.products.labels_dialog import LabelsDialog
from bazaar_pos.ui.reports.merge_dialog import MergeTillsDialog
from bazaar_pos.ui.reports.zreport_dialog import ZReportDialog
from bazaar_pos.ui.setup.wizard import SetupWizard
from bazaar_pos.ui.style import apply_style

SCREEN_SIZE = (1366, 768)
SALE = ("8991234500164", "2*8991234500218", "8991234500058")
"""Kopi Gayo, two ceramic glasses and a batik tulis, as scanned at the till."""


class Camera:
    """Saves widgets as ``<name>-<language>.png`` in one folder."""

    def __init__(self, app: QApplication, out: Path, language: str) -> None:
        """Save into ``out`` for ``language``."""
        self.app = app
        self.out = out
        self.language = language
        self.saved: list[Path] = []
        out.mkdir(parents=True, exist_ok=True)

    def shoot(self, widget: QWidget, name: str) -> None:
        """Let ``widget`` settle, then save a picture of it."""
        for _round in range(3):
            self.app.processEvents()
        path = self.out / f"{name}-{self.language}.png"
        widget.grab().save(str(path))
        _shrink(path)
        self.saved.append(path)

    def dialog(self, dialog: QDialog, name: str, size: tuple[int, int] | None = None) -> None:
        """Show ``dialog`` without blocking, save it, close it."""
        if size:
            dialog.resize(*size)
        dialog.show()
        self.shoot(dialog, name)
        dialog.reject()


def _shrink(path: Path) -> None:
    """Store the picture with 256 colours: a third of the size, the same to the eye."""
    with Image.open(path) as picture:
        fewer = picture.convert("RGB").quantize(
            256, Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE
        )
    fewer.save(path, optimize=True)


def take(out: Path, language: str) -> list[Path]:
    """Save every screen and the key dialogs into ``out`` and return their paths."""
    set_language(language)
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    apply_style(app)
    camera = Camera(app, out, language)
    folder = Path(tempfile.mkdtemp(prefix="bazaar-shots-"))
    empty = Shop.open(folder / "new.sqlite")
    try:
        _setup_wizard(camera, empty, language)
    finally:
        empty.close()
    set_language(language)
    shop = Shop.open(folder / "demo.sqlite")
    try:
        load_demo_shop(shop)
        _consigned_goods(shop)
        window = MainWindow(shop)
        window.resize(*SCREEN_SIZE)
        window.show()
        window.statusBar().clearMessage()  # the temporary database's path means nothing
        for shots in (_till, _products, _stock, _reports, _settings_and_backups):
            shots(camera, window)
        window.close()
    finally:
        shop.close()
    return camera.saved


def _consigned_goods(shop: Shop) -> None:
    """A maker's bowls held on consignment (titip jual), two of them sold today."""
    maker = shop.consignment.add_consignor(
        ConsignorDraft(
            "Ibu Sari (Kasongan)", phone="0812-1111-2222", commission=Commission.percent(20)
        )
    )
    bowl = shop.catalogue.create(
        ProductDraft("TJ-MGK-001", "Mangkuk Gerabah Kasongan", 60_000, consignor_id=maker.id)
    )
    shop.consignment.receive(bowl.id, 6, note="titip 6")
    product = shop.catalogue.get(bowl.id)
    settings = shop.settings.load()
    cart = Cart(settings.currency, settings.tax_rule)
    cart.add(
        CartLine(
            sku=product.sku,
            name=product.name,
            unit_price=product.price,
            unit_cost=product.cost,
            quantity=2,
            product_id=product.id,
        )
    )
    shop.checkout.complete_sale(cart, [Tender(PaymentMethod.CASH, cart.totals().total)])


def _setup_wizard(camera: Camera, shop: Shop, language: str) -> None:
    wizard = SetupWizard(shop, first_run=True)
    wizard.resize(820, 600)
    wizard.show()
    camera.shoot(wizard, "setup-welcome")
    wizard.next()
    wizard.shop_page.shop_name.setText("Toko Kriya Nusantara")
    wizard.shop_page.address.setText("Jl. Malioboro No. 12, Yogyakarta")
    wizard.shop_page.phone.setText("0812-3456-7890")
    camera.shoot(wizard, "setup-shop")
    wizard.next()
    camera.shoot(wizard, "setup-tax")
    wizard.next()
    wizard.printer_page.section.uri.setText("usb://0x0416:0x5011")
    camera.shoot(wizard, "setup-printer")
    wizard.next()
    camera.shoot(wizard, "setup-finish")
    wizard.wait()
    wizard.hide()
    wizard.deleteLater()


def _till(camera: Camera, window: MainWindow) -> None:
    till = window.till
    window.show_screen(0)
    camera.shoot(window, "till")
    for code in SALE:
        QTest.keyClicks(till.scan, code)
        QTest.keyClick(till.scan, Qt.Key.Key_Return)
    camera.shoot(window, "till-sale")
    till.open_payment()
    payment = till.payment_dialog
    assert payment is not None
    QTest.keyClicks(payment.amount, "1.200.000")
    camera.shoot(payment, "payment")
    payment.amount.clear()
    payment.choose_method(PaymentMethod.QRIS)
    qris = payment.qris_window
    if qris is not None:
        qris.showNormal()
        qris.resize(*SCREEN_SIZE)
        camera.shoot(qris, "qris-customer")
        qris.close()
    payment.choose_method(PaymentMethod.CASH)
    QTest.keyClicks(payment.amount, "1.200.000")
    QTest.keyClick(payment.amount, Qt.Key.Key_Return)
    window.printing.wait()
    camera.shoot(window, "till-change")
    window.printing.cancel_failed()
    till.open_unconfirmed()
    if till.unconfirmed_dialog is not None:
        camera.dialog(till.unconfirmed_dialog, "unconfirmed-payments")
    till.open_history()
    if till.history_dialog is not None:
        camera.dialog(till.history_dialog, "sales-history")


def _products(camera: Camera, window: MainWindow) -> None:
    window.show_screen(1)
    camera.shoot(window, "products")
    shop = window.shop
    product = shop.catalogue.find_by_code("BTK-TLS-001")
    assert product is not None
    camera.dialog(ProductDialog(shop, product, window), "product-dialog")
    favourites = [p.id for p in shop.catalogue.search(limit=1000) if p.favourite][:4]
    camera.dialog(LabelsDialog(shop, favourites, window), "labels")


def _stock(camera: Camera, window: MainWindow) -> None:
    window.show_screen(2)
    stock = window.stock
    camera.shoot(window, "stock")
    stock.tabs.setCurrentWidget(stock.count)
    stock.count.scope.setCurrentIndex(max(stock.count.scope.findData("Kopi"), 0))
    stock.count.start()
    lines = stock.count.model.lines
    for row, line in enumerate(lines[:3]):
        stock.count.model.set_count(row, line.expected - (1 if row == 2 else 0))
    QTest.keyClicks(stock.count.scan, lines[3].sku)
    QTest.keyClick(stock.count.scan, Qt.Key.Key_Return)
    camera.shoot(window, "stock-count")
    stock.tabs.setCurrentWidget(stock.consignment)
    stock.consignment.makers.setCurrentRow(0)
    camera.shoot(window, "consignment")
    stock.tabs.setCurrentIndex(0)


def _reports(camera: Camera, window: MainWindow) -> None:
    window.show_screen(3)
    reports = window.reports
    _wait_for(camera.app, lambda: reports.loaded is not None)
    camera.shoot(window, "reports")
    zreport = ZReportDialog(window.shop, parent=window)
    camera.dialog(zreport, "z-report")
    zreport.background.wait()
    camera.dialog(MergeTillsDialog(window.shop, window), "merge-tills")


def _settings_and_backups(camera: Camera, window: MainWindow) -> None:
    window.show_screen(4)
    settings = window.settings_screen
    settings.tabs.setCurrentIndex(0)
    camera.shoot(window, "settings")
    window.shop.printer.configure(uri="network://192.168.1.50:9100")
    settings.refresh()
    settings.tabs.setCurrentIndex(1)
    camera.shoot(window, "settings-printer")
    settings.tabs.setCurrentIndex(0)
    window.shop.backups.back_up("manual")
    camera.dialog(RestoreDialog(window.shop.backups, window), "restore-backup")
    window.show_screen(0)


def _wait_for(app: QApplication, condition: Callable[[], bool], seconds: float = 20) -> None:
    """Process events until ``condition`` holds (a report computed in the background)."""
    for _tick in range(int(seconds * 20)):
        if condition():
            return
        app.processEvents()
        QTest.qWait(50)
    raise TimeoutError("the screen did not finish loading")


def main() -> None:
    """Parse the options and take the screenshots."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lang", default="en", choices=["en", "id"])
    parser.add_argument("--out", type=Path, default=Path("docs/guide/images"))
    args = parser.parse_args()
    for path in take(args.out, args.lang):
        print(path)


if __name__ == "__main__":
    main()
