"""Refunds and voids for reports: the one place they enter the figures.

The till records refunds and voids as new rows (``refunds``, ``refund_lines``,
``refund_payments``) that reverse a sale. Every report (summary, Z report,
UMKM turnover, PDF) takes its refunds and voids from ``reversals_between``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from bazaar_pos.domain.payment import PaymentMethod
from bazaar_pos.domain.report import NO_REVERSALS, Reversals
from bazaar_pos.services.selling.refunds import REFUND, VOID
from bazaar_pos.store.models import Refund, RefundLine, RefundPayment, Sale, SaleLine


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
    added_tax = case((Sale.tax_inclusive, 0), else_=RefundLine.tax_minor)
    included_tax = case((Sale.tax_inclusive, RefundLine.tax_minor), else_=0)
    gross = RefundLine.quantity * SaleLine.unit_price_minor
    amount = RefundLine.amount_minor - added_tax
    lines = session.execute(
        select(
            Refund.kind,
            func.count(func.distinct(Refund.id)),
            func.coalesce(func.sum(RefundLine.quantity), 0),
            func.coalesce(func.sum(gross), 0),
            func.coalesce(func.sum(gross - amount), 0),
            func.coalesce(func.sum(amount), 0),
            func.coalesce(func.sum(RefundLine.tax_minor), 0),
            func.coalesce(func.sum(included_tax), 0),
            func.coalesce(func.sum(RefundLine.quantity * SaleLine.unit_cost_minor), 0),
        )
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
        for kind, count, items, gross_sum, discount, amount_sum, tax, included, cost in lines
    }
    return ReversalTotals(
        refunds=totals.get(REFUND, NO_REVERSALS), voids=totals.get(VOID, NO_REVERSALS)
    )
