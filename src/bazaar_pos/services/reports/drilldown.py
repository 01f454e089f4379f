"""The sales behind a row of a report, and the lines of one of them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, tzinfo

from sqlalchemy import ColumnElement, and_, exists, or_, select

from bazaar_pos.domain.periods import Period, offset_segments
from bazaar_pos.domain.quantity import Unit
from bazaar_pos.domain.report import Dimension
from bazaar_pos.store.models import Payment, Product, Sale, SaleLine
from bazaar_pos.store.sqltime import local_hour

DRILL_DOWN_LIMIT = 500


@dataclass(frozen=True, slots=True)
class SaleSummary:
    """One sale in a drill-down list."""

    id: int
    number: str
    created_at: datetime
    till: str
    cashier: str
    channel: str
    methods: str
    items: int
    total: int


@dataclass(frozen=True, slots=True)
class SaleList:
    """The sales behind a row of a report: the newest ``DRILL_DOWN_LIMIT`` and how many in all."""

    title: str
    sales: tuple[SaleSummary, ...]
    count: int


@dataclass(frozen=True, slots=True)
class SaleLineSummary:
    """One line of a sale, for the drill-down's detail."""

    sku: str
    name: str
    quantity_milli: int
    unit_price: int
    discount: int
    total: int
    unit: Unit = Unit.PCS


def drill_condition(
    dimension: Dimension | None, key: str, start: datetime, end: datetime, zone: tzinfo
) -> ColumnElement[bool]:
    """The SQL condition picking the sales behind one breakdown row."""
    if dimension is Dimension.PRODUCT:
        kind, _sep, value = key.partition(":")
        line_matches = (
            SaleLine.product_id == int(value)
            if kind == "id"
            else and_(SaleLine.product_id.is_(None), SaleLine.sku == value)
        )
        return exists().where(SaleLine.sale_id == Sale.id, line_matches)
    if dimension is Dimension.CATEGORY:
        in_category: ColumnElement[bool] = SaleLine.product_id.in_(
            select(Product.id).where(Product.category == key)
        )
        if not key:
            in_category = or_(SaleLine.product_id.is_(None), in_category)
        return exists().where(SaleLine.sale_id == Sale.id, in_category)
    if dimension is Dimension.CONSIGNOR:
        consigned = (
            SaleLine.consignor_id.is_(None)
            if not key
            else SaleLine.consignor_id == int(key)
        )
        return exists().where(SaleLine.sale_id == Sale.id, consigned)
    if dimension is Dimension.PAYMENT:
        return exists().where(Payment.sale_id == Sale.id, Payment.method == key)
    if dimension is Dimension.HOUR:
        return or_(
            *(
                and_(
                    Sale.created_at >= s.start,
                    Sale.created_at < s.end,
                    local_hour(Sale.created_at, s.offset_minutes) == int(key),
                )
                for s in offset_segments(start, end, zone)
            )
        )
    if dimension is Dimension.DAY:
        first, last = Period.day(date.fromisoformat(key)).utc_range(zone)
        return and_(Sale.created_at >= first, Sale.created_at < last)
    columns = {
        Dimension.CASHIER: Sale.cashier,
        Dimension.TILL: Sale.till_id,
        Dimension.CHANNEL: Sale.channel,
    }
    if dimension in columns:
        return columns[dimension] == key
    return Sale.id.is_not(None)
