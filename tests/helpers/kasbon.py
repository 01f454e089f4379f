"""Kasbon sales and ledger entries written into a real shop database, at given times."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import update

from bazaar_pos.domain.payment import PaymentMethod
from bazaar_pos.domain.receivables import EntryKind
from bazaar_pos.services.customers.accounts import add_entry
from bazaar_pos.services.shop import Shop
from bazaar_pos.services.views import ProductView, SaleResult
from bazaar_pos.store.models import AccountEntry, Sale
from tests.helpers.sales import cart_for, sell


def kasbon_sale(
    shop: Shop,
    customer_id: int,
    at: datetime,
    items: list[tuple[ProductView, int]],
    *,
    paid_now: int = 0,
    due_on: date | None = None,
) -> SaleResult:
    """A sale at ``at`` put on the customer's account (less ``paid_now`` in cash), with its charge.

    The sale's ``account`` payment and the ledger's charge entry agree, as the
    till writes them.
    """
    total = cart_for(shop, items).totals().total
    payments = [(PaymentMethod.ACCOUNT, total - paid_now)]
    if paid_now:
        payments.insert(0, (PaymentMethod.CASH, paid_now))
    result = sell(shop, at, items, payments)
    till_id = shop.settings.load().till_id
    with shop.db.writing() as session:
        sale = session.get(Sale, result.id)
        assert sale is not None
        sale.customer_id = customer_id
        entry = add_entry(
            session,
            customer_id,
            EntryKind.CHARGE,
            total - paid_now,
            till_id=till_id,
            sale_id=result.id,
            due_on=due_on or (at.date() + timedelta(days=30)),
        )
        entry.created_at = at
    return result


def backdate(shop: Shop, entry_id: int, at: datetime) -> None:
    """Say the entry was written at ``at`` (a repayment made through the service today)."""
    with shop.db.writing() as session:
        session.execute(
            update(AccountEntry).where(AccountEntry.id == entry_id).values(created_at=at)
        )
