"""The cart being rung up, and the totals derived from it."""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace

from bazaar_pos.domain.money import Currency, MinorUnits
from bazaar_pos.domain.pricing import Discount, TaxRule, allocate
from bazaar_pos.domain.quantity import PER_UNIT, QuantityError, Unit, items_of, line_amount


@dataclass(frozen=True, slots=True)
class CartLine:
    """One line of the cart: a product (or an open-price item) and how much of it.

    ``quantity_milli`` is in thousandths of ``unit`` (see domain.quantity): three
    pieces are ``3000``, 250 g of coffee priced per kg is ``250``.
    """

    sku: str
    name: str
    unit_price: MinorUnits
    quantity_milli: int = PER_UNIT
    unit_cost: MinorUnits = 0
    product_id: int | None = None
    discount: Discount | None = None
    taxable: bool = True
    key: str = field(default_factory=lambda: uuid.uuid4().hex)
    unit: Unit = Unit.PCS
    priced: MinorUnits | None = None
    """The amount a label scale printed on the item's barcode: the line comes to it exactly."""
    shop_price: MinorUnits | None = None
    """The shop's own unit price when the line is at the customer's group price."""

    def __post_init__(self) -> None:
        """Refuse prices and quantities a sale cannot have."""
        if self.unit_price < 0:
            raise ValueError("a price cannot be negative")
        if self.quantity_milli <= 0:
            raise QuantityError("a quantity must be more than zero")
        if self.unit.counted and self.quantity_milli % PER_UNIT:
            raise QuantityError("a product sold by the piece takes whole pieces")
        if self.priced is not None and self.priced < 0:
            raise ValueError("a price cannot be negative")

    @property
    def gross(self) -> MinorUnits:
        """Quantity times unit price, rounded once (half up), before any discount."""
        if self.priced is not None:
            return self.priced
        return line_amount(self.quantity_milli, self.unit_price)

    @property
    def pieces(self) -> int:
        """How many items the line counts as: its pieces, or one for goods weighed or measured."""
        return items_of(self.quantity_milli, self.unit)

    @property
    def list_price(self) -> MinorUnits:
        """The shop's unit price: the price before any customer group's price."""
        return self.unit_price if self.shop_price is None else self.shop_price

    @property
    def member_saving(self) -> MinorUnits:
        """What the customer's group price saves on this line against the shop's price."""
        if self.shop_price is None:
            return 0
        return line_amount(self.quantity_milli, self.shop_price) - self.gross


@dataclass(frozen=True, slots=True)
class CartCustomer:
    """Who the cart is rung up for, and the group whose prices they get ("" for none)."""

    id: int
    name: str
    group: str = ""


@dataclass(frozen=True, slots=True)
class LineTotals:
    """What one line comes to once every discount and the tax are applied."""

    line: CartLine
    gross: MinorUnits
    line_discount: MinorUnits
    cart_discount: MinorUnits
    tax: MinorUnits

    @property
    def discount(self) -> MinorUnits:
        """The line's own discount plus its share of the cart discount."""
        return self.line_discount + self.cart_discount

    @property
    def net(self) -> MinorUnits:
        """The line's amount after discounts (tax-inclusive when prices are)."""
        return self.gross - self.discount


@dataclass(frozen=True, slots=True)
class CartTotals:
    """The totals of a cart, line by line and overall."""

    lines: tuple[LineTotals, ...]
    tax_rule: TaxRule | None

    @property
    def subtotal(self) -> MinorUnits:
        """The sum of every line before discounts."""
        return sum(t.gross for t in self.lines)

    @property
    def line_discounts(self) -> MinorUnits:
        """The sum of the lines' own discounts."""
        return sum(t.line_discount for t in self.lines)

    @property
    def cart_discount(self) -> MinorUnits:
        """The discount given on the cart as a whole."""
        return sum(t.cart_discount for t in self.lines)

    @property
    def discount(self) -> MinorUnits:
        """Every discount, line and cart."""
        return self.line_discounts + self.cart_discount

    @property
    def net(self) -> MinorUnits:
        """The sum of the lines after discounts."""
        return self.subtotal - self.discount

    @property
    def tax(self) -> MinorUnits:
        """The tax in the sale (contained in it, or added on top)."""
        return sum(t.tax for t in self.lines)

    @property
    def tax_added(self) -> MinorUnits:
        """The tax added on top of the prices (zero when prices include it)."""
        return self.tax if self.tax_rule and not self.tax_rule.inclusive else 0

    @property
    def total(self) -> MinorUnits:
        """What the customer owes, before cash rounding."""
        return self.net + self.tax_added

    @property
    def item_count(self) -> int:
        """How many items: pieces counted, and each weighed or measured line as one."""
        return sum(t.line.pieces for t in self.lines)


def compute_totals(
    lines: list[CartLine], cart_discount: Discount | None, tax_rule: TaxRule | None
) -> CartTotals:
    """Apply line discounts, then the cart discount, then tax, and return the totals.

    The cart discount is shared over the lines in proportion to their amounts
    after line discounts; the tax is computed once on the taxable total and
    shared over the taxable lines the same way, so nothing is lost to rounding.
    """
    gross = [line.gross for line in lines]
    line_discounts = [
        line.discount.of(g) if line.discount else 0 for line, g in zip(lines, gross, strict=True)
    ]
    after_line = [g - d for g, d in zip(gross, line_discounts, strict=True)]
    cart_off = cart_discount.of(sum(after_line)) if cart_discount else 0
    shares = allocate(cart_off, after_line)
    nets = [a - s for a, s in zip(after_line, shares, strict=True)]
    taxable_nets = [n if line.taxable else 0 for line, n in zip(lines, nets, strict=True)]
    tax_total = tax_rule.tax_of(sum(taxable_nets)) if tax_rule else 0
    taxes = allocate(tax_total, taxable_nets)
    return CartTotals(
        lines=tuple(
            LineTotals(line, g, d, s, t)
            for line, g, d, s, t in zip(lines, gross, line_discounts, shares, taxes, strict=True)
        ),
        tax_rule=tax_rule,
    )


class Cart:
    """A mutable cart: the lines being rung up, a cart discount and the shop's tax."""

    def __init__(self, currency: Currency, tax_rule: TaxRule | None = None) -> None:
        """Start an empty cart in ``currency``, charging ``tax_rule`` if given."""
        self.currency = currency
        self.tax_rule = tax_rule
        self.discount: Discount | None = None
        self.customer: CartCustomer | None = None
        self._lines: list[CartLine] = []

    def __iter__(self) -> Iterator[CartLine]:
        """Iterate over the lines in the order they were added."""
        return iter(self._lines)

    def __len__(self) -> int:
        """Return the number of lines."""
        return len(self._lines)

    @property
    def lines(self) -> list[CartLine]:
        """A copy of the lines."""
        return list(self._lines)

    def add(self, line: CartLine) -> CartLine:
        """Add ``line``, or add its quantity to a line of the same product and price.

        Only pieces are added up; each weighing or measure stays a line of its own.
        Returns the line as it now stands in the cart.
        """
        for index, existing in enumerate(self._lines):
            if (
                line.product_id is not None
                and line.unit.counted
                and line.priced is None
                and existing.priced is None
                and existing.product_id == line.product_id
                and existing.unit is line.unit
                and existing.list_price == line.list_price
                and existing.discount is None
                and line.discount is None
            ):
                merged = replace(
                    existing, quantity_milli=existing.quantity_milli + line.quantity_milli
                )
                self._lines[index] = merged
                return merged
        self._lines.append(line)
        return line

    def append(self, line: CartLine) -> CartLine:
        """Add ``line`` as a line of its own, even when its product is already in the cart."""
        self._lines.append(line)
        return line

    def line(self, key: str) -> CartLine:
        """Return the line with ``key``, or raise KeyError."""
        return self._lines[self._index(key)]

    def set_quantity(self, key: str, quantity_milli: int) -> CartLine:
        """Change a line's quantity, in thousandths of its unit (more than zero).

        A line priced by a label scale's barcode loses that price: it is now
        quantity times the price per unit.
        """
        return self._replace(key, quantity_milli=quantity_milli, priced=None)

    def set_line_discount(self, key: str, discount: Discount | None) -> CartLine:
        """Give a line its own discount, or take it away with None."""
        return self._replace(key, discount=discount)

    def set_unit_price(self, key: str, unit_price: MinorUnits) -> CartLine:
        """Override a line's unit price (a group price it had gives way to it)."""
        return self._replace(key, unit_price=unit_price, shop_price=None)

    def reprice(self, member_prices: Mapping[int, MinorUnits]) -> None:
        """Put each product's line at its group price in ``member_prices``, or the shop's price.

        A line priced by a label scale's barcode at a group price becomes
        quantity times the group's price per unit; lines without a product keep theirs.
        """
        for index, line in enumerate(self._lines):
            if line.product_id is None:
                continue
            shop_price = line.unit_price if line.shop_price is None else line.shop_price
            member = member_prices.get(line.product_id)
            if member is not None and member != shop_price:
                self._lines[index] = replace(
                    line, unit_price=member, shop_price=shop_price, priced=None
                )
            elif line.shop_price is not None:
                self._lines[index] = replace(line, unit_price=shop_price, shop_price=None)

    def remove(self, key: str) -> None:
        """Take a line out of the cart."""
        del self._lines[self._index(key)]

    def clear(self) -> None:
        """Empty the cart and drop its discount and its customer."""
        self._lines.clear()
        self.discount = None
        self.customer = None

    @property
    def member_saving(self) -> MinorUnits:
        """What the customer's group prices save on the whole cart."""
        return sum(line.member_saving for line in self._lines)

    def totals(self) -> CartTotals:
        """Return the cart's totals as they stand now."""
        return compute_totals(self._lines, self.discount, self.tax_rule)

    def _index(self, key: str) -> int:
        for index, line in enumerate(self._lines):
            if line.key == key:
                return index
        raise KeyError(key)

    def _replace(self, key: str, **changes: object) -> CartLine:
        index = self._index(key)
        updated = replace(self._lines[index], **changes)  # type: ignore[arg-type]
        self._lines[index] = updated
        return updated
