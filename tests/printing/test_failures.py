"""What people read when printing fails, for each kind of failure."""

from __future__ import annotations

import errno
import os

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
        "Printer 10.0.0.9:9100: cannot connect: the printer refused the connection. "
        "Is the printer on and on the same network as this computer?"
    )
    assert message(DeviceNotFoundError("no route")) == (
        "Printer 10.0.0.9:9100: cannot connect. "
        "Is the printer on and on the same network as this computer?"
    )
    assert "did not answer in time" in message(TimeoutError("timed out"))
    assert "cannot connect: the printer refused the connection." in message(
        ConnectionRefusedError(errno.ECONNREFUSED, "Connection refused")
    )


@pytest.mark.parametrize(
    ("number", "address", "expected"),
    [
        (errno.ECONNREFUSED, NETWORK, "cannot connect: the printer refused the connection."),
        (errno.ETIMEDOUT, NETWORK, "cannot connect: no answer in time."),
        (errno.EHOSTUNREACH, NETWORK, "cannot connect: the printer's address cannot be reached."),
        (errno.ENETUNREACH, NETWORK, "cannot connect: no route to that network."),
        (errno.EACCES, SERIAL, "cannot open it: permission denied."),
        (errno.ENODEV, USB, "cannot open it: no such device."),
        (errno.EBUSY, SERIAL, "cannot open it: the device is busy."),
        (10061, NETWORK, "cannot connect: the printer refused the connection."),
    ],
)
def test_os_errors_are_named_in_the_apps_words_not_the_os_text(number, address, expected):
    english = os.strerror(number) if number < 10000 else "No connection could be made"
    try:
        try:
            raise OSError(number, english)
        except OSError as cause:
            raise DeviceNotFoundError(f"Could not open: [Errno {number}] {english}") from cause
    except DeviceNotFoundError as exc:
        text = message(exc, address)
    assert expected in text
    assert english not in text
    # python-escpos sometimes keeps only the OS's text, without the error itself
    only_text = DeviceNotFoundError(f"Device not found ([Errno {number}] x)")
    assert expected in message(only_text, address)


def test_the_os_text_is_translated_too(monkeypatch):
    from bazaar_pos.i18n import set_language

    set_language("id")
    try:
        text = message(ConnectionRefusedError(errno.ECONNREFUSED, "Connection refused"))
    finally:
        set_language("en")
    assert "Connection refused" not in text
    assert "refused" not in text


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
        (DeviceNotFoundError("Unable to open USB printer"), USB, "not found. Is it plugged in"),
        (OSError(errno.EBUSY, "Device or resource busy"), SERIAL, "it is busy"),
        (AssertionError(), SERIAL, "printing failed because of an error the app did not expect"),
    ],
)
def test_each_failure_names_the_printer_and_the_problem(exc, address, expected):
    text = message(exc, address)
    assert text.startswith(f"Printer {address.describe()}: ")
    assert expected in text


def test_a_printer_error_passes_through():
    original = PrinterError("Printer X is out of paper.")
    assert explain(original, NETWORK) is original
