"""Find receipt printers attached to this computer, each as a URI to pick from a list."""

from __future__ import annotations

import glob
import logging
import re
import sys
from dataclasses import dataclass

from bazaar_pos.i18n import _

log = logging.getLogger(__name__)

USB_PRINTER_CLASS = 7


@dataclass(frozen=True, slots=True)
class DetectedPrinter:
    """A printer (or a port a printer may be on) found on this computer."""

    uri: str
    label: str


def detect_printers(notes: list[str] | None = None) -> list[DetectedPrinter]:
    """Printers on USB (needs pyusb), printer device files, serial ports and Windows printers.

    What could not be searched, and what to do about it, is added to ``notes``.
    """
    found: list[DetectedPrinter] = []
    for finder in (_usb_printers, _printer_ports, _serial_ports, _windows_printers):
        try:
            found += finder()
        except Exception as exc:  # a finder's library or OS service missing or broken: skip it
            log.info("printer detection step %s failed", finder.__name__, exc_info=True)
            if finder is _usb_printers and notes is not None:
                notes.append(usb_search_note(exc))
    return found


def usb_search_note(exc: BaseException) -> str:
    """Why USB printers could not be searched, and what to do on this computer."""
    if type(exc).__name__ != "NoBackendError" and not isinstance(exc, ImportError):
        return _("Searching USB failed (details in the log). Type the printer's address instead.")
    if sys.platform.startswith("win"):
        return _(
            "USB printers cannot be searched here: the libusb library is missing. Install the "
            "printer's Windows driver and choose it from the list as a Windows printer."
        )
    return _(
        "USB printers cannot be searched here: the libusb library is missing. Install "
        "libusb-1.0 and the app's udev rule (see the guide's Printers page); a printer that "
        "shows up as /dev/usb/lp0 works without it."
    )


def _usb_printers() -> list[DetectedPrinter]:
    import usb.core  # pyusb missing: said in the notes

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

    found = []
    for port in list_ports.comports():
        label, bare = _serial_name(port.device, port.description), _serial_name(port.device, None)
        if label == bare and _BUILT_IN_SERIAL.fullmatch(port.device):
            continue  # a computer's own serial port, with nothing known on it
        found.append(DetectedPrinter(f"serial://{port.device}?baud=9600", label))
    return found


_BUILT_IN_SERIAL = re.compile(r"/dev/ttyS\d+")
"""Linux's names for a computer's own serial ports (a Bluetooth or USB adapter is named apart)."""


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
