"""What people read when printing fails, for each kind of failure."""

from __future__ import annotations

import errno

import pytest
from escpos.exceptions import DeviceNotFoundError

from bazaar_pos.printing.errors import PrinterError
from bazaar_pos.printing.failures import explain
from bazaar_pos.printing.uri import parse_printer_uri

NETWORK = parse_printer_uri("network://10.0.0.9:9100")
USB = parse_printer_uri("usb://0416:5011")
SERIAL = parse_printer_uri("serial://COM3")


class NoBackendError(ValueError):
    """Stands in for pyusb's error when libusb is missing (same name)."""


def message(exc: BaseException, address=NETWORK) -> str:
    return explain(exc, address).message


def test_refused_and_timed_out_connections():
    try:
        try:
            raise ConnectionRefusedError(errno.ECONNREFUSED, "Connection refused")
        except OSError as cause:
            raise DeviceNotFoundError("Could not open socket") from cause
    except DeviceNotFoundError as exc:
        refused = exc
    assert message(refused) == (
        "Printer 10.0.0.9:9100: cannot connect (Connection refused). "
        "Is the printer on and on the same network as this computer?"
    )
    assert "cannot connect (no route)" in message(DeviceNotFoundError("no route"))
    assert "did not answer in time" in message(TimeoutError("timed out"))
    assert "cannot connect (Connection refused)" in message(
        ConnectionRefusedError(errno.ECONNREFUSED, "Connection refused")
    )


@pytest.mark.parametrize(
    ("exc", "address", "expected"),
    [
        (ConnectionResetError(104, "reset"), NETWORK, "the connection was lost while printing"),
        (BrokenPipeError(32, "pipe"), NETWORK, "the connection was lost while printing"),
        (PermissionError(13, "denied"), SERIAL, "no permission to use it"),
        (OSError(errno.EACCES, "Access denied"), USB, "no permission to use it"),
        (FileNotFoundError(2, "nope"), SERIAL, "the device is not there"),
        (OSError(errno.ENODEV, "No such device"), USB, "the device is not there"),
        (NoBackendError("No backend available"), USB, "needs the libusb library"),
        (RuntimeError("Printing with USB requires a usb library"), USB, "needs a library"),
        (DeviceNotFoundError("Unable to open USB printer"), USB, "not found (Unable to open"),
        (AssertionError(), SERIAL, "printing failed (AssertionError"),
    ],
)
def test_each_failure_names_the_printer_and_the_problem(exc, address, expected):
    text = message(exc, address)
    assert text.startswith(f"Printer {address.describe()}: ")
    assert expected in text


def test_a_printer_error_passes_through():
    original = PrinterError("Printer X is out of paper.")
    assert explain(original, NETWORK) is original
