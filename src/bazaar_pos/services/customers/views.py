"""Customers, groups and kasbon entries as screens, receipts and the command line see them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Protocol

from bazaar_pos.domain.money import MinorUnits
from bazaar_pos.domain.receivables import AgeBucket, EntryKind
from bazaar_pos.store.models import Customer, CustomerGroup


@dataclass(frozen=True, slots=True)
class CustomerDraft:
    """What a person types about a customer; ``phone`` as typed (normalised when saved)."""

    name: str
    phone: str = ""
    group_id: int | None = None
    notes: str = ""
    address: str = ""
    credit_limit: MinorUnits | None = None
    """None keeps the limit as it is (a new customer gets the shop's default)."""
    active: bool = True


@dataclass(frozen=True, slots=True)
class GroupView:
    """A customer group and its percentage off, in basis points."""

    id: int
    name: str
    discount_bp: int
    active: bool

    @classmethod
    def of(cls, group: CustomerGroup) -> GroupView:
        """Copy a stored group."""
        return cls(group.id, group.name, group.discount_bp, group.active)


@dataclass(frozen=True, slots=True)
class CustomerView:
    """A customer with what they owe now (the sum of their ledger, never a stored number)."""

    id: int
    uuid: str
    name: str
    phone: str
    group_id: int | None
    group_name: str
    notes: str
    address: str
    credit_limit: MinorUnits
    active: bool
    owed: MinorUnits = 0

    @classmethod
    def of(cls, customer: Customer, owed: MinorUnits = 0) -> CustomerView:
        """Copy a stored customer (with their group loaded) and the balance given."""
        return cls(
            id=customer.id,
            uuid=customer.uuid,
            name=customer.name,
            phone=customer.phone,
            group_id=customer.group_id,
            group_name=customer.group.name if customer.group else "",
            notes=customer.notes,
            address=customer.address,
            credit_limit=customer.credit_limit_minor,
            active=customer.active,
            owed=owed,
        )

    @property
    def room(self) -> MinorUnits:
        """How much more kasbon fits within the credit limit."""
        return max(0, self.credit_limit - max(self.owed, 0))


class EntryRow(Protocol):
    """The columns of an account entry a view copies (a stored entry or a plain row)."""

    @property
    def id(self) -> int: ...
    @property
    def uuid(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def amount_minor(self) -> int: ...
    @property
    def created_at(self) -> datetime: ...
    @property
    def due_on(self) -> date | None: ...
    @property
    def method(self) -> str: ...
    @property
    def reference(self) -> str: ...
    @property
    def note(self) -> str: ...
    @property
    def recorded_by(self) -> str: ...


@dataclass(frozen=True, slots=True)
class EntryView:
    """One line of a customer's ledger, with the balance after it."""

    id: int
    uuid: str
    kind: EntryKind
    amount: MinorUnits
    balance_after: MinorUnits
    created_at: datetime
    due_on: date | None
    method: str
    reference: str
    note: str
    sale_number: str
    recorded_by: str

    @classmethod
    def of(cls, entry: EntryRow, balance_after: MinorUnits, sale_number: str) -> EntryView:
        """Copy a stored entry (or a row with its columns)."""
        return cls(
            id=entry.id,
            uuid=entry.uuid,
            kind=EntryKind(entry.kind),
            amount=entry.amount_minor,
            balance_after=balance_after,
            created_at=entry.created_at,
            due_on=entry.due_on,
            method=entry.method,
            reference=entry.reference,
            note=entry.note,
            sale_number=sale_number,
            recorded_by=entry.recorded_by,
        )


@dataclass(frozen=True, slots=True)
class Statement:
    """A customer's account over a period: the balance before, each entry, the balance after."""

    customer: CustomerView
    start: datetime | None
    end: datetime | None
    opening: MinorUnits
    entries: tuple[EntryView, ...]
    closing: MinorUnits


@dataclass(frozen=True, slots=True)
class Receivable:
    """One customer's debt by age, for the receivables report."""

    customer: CustomerView
    buckets: dict[AgeBucket, MinorUnits] = field(default_factory=dict)
    overdue: MinorUnits = 0
    next_due: date | None = None
