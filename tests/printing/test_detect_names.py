"""Printers found on serial ports are named without the system's placeholder text."""

from types import SimpleNamespace

from serial.tools import list_ports

from bazaar_pos.i18n import set_language
from bazaar_pos.printing import detect


def test_a_serial_port_the_system_knows_nothing_about_shows_no_n_a(monkeypatch):
    ports = [
        SimpleNamespace(device="/dev/ttyS0", description="n/a"),
        SimpleNamespace(device="/dev/ttyUSB0", description="n/a"),
        SimpleNamespace(device="/dev/rfcomm0", description="Printer POS-58"),
    ]
    monkeypatch.setattr(list_ports, "comports", lambda: ports)
    set_language("id")
    names = [printer.label for printer in detect._serial_ports()]
    # A computer's own port with nothing known on it is left out; an adapter keeps its name.
    assert names == ["Port serial /dev/ttyUSB0", "Port serial /dev/rfcomm0 (Printer POS-58)"]
