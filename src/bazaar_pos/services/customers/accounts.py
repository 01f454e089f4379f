"""Kasbon accounts: charges from sales on account, repayments, write-offs, statements, aging.

Every change is a new ``AccountEntry``; the balance is their sum. A repayment
or write-off may never take more than is owed; only goods given back may leave
a customer in credit.
"""

from __future__ import annotations

from datetime import date, datetime, tzinfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from bazaar_pos.domain.access import Permission
from bazaar_pos.domain.payment import PaymentMethod
from bazaar_pos.domain.receivables import (
    AccountError,
    Entry,
    EntryKind,
    aging,
    check_reduction,
    next_due,
    overdue,
    signed_amount,
)
from bazaar_pos.errors import ValidationError
from bazaar_pos.i18n import _
from bazaar_pos.services.audit_writer import record_event
from bazaar_pos.services.customers.directory import customer_row, owed_by, view_of
from bazaar_pos.services.customers.views import CustomerView, EntryView, Receivable, Statement
from bazaar_pos.services.people.access import AccessControl, Approval
from bazaar_pos.services.settings import SettingsService
from bazaar_pos.store.database import Database
from bazaar_pos.store.models import AccountEntry, CashShift, Customer, Sale

REPAYMENT_METHODS = (PaymentMethod.CASH, PaymentMethod.QRIS, PaymentMethod.TRANSFER)
"""How a customer may pay back kasbon."""


def open_shift_id(session: Session, till_id: str) -> int | None:
    """The till's open cash shift, which money taken now belongs to."""
    return session.scalar(
        select(CashShift.id).where(CashShift.till_id == till_id, CashShift.closed_at.is_(None))
    )


def owed_now(session: Session, customer_id: int) -> int:
    """What the customer owes, read in the session that is about to add to it."""
    return owed_by(session, [customer_id]).get(customer_id, 0)


def add_entry(
    session: Session,
    customer_id: int,
    kind: EntryKind,
    amount: int,
    *,
    till_id: str,
    recorded_by: str = "",
    **columns: object,
) -> AccountEntry:
    """Append one entry of ``amount`` (positive, as typed) to the customer's ledger."""
    entry = AccountEntry(
        customer_id=customer_id,
        kind=kind.value,
        amount_minor=signed_amount(kind, amount),
        till_id=till_id,
        shift_id=open_shift_id(session, till_id),
        recorded_by=recorded_by,
        **columns,
    )
    session.add(entry)
    session.flush()
    return entry


def ledger_of(session: Session, customer_id: int, zone: tzinfo) -> list[Entry]:
    """The customer's entries as the pure ledger reads them, on the shop's local days."""
    rows = session.execute(
        select(
            AccountEntry.kind,
            AccountEntry.amount_minor,
            AccountEntry.created_at,
            AccountEntry.due_on,
        )
        .where(AccountEntry.customer_id == customer_id)
        .order_by(AccountEntry.created_at, AccountEntry.id)
    )
    return [
        Entry(EntryKind(kind), amount, at.astimezone(zone).date(), due)
        for kind, amount, at, due in rows
    ]


class AccountService:
    """What customers owe, and the money that comes back."""

    def __init__(
        self, db: Database, settings: SettingsService, access: AccessControl, zone: tzinfo
    ) -> None:
        """Serve the kasbon ledger of ``db``; days are the shop's local days in ``zone``."""
        self._db = db
        self._settings = settings
        self._access = access
        self._zone = zone

    def repay(
        self,
        customer_id: int,
        amount: int,
        method: PaymentMethod = PaymentMethod.CASH,
        *,
        reference: str = "",
        note: str = "",
    ) -> EntryView:
        """Money the customer pays back; more than they owe is refused and nothing is written."""
        if method not in REPAYMENT_METHODS:
            raise ValidationError(_("Kasbon is paid back in cash, by QRIS or by transfer."))
        actor = self._access.require_actor()
        return self._reduce(
            customer_id,
            EntryKind.REPAYMENT,
            amount,
            actor=actor.name,
            details={},
            method=method.value,
            reference=reference.strip(),
            note=note.strip(),
        )

    def write_off(
        self, customer_id: int, amount: int, *, reason: str, approval: Approval | None = None
    ) -> EntryView:
        """Give up a debt the customer will not pay: the owner's decision, in the audit log."""
        if not reason.strip():
            raise ValidationError(_("Say why the debt is written off."))
        with self._access.permit(Permission.WRITE_OFF_DEBT, approval=approval) as grant:
            return self._reduce(
                customer_id,
                EntryKind.WRITE_OFF,
                amount,
                actor=grant.actor.name,
                details=grant.details(),
                note=reason.strip(),
            )

    def _reduce(
        self,
        customer_id: int,
        kind: EntryKind,
        amount: int,
        *,
        actor: str,
        details: dict[str, str],
        **columns: object,
    ) -> EntryView:
        till_id = self._settings.load().till_id
        with self._db.writing() as session:
            customer = customer_row(session, customer_id)
            owed = owed_now(session, customer_id)
            try:
                check_reduction(kind, amount, owed)
            except AccountError as exc:
                raise ValidationError(str(exc)) from exc
            entry = add_entry(
                session, customer.id, kind, amount, till_id=till_id, recorded_by=actor, **columns
            )
            record_event(
                session,
                f"kasbon.{kind.value}",
                actor=actor,
                entity="customer",
                entity_ref=customer.uuid,
                details={"amount": amount, "owed_before": owed} | details,
            )
            return EntryView.of(entry, owed - amount, "")

    def entries(self, customer_id: int) -> list[EntryView]:
        """The customer's whole ledger, oldest first, each line with the balance after it."""
        return list(self.statement(customer_id).entries)

    def statement(
        self, customer_id: int, start: datetime | None = None, end: datetime | None = None
    ) -> Statement:
        """The account from ``start`` up to ``end`` (UTC): opening balance, entries, closing."""
        with self._db.reading() as session:
            customer = view_of(session, customer_row(session, customer_id))
            opening = 0
            if start is not None:
                opening = int(
                    session.scalar(
                        select(func.coalesce(func.sum(AccountEntry.amount_minor), 0)).where(
                            AccountEntry.customer_id == customer_id,
                            AccountEntry.created_at < start,
                        )
                    )
                    or 0
                )
            query = (
                select(AccountEntry, Sale.number)
                .outerjoin(Sale, Sale.id == AccountEntry.sale_id)
                .where(AccountEntry.customer_id == customer_id)
                .order_by(AccountEntry.created_at, AccountEntry.id)
            )
            if start is not None:
                query = query.where(AccountEntry.created_at >= start)
            if end is not None:
                query = query.where(AccountEntry.created_at < end)
            running = opening
            views = []
            for entry, number in session.execute(query):
                running += entry.amount_minor
                views.append(EntryView.of(entry, running, number or ""))
        return Statement(customer, start, end, opening, tuple(views), running)

    def receivables(self, today: date | None = None) -> list[Receivable]:
        """Every customer who owes something, with it split by age, most owed first."""
        today = today or datetime.now(self._zone).date()
        with self._db.reading() as session:
            owing = session.execute(
                select(AccountEntry.customer_id)
                .group_by(AccountEntry.customer_id)
                .having(func.sum(AccountEntry.amount_minor) != 0)
            ).scalars()
            found = []
            for customer_id in owing:
                customer = session.get(
                    Customer, customer_id, options=[selectinload(Customer.group)]
                )
                assert customer is not None  # entries point at stored customers
                ledger = ledger_of(session, customer_id, self._zone)
                found.append(
                    Receivable(
                        CustomerView.of(customer, sum(e.amount for e in ledger)),
                        aging(ledger, today),
                        overdue(ledger, today),
                        next_due(ledger),
                    )
                )
        return sorted(found, key=lambda r: (-r.customer.owed, r.customer.name))

    def total_owed(self) -> int:
        """What all customers owe together (credits left out)."""
        with self._db.reading() as session:
            totals = select(func.sum(AccountEntry.amount_minor).label("owed")).group_by(
                AccountEntry.customer_id
            )
            rows = session.execute(totals).scalars()
            return sum(max(int(v or 0), 0) for v in rows)
