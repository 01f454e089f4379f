"""Builders for sales to print: a shop with a name, products and a cash sale."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from bazaar_pos.domain.payment import PaymentMethod, Tender
from bazaar_pos.services.shop import Shop
from bazaar_pos.services.views import ProductView, SaleResult


@pytest.fixture
def named_shop(shop: Shop) -> Shop:
    """The test shop with a name, an address and a phone number."""
    shop.settings.update(
        shop_name="Toko Batik Sekar", address="Jl. Malioboro 12, Yogyakarta", phone="0812-3456-7890"
    )
    return shop


@pytest.fixture
def make_sale(
    named_shop: Shop,
    add_product: Callable[..., ProductView],
    cart_of: Callable[..., object],
) -> Callable[..., SaleResult]:
    """Complete a sale of two coffees and a batik cloth, paid by ``tenders`` (default cash)."""

    def make(*tenders: Tender, cashier: str = "Sari") -> SaleResult:
        kopi = add_product("KOP-1", "Kopi Gayo 250 g", 95_000, stock=10)
        kain = add_product(
            "BTK-7", "Kain Batik Tulis Motif Parang Rusak Warna Sogan", 1_250_000, stock=2
        )
        cart = cart_of((kopi, 2), (kain, 1))
        paid = list(tenders) or [Tender(PaymentMethod.CASH, 1_500_000)]
        return named_shop.checkout.complete_sale(cart, paid, cashier=cashier)  # type: ignore[arg-type]

    return make
