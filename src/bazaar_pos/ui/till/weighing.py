"""A weight from the counter scale turned into a cart line's quantity, or why it is not."""

from __future__ import annotations

from bazaar_pos.domain.cart import CartLine
from bazaar_pos.domain.quantity import PER_UNIT, Unit
from bazaar_pos.i18n import _

GRAMS_AS_MILLI = {Unit.KG: 1, Unit.G: PER_UNIT}
"""Thousandths of the unit in one gram: a gram is a thousandth of a kg, a thousand of a g."""


def weighed_quantity(line: CartLine, grams: int) -> int | None:
    """The quantity ``grams`` gives ``line``, or None when its product is not sold by weight.

    A product priced per kg takes the grams as thousandths (250 g is 0,25 kg);
    one priced per gram takes them whole. Nothing on the scale is no quantity.
    """
    per_gram = GRAMS_AS_MILLI.get(line.unit)
    if per_gram is None or grams <= 0:
        return None
    return grams * per_gram


def weight_not_used(line: CartLine | None, grams: int) -> str:
    """Why a weight read from the scale was not put into the cart, in words for the cashier."""
    if line is None:
        return _("The scale reads {grams} g. Add the product sold by weight first.").format(
            grams=grams
        )
    return _("The scale reads {grams} g, but {name} is not sold by weight.").format(
        grams=grams, name=line.name
    )
