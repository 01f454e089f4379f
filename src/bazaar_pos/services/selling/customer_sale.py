"""A sale's customer at checkout: their group's prices and the part put on their account."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, tzinfo

from sqlalchemy import Connection
from sqlalchemy.orm import Session

from bazaar_pos.domain.cart import Cart
from bazaar_pos.domain.payment import PaymentMethod, Settlement
from bazaar_pos.domain.receivables import EntryKind, due_date, over_limit
from bazaar_pos.errors import ValidationError
from bazaar_pos.i18n import _
from bazaar_pos.services.customers.accounts import add_entry, owed_now
from bazaar_pos.services.customers.directory import customer_row, member_prices


def on_account(settlement: Settlement) -> int:
    """The part of a sale put on the customer's account (kasbon)."""
    return sum(p.amount for p in settlement.payments if p.method is PaymentMethod.ACCOUNT)


def check_customer(cart: Cart, settlement: Settlement) -> None:
    """Refuse kasbon for a cart without a customer (ValidationError, nothing written)."""
    if on_account(settlement) and cart.customer is None:
        raise ValidationError(_("Kasbon needs a customer: choose who the sale is for."))


@dataclass(frozen=True, slots=True)
class CustomerPart:
    """What checkout learnt of the sale's customer inside its transaction."""

    customer_id: int | None = None
    uuid: str = ""
    name: str = ""
    group: str = ""
    member_prices: dict[int, int] | None = None
    owed: int = 0
    limit: int = 0
    charge: int = 0

    @property
    def over_limit(self) -> int:
        """How far the kasbon takes the customer beyond their limit (0 when within)."""
        return over_limit(self.owed, self.charge, self.limit) if self.charge else 0


def read_customer(connection: Connection, cart: Cart, settlement: Settlement) -> CustomerPart:
    """The cart's customer as stored now: their group's prices, balance and limit."""
    if cart.customer is None:
        return CustomerPart()
    with Session(bind=connection) as session:
        customer = customer_row(session, cart.customer.id)
        if not customer.active:
            raise ValidationError(
                _("{name} is no longer an active customer.").format(name=customer.name)
            )
        ids = sorted({line.product_id for line in cart if line.product_id is not None})
        return CustomerPart(
            customer_id=customer.id,
            uuid=customer.uuid,
            name=customer.name,
            group=customer.group.name if customer.group else "",
            member_prices=member_prices(session, customer.id, ids),
            owed=owed_now(session, customer.id),
            limit=customer.credit_limit_minor,
            charge=on_account(settlement),
        )


def local_due_date(sold_at: datetime, zone: tzinfo | None, days: int) -> date:
    """The day kasbon taken at ``sold_at`` is due, ``days`` later on the shop's calendar."""
    return due_date(sold_at.astimezone(zone).date(), days)


def write_charge(
    connection: Connection,
    part: CustomerPart,
    *,
    sale_id: int,
    due_on: date | None,
    due_days: int,
    zone: tzinfo | None,
    till_id: str,
    recorded_by: str,
    at: datetime,
) -> None:
    """Put the kasbon part of the sale on the customer's account, in the sale's transaction.

    It falls due ``due_on``, or ``due_days`` after the sale on the shop's calendar (``zone``).
    """
    if not part.charge or part.customer_id is None:
        return
    with Session(bind=connection) as session:
        add_entry(
            session,
            part.customer_id,
            EntryKind.CHARGE,
            part.charge,
            till_id=till_id,
            recorded_by=recorded_by,
            due_on=due_on or local_due_date(at, zone, due_days),
            sale_id=sale_id,
            created_at=at,
        )
