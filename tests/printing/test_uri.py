from __future__ import annotations

import pytest

from bazaar_pos.printing.errors import PrinterAddressError
from bazaar_pos.printing.uri import PrinterAddress, Transport, parse_printer_uri


@pytest.mark.parametrize(
    ("uri", "expected"),
    [
        ("network://192.168.1.50:9100", PrinterAddress(Transport.NETWORK, "192.168.1.50", 9100)),
        ("NETWORK://printer.local", PrinterAddress(Transport.NETWORK, "printer.local", 9100)),
        (
            "usb://0416:5011",
            PrinterAddress(
                Transport.USB,
                "0416:5011",
                vendor_id=0x0416,
                product_id=0x5011,
                in_endpoint=0x81,
                out_endpoint=0x03,
            ),
        ),
        (
            "usb://04b8:0e15?in=0x82&out=0x01",
            PrinterAddress(
                Transport.USB,
                "04b8:0e15",
                vendor_id=0x04B8,
                product_id=0x0E15,
                in_endpoint=0x82,
                out_endpoint=0x01,
            ),
        ),
        ("serial://COM3?baud=115200", PrinterAddress(Transport.SERIAL, "COM3", baud=115200)),
        ("serial:///dev/rfcomm0", PrinterAddress(Transport.SERIAL, "/dev/rfcomm0", baud=9600)),
        ("file:///dev/usb/lp0", PrinterAddress(Transport.FILE, "/dev/usb/lp0")),
        ("win32://POS-58 Printer", PrinterAddress(Transport.WIN32, "POS-58 Printer")),
        ("cups://POS58", PrinterAddress(Transport.CUPS, "POS58")),
    ],
)
def test_uris_are_read(uri, expected):
    address = parse_printer_uri(uri)
    assert address == expected
    assert parse_printer_uri(address.uri) == address


@pytest.mark.parametrize(
    ("uri", "problem"),
    [
        ("192.168.1.50", "must start with one of"),
        ("bluetooth://AA:BB", "must start with one of"),
        ("network://", "missing after ://"),
        ("network://host:99999", "network://HOST:PORT"),
        ("network://host:abc", "network://HOST:PORT"),
        ("usb://0416", "usb://VID:PID"),
        ("usb://zz:11", "usb://VID:PID"),
        ("usb://0416:5011?in=x", "endpoints are numbers"),
        ("serial://COM3?baud=1234", "baud rate must be one of"),
    ],
)
def test_bad_uris_say_what_is_wrong(uri, problem):
    with pytest.raises(PrinterAddressError) as caught:
        parse_printer_uri(uri)
    assert problem in caught.value.message
    assert "network://192.168.1.50:9100" in str(caught.value)


def test_addresses_describe_themselves_for_messages():
    assert parse_printer_uri("network://10.0.0.9:9100").describe() == "10.0.0.9:9100"
    assert parse_printer_uri("usb://0416:5011").describe() == "USB 0416:5011"
    assert parse_printer_uri("serial://COM3").describe() == "COM3"
    assert parse_printer_uri("usb://04b8:0e15?in=0x81&out=0x02").uri == (
        "usb://04b8:0e15?in=0x81&out=0x02"
    )
