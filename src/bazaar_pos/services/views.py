"""Plain, frozen views of records that services hand to the GUI and the CLI."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Row

from bazaar_pos.domain.consignment import Commission, CommissionKind
from bazaar_pos.domain.money import MinorUnits
from bazaar_pos.domain.quantity import Unit, unit_of
from bazaar_pos.domain.variants import Choice, OptionAxis
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
    stock_milli: int
    """Stock on hand in thousandths of ``unit`` (3 pieces: 3000; 1,5 kg: 1500)."""
    active: bool
    favourite: bool = False
    taxable: bool = True
    unit: Unit = Unit.PCS
    """What the price is per and the stock is counted in."""
    photo: str = ""
    """The photo's file name in the shop's photos folder ("" for none)."""
    low_stock_milli: int | None = None
    notes: str = ""
    one_of_a_kind: bool = False
    parent_id: int | None = None
    option_axes: tuple[OptionAxis, ...] = ()
    """On a product with variants: its options (the till shows a picker for it)."""
    choice: Choice = ()
    """On a variant: its option values."""
    consignor_id: int | None = None
    commission: Commission | None = None
    plu: str | None = None
    """The product's number on the shop's label scale."""
    online_buffer_milli: int | None = None
    """Kept back from online shops, in thousandths of ``unit``; None: the shop's setting."""

    @property
    def has_variants(self) -> bool:
        """True for a product sold as one of its variants, not by itself."""
        return bool(self.option_axes)

    @property
    def is_variant(self) -> bool:
        """True for a variant of another product."""
        return self.parent_id is not None

    @property
    def is_low(self) -> bool:
        """True when stock is at or below the product's low-stock level."""
        return self.low_stock_milli is not None and self.stock_milli <= self.low_stock_milli

    @classmethod
    def of(cls, product: Product | Row[Any]) -> ProductView:
        """Copy the fields of a stored product (or of a Core row of the products table)."""
        return cls(
            id=product.id,
            sku=product.sku,
            name=product.name,
            barcode=product.barcode,
            category=product.category,
            price=product.price_minor,
            cost=product.cost_minor,
            stock_milli=product.stock_milli,
            active=product.active,
            favourite=product.favourite,
            taxable=product.taxable,
            unit=unit_of(product.unit),
            photo=product.photo,
            low_stock_milli=product.low_stock_milli,
            notes=product.notes,
            one_of_a_kind=product.one_of_a_kind,
            parent_id=product.parent_id,
            option_axes=axes_from_json(product.option_axes),
            choice=choice_from_json(product.option_values),
            consignor_id=product.consignor_id,
            commission=commission_of(product.commission_kind, product.commission_value),
            plu=product.plu,
            online_buffer_milli=product.online_buffer_milli,
        )


def axes_from_json(text: str) -> tuple[OptionAxis, ...]:
    """Options stored as JSON, ``[["Size", ["S", "M"]]]``, as OptionAxis values."""
    if not text:
        return ()
    return tuple(OptionAxis(name, tuple(values)) for name, values in json.loads(text))


def axes_to_json(axes: tuple[OptionAxis, ...]) -> str:
    """Options as the JSON text stored on a product ("" for none)."""
    if not axes:
        return ""
    return json.dumps([[a.name, list(a.values)] for a in axes], ensure_ascii=False)


def choice_from_json(text: str) -> Choice:
    """A variant's values stored as JSON, ``[["Size", "M"]]``."""
    if not text:
        return ()
    return tuple((name, value) for name, value in json.loads(text))


def choice_to_json(choice: Choice) -> str:
    """A variant's values as stored JSON text ("" for none)."""
    return json.dumps([list(pair) for pair in choice], ensure_ascii=False) if choice else ""


def commission_of(kind: str, value: int) -> Commission | None:
    """The stored commission columns as a Commission (None when not set)."""
    return Commission(CommissionKind(kind), value) if kind else None


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
