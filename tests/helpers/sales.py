"""Builders for sales rung up at given times, used by the report and bundle tests."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest

from bazaar_pos.domain.cart import Cart, CartLine
from bazaar_pos.domain.payment import PaymentMethod, Tender
from bazaar_pos.domain.pricing import Discount
from bazaar_pos.services.shop import Shop
from bazaar_pos.services.views import ProductView, SaleResult


def utc(*parts: int) -> datetime:
    """An aware UTC datetime."""
    return datetime(*parts, tzinfo=UTC)


def sell(
    shop: Shop,
    at: datetime,
    items: list[tuple[ProductView | CartLine, int]],
    payments: list[tuple[PaymentMethod, int]] | None = None,
    *,
    cashier: str = "",
    channel: str = "pos",
    discount: Discount | None = None,
) -> SaleResult:
    """Ring up ``items`` at ``at`` and pay with ``payments`` (default: exact cash)."""
    settings = shop.settings.load()
    cart = Cart(settings.currency, settings.tax_rule)
    for item, quantity in items:
        if isinstance(item, CartLine):
            cart.add(item)
            continue
        cart.add(
            CartLine(
                sku=item.sku,
                name=item.name,
                unit_price=item.price,
                unit_cost=item.cost,
                quantity=quantity,
                product_id=item.id,
            )
        )
    cart.discount = discount
    total = cart.totals().total
    tenders = [Tender(m, amount) for m, amount in (payments or [(PaymentMethod.CASH, total)])]
    return shop.checkout.complete_sale(
        cart, tenders, cashier=cashier, channel=channel, sold_at=at, cash_rounding=False
    )


@pytest.fixture
def sell_at(shop: Shop) -> Callable[..., SaleResult]:
    """``sell`` bound to the test's shop."""

    def make(*args: object, **kwargs: object) -> SaleResult:
        return sell(shop, *args, **kwargs)  # type: ignore[arg-type]

    return make
