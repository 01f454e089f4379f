"""A customer's purchase history: their sales, newest first, with what went on kasbon."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bazaar_pos.domain.money import MinorUnits
from bazaar_pos.domain.payment import PaymentMethod
from bazaar_pos.store.models import Payment, Sale

HISTORY_MAX = 500
"""At most this many sales are listed for one customer (the newest)."""


@dataclass(frozen=True, slots=True)
class Purchase:
    """One sale to a customer: its number, when, the total, and how much was on account."""

    sale_uuid: str
    number: str
    sold_at: datetime
    total: MinorUnits
    on_account: MinorUnits


def purchases_of(session: Session, customer_id: int) -> list[Purchase]:
    """The customer's sales, newest first."""
    on_account = (
        select(Payment.sale_id, func.sum(Payment.amount_minor).label("owed"))
        .where(Payment.method == PaymentMethod.ACCOUNT.value)
        .group_by(Payment.sale_id)
        .subquery()
    )
    rows = session.execute(
        select(
            Sale.uuid,
            Sale.number,
            Sale.created_at,
            Sale.total_minor + Sale.rounding_minor,
            func.coalesce(on_account.c.owed, 0),
        )
        .outerjoin(on_account, on_account.c.sale_id == Sale.id)
        .where(Sale.customer_id == customer_id)
        .order_by(Sale.created_at.desc(), Sale.id.desc())
        .limit(HISTORY_MAX)
    )
    return [
        Purchase(uuid, number, at, int(total), int(owed))
        for uuid, number, at, total, owed in rows
    ]
