"""Checks that every customer's kasbon ledger holds together with the sales and refunds it names."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bazaar_pos.domain.payment import PaymentMethod
from bazaar_pos.domain.receivables import EntryKind
from bazaar_pos.i18n import _
from bazaar_pos.store.models import AccountEntry, Customer, Payment, Refund, Sale

REDUCTIONS = (EntryKind.REPAYMENT.value, EntryKind.WRITE_OFF.value)
"""Entries a person records against what is owed: never more than was owed at the time."""


def ledger_problems(session: Session) -> list[str]:
    """Every way the kasbon ledger disagrees with itself, its customers, sales and refunds."""
    return [
        *_orphans(session),
        *_signs(session),
        *_charges(session),
        *_refunds(session),
        *_below_zero(session),
    ]


def _orphans(session: Session) -> list[str]:
    """Every entry's customer exists."""
    rows = session.execute(
        select(AccountEntry.id, AccountEntry.customer_id)
        .outerjoin(Customer, Customer.id == AccountEntry.customer_id)
        .where(Customer.id.is_(None))
        .order_by(AccountEntry.id)
    )
    return [
        _("Kasbon entry {entry}: its customer {customer} does not exist.").format(
            entry=entry, customer=customer
        )
        for entry, customer in rows
    ]


def _signs(session: Session) -> list[str]:
    """A charge adds to what is owed, anything else takes from it; no kind is unknown."""
    known = [kind.value for kind in EntryKind]
    rows = session.execute(
        select(AccountEntry.id, AccountEntry.kind, AccountEntry.amount_minor)
        .where(
            AccountEntry.kind.not_in(known)
            | ((AccountEntry.kind == EntryKind.CHARGE.value) & (AccountEntry.amount_minor <= 0))
            | ((AccountEntry.kind != EntryKind.CHARGE.value) & (AccountEntry.amount_minor >= 0))
        )
        .order_by(AccountEntry.id)
    )
    return [
        _("Kasbon entry {entry}: a {kind} of {amount} has the wrong sign or kind.").format(
            entry=entry, kind=kind, amount=amount
        )
        for entry, kind, amount in rows
    ]


def _account_paid(session: Session) -> dict[int, int]:
    """What each sale put on account (the ``account`` payments), by sale id."""
    rows = session.execute(
        select(Payment.sale_id, func.sum(Payment.amount_minor))
        .where(Payment.method == PaymentMethod.ACCOUNT.value)
        .group_by(Payment.sale_id)
    )
    return {sale_id: int(total) for sale_id, total in rows}


def _charges(session: Session) -> list[str]:
    """Each sale's charges equal its ``account`` payments, on the sale's own customer."""
    on_account = _account_paid(session)
    charged: dict[int, int] = defaultdict(int)
    problems = []
    rows = session.execute(
        select(AccountEntry, Sale.number, Sale.customer_id)
        .outerjoin(Sale, Sale.id == AccountEntry.sale_id)
        .where(AccountEntry.kind == EntryKind.CHARGE.value)
        .order_by(AccountEntry.id)
    )
    numbers: dict[int, str] = {}
    for entry, number, buyer in rows:
        if entry.sale_id is None or number is None:
            problems.append(
                _("Kasbon entry {entry}: a charge without a sale.").format(entry=entry.id)
            )
            continue
        if buyer != entry.customer_id:
            problems.append(
                _("Sale {number}: charged to another customer than the sale's.").format(
                    number=number
                )
            )
        charged[entry.sale_id] += entry.amount_minor
        numbers[entry.sale_id] = number
    missing = set(on_account) - set(charged)
    if missing:
        names = dict(
            session.execute(select(Sale.id, Sale.number).where(Sale.id.in_(missing))).all()
        )
        numbers.update(names)
    for sale_id in sorted(set(on_account) | set(charged)):
        found, wanted = charged.get(sale_id, 0), on_account.get(sale_id, 0)
        if found != wanted:
            problems.append(
                _("Sale {number}: {found} charged to kasbon, but {wanted} paid on account.").format(
                    number=numbers[sale_id], found=found, wanted=wanted
                )
            )
    return problems


def _refunds(session: Session) -> list[str]:
    """Each refund entry belongs to a refund of a kasbon sale, within the sale's account part."""
    on_account = _account_paid(session)
    given_back: dict[int, int] = defaultdict(int)
    numbers: dict[int, str] = {}
    problems = []
    rows = session.execute(
        select(AccountEntry, Refund.sale_id, Sale.number)
        .outerjoin(Refund, Refund.id == AccountEntry.refund_id)
        .outerjoin(Sale, Sale.id == Refund.sale_id)
        .where(AccountEntry.kind == EntryKind.REFUND.value)
        .order_by(AccountEntry.id)
    )
    for entry, sale_id, number in rows:
        if sale_id is None:
            problems.append(
                _("Kasbon entry {entry}: goods returned without a refund.").format(entry=entry.id)
            )
        elif sale_id not in on_account:
            problems.append(
                _("Sale {number}: goods returned to kasbon, but it was not a kasbon sale.").format(
                    number=number
                )
            )
        else:
            given_back[sale_id] -= entry.amount_minor
            numbers[sale_id] = number
    for sale_id, back in sorted(given_back.items()):
        if back > on_account[sale_id]:
            problems.append(
                _(
                    "Sale {number}: {back} taken off kasbon for goods returned, but only "
                    "{paid} was on account."
                ).format(number=numbers[sale_id], back=back, paid=on_account[sale_id])
            )
    return problems


def _below_zero(session: Session) -> list[str]:
    """No repayment or write-off took more than was owed at its time (entries in order)."""
    rows = session.execute(
        select(
            AccountEntry.customer_id,
            AccountEntry.id,
            AccountEntry.kind,
            AccountEntry.amount_minor,
        ).order_by(AccountEntry.customer_id, AccountEntry.created_at, AccountEntry.id)
    )
    running: dict[int, int] = defaultdict(int)
    over: list[tuple[int, int, str, int]] = []
    for customer_id, entry, kind, amount in rows:
        before = running[customer_id]
        running[customer_id] += amount
        if kind in REDUCTIONS and running[customer_id] < 0:
            over.append((customer_id, entry, kind, before))
    if not over:
        return []
    names = dict(
        session.execute(
            select(Customer.id, Customer.name).where(Customer.id.in_({o[0] for o in over}))
        ).all()
    )
    return [
        _("Customer {name}: kasbon entry {entry} ({kind}) took more than the {owed} owed.").format(
            name=names.get(customer_id, customer_id), entry=entry, kind=kind, owed=before
        )
        for customer_id, entry, kind, before in over
    ]
