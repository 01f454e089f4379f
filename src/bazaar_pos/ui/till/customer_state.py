"""What the customer sees of the till's cart: the cart written out as a display state."""

from __future__ import annotations

from bazaar_pos.domain.cart import Cart, CartLine
from bazaar_pos.domain.money import MinorUnits
from bazaar_pos.ui.common.formatting import MoneyText, QuantityText
from bazaar_pos.ui.customer_display.state import DisplayLine, DisplayState


def quantity_text(line: CartLine, quantity: QuantityText) -> str:
    """A line's quantity as the customer reads it: ``2``, or ``0,25 kg x Rp180.000/kg``."""
    return quantity(line.quantity_milli, line.unit)


def display_state(
    shop_name: str,
    cart: Cart,
    money: MoneyText,
    quantity: QuantityText,
    *,
    latest_key: str | None = None,
    paid: MinorUnits | None = None,
    change: MinorUnits = 0,
) -> DisplayState:
    """The customer's view of ``cart``; ``paid`` and ``change`` once the sale is paid.

    ``latest_key`` names the line added or changed last (the last line when None).
    """
    totals = cart.totals()
    lines = tuple(
        DisplayLine(each.line.name, quantity_text(each.line, quantity), money(each.net))
        for each in totals.lines
    )
    keys = [each.line.key for each in totals.lines]
    latest = None
    if lines:
        latest = lines[keys.index(latest_key)] if latest_key in keys else lines[-1]
    return DisplayState(
        shop_name=shop_name,
        lines=lines,
        total=money(totals.total) if lines else "",
        paid=money(paid) if paid is not None else "",
        change=money(change) if paid is not None else "",
        latest=latest,
    )
