"""A weight from the counter scale turned into a cart line's quantity, or why it is not."""

from __future__ import annotations

from bazaar_pos.domain.cart import CartLine
from bazaar_pos.i18n import _


def weighed_quantity(line: CartLine, grams: int) -> int | None:
    """The quantity ``grams`` gives ``line``, or None when its product is not sold by weight.

    No product has a unit of weight yet: every product is counted, so none is.
    """
    return None


def weight_not_used(line: CartLine | None, grams: int) -> str:
    """Why a weight read from the scale was not put into the cart, in words for the cashier."""
    if line is None:
        return _("The scale reads {grams} g. Add the product sold by weight first.").format(
            grams=grams
        )
    return _("The scale reads {grams} g, but {name} is not sold by weight.").format(
        grams=grams, name=line.name
    )
