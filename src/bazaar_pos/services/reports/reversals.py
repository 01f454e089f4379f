"""Refunds and voids for reports: the one place they enter the figures.

The till records refunds and voids as new rows (``refunds``, ``refund_lines``,
``refund_payments``) that reverse a sale. Every report (summary, Z report,
UMKM turnover, PDF) takes its refunds and voids from ``reversals_between``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, case, func, select
from sqlalchemy.orm import QueryableAttribute, Session

from bazaar_pos.domain.payment import PaymentMethod
from bazaar_pos.domain.refund_kinds import REFUND, VOID
from bazaar_pos.domain.report import NO_REVERSALS, Amounts, Reversals
from bazaar_pos.store.models import Refund, RefundLine, RefundPayment, Sale, SaleLine
from bazaar_pos.store.quantities import items_given_back, share_of, times_price


@dataclass(frozen=True, slots=True)
class ReversalTotals:
    """Refunds and voided sales recorded in a stretch of time."""

    refunds: Reversals = NO_REVERSALS
    voids: Reversals = NO_REVERSALS


NONE_RECORDED = ReversalTotals()


def reversals_between(
    session: Session, start: datetime, end: datetime, *, till_id: str | None = None
) -> ReversalTotals:
    """Refunds and voids made from ``start`` (included) to ``end`` (excluded), UTC.

    ``till_id`` limits them to one till (the Z report). Sums are positive
    amounts given back. ``amount`` leaves out tax added on top of prices, as
    sales' line totals do; ``Reversals.cash`` is the part paid back in cash.
    """
    in_period = [Refund.created_at >= start, Refund.created_at < end]
    if till_id is not None:
        in_period.append(Refund.till_id == till_id)
    lines = session.execute(
        select(Refund.kind, *_reversed_sums())
        .join(RefundLine, RefundLine.refund_id == Refund.id)
        .join(SaleLine, SaleLine.id == RefundLine.sale_line_id)
        .join(Sale, Sale.id == Refund.sale_id)
        .where(*in_period)
        .group_by(Refund.kind)
    ).all()
    cash = dict(
        session.execute(
            select(Refund.kind, func.coalesce(func.sum(RefundPayment.amount_minor), 0))
            .join(RefundPayment, RefundPayment.refund_id == Refund.id)
            .where(*in_period, RefundPayment.method == PaymentMethod.CASH.value)
            .group_by(Refund.kind)
        ).all()
    )
    totals = {
        kind: Reversals(
            count=count,
            items=items,
            gross=gross_sum,
            discount=discount,
            amount=amount_sum,
            tax=tax,
            tax_included=included,
            cost=cost,
            cash=cash.get(kind, 0),
        )
        for kind, count, items, gross_sum, discount, amount_sum, tax, included, cost, *_ in lines
    }
    return ReversalTotals(
        refunds=totals.get(REFUND, NO_REVERSALS), voids=totals.get(VOID, NO_REVERSALS)
    )


def _reversed_sums() -> list[ColumnElement[Any]]:
    """Sums over refund lines: count, items, gross, discount, amount, tax, included, cost, owed.

    Amounts leave out tax added on top of prices, as sales' line totals do. The
    cost of a consigned line given back is its amount less the commission
    given back with it: what its maker is no longer owed.
    """
    added_tax = case((Sale.tax_inclusive, 0), else_=RefundLine.tax_minor)
    included_tax = case((Sale.tax_inclusive, RefundLine.tax_minor), else_=0)
    sold_gross = SaleLine.line_total_minor + SaleLine.discount_minor
    gross = share_of(sold_gross, RefundLine.quantity_milli, SaleLine.quantity_milli)
    amount = RefundLine.amount_minor - added_tax
    consigned = SaleLine.consignor_id.is_not(None)
    owed = amount - RefundLine.commission_minor
    cost = case(
        (consigned, owed), else_=times_price(RefundLine.quantity_milli, SaleLine.unit_cost_minor)
    )
    return [
        func.count(func.distinct(Refund.id)),
        func.coalesce(func.sum(items_given_back()), 0),
        func.coalesce(func.sum(gross), 0),
        func.coalesce(func.sum(gross - amount), 0),
        func.coalesce(func.sum(amount), 0),
        func.coalesce(func.sum(RefundLine.tax_minor), 0),
        func.coalesce(func.sum(included_tax), 0),
        func.coalesce(func.sum(cost), 0),
        func.coalesce(func.sum(case((consigned, owed), else_=0)), 0),
        func.coalesce(func.sum(RefundLine.quantity_milli), 0),
    ]


def reversals_by(
    session: Session,
    start: datetime,
    end: datetime,
    keys: Sequence[ColumnElement[Any] | QueryableAttribute[Any]],
    *,
    whole_sales: bool,
) -> dict[tuple[Any, ...], Amounts]:
    """Refunds and voids made from ``start`` to ``end`` as negative sums, grouped by ``keys``.

    Added to the sales of the same period they give every breakdown row the
    figures the headline has: a refund takes its money (shown as ``refunds``),
    items, tax and cost out of its row; a void takes its sale out entirely.
    ``whole_sales`` counts a voided sale off its row (breakdowns of whole
    sales); rows of lines count no sales. ``keys`` may name the refund (its
    time, till, cashier), its sale or the sale line given back.
    """
    query = (
        select(*keys, Refund.kind, *_reversed_sums())
        .select_from(Refund)
        .join(RefundLine, RefundLine.refund_id == Refund.id)
        .join(SaleLine, SaleLine.id == RefundLine.sale_line_id)
        .join(Sale, Sale.id == Refund.sale_id)
        .where(Refund.created_at >= start, Refund.created_at < end)
        .group_by(*keys, Refund.kind)
    )
    found: dict[tuple[Any, ...], Amounts] = defaultdict(Amounts)
    width = len(keys)
    for row in session.execute(query):
        key, kind = tuple(row[:width]), row[width]
        count, items, gross, discount, amount, tax, included, cost, owed, quantity = map(
            int, row[width + 1 :]
        )
        if kind == VOID:
            found[key] += Amounts(
                sales=-count if whole_sales else 0,
                items=-items,
                gross=-gross,
                discount=-discount,
                net=-amount,
                tax=-tax,
                tax_included=-included,
                cost=-cost,
                consigned=-owed,
                quantity_milli=-quantity,
            )
        else:
            found[key] += Amounts(
                items=-items,
                net=-amount,
                tax=-tax,
                tax_included=-included,
                cost=-cost,
                refunds=amount,
                consigned=-owed,
                quantity_milli=-quantity,
            )
    return dict(found)


def paid_back_by_method(
    session: Session, start: datetime, end: datetime
) -> dict[str, tuple[int, int]]:
    """Money paid back from ``start`` to ``end`` by method: (voided sales, amount)."""
    rows = session.execute(
        select(
            RefundPayment.method,
            func.count(func.distinct(case((Refund.kind == VOID, Refund.id)))),
            func.coalesce(func.sum(RefundPayment.amount_minor), 0),
        )
        .join(Refund, Refund.id == RefundPayment.refund_id)
        .where(Refund.created_at >= start, Refund.created_at < end)
        .group_by(RefundPayment.method)
    )
    return {method: (int(voided), int(amount)) for method, voided, amount in rows}
