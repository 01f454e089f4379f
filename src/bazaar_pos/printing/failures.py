"""Turn what python-escpos, sockets, pyusb and pyserial raise into a PrinterError to act on."""

from __future__ import annotations

import errno
import logging

from escpos.exceptions import DeviceNotFoundError
from escpos.exceptions import Error as EscposError

from bazaar_pos.i18n import _
from bazaar_pos.printing.errors import PrinterError
from bazaar_pos.printing.uri import PrinterAddress, Transport

log = logging.getLogger(__name__)

FAILURES: tuple[type[BaseException], ...] = (
    EscposError,
    OSError,  # sockets, files; pyusb's USBError and pyserial's SerialException are OSErrors
    AssertionError,  # python-escpos asserts an open device before every write
    ValueError,  # pyusb's NoBackendError, pyserial's bad settings
    RuntimeError,  # python-escpos when an optional library (pyusb, pywin32) is missing
    NotImplementedError,
)
"""Everything that printing can raise because of the printer, its cable or its driver."""


def explain(exc: BaseException, address: PrinterAddress) -> PrinterError:
    """A PrinterError naming the printer and what went wrong with it."""
    log.warning("printing to %s failed: %s: %s", address.uri, type(exc).__name__, exc)
    if isinstance(exc, PrinterError):
        return exc
    printer = address.describe()
    problem = _problem(exc, address)
    return PrinterError(_("Printer {printer}: {problem}").format(printer=printer, problem=problem))


def _problem(exc: BaseException, address: PrinterAddress) -> str:
    cause = exc.__cause__ or exc.__context__
    detail = str(getattr(exc, "msg", "") or exc).strip().replace("\n", " ")
    if isinstance(exc, DeviceNotFoundError):
        if isinstance(cause, OSError):
            return _not_reachable(address, cause.strerror or str(cause))
        if address.transport is Transport.NETWORK:
            return _not_reachable(address, detail)
        return _("not found ({detail}). Is it plugged in and switched on?").format(detail=detail)
    if isinstance(exc, TimeoutError):
        return _("it did not answer in time. Is it switched on and connected?")
    if isinstance(exc, ConnectionRefusedError):
        return _not_reachable(address, exc.strerror or detail)
    if isinstance(exc, ConnectionError):
        return _("the connection was lost while printing. Check the cable or network, then retry.")
    if isinstance(exc, PermissionError) or getattr(exc, "errno", None) in (errno.EACCES, 13):
        return _(
            "no permission to use it. On Linux add your user to the 'lp' (or 'dialout') group "
            "and log in again."
        )
    if isinstance(exc, FileNotFoundError) or getattr(exc, "errno", None) in (errno.ENODEV, 19):
        return _("the device is not there. Is it plugged in and switched on?")
    if type(exc).__name__ == "NoBackendError":
        return _("USB printing needs the libusb library; install it, or use the printer's port.")
    if isinstance(exc, RuntimeError) and "requires" in detail:
        return _(
            "this kind of connection needs a library that is not installed ({detail})."
        ).format(detail=detail)
    return _("printing failed ({kind}: {detail}).").format(kind=type(exc).__name__, detail=detail)


def _not_reachable(address: PrinterAddress, detail: str) -> str:
    if address.transport is Transport.NETWORK:
        return _(
            "cannot connect ({detail}). Is the printer on and on the same network as this computer?"
        ).format(detail=detail)
    return _("cannot open it ({detail}). Is it plugged in and switched on?").format(detail=detail)
