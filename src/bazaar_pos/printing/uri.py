"""Printer addresses written as URIs: ``network://HOST:PORT``, ``usb://VID:PID`` and others."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from urllib.parse import parse_qs

from bazaar_pos.i18n import _
from bazaar_pos.printing.errors import PrinterAddressError

DEFAULT_NETWORK_PORT = 9100
DEFAULT_BAUD = 9600
BAUD_RATES = (1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200, 230400)

KNOWN_USB_ENDPOINTS = {
    (0x0416, 0x5011): (0x81, 0x03),  # "POS58 Printer USB" and other 58 mm clones
}
"""Bulk (in, out) endpoints of printers whose endpoints differ from the usual 0x82/0x01."""

DEFAULT_USB_ENDPOINTS = (0x82, 0x01)

EXAMPLES = (
    "network://192.168.1.50:9100",
    "usb://0416:5011",
    "serial://COM3?baud=9600",
    "serial:///dev/rfcomm0?baud=9600",
    "file:///dev/usb/lp0",
    "win32://POS-58",
    "cups://POS58",
)


class Transport(enum.StrEnum):
    """How the app reaches the printer."""

    NETWORK = "network"
    USB = "usb"
    SERIAL = "serial"
    FILE = "file"
    WIN32 = "win32"
    CUPS = "cups"


@dataclass(frozen=True, slots=True)
class PrinterAddress:
    """Where a printer is; ``target`` is the host, device path or printer name."""

    transport: Transport
    target: str
    port: int = 0
    vendor_id: int = 0
    product_id: int = 0
    in_endpoint: int = 0
    out_endpoint: int = 0
    baud: int = DEFAULT_BAUD

    @property
    def uri(self) -> str:
        """The address written back as a URI."""
        match self.transport:
            case Transport.NETWORK:
                return f"network://{self.target}:{self.port}"
            case Transport.USB:
                uri = f"usb://{self.vendor_id:04x}:{self.product_id:04x}"
                usual = KNOWN_USB_ENDPOINTS.get(
                    (self.vendor_id, self.product_id), DEFAULT_USB_ENDPOINTS
                )
                if (self.in_endpoint, self.out_endpoint) == usual:
                    return uri
                return f"{uri}?in=0x{self.in_endpoint:02x}&out=0x{self.out_endpoint:02x}"
            case Transport.SERIAL:
                return f"serial://{self.target}?baud={self.baud}"
            case _:
                return f"{self.transport.value}://{self.target}"

    def describe(self) -> str:
        """A short name for messages: ``192.168.1.50:9100``, ``USB 0416:5011``, ``COM3``."""
        match self.transport:
            case Transport.NETWORK:
                return f"{self.target}:{self.port}"
            case Transport.USB:
                return f"USB {self.vendor_id:04x}:{self.product_id:04x}"
            case _:
                return self.target


def parse_printer_uri(text: str) -> PrinterAddress:
    """Read a printer URI, or raise PrinterAddressError saying what is wrong with it."""
    text = text.strip()
    scheme, sep, rest = text.partition("://")
    try:
        transport = Transport(scheme.lower())
    except ValueError:
        transport = None
    if not sep or transport is None:
        raise _error(text, _("it must start with one of: {schemes}").format(schemes=_schemes()))
    target, _query_sep, query = rest.partition("?")
    options = {key: values[-1] for key, values in parse_qs(query).items()}
    if not target:
        raise _error(text, _("the printer's address or name is missing after ://"))
    match transport:
        case Transport.NETWORK:
            return _network(text, target)
        case Transport.USB:
            return _usb(text, target, options)
        case Transport.SERIAL:
            return PrinterAddress(transport, target, baud=_baud(text, options))
        case _:
            return PrinterAddress(transport, target)


def _network(text: str, target: str) -> PrinterAddress:
    host, colon, port_text = target.rpartition(":")
    if not colon:
        host, port_text = target, str(DEFAULT_NETWORK_PORT)
    host = host.strip("[]")
    if not host or not port_text.isdigit() or not 0 < int(port_text) < 65536:
        raise _error(text, _("write it as network://HOST:PORT, e.g. network://192.168.1.50:9100"))
    return PrinterAddress(Transport.NETWORK, host, port=int(port_text))


def _usb(text: str, target: str, options: dict[str, str]) -> PrinterAddress:
    vendor_text, colon, product_text = target.partition(":")
    try:
        vendor, product = int(vendor_text, 16), int(product_text, 16)
    except ValueError:
        vendor = product = -1
    if not colon or not (0 < vendor <= 0xFFFF and 0 < product <= 0xFFFF):
        raise _error(text, _("write it as usb://VID:PID in hexadecimal, e.g. usb://0416:5011"))
    in_ep, out_ep = KNOWN_USB_ENDPOINTS.get((vendor, product), DEFAULT_USB_ENDPOINTS)
    try:
        in_ep = int(options.get("in", str(in_ep)), 0)
        out_ep = int(options.get("out", str(out_ep)), 0)
    except ValueError:
        raise _error(text, _("USB endpoints are numbers, e.g. ?in=0x81&out=0x03")) from None
    return PrinterAddress(
        Transport.USB,
        target,
        vendor_id=vendor,
        product_id=product,
        in_endpoint=in_ep,
        out_endpoint=out_ep,
    )


def _baud(text: str, options: dict[str, str]) -> int:
    baud_text = options.get("baud", str(DEFAULT_BAUD))
    if not baud_text.isdigit() or int(baud_text) not in BAUD_RATES:
        rates = ", ".join(str(rate) for rate in BAUD_RATES)
        raise _error(text, _("the baud rate must be one of {rates}").format(rates=rates))
    return int(baud_text)


def _schemes() -> str:
    return ", ".join(f"{t.value}://" for t in Transport)


def _error(text: str, problem: str) -> PrinterAddressError:
    return PrinterAddressError(
        _("{uri!r} is not a printer address: {problem}.").format(uri=text, problem=problem),
        [_("Examples: {examples}").format(examples=", ".join(EXAMPLES))],
    )
