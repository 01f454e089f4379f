"""Builders for products, carts and CSV files used across the tests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from bazaar_pos.domain.cart import Cart
from bazaar_pos.domain.payment import PaymentMethod, Tender
from bazaar_pos.domain.quantity import whole
from bazaar_pos.services.products.catalogue import ProductDraft
from bazaar_pos.services.shop import Shop
from bazaar_pos.services.views import ProductView, SaleResult
from tests.helpers.sales import cart_for


@pytest.fixture
def add_product(shop: Shop) -> Callable[..., ProductView]:
    """Create a product, optionally with stock received, and return it."""

    def make(
        sku: str = "KOP-1",
        name: str = "Kopi Gayo 250 g",
        price: int = 95_000,
        *,
        cost: int = 50_000,
        barcode: str | None = None,
        category: str = "Kopi",
        stock: int = 0,
    ) -> ProductView:
        product = shop.catalogue.create(
            ProductDraft(
                sku=sku, name=name, price=price, cost=cost, barcode=barcode, category=category
            )
        )
        if stock:
            shop.stock.receive(product.id, whole(stock))
        return shop.catalogue.get(product.id)

    return make


@pytest.fixture
def cart_of(shop: Shop) -> Callable[..., Cart]:
    """Build a cart in the shop's currency from (product, quantity) pairs."""

    def make(*items: tuple[ProductView, int]) -> Cart:
        return cart_for(shop, items)

    return make


@pytest.fixture
def sell(shop: Shop, cart_of: Callable[..., Cart]) -> Callable[..., SaleResult]:
    """Complete a sale of (product, quantity) pairs, paid exactly in cash unless told."""

    def make(*items: tuple[ProductView, int], tenders: list[Tender] | None = None) -> SaleResult:
        cart = cart_of(*items)
        paid = tenders or [Tender(PaymentMethod.CASH, cart.totals().total)]
        return shop.checkout.complete_sale(cart, paid)

    return make


@pytest.fixture
def write_csv(tmp_path: Path) -> Callable[[str, str], Path]:
    """Write CSV text to a file in the test's folder and return its path."""

    def make(text: str, name: str = "data.csv") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return make
