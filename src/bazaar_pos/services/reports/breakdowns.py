"""A period's sums by product, category, day, hour, till, cashier, channel and consignor."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from babel.dates import format_date
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bazaar_pos.domain.payment import method_label
from bazaar_pos.domain.periods import Period
from bazaar_pos.domain.quantity import Unit, unit_of
from bazaar_pos.domain.report import Amounts, BreakdownRow, PaymentRow
from bazaar_pos.i18n import _, current_language
from bazaar_pos.store.models import Consignor, Product, SaleLine


@dataclass(frozen=True, slots=True)
class ProductRow:
    """One product's sums, with what its breakdown row and its category need."""

    key: str
    label: str
    sku: str
    category: str
    amounts: Amounts
    unit: Unit | None = None


def rolled_up(
    cube: dict[tuple[Any, ...], Amounts],
    position: int,
    label: Any,
    *,
    sort: str = "net",
) -> tuple[BreakdownRow, ...]:
    """One breakdown from the cube: its rows summed over every other key."""
    sums: dict[Any, Amounts] = defaultdict(Amounts)
    for key, amounts in cube.items():
        sums[key[position]] += amounts
    rows = [BreakdownRow(str(key), label(key), amounts) for key, amounts in sums.items()]
    if sort == "key":
        return tuple(sorted(rows, key=lambda r: int(r.key)))
    return tuple(sorted(rows, key=lambda r: (-r.amounts.net, r.label)))


def catalogue_entries(session: Session, ids: set[int]) -> dict[int, tuple[str, str, Unit]]:
    """Name, category and unit of the products with ``ids``."""
    found: dict[int, tuple[str, str, Unit]] = {}
    ordered = sorted(ids)
    for first in range(0, len(ordered), 500):
        query = select(Product.id, Product.name, Product.category, Product.unit).where(
            Product.id.in_(ordered[first : first + 500])
        )
        for product_id, name, category, unit in session.execute(query):
            found[product_id] = (name, category or "", unit_of(unit))
    return found


def line_names(session: Session, skus: list[str]) -> dict[str, str]:
    """The name on lines sold without a product, by their SKU."""
    found: dict[str, str] = {}
    ordered = sorted(set(skus))
    for first in range(0, len(ordered), 500):
        query = (
            select(SaleLine.sku, func.max(SaleLine.name))
            .where(SaleLine.product_id.is_(None), SaleLine.sku.in_(ordered[first : first + 500]))
            .group_by(SaleLine.sku)
        )
        found.update({sku: name for sku, name in session.execute(query)})
    return found


def consignor_names(session: Session, ids: set[int | None]) -> dict[int, str]:
    """Consignors' names by id."""
    wanted = sorted(i for i in ids if i is not None)
    if not wanted:
        return {}
    query = select(Consignor.id, Consignor.name).where(Consignor.id.in_(wanted))
    return {consignor_id: name for consignor_id, name in session.execute(query)}


def owner_name(owners: list[str]) -> str:
    """Who sells when nobody signed in: the owner's name, when the shop has exactly one.

    Sales rung up before users were set up carry no cashier; they are the owner's.
    """
    return owners[0] if len(owners) == 1 else _("Owner")


def kept_sums(
    sold: dict[tuple[Any, ...], Amounts], back: dict[tuple[Any, ...], Amounts]
) -> dict[tuple[Any, ...], Amounts]:
    """Sums of the sales by key, with what went back in the period taken off its key."""
    kept = dict(sold)
    for key, amounts in back.items():
        kept[key] = kept.get(key, Amounts()) + amounts
    return kept


def less_paid_back(
    payments: tuple[PaymentRow, ...], paid_back: dict[str, tuple[int, int]]
) -> tuple[PaymentRow, ...]:
    """Payment rows with the money each method gave back (and the sales voided) taken off."""
    rows = {p.method: p for p in payments}
    for method, (voided, amount) in paid_back.items():
        row = rows.get(method, PaymentRow(method, method_label(method), 0, 0))
        rows[method] = replace(row, sales=row.sales - voided, paid_back=amount)
    return tuple(sorted(rows.values(), key=lambda r: (-r.kept, r.method)))


def category_rows(products: Iterable[ProductRow]) -> tuple[BreakdownRow, ...]:
    """Product rows summed by the products' category."""
    sums: dict[str, Amounts] = defaultdict(Amounts)
    for row in products:
        sums[row.category] += row.amounts
    rows = [BreakdownRow(name, name or _("(no category)"), a) for name, a in sums.items()]
    return tuple(sorted(rows, key=lambda r: (-r.amounts.net, r.label)))


def consignor_rows(
    lines: dict[tuple[Any, ...], Amounts], names: dict[int, str]
) -> tuple[BreakdownRow, ...]:
    """Line sums by the consignor whose goods they were when sold; the rest are the shop's own.

    The row's key is the consignor's id ("" for own goods).
    """
    sums: dict[int | None, Amounts] = defaultdict(Amounts)
    for (_product, _sku, consignor), amounts in lines.items():
        sums[consignor] += amounts
    rows = [
        BreakdownRow(
            "" if consignor is None else str(consignor),
            _("Own goods (no consignor)")
            if consignor is None
            else names.get(consignor, str(consignor)),
            amounts,
        )
        for consignor, amounts in sums.items()
    ]
    return tuple(sorted(rows, key=lambda r: (r.key == "", -r.amounts.net, r.label)))


def day_rows(cube: dict[tuple[Any, ...], Amounts], period: Period) -> tuple[BreakdownRow, ...]:
    """Every day of the period, with zeros for days without sales."""
    sums: dict[str, Amounts] = defaultdict(Amounts)
    for key, amounts in cube.items():
        sums[str(key[0])] += amounts
    language = current_language()
    return tuple(
        BreakdownRow(
            day.isoformat(),
            format_date(day, "EEE d MMM", locale=language),
            sums.get(day.isoformat(), Amounts()),
        )
        for day in period.days
    )
