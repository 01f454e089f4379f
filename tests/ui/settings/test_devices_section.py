"""Settings > Devices: the scale, the pole display and the customer screen, saved and tested."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from bazaar_pos.devices.pole_display import DisplayCommands, frames
from bazaar_pos.services.shop import Shop
from bazaar_pos.ui.app.main_window import MainWindow
from bazaar_pos.ui.settings.devices_section import DevicesSection
from tests.helpers.qt import NOT_APPROVED, owner_answers
from tests.helpers.serial_peer import serial_peer
from tests.helpers.users import CASHIER, act_as


@pytest.fixture
def section(qtbot, shop):
    made = DevicesSection(shop.devices, shop_name="Toko Budi")
    qtbot.addWidget(made)
    made.show()
    made.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is made)
    made.background.settle()  # the ports are listed the first time it shows
    return made


def type_over(qtbot, field, text):
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(field, text)


def choose(qtbot, box, text):
    """Pick ``text`` in a combo box with the keyboard, as a person does."""
    box.setFocus()
    index = box.findText(text)
    assert index >= 0, text
    while box.currentIndex() != index:
        key = Qt.Key.Key_Down if box.currentIndex() < index else Qt.Key.Key_Up
        qtbot.keyClick(box, key)


def test_the_devices_are_saved_with_ctrl_s(qtbot, section, shop):
    type_over(qtbot, section.scale_port, "/dev/ttyUSB0")
    choose(qtbot, section.scale_protocol, "Continuous (the scale keeps sending)")
    section.scale_protocol.activated.emit(section.scale_protocol.currentIndex())
    assert section.scale_framing.currentText() == "8N1"  # the usual framing for it
    type_over(qtbot, section.display_port, "/dev/ttyUSB1")
    choose(qtbot, section.display_speed, "19200")
    choose(qtbot, section.display_commands, "ESC/POS (Epson-style displays)")
    qtbot.keyClick(section, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert section.status.text() == "Saved."
    stored = shop.devices.settings()
    assert (stored.scale_port, stored.scale_protocol, stored.scale_framing) == (
        "/dev/ttyUSB0",
        "continuous",
        "8N1",
    )
    assert (stored.display_port, stored.display_baud, stored.display_commands) == (
        "/dev/ttyUSB1",
        19200,
        "escpos",
    )
    assert stored.customer_screen == ""  # Off


def test_one_port_for_the_scale_and_the_display_is_refused(qtbot, section, shop):
    type_over(qtbot, section.scale_port, "COM3")
    type_over(qtbot, section.display_port, "COM3")
    qtbot.keyClick(section, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert section.status.text() == (
        "The device settings are not right.\n"
        "• The scale and the pole display cannot share the port COM3."
    )
    assert section.status.property("problem") is True
    assert shop.devices.settings().scale_port == ""


def test_the_customer_screen_is_off_or_a_screen_by_name(qtbot, section, shop):
    # The tests have one (offscreen) screen: the till's own, so there is nothing to choose.
    listed = section.customer_screen
    assert [listed.itemText(i) for i in range(listed.count())] == ["Off"]
    assert "Only one screen is connected" in section.screen_note.text()
    shop.devices.configure(customer_screen="HDMI-2")  # a screen unplugged since it was chosen
    section.load()
    assert section.customer_screen.currentText() == "HDMI-2 (not connected)"
    choose(qtbot, section.customer_screen, "Off")
    qtbot.keyClick(section, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert shop.devices.settings().customer_screen == ""


def toledo(reply: bytes):
    return lambda request: reply if request == b"W" else None


@pytest.mark.parametrize(
    ("protocol", "framing", "play", "said"),
    [
        ("Toledo 8217 (the till asks, the scale answers)", "7E1", b"\x02001.250\r",
         "The scale reads 1250 g."),
        ("Toledo 8217 (the till asks, the scale answers)", "7E1", b"\x02?\x01\r",
         "The weight is not steady yet. Wait a moment and read again."),
        ("Toledo 8217 (the till asks, the scale answers)", "7E1", b"\x02?\x20\r",
         "Too much on the scale: it is over its capacity."),
        ("Continuous (the scale keeps sending)", "8N1", b"ST,GS,+  0.250kg\r\n",
         "The scale reads 250 g."),
        ("Continuous (the scale keeps sending)", "8N1", b"US,GS,+  0.250kg\r\n",
         "The weight is not steady yet. Wait a moment and read again."),
        ("Continuous (the scale keeps sending)", "8N1", b"OL,GS,+  9.999kg\r\n",
         "Too much on the scale: it is over its capacity."),
    ],
)  # fmt: skip
def test_test_read_shows_the_weight_or_why_not(qtbot, section, shop, protocol, framing, play, said):
    with serial_peer() as scale:
        if protocol.startswith("Toledo"):
            scale.answer(toledo(play))
        else:
            scale.stream(play)
        type_over(qtbot, section.scale_port, scale.port)
        choose(qtbot, section.scale_protocol, protocol)
        choose(qtbot, section.scale_framing, framing)
        qtbot.keyClick(section, Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)
        qtbot.waitUntil(lambda: section.status.text() == said, timeout=5_000)
        assert section.test_read_button.isEnabled()
    assert shop.devices.settings().scale_port == ""  # a test read saves nothing


def test_a_scale_that_does_not_answer_says_so(qtbot, section):
    with serial_peer() as scale:
        type_over(qtbot, section.scale_port, scale.port)
        qtbot.mouseClick(section.test_read_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: "did not answer" in section.status.text(), timeout=5_000)
    assert section.status.property("problem") is True


def test_the_pole_display_test_shows_a_greeting(qtbot, section):
    with serial_peer() as pole:
        type_over(qtbot, section.display_port, pole.port)
        qtbot.keyClick(section, Qt.Key.Key_H, Qt.KeyboardModifier.AltModifier)
        qtbot.waitUntil(lambda: "should now show" in section.status.text(), timeout=5_000)
        assert pole.read(0.3) == frames("Toko Budi", "Welcome!", DisplayCommands.CD5220)


def test_a_cashier_needs_the_owner_to_change_the_devices(qtbot, staffed_db_path):
    staffed = Shop.open(staffed_db_path)
    try:
        act_as(staffed, CASHIER)
        window = MainWindow(staffed)
        qtbot.addWidget(window)
        window.show()
        qtbot.keyClick(window, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
        screen = window.settings_screen
        devices = screen.devices
        screen.tabs.setCurrentWidget(screen.devices_page)
        devices.background.settle()
        type_over(qtbot, devices.scale_port, "/dev/ttyUSB0")
        owner_answers(qtbot)  # Esc at the owner's PIN
        qtbot.mouseClick(devices.save_button, Qt.MouseButton.LeftButton)
        assert devices.status.text() == NOT_APPROVED
        assert devices.scale_port.currentText() == staffed.devices.settings().scale_port == ""
        window.close()
    finally:
        staffed.close()
