"""The money besides sales a shift or a day took: kasbon repayments and pre-order DPs."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from bazaar_pos.domain.money_in import OtherKind, OtherMoney
from bazaar_pos.domain.receivables import EntryKind
from bazaar_pos.store.models import AccountEntry, CustomerOrderPayment

_ORDER_KINDS = {"deposit": OtherKind.DEPOSIT, "refund": OtherKind.DEPOSIT_REFUND}


def money_in_shift(session: Session, shift_id: int) -> tuple[OtherMoney, ...]:
    """Kasbon repaid and down payments taken or refunded during the shift, by method."""
    return _read(
        session,
        AccountEntry.shift_id == shift_id,
        CustomerOrderPayment.shift_id == shift_id,
    )


def money_in_between(
    session: Session, start: datetime, end: datetime, till_id: str
) -> tuple[OtherMoney, ...]:
    """The same at ``till_id`` from ``start`` up to ``end`` (UTC)."""
    return _read(
        session,
        (AccountEntry.till_id == till_id)
        & (AccountEntry.created_at >= start)
        & (AccountEntry.created_at < end),
        (CustomerOrderPayment.till_id == till_id)
        & (CustomerOrderPayment.created_at >= start)
        & (CustomerOrderPayment.created_at < end),
    )


def _read(
    session: Session, entries: ColumnElement[bool], payments: ColumnElement[bool]
) -> tuple[OtherMoney, ...]:
    found = [
        OtherMoney(OtherKind.REPAYMENT, method, -int(amount))
        for method, amount in session.execute(
            select(AccountEntry.method, func.sum(AccountEntry.amount_minor))
            .where(entries, AccountEntry.kind == EntryKind.REPAYMENT.value)
            .group_by(AccountEntry.method)
        )
        if amount
    ]
    found += [
        OtherMoney(_ORDER_KINDS[kind], method, int(amount))
        for kind, method, amount in session.execute(
            select(
                CustomerOrderPayment.kind,
                CustomerOrderPayment.method,
                func.sum(CustomerOrderPayment.amount_minor),
            )
            .where(payments, CustomerOrderPayment.kind.in_(list(_ORDER_KINDS)))
            .group_by(CustomerOrderPayment.kind, CustomerOrderPayment.method)
        )
        if amount
    ]
    order = list(OtherKind)
    return tuple(sorted(found, key=lambda m: (order.index(m.kind), m.method != "cash", m.method)))
