"""Find receipt printers attached to this computer, each as a URI to pick from a list."""

from __future__ import annotations

import glob
import logging
from dataclasses import dataclass

from bazaar_pos.i18n import _

log = logging.getLogger(__name__)

USB_PRINTER_CLASS = 7


@dataclass(frozen=True, slots=True)
class DetectedPrinter:
    """A printer (or a port a printer may be on) found on this computer."""

    uri: str
    label: str


def detect_printers() -> list[DetectedPrinter]:
    """Printers on USB (needs pyusb), printer device files, serial ports and Windows printers."""
    found: list[DetectedPrinter] = []
    for finder in (_usb_printers, _printer_ports, _serial_ports, _windows_printers):
        try:
            found += finder()
        except Exception:  # a finder's library or OS service missing or broken: skip it
            log.info("printer detection step %s failed", finder.__name__, exc_info=True)
    return found


def _usb_printers() -> list[DetectedPrinter]:
    try:
        import usb.core
    except ImportError:
        return []
    found = []
    for device in usb.core.find(find_all=True, custom_match=_is_printer) or ():
        name = _usb_name(device)
        uri = f"usb://{device.idVendor:04x}:{device.idProduct:04x}"
        found.append(DetectedPrinter(uri, _("USB: {name} ({uri})").format(name=name, uri=uri)))
    return found


def _is_printer(device: object) -> bool:
    if getattr(device, "bDeviceClass", None) == USB_PRINTER_CLASS:
        return True
    return any(
        interface.bInterfaceClass == USB_PRINTER_CLASS
        for configuration in device  # type: ignore[attr-defined]
        for interface in configuration
    )


def _usb_name(device: object) -> str:
    try:
        return str(device.product or _("USB printer"))  # type: ignore[attr-defined]
    except (ValueError, NotImplementedError, OSError):
        return _("USB printer")


def _printer_ports() -> list[DetectedPrinter]:
    return [
        DetectedPrinter(f"file://{path}", _("Printer port {path}").format(path=path))
        for path in sorted(glob.glob("/dev/usb/lp*"))
    ]


def _serial_ports() -> list[DetectedPrinter]:
    from serial.tools import list_ports

    return [
        DetectedPrinter(
            f"serial://{port.device}?baud=9600", _serial_name(port.device, port.description)
        )
        for port in list_ports.comports()
    ]


def _serial_name(device: str, description: str | None) -> str:
    """The port's name, with what the system says it is unless it says nothing ("n/a")."""
    if not description or description.strip().lower() in {"n/a", device.lower()}:
        return _("Serial port {port}").format(port=device)
    return _("Serial port {port} ({description})").format(port=device, description=description)


def _windows_printers() -> list[DetectedPrinter]:
    try:
        import win32print
    except ImportError:
        return []
    flags = win32print.PRINTER_ENUM_LOCAL | win32print.PRINTER_ENUM_CONNECTIONS
    return [
        DetectedPrinter(f"win32://{name}", _("Windows printer {name}").format(name=name))
        for _flags, _description, name, _comment in win32print.EnumPrinters(flags)
    ]
