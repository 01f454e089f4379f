"""Kasbon: a customer's account as a ledger of entries, what is still open, and its aging.

The balance is never stored; it is the sum of the entries. Money coming back
(a repayment, goods given back, a write-off) settles the oldest charges first,
so what stays open, and how old it is, follows from the ledger alone.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from bazaar_pos.domain.money import MinorUnits
from bazaar_pos.i18n import N_, _


class EntryKind(enum.StrEnum):
    """What moved a customer's balance."""

    CHARGE = "charge"
    REPAYMENT = "repayment"
    REFUND = "refund"
    WRITE_OFF = "write_off"


ENTRY_LABELS = {
    EntryKind.CHARGE: N_("Kasbon sale"),
    EntryKind.REPAYMENT: N_("Repayment"),
    EntryKind.REFUND: N_("Goods returned"),
    EntryKind.WRITE_OFF: N_("Written off"),
}


def entry_label(kind: str) -> str:
    """The translated name of an entry kind (the stored code if unknown)."""
    try:
        return _(ENTRY_LABELS[EntryKind(kind)])
    except ValueError:
        return kind


class AccountError(ValueError):
    """An entry the account cannot take (more repaid than owed, a charge of nothing)."""


@dataclass(frozen=True, slots=True)
class Entry:
    """One ledger line: positive ``amount`` means more owed."""

    kind: EntryKind
    amount: MinorUnits
    on: date
    due_on: date | None = None


def balance(entries: Iterable[Entry]) -> MinorUnits:
    """What the customer owes now; negative is a credit the shop owes them."""
    return sum((entry.amount for entry in entries), 0)


def balance_text(owed: MinorUnits, money: Callable[[MinorUnits], str]) -> str:
    """What is owed as people read it (``Rp305.000``); what the shop owes back says ``credit``."""
    if owed < 0:
        return _("credit {amount}").format(amount=money(-owed))
    return money(owed)


def signed_amount(kind: EntryKind, amount: MinorUnits) -> MinorUnits:
    """``amount`` (a positive figure as typed) with the sign its kind gives it in the ledger."""
    if amount <= 0:
        raise AccountError(_("The amount must be more than zero."))
    return amount if kind is EntryKind.CHARGE else -amount


def check_reduction(kind: EntryKind, amount: MinorUnits, owed: MinorUnits) -> None:
    """Refuse a repayment or write-off of more than is owed (a refund may make a credit)."""
    if amount <= 0:
        raise AccountError(_("The amount must be more than zero."))
    if kind in (EntryKind.REPAYMENT, EntryKind.WRITE_OFF) and amount > max(owed, 0):
        raise AccountError(_("That is more than the customer owes."))


def over_limit(owed: MinorUnits, charge: MinorUnits, limit: MinorUnits) -> MinorUnits:
    """How far a new charge would take the balance beyond the credit limit (0 when within)."""
    return max(0, max(owed, 0) + charge - limit)


def due_date(sold_on: date, days: int) -> date:
    """The day a kasbon sale made on ``sold_on`` is due, ``days`` later (at most the last day)."""
    try:
        return sold_on + timedelta(days=max(days, 0))
    except OverflowError:
        return date.max


@dataclass(slots=True)
class OpenCharge:
    """What is still owed of one charge."""

    on: date
    due_on: date | None
    open: MinorUnits


def open_charges(entries: Sequence[Entry]) -> list[OpenCharge]:
    """The charges not yet settled, oldest first; reductions settle the oldest first.

    A reduction beyond every charge so far is kept as a credit and settles the
    next charges, as money paid in advance would.
    """
    opened: list[OpenCharge] = []
    credit = 0
    for entry in sorted(entries, key=lambda e: e.on):
        if entry.amount > 0:
            settled = min(credit, entry.amount)
            credit -= settled
            if entry.amount > settled:
                opened.append(OpenCharge(entry.on, entry.due_on, entry.amount - settled))
            continue
        left = -entry.amount
        for charge in opened:
            take = min(left, charge.open)
            charge.open -= take
            left -= take
        opened = [charge for charge in opened if charge.open]
        credit += left
    return opened


class AgeBucket(enum.StrEnum):
    """How old what is owed is, in days since the kasbon sale."""

    UP_TO_30 = "0-30"
    UP_TO_60 = "31-60"
    UP_TO_90 = "61-90"
    OVER_90 = "90+"


BUCKET_LABELS = {
    AgeBucket.UP_TO_30: N_("0-30 days"),
    AgeBucket.UP_TO_60: N_("31-60 days"),
    AgeBucket.UP_TO_90: N_("61-90 days"),
    AgeBucket.OVER_90: N_("over 90 days"),
}


def bucket_of(age_days: int) -> AgeBucket:
    """The aging bucket for something ``age_days`` old."""
    if age_days <= 30:
        return AgeBucket.UP_TO_30
    if age_days <= 60:
        return AgeBucket.UP_TO_60
    if age_days <= 90:
        return AgeBucket.UP_TO_90
    return AgeBucket.OVER_90


def aging(entries: Sequence[Entry], today: date) -> dict[AgeBucket, MinorUnits]:
    """What is owed in each age bucket; the buckets add up to the balance when it is positive."""
    buckets = dict.fromkeys(AgeBucket, 0)
    for charge in open_charges(entries):
        buckets[bucket_of((today - charge.on).days)] += charge.open
    return buckets


def overdue(entries: Sequence[Entry], today: date) -> MinorUnits:
    """What is owed of charges whose due date has passed."""
    return sum(
        (c.open for c in open_charges(entries) if c.due_on is not None and c.due_on < today), 0
    )


def next_due(entries: Sequence[Entry]) -> date | None:
    """The earliest due date of what is still open (None when nothing with a date is open)."""
    dates = [c.due_on for c in open_charges(entries) if c.due_on is not None]
    return min(dates) if dates else None
