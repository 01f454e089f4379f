"""The devices at the counter follow the till: the customer window, the pole display, the scale."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication

from bazaar_pos.devices.pole_display import DisplayCommands, frames, two_sides
from bazaar_pos.domain.cart import CartLine
from bazaar_pos.domain.qris import with_amount
from bazaar_pos.domain.quantity import Unit
from bazaar_pos.services.products.catalogue import ProductDraft
from bazaar_pos.ui.common.formatting import Formats
from bazaar_pos.ui.customer_display.state import DisplayLine, DisplayState
from bazaar_pos.ui.customer_display.window import (
    CART_PAGE,
    IDLE_PAGE,
    QRIS_PAGE,
    CustomerDisplayWindow,
)
from bazaar_pos.ui.till.counter_devices import CounterDevices, screens_by_key
from bazaar_pos.ui.till.weighing import weighed_quantity
from tests.domain.test_qris import STATIC
from tests.helpers.qr_pictures import decode_qr
from tests.helpers.qt import open_payment, scan
from tests.helpers.serial_peer import serial_peer

COFFEE = "8991234500164"
LINES = (
    DisplayLine("Kopi Gayo 250 g", "2", "Rp190.000"),
    DisplayLine("Kain Tenun Lurik Merah", "1", "Rp1.250.000"),
)


def share(window, widget, test) -> float:
    """The share of the pixels drawn where ``widget`` is in ``window`` that pass ``test``."""
    image = window.grab().toImage()
    where = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
    passed = total = 0
    for x in range(where.left(), where.right(), 2):
        for y in range(where.top(), where.bottom(), 2):
            total += 1
            passed += test(QColor(image.pixel(x, y)))
    return passed / max(total, 1)


def dark(colour: QColor) -> bool:
    return colour.lightness() < 80


def green(colour: QColor) -> bool:
    return colour.green() > colour.red() + 40 and colour.green() > colour.blue() + 20


@pytest.fixture
def customer_window(qtbot):
    window = CustomerDisplayWindow()
    qtbot.addWidget(window)
    window.resize(1024, 600)
    return window


def test_the_customer_window_shows_the_cart_the_total_and_the_change(qtbot, customer_window):
    customer_window.show_state(
        DisplayState("Toko Budi", LINES, "Rp1.440.000", paid="Rp1.500.000", change="Rp60.000")
    )
    customer_window.show()
    qtbot.waitExposed(customer_window)
    assert customer_window.pages.currentIndex() == CART_PAGE
    assert customer_window.shop_name.text() == "Toko Budi"
    assert customer_window.lines.rowCount() == 2
    assert [customer_window.lines.item(1, c).text() for c in range(3)] == [
        "Kain Tenun Lurik Merah",
        "1",
        "Rp1.250.000",
    ]
    assert customer_window.total.text() == "Rp1.440.000"
    assert customer_window.paid.text() == "Paid Rp1.500.000"
    assert customer_window.change.text() == "Change Rp60.000"
    picture = customer_window.grab().toImage()
    assert QColor(picture.pixel(5, 5)) == QColor("white")  # a white screen, as the QRIS one
    assert share(customer_window, customer_window.total, dark) > 0.1  # large, in dark ink
    assert share(customer_window, customer_window.change, green) > 0.03  # the change in green
    assert share(customer_window, customer_window.lines, dark) > 0.01  # the lines are drawn


def test_the_customer_window_shows_the_qris_with_the_amount(qtbot, customer_window):
    payload = with_amount(STATIC, 1_440_000)
    customer_window.show_state(
        DisplayState(
            "Toko Budi", LINES, "Rp1.440.000", qris_payload=payload, qris_amount="Rp1.440.000"
        )
    )
    customer_window.show()
    qtbot.waitExposed(customer_window)
    assert customer_window.pages.currentIndex() == QRIS_PAGE
    assert customer_window.qris_amount.text() == "Rp1.440.000"
    (read,) = decode_qr(customer_window.qr.grab().toImage())
    assert read == payload
    customer_window.show_state(DisplayState("Toko Budi"))
    assert customer_window.pages.currentIndex() == IDLE_PAGE
    assert customer_window.qr.data() == ""


@pytest.fixture
def devices(qtbot, shop, till):
    """The till's devices with the customer window on the (offscreen) screen."""

    def make(**settings):
        shop.devices.configure(**settings)
        return CounterDevices(till)

    return make


def test_the_customer_window_follows_the_cart_as_the_till_adds_a_line(qtbot, till, devices):
    (only_screen,) = screens_by_key()
    counter = devices(customer_screen=only_screen)
    window = counter.window
    assert window is not None
    qtbot.waitUntil(window.isVisible)
    assert window.pages.currentIndex() == IDLE_PAGE
    scan(qtbot, till, COFFEE)
    scan(qtbot, till, COFFEE)
    assert window.pages.currentIndex() == CART_PAGE
    assert [window.lines.item(0, c).text() for c in range(3)] == [
        "Kopi Gayo 250 g",
        "2",
        "Rp190.000",
    ]
    assert window.total.text() == "Rp190.000"
    assert till.scan.hasFocus()  # the customer's window never takes the keyboard

    dialog = open_payment(qtbot, till)
    qtbot.keyClicks(dialog.amount, "200rb")
    qtbot.keyClick(dialog.amount, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.paid.text() == "Paid Rp200.000")
    assert window.change.text() == "Change Rp10.000"
    assert window.lines.rowCount() == 1  # what was bought stays up with the change
    scan(qtbot, till, COFFEE)  # the next customer
    assert window.paid.isHidden()
    assert window.total.text() == "Rp95.000"


@pytest.fixture
def qris_shop(shop):
    shop.settings.update(qris_payload=STATIC)
    return shop


def test_the_customer_window_shows_the_qris_while_the_customer_pays_by_qris(
    qtbot, qris_shop, till, devices
):
    (only_screen,) = screens_by_key()
    counter = devices(customer_screen=only_screen)
    window = counter.window
    scan(qtbot, till, COFFEE)
    dialog = open_payment(qtbot, till)
    qtbot.keyClick(dialog.amount, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: window.pages.currentIndex() == QRIS_PAGE)
    assert window.qris_amount.text() == "Rp95.000"
    (read,) = decode_qr(window.qr.grab().toImage())
    assert read == with_amount(STATIC, 95_000)
    qtbot.keyClick(dialog.qris_window, Qt.Key.Key_Escape)  # the cashier closes the QRIS window
    qtbot.waitUntil(lambda: window.pages.currentIndex() == CART_PAGE)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    qtbot.keyClick(dialog.amount, Qt.Key.Key_Escape)  # back to the cart
    qtbot.waitUntil(lambda: till.payment_dialog is None)
    assert window.total.text() == "Rp95.000"


def shown_on(qtbot, pole, frame: bytes) -> bytes:
    """What the pole display received until ``frame``, the till going on meanwhile."""
    received = b""

    def arrived() -> bool:
        nonlocal received
        received += pole.read(0.02)
        return frame in received

    qtbot.waitUntil(arrived, timeout=5_000)
    return received


def test_the_pole_display_shows_the_item_and_the_total_then_the_change(qtbot, till, devices):
    with serial_peer() as pole:
        counter = devices(display_port=pole.port)
        idle = frames("Bazaar POS", "Welcome!", DisplayCommands.CD5220)
        assert idle in shown_on(qtbot, pole, idle)  # idle: the shop's name
        scan(qtbot, till, COFFEE)
        item = frames(
            two_sides("Kopi Gayo 250 g", "Rp95.000"),
            two_sides("TOTAL", "Rp95.000"),
            DisplayCommands.CD5220,
        )
        assert item in shown_on(qtbot, pole, item)
        assert item.startswith(b"\x0c\x1bQAKopi Gayo 2 Rp95.000\r")
        dialog = open_payment(qtbot, till)
        qtbot.keyClicks(dialog.amount, "100rb")
        qtbot.keyClick(dialog.amount, Qt.Key.Key_Return)
        paid = frames(
            two_sides("TOTAL", "Rp95.000"), two_sides("CHANGE", "Rp5.000"), DisplayCommands.CD5220
        )
        assert paid in shown_on(qtbot, pole, paid)
        counter.pole_jobs.wait()


def test_a_pole_display_that_is_gone_never_stops_a_sale(qtbot, till, devices, tmp_path):
    counter = devices(display_port=str(tmp_path / "ttyUSB9"))
    counter.pole_jobs.settle()
    assert till.message.text().startswith(
        "The pole display is not answering; selling goes on without it. The port"
    )
    scan(qtbot, till, COFFEE)
    counter.pole_jobs.settle()
    assert till.message.text() == ""  # said once, not at every line
    dialog = open_payment(qtbot, till)
    with qtbot.waitSignal(till.sale_completed):
        qtbot.keyClick(dialog.amount, Qt.Key.Key_Return)
    counter.pole_jobs.settle()
    assert till.last_sale.isVisible()


def toledo(reply: bytes):
    return lambda request: reply if request == b"W" else None


@pytest.mark.parametrize(
    ("reply", "message"),
    [
        (b"\x0200.250N\r", "The scale reads 250 g, but Kopi Gayo 250 g is not sold by weight."),
        (b"\x02?\x01\r", "The weight is not steady yet. Wait a moment and read again."),
        (b"\x02?\x20\r", "Too much on the scale: it is over its capacity."),
    ],
)
def test_ctrl_w_reads_the_counter_scale_into_the_till(qtbot, till, devices, reply, message):
    with serial_peer() as scale:
        scale.answer(toledo(reply))
        counter = devices(scale_port=scale.port)
        scan(qtbot, till, COFFEE)
        qtbot.keyClick(till.scan, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
        assert till.message.text() == "Reading the scale…"  # the window goes on meanwhile
        qtbot.waitUntil(lambda: till.message.text() == message, timeout=5_000)
        counter.scale_jobs.wait()


def test_a_weight_for_a_line_sold_by_weight_becomes_its_quantity(qtbot, till, shop, devices):
    shop.catalogue.create(ProductDraft("BJI-1", "Kopi biji", 180_000, unit=Unit.KG))
    with serial_peer() as scale:
        scale.answer(toledo(b"\x0200.250N\r"))
        counter = devices(scale_port=scale.port)
        scan(qtbot, till, "1*BJI-1")
        qtbot.keyClick(till.scan, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: till.cart.lines[0].quantity_milli == 250, timeout=5_000)
        counter.scale_jobs.wait()
    assert till.model.index(0, 2).data() == "0,25 kg"
    assert till.totals.total.text() == "Rp45.000"


def test_weights_become_thousandths_of_the_products_unit():
    by_kg = CartLine("BJI", "Kopi biji", 180_000, 1_000, unit=Unit.KG)
    by_gram = CartLine("SAF", "Saffron", 50_000, 1_000, unit=Unit.G)
    by_metre = CartLine("LRK", "Kain lurik", 85_000, 1_000, unit=Unit.M)
    assert (weighed_quantity(by_kg, 250), weighed_quantity(by_gram, 3)) == (250, 3_000)
    assert weighed_quantity(by_metre, 250) is None
    assert weighed_quantity(by_kg, 0) is None


def test_ctrl_w_without_a_scale_says_where_to_set_one_up(qtbot, till, devices):
    devices()
    qtbot.keyClick(till.scan, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    assert till.message.text() == "No counter scale is set up (Settings > Devices)."


def test_the_display_state_is_the_cart_written_out_for_the_customer():
    from bazaar_pos.domain.cart import Cart, CartLine
    from bazaar_pos.domain.money import currency
    from bazaar_pos.services.settings import ShopSettings
    from bazaar_pos.ui.common.formatting import money_text
    from bazaar_pos.ui.till.customer_state import display_state

    money = money_text(ShopSettings())
    quantity = Formats(ShopSettings()).quantity
    cart = Cart(currency("IDR"))
    assert display_state("Toko Budi", cart, money, quantity).idle
    coffee = cart.add(CartLine("KOP-1", "Kopi Gayo", 95_000, 2_000))
    cart.add(CartLine("KRM-1", "Gelas Keramik", 55_000))
    cart.add(CartLine("BJI-1", "Kopi biji", 180_000, 250, unit=Unit.KG))
    state = display_state("Toko Budi", cart, money, quantity, latest_key=coffee.key)
    assert state.lines == (
        DisplayLine("Kopi Gayo", "2", "Rp190.000"),
        DisplayLine("Gelas Keramik", "1", "Rp55.000"),
        DisplayLine("Kopi biji", "0,25 kg", "Rp45.000"),
    )
    assert (state.total, state.paid, state.latest) == ("Rp290.000", "", state.lines[0])
    paid = display_state("Toko Budi", cart, money, quantity, paid=300_000, change=10_000)
    assert (paid.paid, paid.change, paid.latest) == ("Rp300.000", "Rp10.000", paid.lines[2])


def test_scanning_a_weighed_product_reads_the_scale_and_adds_the_weight(qtbot, till, shop, devices):
    shop.catalogue.create(ProductDraft("BJI-1", "Kopi biji", 180_000, unit=Unit.KG))
    with serial_peer() as scale:
        scale.answer(toledo(b"\x0200.480N\r"))
        counter = devices(scale_port=scale.port)
        scan(qtbot, till, "BJI-1")
        qtbot.waitUntil(lambda: len(till.cart) == 1, timeout=5_000)
        counter.scale_jobs.wait()
    assert (till.cart.lines[0].quantity_milli, till.model.index(0, 5).data()) == (480, "Rp86.400")


def test_an_empty_scale_keeps_the_product_waiting_for_its_weight(qtbot, till, shop, devices):
    shop.catalogue.create(ProductDraft("BJI-1", "Kopi biji", 180_000, unit=Unit.KG))
    devices(scale_port="/dev/ttyUSB9")
    till.weigh_requested.disconnect()  # no scale here: the test hands the till its weights
    scan(qtbot, till, "BJI-1")
    assert till.message.text() == "Weighing Kopi biji… (or type its weight: 0,25*)"
    till.adding.apply_weight_grams(0)
    assert "Nothing on the scale" in till.message.text()
    assert till.cart.lines == []
    till.adding.apply_weight_grams(1_250)
    assert [(line.sku, line.quantity_milli) for line in till.cart] == [("BJI-1", 1_250)]
