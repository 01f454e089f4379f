"""Open a python-escpos printer for an address, with short timeouts, and ask if it is ready."""

from __future__ import annotations

import contextlib
import socket
from collections.abc import Iterator

from escpos.exceptions import DeviceNotFoundError

from bazaar_pos.i18n import _
from bazaar_pos.printing.errors import PrinterError
from bazaar_pos.printing.failures import FAILURES, explain
from bazaar_pos.printing.quiet_escpos import (
    CAPABILITIES,
    RT_STATUS,
    Escpos,
    escpos_printer,
    get_profile,
)
from bazaar_pos.printing.uri import PrinterAddress, Transport

TIMEOUT_SECONDS = 4.0
"""Connecting and writing give up after this long (python-escpos waits 60 s or forever)."""

STATUS_TIMEOUT_SECONDS = 1.5
"""A printer that does not answer a status query within this is printed to anyway."""

ASCII_ONLY = {"disabled": True, "encoding": "CP437"}
"""Receipts are transliterated to ASCII, so no code page is ever switched."""

_ONLINE, _OFFLINE_CAUSE, _PAPER = 1, 2, 4  # DLE EOT n
_OFFLINE_BIT, _COVER_OPEN_BIT, _PAPER_GONE_BITS, _PAPER_LOW_BITS = 0x08, 0x04, 0x60, 0x0C


class _Network(escpos_printer.Network):
    """python-escpos's network printer, closing its socket when connecting fails (3.1 leaks it)."""

    device: socket.socket | None

    def open(self, raise_not_found: bool = True) -> None:
        """Connect within the timeout, or raise DeviceNotFoundError."""
        if self._device:
            self.close()
        try:
            self.device = socket.create_connection((self.host, self.port), self.timeout)
        except OSError as exc:
            self.device = None
            raise DeviceNotFoundError(
                f"Could not open socket for {self.host}:{self.port}: {exc}"
            ) from exc


def open_printer(address: PrinterAddress, profile: str, timeout: float = TIMEOUT_SECONDS) -> Escpos:
    """A python-escpos printer for ``address`` (not yet connected)."""
    common = {"profile": profile, "magic_encode_args": dict(ASCII_ONLY)}
    match address.transport:
        case Transport.NETWORK:
            return _Network(address.target, address.port, timeout, **common)
        case Transport.USB:
            return escpos_printer.Usb(
                address.vendor_id,
                address.product_id,
                timeout=int(timeout * 1000),
                in_ep=address.in_endpoint,
                out_ep=address.out_endpoint,
                **common,
            )
        case Transport.SERIAL:
            return escpos_printer.Serial(address.target, address.baud, timeout=timeout, **common)
        case Transport.FILE:
            return escpos_printer.File(address.target, **common)
        case Transport.WIN32:
            return escpos_printer.Win32Raw(address.target, **common)
        case Transport.CUPS:
            if escpos_printer.CupsPrinter.is_usable():
                return escpos_printer.CupsPrinter(address.target, **common)
            return escpos_printer.LP(address.target, **common)
    raise AssertionError(address.transport)  # pragma: no cover


@contextlib.contextmanager
def connected(
    address: PrinterAddress, profile: str, timeout: float = TIMEOUT_SECONDS
) -> Iterator[Escpos]:
    """An open printer, closed afterwards; anything going wrong becomes a PrinterError."""
    printer: Escpos | None = None
    try:
        printer = open_printer(address, profile, timeout)
        printer.open()
        _bound_writes(printer, timeout)
        yield printer
        printer.close()
    except FAILURES as exc:
        raise explain(exc, address) from exc
    finally:
        if printer is not None:
            with contextlib.suppress(*FAILURES):
                printer.close()


def check_ready(printer: Escpos, address: PrinterAddress) -> None:
    """Raise PrinterError if the printer says it is out of paper, open or offline.

    Only printers on the network, USB or a serial port can answer; a printer
    that does not answer in time is taken to be ready.
    """
    if address.transport not in (Transport.NETWORK, Transport.USB, Transport.SERIAL):
        return
    paper = _query(printer, _PAPER)
    if paper is None:  # this printer does not answer status queries
        return
    if paper & _PAPER_GONE_BITS == _PAPER_GONE_BITS:
        raise PrinterError(
            _("Printer {printer} is out of paper. Load a new roll, then retry.").format(
                printer=address.describe()
            )
        )
    online = _query(printer, _ONLINE)
    if online is None or not online & _OFFLINE_BIT:
        return
    cause = _query(printer, _OFFLINE_CAUSE)
    if cause is not None and cause & _COVER_OPEN_BIT:
        message = _("Printer {printer}: the cover is open. Close it, then retry.")
    else:
        message = _("Printer {printer} is offline. Check its lights and paper, then retry.")
    raise PrinterError(message.format(printer=address.describe()))


def known_profiles() -> list[str]:
    """The printer profiles python-escpos knows, by name."""
    return sorted(CAPABILITIES["profiles"])


def profile_width_dots(profile: str) -> int | None:
    """The paper width in dots a profile gives, or None when it does not say (or is unknown)."""
    if profile not in CAPABILITIES["profiles"]:
        return None
    pixels = get_profile(profile).profile_data.get("media", {}).get("width", {}).get("pixels")
    return pixels if isinstance(pixels, int) else None


def _query(printer: Escpos, n: int) -> int | None:
    """The status byte for DLE EOT ``n``, or None when the printer does not answer in time."""
    device = printer.device
    previous = _read_timeout(device, STATUS_TIMEOUT_SECONDS)
    try:
        reply = printer.query_status(RT_STATUS + bytes([n]))
    except (TimeoutError, NotImplementedError):
        return None
    except OSError as exc:  # pyusb's read timeout
        if "timeout" in type(exc).__name__.lower() or "timed out" in str(exc).lower():
            return None
        raise
    finally:
        _read_timeout(device, previous)
    return reply[0] if reply else None


def _read_timeout(device: object, seconds: float | None) -> float | None:
    """Set how long a socket or serial port waits for a reply; return the old limit."""
    if seconds is None:
        return None
    if isinstance(device, socket.socket):
        previous = device.gettimeout()
        device.settimeout(seconds)
        return previous
    if hasattr(device, "timeout") and hasattr(device, "write_timeout"):  # pyserial
        previous = device.timeout
        device.timeout = seconds
        return previous
    return None


def _bound_writes(printer: Escpos, timeout: float) -> None:
    """Give serial writes a time limit (pyserial waits forever by default)."""
    device = printer.device
    if hasattr(device, "write_timeout"):
        device.write_timeout = timeout
