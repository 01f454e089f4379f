"""An order's lines checked against the catalogue, and the cart they become at pickup."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy.orm import Session

from bazaar_pos.domain.cart import Cart, CartLine
from bazaar_pos.domain.quantity import QuantityError, Unit, unit_of
from bazaar_pos.errors import ValidationError
from bazaar_pos.i18n import _
from bazaar_pos.services.orders.views import OrderLineDraft, OrderLineView
from bazaar_pos.services.settings import ShopSettings
from bazaar_pos.store.models import CustomerOrderLine, Product

NAME_MAX = 200


def checked_lines(session: Session, drafts: Iterable[OrderLineDraft]) -> list[CartLine]:
    """The typed lines as cart lines, or a ValidationError naming the line that is wrong."""
    lines = []
    for number, draft in enumerate(drafts, start=1):
        try:
            lines.append(_cart_line(session, draft))
        except (QuantityError, ValueError) as exc:
            if isinstance(exc, ValidationError):
                raise
            raise ValidationError(
                _("Line {number}: the quantity or price is not possible.").format(number=number)
            ) from exc
    if not lines:
        raise ValidationError(_("An order needs at least one line."))
    return lines


def _cart_line(session: Session, draft: OrderLineDraft) -> CartLine:
    if draft.product_id is None:
        name = " ".join(draft.name.split())
        if not name:
            raise ValidationError(_("Say what is made to order."))
        if len(name) > NAME_MAX:
            raise ValidationError(
                _("A line's text is at most {count} characters.").format(count=NAME_MAX)
            )
        if draft.unit_price is None or draft.unit_price <= 0:
            raise ValidationError(_("Give a price for “{name}”.").format(name=name))
        return CartLine("", name, draft.unit_price, draft.quantity_milli, unit=Unit.PCS)
    product = session.get(Product, draft.product_id)
    if product is None or not product.active:
        raise ValidationError(_("That product is not in the catalogue."))
    if product.option_axes:
        raise ValidationError(
            _("{name} is sold as its variants: choose one.").format(name=product.name)
        )
    price = product.price_minor if draft.unit_price is None else draft.unit_price
    return CartLine(
        product.sku,
        product.name,
        price,
        draft.quantity_milli,
        unit_cost=product.cost_minor,
        product_id=product.id,
        taxable=product.taxable,
        unit=unit_of(product.unit),
    )


def cart_of(lines: Iterable[CartLine], shop: ShopSettings) -> Cart:
    """A cart of ``lines`` in the shop's currency and tax, as the till would ring them up."""
    cart = Cart(shop.currency, shop.tax_rule)
    for line in lines:
        cart.add(line)
    return cart


def stored_lines(cart: Cart) -> list[CustomerOrderLine]:
    """The cart's lines as an order keeps them, each with its amount after tax."""
    return [
        CustomerOrderLine(
            position=position,
            product_id=t.line.product_id,
            sku=t.line.sku,
            name=t.line.name,
            quantity_milli=t.line.quantity_milli,
            unit=t.line.unit.value,
            unit_price_minor=t.line.unit_price,
            line_total_minor=t.net,
        )
        for position, t in enumerate(cart.totals().lines, start=1)
    ]


def lines_again(session: Session, lines: Iterable[OrderLineView]) -> list[CartLine]:
    """An order's stored lines as cart lines again, at the prices agreed on ordering.

    A catalogue line takes the product's cost and tax flag as they are now.
    """
    again = []
    for line in lines:
        product = session.get(Product, line.product_id) if line.product_id is not None else None
        if line.product_id is not None and product is None:
            raise ValidationError(
                _("{name} is no longer in the catalogue.").format(name=line.name)
            )
        again.append(
            CartLine(
                line.sku,
                line.name,
                line.unit_price,
                line.quantity_milli,
                unit_cost=product.cost_minor if product else 0,
                product_id=line.product_id,
                taxable=product.taxable if product else True,
                unit=line.unit,
            )
        )
    return again
