"""A 2x20 pole display played by a pseudo-terminal: the bytes each command set gets."""

import pytest

from bazaar_pos.devices.pole_display import (
    DisplayCommands,
    PoleDisplay,
    fit,
    frames,
    two_sides,
)
from bazaar_pos.devices.serial_line import DeviceError, SerialLine
from tests.helpers.serial_peer import serial_peer


def test_a_cd5220_pole_gets_each_line_by_its_own_command():
    with serial_peer() as pole:
        PoleDisplay(SerialLine(pole.port), DisplayCommands.CD5220).show(
            "Kopi Gayo 0,25 kg", two_sides("TOTAL", "Rp45.000")
        )
        received = pole.read(until=b"\r\x1bQB")
        received += pole.read(0.3)
    assert received == (
        b"\x0c\x1bQAKopi Gayo 0,25 kg   \r\x1bQBTOTAL       Rp45.000\r"
    )


def test_an_escpos_pole_is_reset_cleared_and_filled():
    with serial_peer() as pole:
        PoleDisplay(SerialLine(pole.port), DisplayCommands.ESCPOS).show("Selamat datang", "")
        received = pole.read(0.5)
    assert received == b"\x1b@\x0c\x0b" + b"Selamat datang".ljust(20) + b" " * 20


def test_text_is_ascii_and_fits_twenty_columns():
    assert fit("Kain tenun ikat Sumba, motif kuda") == "Kain tenun ikat Sumb"
    assert fit("Café") == "Cafe".ljust(20)
    assert two_sides("Kemeja Tenun Lurik Merah L", "Rp1.250.000") == "Kemeja T Rp1.250.000"
    assert len(two_sides("", "Rp45.000")) == 20
    assert two_sides("Terima kasih", "") == "Terima kasih".ljust(20)
    assert frames("a", "b", DisplayCommands.CD5220).count(b"\r") == 2


def test_a_display_that_is_not_there_is_named():
    display = PoleDisplay(SerialLine("/dev/no-such-display"), DisplayCommands.CD5220)
    with pytest.raises(DeviceError, match="cannot be opened"):
        display.show("a", "b")
