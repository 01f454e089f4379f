"""Quantities in SQL: how many items a line of thousandths counts as."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, case, func, select
from sqlalchemy.orm import aliased

from bazaar_pos.domain.quantity import PER_UNIT, Unit
from bazaar_pos.store.models import RefundLine, SaleLine


def items_sold(quantity_milli: Any, unit: Any) -> ColumnElement[int]:
    """Pieces for goods counted in pieces, and one item for each weighed or measured line.

    The SQL twin of ``CartLine.pieces``: kilos are never added to pieces.
    """
    return case((unit == Unit.PCS.value, quantity_milli // PER_UNIT), else_=1)


def times_price(quantity_milli: Any, price: Any) -> ColumnElement[int]:
    """Thousandths times a price per unit, rounded half up to the minor unit, per row.

    For quantities and prices that are not negative, like ``line_amount``;
    rounding each line keeps every breakdown summing to its headline.
    """
    return (quantity_milli * price + PER_UNIT // 2) // PER_UNIT


def share_of(amount: Any, part_milli: Any, whole_milli: Any) -> ColumnElement[int]:
    """``amount`` x ``part_milli`` / ``whole_milli``, rounded half up (not negative values)."""
    return (amount * part_milli * 2 + whole_milli) // (whole_milli * 2)


def amount_disagrees(quantity_milli: Any, price: Any, amount: Any) -> ColumnElement[int]:
    """1 for a line whose amount is not its quantity times its price, else 0.

    The SQL twin of ``domain.quantity.amount_agrees``.
    """
    off = func.abs(amount * PER_UNIT - quantity_milli * price)
    allowed = case((price // 2 > PER_UNIT // 2, price // 2), else_=PER_UNIT // 2)
    return case((off > allowed, 1), else_=0)


def items_given_back() -> ColumnElement[int]:
    """Items a refund line takes back: its pieces, or the one weighed line it empties.

    A weighed or measured line counts as one item until the refund that gives
    the last of it back; refunds of a part of it leave the item sold. For
    queries over refund lines joined to their sale lines.
    """
    earlier = aliased(RefundLine)
    so_far = (
        select(func.sum(earlier.quantity_milli))
        .where(earlier.sale_line_id == RefundLine.sale_line_id, earlier.id <= RefundLine.id)
        .scalar_subquery()
    )
    return case(
        (SaleLine.unit == Unit.PCS.value, RefundLine.quantity_milli // PER_UNIT),
        (so_far >= SaleLine.quantity_milli, 1),
        else_=0,
    )
