"""Builders for sales rung up at given times, used by the report and bundle tests."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime

import pytest

from bazaar_pos.domain.cart import Cart, CartCustomer, CartLine
from bazaar_pos.domain.payment import PaymentMethod, Tender
from bazaar_pos.domain.periods import Period
from bazaar_pos.domain.pricing import Discount
from bazaar_pos.domain.quantity import whole
from bazaar_pos.services.shop import Shop
from bazaar_pos.services.views import ProductView, SaleResult

CASH, QRIS, TRANSFER = PaymentMethod.CASH, PaymentMethod.QRIS, PaymentMethod.TRANSFER
TWO_DAYS = Period(date(2026, 11, 20), date(2026, 11, 21))
"""Jakarta's 20 and 21 November 2026: from 2026-11-19 17:00 to 2026-11-21 17:00 UTC."""


def utc(*parts: int) -> datetime:
    """An aware UTC datetime."""
    return datetime(*parts, tzinfo=UTC)


def cart_for(shop: Shop, items: Iterable[tuple[ProductView | CartLine, int]]) -> Cart:
    """A cart in the shop's currency holding (product or line, quantity) pairs."""
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
                quantity_milli=whole(quantity),
                product_id=item.id,
            )
        )
    return cart


def sell(
    shop: Shop,
    at: datetime,
    items: list[tuple[ProductView | CartLine, int]],
    payments: list[tuple[PaymentMethod, int]] | None = None,
    *,
    cashier: str = "",
    channel: str = "pos",
    discount: Discount | None = None,
    customer: tuple[int, str] | None = None,
    due_on: date | None = None,
) -> SaleResult:
    """Ring up ``items`` at ``at`` and pay with ``payments`` (default: exact cash).

    ``customer`` (id, name) is who the sale is for: an ``account`` payment goes
    on their kasbon, due ``due_on``, as the till writes it.
    """
    cart = cart_for(shop, items)
    cart.discount = discount
    if customer is not None:
        cart.customer = CartCustomer(*customer)
    total = cart.totals().total
    tenders = [Tender(m, amount) for m, amount in (payments or [(PaymentMethod.CASH, total)])]
    return shop.checkout.complete_sale(
        cart,
        tenders,
        cashier=cashier,
        channel=channel,
        sold_at=at,
        cash_rounding=False,
        due_on=due_on,
    )


@pytest.fixture
def sell_at(shop: Shop) -> Callable[..., SaleResult]:
    """``sell`` bound to the test's shop."""

    def make(*args: object, **kwargs: object) -> SaleResult:
        return sell(shop, *args, **kwargs)  # type: ignore[arg-type]

    return make


@pytest.fixture
def bazaar(
    shop: Shop, add_product: Callable[..., ProductView], sell_at: Callable[..., SaleResult]
) -> dict[str, ProductView]:
    """Four sales over two Jakarta days (one across local midnight) and one the day before."""
    kopi = add_product("KOP-1", "Kopi Gayo", 95_000, cost=50_000, category="Kopi", stock=20)
    tenun = add_product("TEN-1", "Tenun Sumba", 1_250_000, cost=780_000, category="Kain Tenun")
    tas = add_product("TAS-1", "Tas Rotan", 265_000, cost=140_000, category="Tas", stock=5)
    sewing = CartLine(sku="LAIN", name="Jasa jahit", unit_price=50_000)
    sell_at(utc(2026, 11, 19, 16, 0), [(kopi, 1)], cashier="Sari")  # 23:00 on the 19th
    sell_at(utc(2026, 11, 20, 2, 30), [(kopi, 2)], [(CASH, 200_000)], cashier="Sari")
    sell_at(
        utc(2026, 11, 20, 16, 59),
        [(tenun, 1)],
        [(QRIS, 1_125_000)],
        cashier="Budi",
        discount=Discount.percent(10),
    )
    sell_at(
        utc(2026, 11, 20, 17, 0),
        [(tas, 1), (kopi, 1)],
        [(QRIS, 100_000), (CASH, 300_000)],
        cashier="Sari",
    )
    sell_at(utc(2026, 11, 21, 5, 0), [(sewing, 1)], [(TRANSFER, 50_000)], channel="bazaar")
    return {"kopi": kopi, "tenun": tenun, "tas": tas}
