"""A Bluetooth-style serial printer, played by a pseudo-terminal that never answers status."""

from __future__ import annotations

import os
import threading
import time

import pytest


@pytest.fixture
def serial_printer():
    master, slave = os.openpty()
    received = bytearray()
    stop = threading.Event()

    def read() -> None:
        while not stop.is_set():
            try:
                chunk = os.read(master, 4096)
            except OSError:
                return
            received.extend(chunk)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    yield os.ttyname(slave), received
    stop.set()
    os.close(slave)
    os.close(master)
    reader.join(timeout=5)


def test_test_page_goes_out_on_a_serial_port(shop, serial_printer):
    device, received = serial_printer
    shop.printer.configure(uri=f"serial://{device}?baud=115200")
    started = time.monotonic()
    shop.printer.print_test_page()
    assert time.monotonic() - started < 5  # a silent printer is printed to after a short wait
    deadline = time.monotonic() + 5
    while b"12345678901234567890123456789012" not in received and time.monotonic() < deadline:
        time.sleep(0.05)
    assert b"\x10\x04\x04" in received  # the paper status was asked first
    assert b"12345678901234567890123456789012" in received
