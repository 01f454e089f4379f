"""What a marketplace order import would do, planned whole before anything is written."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from bazaar_pos.exports.order_files import OrderLine
from bazaar_pos.i18n import _, ngettext
from bazaar_pos.services.views import Changes
from bazaar_pos.store.models import Product


@dataclass(frozen=True, slots=True)
class PlannedSale:
    """An order that becomes a sale."""

    channel: str
    order_id: str
    lines: tuple[tuple[OrderLine, Product], ...]
    returns: tuple[tuple[int, str, int], ...]
    """(line index, line key, pieces) of goods already on their way back."""

    @property
    def total(self) -> int:
        """What the order's lines sold for, in Rupiah."""
        return sum(line.amount for line, _product in self.lines)


@dataclass(frozen=True, slots=True)
class PlannedReversal:
    """An order sold in an earlier import that the marketplace has since cancelled."""

    channel: str
    order_id: str
    sale_uuid: str
    sale_number: str
    status: str


@dataclass(frozen=True, slots=True)
class PlannedReturn:
    """Pieces of a line of an already imported sale that the marketplace says came back."""

    channel: str
    order_id: str
    line_key: str
    sale_id: int
    sale_line_id: int
    quantity_milli: int
    sku: str


@dataclass
class OrderImportPlan:
    """Everything an import would do, worked out before anything is written."""

    path: Path
    kind: str
    rows: int = 0
    orders: int = 0
    sales: list[PlannedSale] = field(default_factory=list)
    reversals: list[PlannedReversal] = field(default_factory=list)
    returns: list[PlannedReturn] = field(default_factory=list)
    unchanged: int = 0
    unpaid: int = 0
    cancelled: int = 0
    """Cancelled orders that were never sold here: nothing to do."""
    problems: list[str] = field(default_factory=list)
    attention: list[str] = field(default_factory=list)
    """What the import leaves for a person to look at (it does not stop the import)."""
    unknown: dict[str, list[int]] = field(default_factory=dict)
    """Marketplace codes no product has, with the file lines using them."""
    mappings: dict[str, Product] = field(default_factory=dict)
    """Mappings from a mapping file, kept when the import is written."""

    @property
    def ready(self) -> bool:
        """Whether the file can be imported as it is."""
        return not self.problems and not self.unknown

    def all_problems(self) -> list[str]:
        """Every problem in words, unknown SKUs included with their lines."""
        return [*self.problems, *self.unknown_problems().values()]

    def unknown_problems(self) -> dict[str, str]:
        """Each marketplace code no product has, with its problem in words."""
        return {
            code: ngettext(
                "Line {lines}: no product has SKU {code!r}; map it to a product.",
                "Lines {lines}: no product has SKU {code!r}; map it to a product.",
                len(lines),
            ).format(lines=", ".join(str(n) for n in lines), code=code)
            for code, lines in self.unknown.items()
        }

    def summary(self, *, written: bool) -> OrderImportSummary:
        """The plan's figures as a summary (what would happen, or what happened)."""
        returns = sum(len(s.returns) for s in self.sales) + len(self.returns)
        return OrderImportSummary(
            kind=self.kind,
            rows=self.rows,
            orders=self.orders,
            sales=len(self.sales),
            lines=sum(len(s.lines) for s in self.sales),
            total=sum(s.total for s in self.sales),
            reversed=len(self.reversals),
            returns=returns,
            unchanged=self.unchanged,
            unpaid=self.unpaid,
            cancelled=self.cancelled,
            mappings=len(self.mappings),
            written=written,
            attention=tuple(self.attention),
        )


@dataclass(frozen=True, slots=True)
class OrderImportSummary:
    """What an order import did, or with ``written`` False, what it would do."""

    kind: str
    rows: int
    orders: int
    sales: int
    lines: int
    total: int
    reversed: int
    returns: int
    unchanged: int
    unpaid: int
    cancelled: int
    mappings: int
    written: bool
    attention: tuple[str, ...] = ()
    below_zero: tuple[str, ...] = ()
    changes: Changes = field(default_factory=Changes)


def describe(summary: OrderImportSummary, money: Callable[[int], str]) -> list[str]:
    """The summary in sentences, as the command line prints it and the GUI shows it."""
    if summary.written:
        head = _("{kind} file: {rows} lines in {orders} orders.")
        sales = ngettext(
            "{count} new sale ({lines} lines, {total}).",
            "{count} new sales ({lines} lines, {total}).",
            summary.sales,
        )
        reversed_ = ngettext(
            "{count} cancelled order reversed, its goods back in stock.",
            "{count} cancelled orders reversed, their goods back in stock.",
            summary.reversed,
        )
        returns = ngettext(
            "{count} return waits for its parcel (bazaar-pos sales returns).",
            "{count} returns wait for their parcels (bazaar-pos sales returns).",
            summary.returns,
        )
        mappings = ngettext(
            "{count} SKU mapping remembered.", "{count} SKU mappings remembered.", summary.mappings
        )
    else:
        head = _(
            "{kind} file: {rows} lines in {orders} orders. Nothing was changed; an import would:"
        )
        sales = ngettext(
            "add {count} sale ({lines} lines, {total});",
            "add {count} sales ({lines} lines, {total});",
            summary.sales,
        )
        reversed_ = ngettext(
            "reverse {count} cancelled order, its goods back in stock;",
            "reverse {count} cancelled orders, their goods back in stock;",
            summary.reversed,
        )
        returns = ngettext(
            "list {count} return to confirm when its parcel comes back;",
            "list {count} returns to confirm when their parcels come back;",
            summary.returns,
        )
        mappings = ngettext(
            "remember {count} SKU mapping.", "remember {count} SKU mappings.", summary.mappings
        )
    lines = [head.format(kind=summary.kind, rows=summary.rows, orders=summary.orders)]
    lines.append(sales.format(count=summary.sales, lines=summary.lines, total=money(summary.total)))
    if summary.reversed:
        lines.append(reversed_.format(count=summary.reversed))
    if summary.returns:
        lines.append(returns.format(count=summary.returns))
    if summary.mappings:
        lines.append(mappings.format(count=summary.mappings))
    lines.append(
        _(
            "Already up to date: {unchanged}; not paid yet: {unpaid}; cancelled, never sold: "
            "{cancelled}."
        ).format(unchanged=summary.unchanged, unpaid=summary.unpaid, cancelled=summary.cancelled)
    )
    lines.extend(summary.attention)
    if summary.below_zero:
        lines.append(
            _("Stock is now below zero for: {skus}").format(skus=", ".join(summary.below_zero))
        )
    return lines
