"""Take the user guide's screenshots from the real app on the demo shop.

    .venv/bin/python scripts/screenshots.py [--lang en|id] [--out docs/guide/images]

Runs offscreen, so it needs no display. Every screen is shown at 1366x768 and
saved as ``<name>-<lang>.png``; dialogs are saved at their own size. The
first-time setup is shown on an empty shop, everything else on the demo shop.
Goods sold by weight and length get their own shots: the till with coffee beans
by the kg and cloth by the metre, the product dialog of a weighed product, a
partial refund of a weighed line, and that sale's receipt as the emupos printer
simulator prints it (when emupos is installed: ``EMUPOS_BIN`` or
``.venv-emupos/bin/emupos``) and as its PDF (a page turned into a picture by
pdftoppm). Three customers with kasbon are added for the Customers screen, a
repayment and its receipt, and Settings > Customers. Last, an owner and a cashier are
added to the demo shop, and a
cashier's day is shot: signing in, the cash shift, the owner's approval, a
bazaar event and the audit log.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TypeVar

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PIL import Image
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QScrollArea, QWidget

from bazaar_pos.domain.access import Role
from bazaar_pos.domain.cart import Cart, CartLine
from bazaar_pos.domain.cash_count import Piece
from bazaar_pos.domain.consignment import Commission
from bazaar_pos.domain.payment import PaymentMethod, Tender
from bazaar_pos.domain.quantity import PER_UNIT, whole
from bazaar_pos.domain.receivables import EntryKind
from bazaar_pos.i18n import _, set_language
from bazaar_pos.progress import Progress
from bazaar_pos.services.customers.accounts import add_entry
from bazaar_pos.services.customers.views import CustomerDraft, EntryView, GroupView
from bazaar_pos.services.demo import load_demo_shop
from bazaar_pos.services.orders.views import OrderDraft, OrderLineDraft
from bazaar_pos.services.products.catalogue import ProductDraft
from bazaar_pos.services.shifts.events import EventDraft
from bazaar_pos.services.shop import Shop
from bazaar_pos.services.stock.consignment.views import ConsignorDraft
from bazaar_pos.ui.access.approval import ApprovalDialog
from bazaar_pos.ui.app.main_window import CUSTOMERS, MainWindow
from bazaar_pos.ui.app.style import apply_style
from bazaar_pos.ui.backups.restore_dialog import RestoreDialog
from bazaar_pos.ui.common.formatting import uses_decimal_comma
from bazaar_pos.ui.common.progress import ProgressWindow
from bazaar_pos.ui.common.translator import speak_qt_language
from bazaar_pos.ui.customer_display.window import CustomerDisplayWindow
from bazaar_pos.ui.customers.repay_dialog import RepayDialog
from bazaar_pos.ui.history.refund_dialog import RefundDialog
from bazaar_pos.ui.orders.new_order import NewOrderDialog
from bazaar_pos.ui.products.dialog import ProductDialog
from bazaar_pos.ui.products.labels_dialog import LabelsDialog
from bazaar_pos.ui.reports.merge_dialog import MergeTillsDialog
from bazaar_pos.ui.reports.zreport_dialog import ZReportDialog
from bazaar_pos.ui.setup.wizard import SetupWizard
from bazaar_pos.ui.shifts.amount_dialog import AmountDialog
from bazaar_pos.ui.shifts.count_dialog import CashCountDialog
from bazaar_pos.ui.stock.dialogs import Move, StockMoveDialog
from bazaar_pos.ui.till.customer_state import display_state
from bazaar_pos.ui.till.small_dialogs import DiscountDialog

SCREEN_SIZE = (1366, 768)
CUSTOMER_SCREEN_SIZE = (1024, 600)
"""A small customer-facing screen."""
SALE = ("8991234500164", "2*8991234500218", "8991234500058")
"""Kopi Gayo, two ceramic glasses and a batik tulis, as scanned at the till."""
WEIGHED_SALE = ("0,25*KOP-BJI-KG", "1,5 m*KAI-LRK-M", "8991234500218")
"""250 g of coffee beans priced per kg, 1,5 m of lurik cloth and a ceramic glass."""
LOW_BEANS = "2,5"
"""The coffee beans' low-stock level as the stall keeper types it, in kg."""
RECEIVED_BEANS = "12,5"
"""A sack of coffee beans arrives: 12,5 kg."""
WEIGHED_SHORT = 150
"""The count finds 150 g (thousandths of a kg) less of a weighed coffee than the ledger."""
WEIGHED_REFUND = "0,1"
"""The customer brings back 100 g of the coffee beans (the first line)."""
ROOT = Path(__file__).resolve().parents[1]
SCALE_STICKERS = ("2100101002502", "2300103288502")
"""A weight sticker (PLU 101, 250 g) and a price sticker (PLU 103, Rp28.850) of label scales."""
OWNER, OWNER_PIN = "Ratna", "2580"
CASHIER, CASHIER_PIN = "Budi", "3691"
EVENT_SALES = (
    ({"KOP-DRP-010": 3, "AKS-GLG-001": 2}, PaymentMethod.CASH),
    ({"BTK-CAP-001": 1, "TAS-PCH-001": 1}, PaymentMethod.TRANSFER),
    ({"KRM-KSG-001": 2, "TEN-LRK-001": 1}, PaymentMethod.CASH),
    ({"AKS-GLG-001": 4}, PaymentMethod.CASH),
    ({"BTK-CAP-002": 1, "KOP-TRJ-250": 2}, PaymentMethod.TRANSFER),
    ({"KOP-DRP-010": 2, "KOP-GAY-250": 1}, PaymentMethod.CASH),
    ({"TAS-TNN-001": 1, "KRM-PLR-001": 2}, PaymentMethod.CASH),
)
"""What the cashier sells at the bazaar before the sale with a big discount."""
DISCOUNTED = ("8991234500126", "8991234500188")
"""A pandan bag and Kopi Kintamani, given 20% off: above a cashier's limit."""
SHORT = 2_000
"""The drawer is counted this much short, so the shift report shows a difference."""
DRAWER = {
    (Piece.NOTE, 20_000): 6,
    (Piece.NOTE, 10_000): 8,
    (Piece.NOTE, 5_000): 6,
    (Piece.NOTE, 2_000): 10,
    (Piece.NOTE, 1_000): 5,
    (Piece.COIN, 1_000): 4,
    (Piece.COIN, 500): 6,
    (Piece.COIN, 200): 5,
}
"""The change in the drawer at closing; bigger notes make up the rest of the count."""
TYPED = {
    "en": {"float": "small change", "out": "ice, parking", "count": "a torn Rp2.000 set aside"},
    "id": {"float": "uang kecil", "out": "es batu, parkir", "count": "Rp2.000 sobek disisihkan"},
}
"""What the cashier types as notes and reasons, in the guide's language."""


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
    speak_qt_language(app)
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
        for shots in (
            _till,
            _customer_at_till,
            _weighed,
            _products,
            _stock,
            _orders,
            _reports,
            _customers,
            _settings_and_backups,
            _people,
        ):
            shots(camera, window)
        _scale_labels(camera, window)  # last: the stickers stay in the cart
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
    shop.consignment.receive(bowl.id, whole(6), note="titip 6")
    product = shop.catalogue.get(bowl.id)
    settings = shop.settings.load()
    cart = Cart(settings.currency, settings.tax_rule)
    cart.add(
        CartLine(
            sku=product.sku,
            name=product.name,
            unit_price=product.price,
            unit_cost=product.cost,
            quantity_milli=whole(2),
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
    customer = CustomerDisplayWindow()  # as a 1024x600 customer screen shows the cart
    customer.resize(*CUSTOMER_SCREEN_SIZE)
    shop_name = window.shop.settings.load().shop_name
    cart_state = display_state(shop_name, till.cart, till._money, till.quantity_text)
    customer.show_state(cart_state)
    customer.show()
    camera.shoot(customer, "customer-display")
    till.open_payment()
    payment = till.payment_dialog
    assert payment is not None
    QTest.keyClicks(payment.amount, "1.500.000")
    camera.shoot(payment, "payment")
    payment.amount.clear()
    shown: dict[str, object] = {}
    payment.qris_changed.connect(
        lambda payload, amount: shown.update(payload=payload, amount=amount)
    )
    payment.choose_method(PaymentMethod.QRIS)
    qris = payment.qris_window
    if qris is not None:
        amount = shown.get("amount", 0)
        customer.show_state(
            replace(
                cart_state,
                qris_payload=str(shown.get("payload", "")),
                qris_amount=till._money(amount if isinstance(amount, int) else 0),
            )
        )
        camera.shoot(customer, "customer-display-qris")
        qris.showNormal()
        qris.resize(*SCREEN_SIZE)
        camera.shoot(qris, "qris-customer")
        qris.close()
    customer.close()
    payment.choose_method(PaymentMethod.CASH)
    QTest.keyClicks(payment.amount, "1.500.000")
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


def _reseller_group(shop: Shop) -> GroupView:
    """The demo's Reseller group (10 % off), made the first time a shot needs it."""
    known = {group.name: group for group in shop.customers.groups()}
    return known.get("Reseller") or shop.customers.save_group(None, "Reseller", 1000)


def _customer_at_till(camera: Camera, window: MainWindow) -> None:
    """A reseller at the till: the customer search, their prices, and part paid by kasbon."""
    till, shop = window.till, window.shop
    window.show_screen(0)
    reseller = _reseller_group(shop)
    if not shop.customers.find("Rina Wulandari"):
        shop.customers.add(
            CustomerDraft(
                "Bu Rina Wulandari", "0812-7777-3030", group_id=reseller.id, credit_limit=1_000_000
            )
        )
    for code in SALE:
        QTest.keyClicks(till.scan, code)
        QTest.keyClick(till.scan, Qt.Key.Key_Return)
    picker = till.customer_bar.open_picker()
    QTest.keyClicks(picker.search, "rina wul")
    camera.shoot(picker, "customer-picker")
    QTest.keyClick(picker.search, Qt.Key.Key_Return)
    camera.shoot(window, "till-customer")
    till.open_payment()
    payment = till.payment_dialog
    assert payment is not None
    QTest.keyClicks(payment.amount, "500.000")
    QTest.keyClick(payment.amount, Qt.Key.Key_Return)
    payment.choose_method(PaymentMethod.ACCOUNT)
    camera.shoot(payment, "payment-kasbon")
    payment.reject()
    till.cart = till._new_cart()
    till._cart_changed(persist=False)


def _weighed(camera: Camera, window: MainWindow) -> None:
    """Coffee by the gram and cloth by the metre: the till, the receipt, a partial refund."""
    till, shop = window.till, window.shop
    window.show_screen(0)
    for code in WEIGHED_SALE:
        QTest.keyClicks(till.scan, code)
        QTest.keyClick(till.scan, Qt.Key.Key_Return)
    till.table.selectRow(0)
    camera.shoot(window, "till-weighed")
    till.open_payment()
    payment = till.payment_dialog
    assert payment is not None
    QTest.keyClicks(payment.amount, "300.000")
    QTest.keyClick(payment.amount, Qt.Key.Key_Return)
    window.printing.wait()
    window.printing.cancel_failed()
    sale = shop.sales_history.last_sale()
    assert sale is not None
    _receipt_pictures(camera, shop, sale)
    detail = shop.sales_history.detail(sale)
    refund = RefundDialog(
        window,
        detail,
        till._money,
        lambda items, to_cash: shop.refunds.pay_back(sale, items, to_cash=to_cash),
        decimal_comma=uses_decimal_comma(shop.settings.load().money_locale),
    )
    box = refund.quantities[0]
    refund.show()
    box.setFocus()
    box.lineEdit().selectAll()
    QTest.keyClicks(box, WEIGHED_REFUND)
    camera.shoot(refund, "refund-weighed")
    refund.reject()


def _receipt_pictures(camera: Camera, shop: Shop, sale: str) -> None:
    """The sale's receipt from a 58 mm printer (emupos) and its PDF, as pictures."""
    pdf = Path(tempfile.mkdtemp(prefix="bazaar-receipt-")) / "receipt.pdf"
    shop.receipts.write_pdf(shop.receipts.for_sale(sale), pdf)
    page = camera.out / f"receipt-weighed-pdf-{camera.language}"
    subprocess.run(["pdftoppm", "-png", "-r", "200", "-singlefile", pdf, page], check=True)
    camera.saved.append(page.with_suffix(".png"))
    before = shop.printer.settings()
    with _receipt_printer() as printer:
        if printer is None:
            print("emupos is not installed: no picture of the printed receipt")
            return
        uri, take_png = printer
        shop.printer.configure(uri=uri, paper_mm=58)
        job = shop.print_queue.enqueue_receipt(sale, reprint=True)
        shop.print_queue.run(job.uuid)
        path = camera.out / f"receipt-weighed-{camera.language}.png"
        path.write_bytes(take_png())
        camera.saved.append(path)
    shop.printer.configure(uri=before.uri, paper_mm=before.paper_mm, columns=before.columns)


EMUPOS_CONFIG = """\
schema: 1
api: {{ host: 127.0.0.1, port: {api} }}
devices:
  - id: p58
    type: printer
    profile: ./pos58.yaml
    connections: [ {{ tcp: {{ host: 127.0.0.1, port: {port} }} }} ]
    job_idle_timeout_ms: 400
    receipts_dir: ./receipts
"""
EMUPOS_58MM = """\
type: printer
name: Generic 58 mm
dpi: 203
width_dots: 384
font_a: { width: 12, height: 24 }
font_b: { width: 9, height: 17 }
code_pages: { 0: PC437, 2: PC850, 16: WPC1252, 19: PC858 }
default_code_page: 0
drawer_sensor_open_level: high
"""


@contextmanager
def _receipt_printer() -> Iterator[tuple[str, Callable[[], bytes]] | None]:
    """A 58 mm emupos printer on 127.0.0.1: its URI and how to fetch the next receipt's PNG.

    None when emupos is not installed (tests/tools/install_emupos.sh installs it).
    """
    binary = Path(os.environ.get("EMUPOS_BIN") or ROOT / ".venv-emupos" / "bin" / "emupos")
    if not binary.is_file():
        yield None
        return
    folder = Path(tempfile.mkdtemp(prefix="bazaar-emupos-"))
    api, port = _free_port(), _free_port()
    (folder / "pos58.yaml").write_text(EMUPOS_58MM)
    (folder / "emupos.yaml").write_text(EMUPOS_CONFIG.format(api=api, port=port))
    base = f"http://127.0.0.1:{api}/api/v1"

    def get(path: str) -> bytes:
        with urllib.request.urlopen(base + path, timeout=5) as response:
            return bytes(response.read())

    def receipts() -> list[dict[str, str]]:
        try:
            return list(json.loads(get("/devices/p58/receipts")))
        except OSError:
            return []

    def take_png() -> bytes:
        deadline = time.monotonic() + 20
        while not (done := receipts()):
            if time.monotonic() > deadline:
                raise TimeoutError("emupos printed no receipt")
            time.sleep(0.1)
        return get(f"/devices/p58/receipts/{done[0]['id']}/image")

    with (folder / "emupos.log").open("wb") as log:
        process = subprocess.Popen(
            [str(binary), "run", "--config", str(folder / "emupos.yaml")],
            cwd=folder,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            deadline = time.monotonic() + 30
            while not _answers(base + "/health"):
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("emupos did not start: see " + str(folder / "emupos.log"))
                time.sleep(0.1)
            yield f"network://127.0.0.1:{port}", take_png
        finally:
            process.terminate()
            process.wait(timeout=10)
    shutil.rmtree(folder, ignore_errors=True)


def _answers(url: str) -> bool:
    """Whether ``url`` answers at all."""
    try:
        with urllib.request.urlopen(url, timeout=1):
            return True
    except OSError:
        return False


def _free_port() -> int:
    """A TCP port on 127.0.0.1 nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _products(camera: Camera, window: MainWindow) -> None:
    window.show_screen(1)
    camera.shoot(window, "products")
    shop = window.shop
    product = shop.catalogue.find_by_code("BTK-TLS-001")
    assert product is not None
    camera.dialog(ProductDialog(shop, product, window), "product-dialog")
    beans = shop.catalogue.find_by_code("KOP-BJI-KG")
    assert beans is not None
    weighed = ProductDialog(shop, beans, window)
    weighed.low_stock.setText(LOW_BEANS)
    camera.dialog(weighed, "product-dialog-weighed")
    favourites = [p.id for p in shop.catalogue.search(limit=1000) if p.favourite][:4]
    camera.dialog(LabelsDialog(shop, favourites, window), "labels")


def _stock(camera: Camera, window: MainWindow) -> None:
    window.show_screen(2)
    stock = window.stock
    camera.shoot(window, "stock")
    beans = window.shop.catalogue.find_by_code("KOP-BJI-KG")
    assert beans is not None
    receive = StockMoveDialog(window.shop, beans, Move.RECEIVE, window)
    receive.show()
    receive.quantity.setFocus()
    receive.quantity.lineEdit().selectAll()
    QTest.keyClicks(receive.quantity, RECEIVED_BEANS)
    camera.dialog(receive, "stock-receive-weighed")
    stock.tabs.setCurrentWidget(stock.count)
    stock.count.scope.setCurrentIndex(max(stock.count.scope.findData("Kopi"), 0))
    stock.count.start()
    lines = stock.count.model.lines
    for row, line in enumerate(lines[:3]):
        short = (PER_UNIT if row == 2 else 0) if line.unit.counted else WEIGHED_SHORT
        stock.count.model.set_count(row, line.expected - short)
    QTest.keyClicks(stock.count.scan, lines[3].sku)
    QTest.keyClick(stock.count.scan, Qt.Key.Key_Return)
    camera.shoot(window, "stock-count")
    stock.tabs.setCurrentWidget(stock.consignment)
    stock.consignment.makers.setCurrentRow(0)
    camera.shoot(window, "consignment")
    stock.tabs.setCurrentIndex(0)


def _orders(camera: Camera, window: MainWindow) -> None:
    """Pre-orders: one due in three days, one ready and a day late; a new order; the slip PDF."""
    shop = window.shop
    today = date.today()
    ratna = shop.customers.add(CustomerDraft("Ibu Ratna", phone="0812-3456-7890"))
    joko = shop.customers.add(CustomerDraft("Pak Joko"))
    product = shop.catalogue.favourites(limit=1)[0]
    soon = shop.orders.create(
        OrderDraft(
            ratna.id,
            (
                OrderLineDraft(whole(1), name="Batik tulis, motif parang, 2 m", unit_price=850_000),
                OrderLineDraft(whole(1), product_id=product.id),
            ),
            today + timedelta(days=3),
            "Warna sogan",
        ),
        Tender(PaymentMethod.CASH, 450_000),
    )
    late = shop.orders.create(
        OrderDraft(
            joko.id,
            (OrderLineDraft(whole(2), name="Tas anyaman pandan", unit_price=120_000),),
            today - timedelta(days=1),
        ),
        Tender(PaymentMethod.QRIS, 100_000, received=True),
    )
    shop.orders.mark_ready(late.id)
    window.open_orders()
    orders = window.orders_dialog
    assert orders is not None
    orders.reload(soon.id)
    camera.shoot(orders, "orders")
    camera.dialog(NewOrderDialog(shop, orders), "new-order")
    orders.reject()
    pdf = Path(tempfile.mkdtemp(prefix="bazaar-slip-")) / "slip.pdf"
    shop.order_slips.write_pdf(soon.id, pdf, paper_mm=58)
    page = camera.out / f"order-slip-pdf-{camera.language}"
    subprocess.run(["pdftoppm", "-png", "-r", "200", "-singlefile", pdf, page], check=True)
    camera.saved.append(page.with_suffix(".png"))


def _reports(camera: Camera, window: MainWindow) -> None:
    window.show_screen(3)
    reports = window.reports
    _wait_for(camera.app, lambda: reports.loaded is not None)
    camera.shoot(window, "reports")
    zreport = ZReportDialog(window.shop, parent=window)
    camera.dialog(zreport, "z-report")
    zreport.background.wait()
    merge = MergeTillsDialog(window.shop, window)
    merge.add_files([_other_till_bundle(Path(tempfile.mkdtemp(prefix="bazaar-till-b-")))])
    merge.background.wait()
    camera.dialog(merge, "merge-tills")
    importing = _("Importing sales")
    progress = ProgressWindow(window, importing, Progress(), cancellable=True)
    progress.show_report(importing, 8_000, 20_000)  # a sales file of 20,000 sales, part way
    camera.dialog(progress, "import-progress")
    progress.hide()  # its Cancel asked the (pretend) work to stop; the window waits for it
    progress.deleteLater()


def _other_till_bundle(folder: Path) -> Path:
    """A bundle from a second laptop (till B), whose catalogue names one coffee differently."""
    other = Shop.open(folder / "till-b.sqlite")
    try:
        load_demo_shop(other, seed=11)
        other.settings.update(till_code="B")
        coffee = other.catalogue.get_by_sku("KOP-DRP-010")
        assert coffee is not None
        renamed = replace(ProductDraft.from_view(coffee), name="Kopi Drip Toraja 10 sachet")
        other.catalogue.update(coffee.id, renamed)
        return other.bundles.export(folder / "till-b.zip").path
    finally:
        other.close()


def _customers(camera: Camera, window: MainWindow) -> None:
    """Customers with kasbon, one overdue; taking a repayment and its receipt; the settings."""
    shop = window.shop
    today = date.today()
    reseller = _reseller_group(shop)
    owing = (
        ("Ani Lestari", "0813-2468-1357", reseller.id, 305_000, today - timedelta(days=37)),
        ("Budi Santoso", "0857-1111-2222", None, 150_000, today - timedelta(days=4)),
        ("Citra Dewi", "", None, 0, today),
    )
    limit = 500_000  # each may owe this much before the owner approves more
    till_id = shop.settings.load().till_id
    first = None
    for name, phone, group, amount, sold_on in owing:
        draft = CustomerDraft(name, phone=phone, group_id=group, credit_limit=limit)
        customer = shop.customers.add(draft)
        first = first or customer
        if amount:
            with shop.db.writing() as session:
                charge = add_entry(
                    session,
                    customer.id,
                    EntryKind.CHARGE,
                    amount,
                    till_id=till_id,
                    due_on=sold_on + timedelta(days=30),
                )
                charge.created_at = datetime(
                    sold_on.year, sold_on.month, sold_on.day, 3, tzinfo=UTC
                )
    assert first is not None
    entry = shop.accounts.repay(first.id, 100_000, PaymentMethod.QRIS, reference="QR-7781")
    window.show_screen(CUSTOMERS)
    screen = window.customers
    screen.refresh(select=first.id)
    screen.detail.tabs.setCurrentWidget(screen.detail.ledger)
    camera.shoot(window, "customers")
    repay = RepayDialog(window, shop.settings.load(), shop.customers.get(first.id), _no_repay)
    camera.dialog(repay, "customers-repay")
    camera.dialog(screen.show_receipt(entry.uuid), "customers-repayment-receipt")
    window.show_screen(4)
    settings = window.settings_screen
    settings.tabs.setCurrentIndex(settings.tabs.count() - 1)
    camera.shoot(window, "settings-customers")
    settings.tabs.setCurrentIndex(0)
    window.show_screen(0)


def _no_repay(amount: int, method: PaymentMethod, reference: str) -> EntryView:
    raise AssertionError("the picture's dialog records nothing")


def _settings_and_backups(camera: Camera, window: MainWindow) -> None:
    window.show_screen(4)
    settings = window.settings_screen
    settings.tabs.setCurrentIndex(0)
    camera.shoot(window, "settings")
    window.shop.printer.configure(uri="network://192.168.1.50:9100")
    settings.refresh()
    settings.tabs.setCurrentIndex(1)
    camera.shoot(window, "settings-printer")
    window.shop.devices.configure(scale_port="/dev/ttyUSB0", display_port="/dev/ttyUSB1")
    settings.refresh()
    settings.tabs.setCurrentWidget(settings.devices_page)
    settings.devices.wait()
    camera.shoot(window, "settings-devices")
    settings.devices_page.ensureWidgetVisible(settings.scale_codes)
    camera.shoot(window, "settings-scale-codes")
    settings.devices_page.verticalScrollBar().setValue(0)
    settings.tabs.setCurrentWidget(settings.hub)
    settings.hub.url.setText("postgresql://kasir@192.168.1.10:5432/toko")
    settings.hub.password.setText("rahasia")
    settings.hub.till_name.setText("Depan")
    window.hub_sync.show(replace(window.shop.hub.status(), joined=True, waiting=3))
    camera.shoot(window, "settings-hub")  # the status bar as a joined till shows it
    window.hub_sync.show(window.shop.hub.status())
    settings.hub.load()
    settings.tabs.setCurrentIndex(0)
    window.shop.backups.back_up("manual")
    camera.dialog(RestoreDialog(window.shop.backups, window), "restore-backup")
    window.show_screen(0)


def _people(camera: Camera, window: MainWindow) -> None:
    """An owner and a cashier: users, signing in, a shift, an approval, an event, the log."""
    shop = window.shop
    shop.printer.configure(uri="")  # receipts of the sales below have nowhere to go
    shop.users.add(OWNER, Role.OWNER, OWNER_PIN)  # the first owner is signed in at once
    shop.users.add(CASHIER, Role.CASHIER, CASHIER_PIN)
    today = date.today()
    event = shop.events.create(
        EventDraft(
            "Pasar Kangen Jogja",
            today,
            today + timedelta(days=2),
            "Taman Budaya Yogyakarta",
            booth_fee=500_000,
            other_costs=100_000,
            costs_note="parkir, transport, es batu",
        )
    )
    shop.events.open(event.id)
    window.settings_screen.users.load()
    window.refresh_status()
    window.show_screen(4)
    settings = window.settings_screen
    settings.tabs.setCurrentWidget(settings.users)
    camera.shoot(window, "people-users")
    settings.tabs.setCurrentIndex(0)
    window.show_screen(0)
    _sign_in(camera, window, CASHIER, CASHIER_PIN, shot="people-sign-in")
    _cashiers_day(camera, window)
    _sign_in(camera, window, OWNER, OWNER_PIN)
    window.open_events()
    events = window.events_dialog
    assert events is not None
    camera.shoot(events, "event-report")
    events.reject()
    window.open_audit()
    audit = window.audit_dialog
    assert audit is not None
    camera.shoot(audit, "audit-log")
    audit.reject()


def _scale_labels(camera: Camera, window: MainWindow) -> None:
    """Two label-scale stickers scanned: 250 g of coffee beans, and palm sugar priced Rp28.850."""
    till = window.till
    window.show_screen(0)
    for code in SCALE_STICKERS:
        QTest.keyClicks(till.scan, code)
        QTest.keyClick(till.scan, Qt.Key.Key_Return)
    camera.shoot(window, "till-scale-labels")


def _sign_in(
    camera: Camera, window: MainWindow, name: str, pin: str, shot: str | None = None
) -> None:
    """Lock the till, choose ``name`` on the sign-in page, type the PIN and Enter."""
    window.lock()
    page = window.sign_in
    names = [page.users.item(row).data(Qt.ItemDataRole.UserRole) for row in range(len(page))]
    while page.users.currentRow() != names.index(name):
        down = page.users.currentRow() < names.index(name)
        QTest.keyClick(page.pin, Qt.Key.Key_Down if down else Qt.Key.Key_Up)
    QTest.keyClicks(page.pin, pin)
    if shot:
        camera.shoot(window, shot)
    QTest.keyClick(page.pin, Qt.Key.Key_Return)
    _wait_for(camera.app, lambda: window.shop.access.actor is not None and page.wait(50))
    camera.app.processEvents()


def _cashiers_day(camera: Camera, window: MainWindow) -> None:
    """The cashier opens a shift, sells, meets the owner's approval, and counts the drawer."""
    shop, app = window.shop, camera.app
    typed = TYPED[camera.language]
    window.open_shift()
    drawer = window.shift_dialog
    assert drawer is not None
    _answer(app, AmountDialog, lambda d: _fill(d, "300rb", typed["float"]))
    drawer.open_shift()
    drawer.reject()
    _sell(shop)
    _discounted_sale(camera, window)
    window.open_shift()
    _answer(app, AmountDialog, lambda d: _fill(d, "25rb", typed["out"]))
    drawer.pay_out()
    camera.shoot(drawer, "shift-drawer")
    drawer.reject()
    window.show_screen(3)
    reports = window.reports
    reports.loaded = None
    reports.refresh()
    _wait_for(app, lambda: reports.loaded is not None)
    camera.shoot(window, "people-reports-cashier")
    window.show_screen(0)
    expected = shop.shifts.expected_cash() or 0
    window.open_shift()
    _answer(app, CashCountDialog, lambda d: _count(camera, d, expected - SHORT, typed["count"]))
    drawer.close_shift()
    shift_reports = drawer.reports
    assert shift_reports is not None
    app.processEvents()
    scroll = shift_reports.findChild(QScrollArea, "shiftReportScroll")
    scroll.verticalScrollBar().setValue(scroll.verticalScrollBar().maximum())  # the count
    camera.shoot(shift_reports, "shift-report")
    shift_reports.reject()
    drawer.reject()


def _sell(shop: Shop) -> None:
    """The cashier's first sales at the bazaar, straight through the checkout."""
    settings = shop.settings.load()
    for items, method in EVENT_SALES:
        cart = Cart(settings.currency, settings.tax_rule)
        for sku, quantity in items.items():
            product = shop.catalogue.find_by_code(sku)
            assert product is not None, sku
            cart.add(
                CartLine(
                    sku=product.sku,
                    name=product.name,
                    unit_price=product.price,
                    unit_cost=product.cost,
                    quantity_milli=whole(quantity),
                    product_id=product.id,
                )
            )
        shop.checkout.complete_sale(cart, [Tender(method, cart.totals().total)])


def _discounted_sale(camera: Camera, window: MainWindow) -> None:
    """F6 at the till: 20% off is above the cashier's limit, so the owner approves on the spot."""
    till, app = window.till, camera.app
    window.show_screen(0)
    for code in DISCOUNTED:
        QTest.keyClicks(till.scan, code)
        QTest.keyClick(till.scan, Qt.Key.Key_Return)

    def approve(dialog: ApprovalDialog) -> None:
        QTest.keyClicks(dialog.pin, OWNER_PIN)
        camera.shoot(dialog, "people-approval")
        dialog.check()

    def discount(dialog: DiscountDialog) -> None:
        dialog.field.setText("20%")
        _answer(app, ApprovalDialog, approve)
        dialog.accept()

    _answer(app, DiscountDialog, discount)
    till.editing.ask_cart_discount()
    till.open_payment()
    payment = till.payment_dialog
    assert payment is not None
    QTest.keyClicks(payment.amount, "200000")
    QTest.keyClick(payment.amount, Qt.Key.Key_Return)
    window.printing.wait()
    window.printing.cancel_failed()


def _count(camera: Camera, dialog: CashCountDialog, amount: int, note: str) -> None:
    """Type the drawer's notes and coins adding up to ``amount``, save a picture, close."""
    counts = {d: DRAWER.get((d.piece, d.value), 0) for d in dialog.spins}
    left = amount - sum(d.value * n for d, n in counts.items())
    assert left >= 0, "the drawer holds less than its change"
    for denomination in sorted(dialog.spins, key=lambda d: -d.value):
        more, left = divmod(left, denomination.value)
        counts[denomination] += more
    for denomination, count in counts.items():
        if count:
            dialog.spins[denomination].setText(str(count))
    dialog.note.setText(note)
    camera.shoot(dialog, "shift-count")
    dialog.accept()


def _fill(dialog: AmountDialog, amount: str, reason: str) -> None:
    """Type an amount and a reason, then OK."""
    QTest.keyClicks(dialog.amount, amount)
    QTest.keyClicks(dialog.reason, reason)
    dialog.accept()


Asked = TypeVar("Asked", bound=QDialog)


def _answer(app: QApplication, kind: type[Asked], act: Callable[[Asked], None]) -> None:
    """Run ``act`` on the next ``kind`` of dialog once it waits, modal, for an answer.

    Call it just before the step that opens the dialog and waits in its own event loop.
    """

    def look(tries_left: int = 500) -> None:
        dialog = app.activeModalWidget()
        if isinstance(dialog, kind) and dialog.isVisible():
            act(dialog)
        elif tries_left:
            QTimer.singleShot(20, lambda: look(tries_left - 1))
        else:
            raise TimeoutError(f"no {kind.__name__} came up")

    QTimer.singleShot(0, look)


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
