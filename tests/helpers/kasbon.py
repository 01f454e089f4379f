"""Kasbon sales and ledger entries written into a real shop database, at given times."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import update

from bazaar_pos.domain.payment import PaymentMethod
from bazaar_pos.services.shop import Shop
from bazaar_pos.services.views import ProductView, SaleResult
from bazaar_pos.store.models import AccountEntry
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

    Checkout writes the sale's ``account`` payment and the ledger's charge
    together, as at the till.
    """
    total = cart_for(shop, items).totals().total
    payments = [(PaymentMethod.ACCOUNT, total - paid_now)]
    if paid_now:
        payments.insert(0, (PaymentMethod.CASH, paid_now))
    customer = shop.customers.get(customer_id)
    due = due_on or (at.date() + timedelta(days=30))
    return sell(shop, at, items, payments, customer=(customer.id, customer.name), due_on=due)


def backdate(shop: Shop, entry_id: int, at: datetime) -> None:
    """Say the entry was written at ``at`` (a repayment made through the service today)."""
    with shop.db.writing() as session:
        session.execute(
            update(AccountEntry).where(AccountEntry.id == entry_id).values(created_at=at)
        )
