"""Plain, frozen views of records that services hand to the GUI and the CLI."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bazaar_pos.domain.money import MinorUnits
from bazaar_pos.store.models import Product


@dataclass(frozen=True, slots=True)
class ProductView:
    """A product as screens and commands see it."""

    id: int
    sku: str
    name: str
    barcode: str | None
    category: str
    price: MinorUnits
    cost: MinorUnits
    stock: int
    active: bool
    favourite: bool = False

    @classmethod
    def of(cls, product: Product) -> ProductView:
        """Copy the fields of a stored product."""
        return cls(
            id=product.id,
            sku=product.sku,
            name=product.name,
            barcode=product.barcode,
            category=product.category,
            price=product.price_minor,
            cost=product.cost_minor,
            stock=product.stock_on_hand,
            active=product.active,
            favourite=product.favourite,
        )


@dataclass(frozen=True, slots=True)
class Changes:
    """What a service call changed, so screens refresh only what they show."""

    products: bool = False
    stock: bool = False
    sales: bool = False
    settings: bool = False


@dataclass(frozen=True, slots=True)
class SaleResult:
    """A sale just committed, and what it changed."""

    id: int
    uuid: str
    number: str
    created_at: datetime
    total: MinorUnits
    rounding: MinorUnits
    change: MinorUnits
    changes: Changes
    below_zero: tuple[str, ...] = ()
    awaiting: tuple[tuple[str, MinorUnits], ...] = ()
    """(method, amount) of the QRIS and e-wallet payments still awaiting confirmation."""

    @property
    def awaiting_total(self) -> MinorUnits:
        """What the sale's payments awaiting confirmation come to."""
        return sum(amount for _method, amount in self.awaiting)


@dataclass(frozen=True, slots=True)
class ParkedCartView:
    """A cart put aside, as the list of parked carts shows it."""

    id: int
    label: str
    item_count: int
    total: MinorUnits
    created_at: datetime


@dataclass(frozen=True, slots=True)
class RefundResult:
    """A refund or void just committed."""

    uuid: str
    number: str
    kind: str
    sale_number: str
    total: MinorUnits
    rounding: MinorUnits
    paid_back: tuple[tuple[str, MinorUnits], ...]
    changes: Changes

    @property
    def paid_back_total(self) -> MinorUnits:
        """All the money handed back, by every method."""
        return sum(amount for _method, amount in self.paid_back)
