"""A sales report as data: key figures and breakdowns, rendered to screens, PDF and files."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING

from bazaar_pos.domain.money import MinorUnits
from bazaar_pos.domain.periods import Period
from bazaar_pos.domain.pricing import round_half_up
from bazaar_pos.domain.quantity import Unit


class Dimension(enum.StrEnum):
    """What a breakdown groups the sales by."""

    PRODUCT = "product"
    CATEGORY = "category"
    PAYMENT = "payment"
    HOUR = "hour"
    DAY = "day"
    CASHIER = "cashier"
    TILL = "till"
    CHANNEL = "channel"
    CONSIGNOR = "consignor"


SALE_LEVEL = frozenset(
    {Dimension.HOUR, Dimension.DAY, Dimension.CASHIER, Dimension.TILL, Dimension.CHANNEL}
)
"""Breakdowns by something a whole sale has: their rows carry sales counts and money, while
items and cost (which need every line) are summed only per product, category and consignor."""


class Earnings:
    """Gross profit and margin, derived from a ``revenue`` and a ``cost``."""

    __slots__ = ()
    if TYPE_CHECKING:  # each subclass gives them, as fields or as properties

        @property
        def revenue(self) -> MinorUnits:
            """Sales after discounts, without tax."""

        @property
        def cost(self) -> MinorUnits:
            """The cost of the goods sold."""

    @property
    def profit(self) -> MinorUnits:
        """Revenue less the cost of the goods sold."""
        return self.revenue - self.cost

    @property
    def margin(self) -> Decimal | None:
        """Profit as a fraction of revenue (0.253 is 25.3%), or None without revenue."""
        return ratio(self.profit, self.revenue)


@dataclass(frozen=True, slots=True)
class Amounts(Earnings):
    """Sums over a set of sale lines, less what went back in the same period.

    ``net`` is after discounts and refunds and, when prices include tax, still
    contains ``tax_included``; ``revenue`` is the net without any tax. A voided
    sale is taken out of every sum (its count too); a refund keeps the sale's
    gross and discount and takes its money out of ``net`` (shown as ``refunds``),
    with its items, tax and cost. For consigned goods ``cost`` is what the maker
    is owed, so the profit on them is the shop's commission.
    """

    sales: int = 0
    items: int = 0
    gross: MinorUnits = 0
    discount: MinorUnits = 0
    net: MinorUnits = 0
    tax: MinorUnits = 0
    tax_included: MinorUnits = 0
    cost: MinorUnits = 0
    refunds: MinorUnits = 0
    consigned: MinorUnits = 0
    """The part of ``cost`` that is owed to consignors for their goods."""
    quantity_milli: int = 0
    """Thousandths sold, less given back: read only for one product, in its unit."""

    def __add__(self, other: Amounts) -> Amounts:
        """Add two sets of sums field by field (spelled out: reports add them by the thousand)."""
        return Amounts(
            self.sales + other.sales,
            self.items + other.items,
            self.gross + other.gross,
            self.discount + other.discount,
            self.net + other.net,
            self.tax + other.tax,
            self.tax_included + other.tax_included,
            self.cost + other.cost,
            self.refunds + other.refunds,
            self.consigned + other.consigned,
            self.quantity_milli + other.quantity_milli,
        )

    @property
    def revenue(self) -> MinorUnits:
        """Sales after discounts, without tax."""
        return self.net - self.tax_included


@dataclass(frozen=True, slots=True)
class Reversals:
    """Money given back in a period (refunds, or voided sales), as positive sums."""

    count: int = 0
    items: int = 0
    gross: MinorUnits = 0
    discount: MinorUnits = 0
    amount: MinorUnits = 0
    tax: MinorUnits = 0
    tax_included: MinorUnits = 0
    cost: MinorUnits = 0
    cash: MinorUnits = 0


NO_REVERSALS = Reversals()


@dataclass(frozen=True, slots=True)
class Figures(Earnings):
    """The key figures of a period.

    Refunds keep the sale's gross and reduce what it came to; a voided sale is
    taken out entirely, as if it had not been rung up.
    """

    lines: Amounts = Amounts()
    refunds: Reversals = NO_REVERSALS
    voids: Reversals = NO_REVERSALS
    rounding: MinorUnits = 0
    collected: MinorUnits = 0

    @property
    def gross(self) -> MinorUnits:
        """Sales before discounts (quantity times price)."""
        return self.lines.gross - self.voids.gross

    @property
    def discounts(self) -> MinorUnits:
        """Every discount given."""
        return self.lines.discount - self.voids.discount

    @property
    def refunded(self) -> MinorUnits:
        """Money given back on refunds."""
        return self.refunds.amount

    @property
    def net(self) -> MinorUnits:
        """Gross less discounts and refunds (with tax when prices include it)."""
        return self.lines.net - self.voids.amount - self.refunds.amount

    @property
    def tax(self) -> MinorUnits:
        """Tax in the sales, included in prices or added on top."""
        return self.lines.tax - self.voids.tax - self.refunds.tax

    @property
    def sale_count(self) -> int:
        """How many sales, voided ones not counted."""
        return self.lines.sales - self.voids.count

    @property
    def average_sale(self) -> MinorUnits:
        """Net sales per sale, rounded half up; zero without sales."""
        if self.sale_count <= 0:
            return 0
        return round_half_up(Fraction(self.net, self.sale_count))

    @property
    def items(self) -> int:
        """Items sold, less items refunded."""
        return self.lines.items - self.voids.items - self.refunds.items

    @property
    def cost(self) -> MinorUnits:
        """Cost of the goods sold and kept."""
        return self.lines.cost - self.voids.cost - self.refunds.cost

    @property
    def revenue(self) -> MinorUnits:
        """Net sales without tax."""
        included = self.lines.tax_included - self.voids.tax_included - self.refunds.tax_included
        return self.net - included


@dataclass(frozen=True, slots=True)
class BreakdownRow:
    """One group of a breakdown: its key, the label people read, and its sums.

    ``code`` identifies the group beside its label where a name is not enough
    (a product's SKU).
    """

    key: str
    label: str
    amounts: Amounts
    code: str = ""
    unit: Unit | None = None
    """A product's unit, so its quantity reads ``2,75 kg``; None for other groups."""

    @property
    def measured(self) -> bool:
        """True for a product sold by weight, length or volume (its quantity says more)."""
        return self.unit is not None and not self.unit.counted


@dataclass(frozen=True, slots=True)
class PaymentRow:
    """What one payment method brought in."""

    method: str
    label: str
    sales: int
    amount: MinorUnits
    tendered: MinorUnits = 0
    change: MinorUnits = 0
    paid_back: MinorUnits = 0
    """Money given back by this method on refunds and voids in the same period."""

    @property
    def kept(self) -> MinorUnits:
        """What the method brought in, less what it gave back."""
        return self.amount - self.paid_back


@dataclass(frozen=True, slots=True)
class ShopHeader:
    """Who the report is from, and how its money is written."""

    name: str
    address: str = ""
    phone: str = ""
    currency_code: str = "IDR"
    money_locale: str = "id_ID"


@dataclass(frozen=True, slots=True)
class SalesReport:
    """Everything a sales summary shows for one period."""

    shop: ShopHeader
    period: Period
    zone: str
    generated_at: datetime
    figures: Figures
    payments: tuple[PaymentRow, ...] = ()
    breakdowns: Mapping[Dimension, tuple[BreakdownRow, ...]] = field(default_factory=dict)
    costs_shown: bool = True
    """False when the cost of goods (and so profit and margin) was left out for the reader."""

    def rows(self, dimension: Dimension) -> tuple[BreakdownRow, ...]:
        """The rows of one breakdown (none when it was not computed)."""
        return self.breakdowns.get(dimension, ())

    def without_costs(self) -> SalesReport:
        """The same report with every cost zeroed, for someone who may not see costs or profit."""
        figures = self.figures
        return replace(
            self,
            figures=replace(
                figures,
                lines=replace(figures.lines, cost=0),
                refunds=replace(figures.refunds, cost=0),
                voids=replace(figures.voids, cost=0),
            ),
            breakdowns={
                dimension: tuple(
                    replace(row, amounts=replace(row.amounts, cost=0, consigned=0)) for row in rows
                )
                for dimension, rows in self.breakdowns.items()
            },
            costs_shown=False,
        )


def ratio(part: int, whole: int, places: int = 3) -> Decimal | None:
    """``part / whole`` as a Decimal rounded half up to ``places``; None when ``whole`` is 0."""
    if not whole:
        return None
    scale = 10**places
    return Decimal(round_half_up(Fraction(part * scale, whole))).scaleb(-places)
