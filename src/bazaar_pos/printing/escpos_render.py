"""Send laid-out receipt lines (text, logo, QR code), the cut and the drawer kick as ESC/POS."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from bazaar_pos.domain.receipt_layout import LaidLine, LineStyle
from bazaar_pos.printing.errors import PrinterError
from bazaar_pos.printing.images import logo_image, qr_image

if TYPE_CHECKING:
    from escpos.escpos import Escpos

log = logging.getLogger(__name__)

DRAWER_PIN = 2
NATIVE_QR_DOT_SIZE = 6


def render_lines(
    printer: Escpos,
    lines: tuple[LaidLine, ...],
    *,
    width_dots: int,
    open_drawer: bool = False,
) -> None:
    """Print ``lines`` as one job: reset, drawer kick, the lines, then feed and cut."""
    printer.hw("INIT")
    if open_drawer:
        printer.cashdraw(DRAWER_PIN)
    style = None
    for line in lines:
        if line.style is LineStyle.LOGO:
            _logo(printer, line.text, width_dots)
            continue
        if line.style is LineStyle.QR:
            _qr(printer, line.text, width_dots)
            continue
        if line.style is not style:
            _apply(printer, line.style)
            style = line.style
        printer.textln(line.text)
    _apply(printer, LineStyle.PLAIN)
    printer.cut()


def kick_drawer(printer: Escpos) -> None:
    """Open the cash drawer wired to the printer, printing nothing."""
    printer.cashdraw(DRAWER_PIN)


def _apply(printer: Escpos, style: LineStyle) -> None:
    if style in (LineStyle.TITLE, LineStyle.STRONG):
        printer.set(bold=True, double_height=True)
    else:
        printer.set(bold=False, normal_textsize=True)


def _logo(printer: Escpos, path: str, width_dots: int) -> None:
    """The logo, unless its file has gone missing (the receipt matters more)."""
    try:
        picture = logo_image(path, width_dots)
    except PrinterError:
        log.warning("receipt logo %s left out: it cannot be read", path, exc_info=True)
        return
    printer.image(picture)


def _qr(printer: Escpos, data: str, width_dots: int) -> None:
    """The QR code centred: drawn by the printer when its profile can, else as an image."""
    if printer.profile.supports("qrCode"):
        printer.set(align="center")
        printer.qr(data, native=True, size=NATIVE_QR_DOT_SIZE)
        printer.set(align="left")
    else:
        printer.image(qr_image(data, width_dots))
