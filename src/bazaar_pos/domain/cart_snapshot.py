"""A cart as plain JSON-ready data, to park it or keep it safe across a crash."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from bazaar_pos.domain.cart import Cart, CartCustomer, CartLine
from bazaar_pos.domain.money import Currency
from bazaar_pos.domain.pricing import Discount, DiscountKind, TaxRule
from bazaar_pos.domain.quantity import PER_UNIT, unit_of

SNAPSHOT_VERSION = 2
"""Version 2 keeps quantities in thousandths with their unit; version 1 (whole pieces) is read.
A snapshot may name the cart's customer and each line's shop price; older ones have neither."""
READABLE_VERSIONS = (1, 2)


def _discount_data(discount: Discount | None) -> dict[str, str] | None:
    if discount is None:
        return None
    return {"kind": discount.kind.value, "value": str(discount.value)}


def _discount_of(data: dict[str, str] | None) -> Discount | None:
    if data is None:
        return None
    return Discount(DiscountKind(data["kind"]), Decimal(data["value"]))


def _quantity_milli(item: dict[str, Any], version: int) -> int:
    if version == 1:
        return int(item["quantity"]) * PER_UNIT
    return int(item["quantity_milli"])


def _customer_data(customer: CartCustomer | None) -> dict[str, Any] | None:
    if customer is None:
        return None
    return {"id": customer.id, "name": customer.name, "group": customer.group}


def _customer_of(data: dict[str, Any] | None) -> CartCustomer | None:
    if not data:
        return None
    return CartCustomer(int(data["id"]), str(data["name"]), str(data.get("group", "")))


def cart_to_data(cart: Cart) -> dict[str, Any]:
    """The cart's lines, discount and customer as dicts, lists, strings and integers."""
    return {
        "version": SNAPSHOT_VERSION,
        "currency": cart.currency.code,
        "discount": _discount_data(cart.discount),
        "customer": _customer_data(cart.customer),
        "lines": [
            {
                "key": line.key,
                "sku": line.sku,
                "name": line.name,
                "unit_price": line.unit_price,
                "quantity_milli": line.quantity_milli,
                "unit": line.unit.value,
                "priced": line.priced,
                "unit_cost": line.unit_cost,
                "product_id": line.product_id,
                "discount": _discount_data(line.discount),
                "taxable": line.taxable,
                "shop_price": line.shop_price,
            }
            for line in cart
        ],
    }


def cart_from_data(data: dict[str, Any], currency: Currency, tax_rule: TaxRule | None) -> Cart:
    """Rebuild a cart from :func:`cart_to_data` output, charging today's ``tax_rule``.

    Raises ValueError when the data is not a snapshot of a cart in ``currency``.
    """
    version = data.get("version")
    if version not in READABLE_VERSIONS:
        raise ValueError("not a cart snapshot this version can read")
    if data.get("currency") != currency.code:
        raise ValueError("the snapshot is in another currency")
    cart = Cart(currency, tax_rule)
    cart.discount = _discount_of(data.get("discount"))
    cart.customer = _customer_of(data.get("customer"))
    for item in data["lines"]:
        cart.append(
            CartLine(
                key=str(item["key"]),
                sku=str(item["sku"]),
                name=str(item["name"]),
                unit_price=int(item["unit_price"]),
                quantity_milli=_quantity_milli(item, version),
                unit=unit_of(item.get("unit")),
                priced=None if item.get("priced") is None else int(item["priced"]),
                unit_cost=int(item["unit_cost"]),
                product_id=item["product_id"],
                discount=_discount_of(item["discount"]),
                taxable=bool(item["taxable"]),
                shop_price=None if item.get("shop_price") is None else int(item["shop_price"]),
            )
        )
    return cart
