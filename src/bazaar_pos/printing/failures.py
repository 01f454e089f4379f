"""Turn what python-escpos, sockets, pyusb and pyserial raise into a PrinterError to act on."""

from __future__ import annotations

import errno
import logging
import re

from escpos.exceptions import DeviceNotFoundError
from escpos.exceptions import Error as EscposError

from bazaar_pos.i18n import N_, _
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
    """What went wrong, in the person's language; the OS's own (English) text stays in the log."""
    reason = os_reason(exc)
    if isinstance(exc, DeviceNotFoundError):
        if reason is not None or address.transport is Transport.NETWORK:
            return _not_reachable(address, reason)
        return _("not found. Is it plugged in and switched on?")
    if isinstance(exc, TimeoutError) or reason == _TIMED_OUT:
        return _("it did not answer in time. Is it switched on and connected?")
    if isinstance(exc, ConnectionRefusedError) or reason in _UNREACHABLE:
        return _not_reachable(address, reason)
    if isinstance(exc, ConnectionError):
        return _("the connection was lost while printing. Check the cable or network, then retry.")
    if isinstance(exc, PermissionError) or reason == _DENIED:
        return _(
            "no permission to use it. On Linux add your user to the 'lp' (or 'dialout') group "
            "and log in again."
        )
    if isinstance(exc, FileNotFoundError) or reason == _NO_DEVICE:
        return _("the device is not there. Is it plugged in and switched on?")
    if reason == _BUSY:
        return _("it is busy: another program is using it. Close that program, then retry.")
    if type(exc).__name__ == "NoBackendError":
        return _("USB printing needs the libusb library; install it, or use the printer's port.")
    if isinstance(exc, RuntimeError) and "requires" in str(exc):
        return _("this kind of connection needs a library that is not installed (see the log).")
    return _("printing failed because of an error the app did not expect (see the log).")


_REFUSED = N_("the printer refused the connection")
_TIMED_OUT = N_("no answer in time")
_HOST_UNREACHABLE = N_("the printer's address cannot be reached")
_NO_ROUTE = N_("no route to that network")
_DENIED = N_("permission denied")
_NO_DEVICE = N_("no such device")
_BUSY = N_("the device is busy")
_UNREACHABLE = (_REFUSED, _HOST_UNREACHABLE, _NO_ROUTE)

_REASONS = {
    errno.ECONNREFUSED: _REFUSED,
    10061: _REFUSED,  # Windows sockets
    errno.ETIMEDOUT: _TIMED_OUT,
    10060: _TIMED_OUT,
    errno.EHOSTUNREACH: _HOST_UNREACHABLE,
    errno.EHOSTDOWN: _HOST_UNREACHABLE,
    10065: _HOST_UNREACHABLE,
    errno.ENETUNREACH: _NO_ROUTE,
    10051: _NO_ROUTE,
    errno.EACCES: _DENIED,
    errno.EPERM: _DENIED,
    errno.ENODEV: _NO_DEVICE,
    errno.ENOENT: _NO_DEVICE,
    errno.ENXIO: _NO_DEVICE,
    errno.EBUSY: _BUSY,
}
"""Operating-system error numbers a printer meets, and what to call them."""

_ERRNO_IN_TEXT = re.compile(r"\[(?:Errno|WinError) (\d+)\]")


def os_reason(exc: BaseException) -> str | None:
    """The untranslated name of the OS error behind ``exc`` (see ``_REASONS``), if one is known.

    Looks at ``exc``, then what caused it; python-escpos sometimes keeps only the
    OS's text ("[Errno 111] Connection refused"), so the number is read from there.
    """
    seen: BaseException | None = exc
    for _depth in range(4):
        if seen is None:
            break
        number = getattr(seen, "errno", None)
        if number is None:
            found = _ERRNO_IN_TEXT.search(str(seen))
            number = int(found.group(1)) if found else None
        if number in _REASONS:
            return _REASONS[number]
        seen = seen.__cause__ or seen.__context__
    return None


def _not_reachable(address: PrinterAddress, reason: str | None) -> str:
    if address.transport is Transport.NETWORK:
        if reason is None:
            return _(
                "cannot connect. Is the printer on and on the same network as this computer?"
            )
        return _(
            "cannot connect: {reason}. Is the printer on and on the same network as this "
            "computer?"
        ).format(reason=_(reason))
    if reason is None:
        return _("cannot open it. Is it plugged in and switched on?")
    return _("cannot open it: {reason}. Is it plugged in and switched on?").format(
        reason=_(reason)
    )
