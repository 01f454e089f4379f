"""A label scale's barcode scanned at the till: the product by its PLU, with the weight or price."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication

from bazaar_pos.errors import UserError
from bazaar_pos.i18n import _

if TYPE_CHECKING:
    from bazaar_pos.ui.till.screen import TillScreen


def add_scale_code(till: TillScreen, code: str, quantity: str | None) -> bool:
    """Add the item a label-scale ``code`` stands for; False when ``code`` is no scale code.

    A weight label adds its weight in the product's unit; a price label adds a
    line that comes to the printed price exactly. A problem (unknown PLU, a
    weight on goods sold by the piece, a quantity typed before the code) is
    said on the till and nothing is added; True is returned then too.
    """
    try:
        item = till.shop.scale_codes.read(code)
    except UserError as problem:
        _refuse(till, problem.message)
        return True
    if item is None:
        return False
    if quantity is not None:
        _refuse(
            till,
            _("A scale label carries its own weight or price: scan it without a quantity."),
        )
        return True
    till.adding.add_line(item.product, item.quantity_milli, item.priced)
    return True


def _refuse(till: TillScreen, message: str) -> None:
    QApplication.beep()
    till.say(message, "error")
    till.scan.clear()
    till.results.hide()
