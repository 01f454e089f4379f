"""Refunds and voids: money and goods going back, as new rows that reverse a sale."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bazaar_pos.domain.access import Permission
from bazaar_pos.domain.money import MinorUnits
from bazaar_pos.domain.payment import CashRule, PaymentMethod
from bazaar_pos.domain.pricing import allocate, prorate
from bazaar_pos.domain.quantity import PER_UNIT, format_quantity, unit_of
from bazaar_pos.domain.receivables import EntryKind
from bazaar_pos.domain.refund_kinds import REFUND, VOID
from bazaar_pos.domain.stock import StockReason
from bazaar_pos.errors import NotFoundError, ValidationError
from bazaar_pos.i18n import _
from bazaar_pos.services.audit_writer import record_event
from bazaar_pos.services.customers.accounts import add_entry
from bazaar_pos.services.people.access import Approval, Grant
from bazaar_pos.services.selling.checkout import POS_CHANNEL
from bazaar_pos.services.settings import SettingsService, ShopSettings
from bazaar_pos.services.stock.ledger import record_movement
from bazaar_pos.services.views import Changes, RefundResult
from bazaar_pos.store.database import Database
from bazaar_pos.store.models import (
    CashShift,
    Product,
    Refund,
    RefundLine,
    RefundPayment,
    Sale,
    SaleLine,
)
from bazaar_pos.store.types import utcnow


@dataclass(frozen=True, slots=True)
class RefundItem:
    """How much of one sale line to refund; damaged goods do not go back to stock."""

    sale_line_id: int
    quantity_milli: int
    """Thousandths of the line's unit: one piece is 1000, 100 g of a line sold per kg is 100."""
    damaged: bool = False


class RefundService:
    """Refunds some or all lines of a sale, or voids the sale just rung up."""

    def __init__(self, db: Database, settings: SettingsService) -> None:
        """Record refunds in ``db`` under this till's identity."""
        self._db = db
        self._settings = settings

    def refund(
        self,
        sale_uuid: str,
        items: list[RefundItem],
        *,
        to_cash: bool = False,
        reason: str = "",
        cashier: str = "",
        approval: Approval | None = None,
        along: Callable[[Session, Refund, Grant], None] | None = None,
    ) -> RefundResult:
        """Give back ``items`` of a sale, paid back by the methods it was paid with or in cash.

        Each line's amount is its share of what the customer paid for the line,
        so refunding every unit gives back exactly the line's total. Raises
        ValidationError, writing nothing, when a line would be refunded beyond
        what was sold, or the sale was voided. A cashier needs an owner's
        ``approval`` (PermissionDenied without one). ``along`` writes more in
        the refund's own transaction (a return marked received): both or neither.
        """
        shop = self._settings.load()
        if not items:
            raise ValidationError(_("Choose at least one line to refund."))
        if len({item.sale_line_id for item in items}) != len(items):
            raise ValidationError(_("Each line can be listed only once in a refund."))
        with (
            self._settings.access.permit(Permission.REFUND, approval=approval) as grant,
            self._db.writing() as session,
        ):
            sale = _sale(session, sale_uuid)
            if _has_void(session, sale.id):
                raise ValidationError(
                    _("Sale {number} was voided; nothing is left to refund.").format(
                        number=sale.number
                    )
                )
            lines = _refund_lines(session, sale, items, shop.money_locale)
            total = sum(line.amount_minor for line in lines)
            payments = _pay_back(session, sale, total, shop.cash_rule, to_cash=to_cash)
            refund = self._new_refund(session, shop, sale, REFUND, reason, cashier, grant)
            refund.lines = lines
            refund.payments = payments
            refund.total_minor = total
            refund.rounding_minor = sum(p.amount_minor for p in payments) - total
            result = self._commit(
                session, shop, refund, StockReason.REFUND, "sale.refunded", grant
            )
            if along is not None:
                along(session, refund, grant)
            return result

    def pay_back(
        self, sale_uuid: str, items: list[RefundItem], *, to_cash: bool = False
    ) -> tuple[MinorUnits, tuple[tuple[str, MinorUnits], ...]]:
        """What refunding ``items`` would come to, and what each method would pay out.

        The amount paid out in cash is rounded by the shop's cash rounding, so the
        two may differ; nothing is written. Raises ValidationError as ``refund``
        does for quantities that cannot be refunded.
        """
        if not items:
            return 0, ()
        shop = self._settings.load()
        with self._db.reading() as session:
            sale = _sale(session, sale_uuid)
            lines = _refund_lines(session, sale, items, shop.money_locale)
            total = sum(line.amount_minor for line in lines)
            payments = _pay_back(session, sale, total, shop.cash_rule, to_cash=to_cash)
            return total, tuple((p.method, p.amount_minor) for p in payments)

    def void(
        self,
        sale_uuid: str,
        reason: str,
        *,
        cashier: str = "",
        approval: Approval | None = None,
    ) -> RefundResult:
        """Reverse the sale just rung up at this till: all goods back, every payment back.

        Only this till's latest sale can be voided, once, before any refund; a
        reason is required. Older sales are refunded instead. A cashier needs
        an owner's ``approval``.
        """
        shop = self._settings.load()
        if not reason.strip():
            raise ValidationError(_("Say why the sale is voided."))
        with (
            self._settings.access.permit(Permission.VOID, approval=approval) as grant,
            self._db.writing() as session,
        ):
            sale = _sale(session, sale_uuid)
            latest = session.scalar(
                select(func.max(Sale.sequence)).where(Sale.till_id == shop.till_id)
            )
            if sale.till_id != shop.till_id or sale.sequence != latest:
                raise ValidationError(
                    _("Only the last sale rung up at this till can be voided; refund it instead.")
                )
            if session.scalar(select(func.count(Refund.id)).where(Refund.sale_id == sale.id)):
                raise ValidationError(
                    _("Sale {number} already has a refund or void.").format(number=sale.number)
                )
            return self._void(session, shop, sale, reason, cashier, grant)

    def void_order(self, sale_uuid: str, reason: str) -> RefundResult:
        """Reverse a sale imported from a marketplace whose order the marketplace cancelled.

        Unlike ``void``, any imported sale can be reversed, whenever the cancelled
        order turns up: the marketplace cancelled it, so no approval is asked;
        the person or command that imported the file is recorded. Raises
        ValidationError for a sale of the till's own, or one already refunded
        or voided.
        """
        shop = self._settings.load()
        grant = Grant(self._settings.access.require_actor())
        with self._db.writing() as session:
            sale = _sale(session, sale_uuid)
            if sale.channel == POS_CHANNEL:
                raise ValidationError(
                    _("Only a sale imported from a marketplace can be reversed this way.")
                )
            if session.scalar(select(func.count(Refund.id)).where(Refund.sale_id == sale.id)):
                raise ValidationError(
                    _("Sale {number} already has a refund or void.").format(number=sale.number)
                )
            return self._void(session, shop, sale, reason, "", grant)

    def _void(
        self,
        session: Session,
        shop: ShopSettings,
        sale: Sale,
        reason: str,
        cashier: str,
        grant: Grant,
    ) -> RefundResult:
        """Write the void of ``sale``: every line back to stock, every payment back."""
        refund = self._new_refund(session, shop, sale, VOID, reason, cashier, grant)
        refund.lines = [
            RefundLine(
                sale_line_id=line.id,
                quantity_milli=line.quantity_milli,
                amount_minor=_payable(sale, line),
                tax_minor=line.tax_minor,
                commission_minor=line.commission_minor,
                restocked=line.product_id is not None,
            )
            for line in sale.lines
        ]
        refund.payments = [
            RefundPayment(method=p.method, amount_minor=p.amount_minor, reference=p.reference)
            for p in sale.payments
        ]
        refund.total_minor = sale.total_minor
        refund.rounding_minor = sale.rounding_minor
        return self._commit(session, shop, refund, StockReason.VOID, "sale.voided", grant)

    @staticmethod
    def _new_refund(
        session: Session,
        shop: ShopSettings,
        sale: Sale,
        kind: str,
        reason: str,
        cashier: str,
        grant: Grant,
    ) -> Refund:
        last = session.scalar(
            select(func.max(Refund.sequence)).where(
                Refund.till_id == shop.till_id, Refund.kind == kind
            )
        )
        sequence = (last or 0) + 1
        letter = "V" if kind == VOID else "R"
        return Refund(
            number=f"{shop.till_code}-{letter}{sequence:06d}",
            kind=kind,
            sequence=sequence,
            till_id=shop.till_id,
            sale=sale,
            cashier=cashier or (grant.actor.name if grant.actor.user_id is not None else ""),
            shift_id=session.scalar(
                select(CashShift.id).where(
                    CashShift.till_id == shop.till_id, CashShift.closed_at.is_(None)
                )
            ),
            reason=reason.strip(),
            currency=sale.currency,
            created_at=utcnow(),
        )

    @staticmethod
    def _commit(
        session: Session,
        shop: ShopSettings,
        refund: Refund,
        reason: StockReason,
        action: str,
        grant: Grant,
    ) -> RefundResult:
        session.add(refund)
        session.flush()
        _off_account(session, shop, refund, grant)
        for line in refund.lines:
            product_id = line.sale_line.product_id
            if line.restocked and product_id is not None:
                product = session.get(Product, product_id)
                assert product is not None  # sale lines keep their product
                record_movement(
                    session,
                    product,
                    line.quantity_milli,
                    reason,
                    till_id=shop.till_id,
                    reference=f"{refund.kind}:{refund.uuid}",
                    at=refund.created_at,
                )
        record_event(
            session,
            action,
            actor=grant.actor.name or refund.cashier,
            entity="sale",
            entity_ref=refund.sale.uuid,
            details={
                "number": refund.number,
                "sale": refund.sale.number,
                "total": refund.total_minor,
                "reason": refund.reason,
            }
            | grant.details(),
        )
        session.flush()
        return RefundResult(
            uuid=refund.uuid,
            number=refund.number,
            kind=refund.kind,
            sale_number=refund.sale.number,
            total=refund.total_minor,
            rounding=refund.rounding_minor,
            paid_back=tuple((p.method, p.amount_minor) for p in refund.payments),
            changes=Changes(stock=True, sales=True),
        )


def _off_account(session: Session, shop: ShopSettings, refund: Refund, grant: Grant) -> None:
    """Take the kasbon part of a refund or void off the customer's balance (no money paid out)."""
    customer_id = refund.sale.customer_id
    kasbon = sum(p.amount_minor for p in refund.payments if p.method == PaymentMethod.ACCOUNT)
    if not kasbon or customer_id is None:
        return
    add_entry(
        session,
        customer_id,
        EntryKind.REFUND,
        kasbon,
        till_id=shop.till_id,
        recorded_by=grant.actor.name or refund.cashier,
        sale_id=refund.sale_id,
        refund_id=refund.id,
        note=refund.reason,
    )


def _sale(session: Session, sale_uuid: str) -> Sale:
    sale = session.scalar(select(Sale).where(Sale.uuid == sale_uuid))
    if sale is None:
        raise NotFoundError(_("No such sale."))
    return sale


def _has_void(session: Session, sale_id: int) -> bool:
    found = session.scalar(
        select(func.count(Refund.id)).where(Refund.sale_id == sale_id, Refund.kind == VOID)
    )
    return bool(found)


def _payable(sale: Sale, line: SaleLine) -> int:
    """What the customer paid for a whole line (tax added on top included)."""
    return line.line_total_minor + (0 if sale.tax_inclusive else line.tax_minor)


def refunded_quantities(session: Session, sale_id: int) -> dict[int, int]:
    """How much of each line of a sale (thousandths) was already refunded or voided."""
    rows = session.execute(
        select(RefundLine.sale_line_id, func.sum(RefundLine.quantity_milli))
        .join(Refund, Refund.id == RefundLine.refund_id)
        .where(Refund.sale_id == sale_id)
        .group_by(RefundLine.sale_line_id)
    )
    return {line_id: int(quantity) for line_id, quantity in rows}


def _refund_lines(
    session: Session, sale: Sale, items: list[RefundItem], locale: str
) -> list[RefundLine]:
    lines = {line.id: line for line in sale.lines}
    done = refunded_quantities(session, sale.id)
    result = []
    for item in items:
        line = lines.get(item.sale_line_id)
        if line is None:
            raise ValidationError(_("That line is not part of sale {n}.").format(n=sale.number))
        before = done.get(line.id, 0)
        sold = line.quantity_milli
        left = sold - before
        unit = unit_of(line.unit)
        if item.quantity_milli <= 0 or item.quantity_milli > left:
            raise ValidationError(
                _("{name}: {left} of {sold} can still be refunded, not {asked}.").format(
                    name=line.name,
                    left=format_quantity(left, unit, locale),
                    sold=format_quantity(sold, unit, locale),
                    asked=format_quantity(max(item.quantity_milli, 0), unit, locale),
                )
            )
        if unit.counted and item.quantity_milli % PER_UNIT:
            raise ValidationError(
                _("{name} was sold by the piece: refund whole pieces.").format(name=line.name)
            )
        after = before + item.quantity_milli
        payable = _payable(sale, line)
        result.append(
            RefundLine(
                sale_line_id=line.id,
                quantity_milli=item.quantity_milli,
                amount_minor=prorate(payable, after, sold) - prorate(payable, before, sold),
                tax_minor=prorate(line.tax_minor, after, sold)
                - prorate(line.tax_minor, before, sold),
                commission_minor=prorate(line.commission_minor, after, sold)
                - prorate(line.commission_minor, before, sold),
                restocked=not item.damaged and line.product_id is not None,
            )
        )
    return result


def _pay_back(
    session: Session, sale: Sale, total: int, rule: CashRule, *, to_cash: bool
) -> list[RefundPayment]:
    """Split ``total`` over the sale's methods (or all to cash), never beyond what was paid."""
    paid: dict[str, int] = {}
    references: dict[str, str] = {}
    for payment in sale.payments:
        paid[payment.method] = paid.get(payment.method, 0) + payment.amount_minor
        references.setdefault(payment.method, payment.reference)
    rows = session.execute(
        select(RefundPayment.method, func.sum(RefundPayment.amount_minor))
        .join(Refund, Refund.id == RefundPayment.refund_id)
        .where(Refund.sale_id == sale.id)
        .group_by(RefundPayment.method)
    )
    paid_in = sum(paid.values())
    given_back = 0
    for method, amount in rows:
        paid[method] = paid.get(method, 0) - int(amount)
        given_back += int(amount)
    left = {method: max(amount, 0) for method, amount in paid.items()}
    # Cash given back for a QRIS or card payment leaves that method's share untouched, so
    # the cap is also what was paid in less everything already paid back, by any method.
    cap = max(min(sum(left.values()), paid_in - given_back), 0)
    # What was put on the customer's account comes off it first: no money is paid out for it.
    account = PaymentMethod.ACCOUNT.value
    on_account = min(total, cap, left.pop(account, 0))
    total, cap = total - on_account, cap - on_account
    if to_cash:
        parts = {PaymentMethod.CASH.value: min(total, cap)}
    else:
        methods = list(left)
        shares = allocate(min(total, cap), [left[m] for m in methods])
        parts = {m: share for m, share in zip(methods, shares, strict=True) if share}
    cash = PaymentMethod.CASH.value
    if cash in parts:
        others = sum(amount for method, amount in parts.items() if method != cash)
        parts[cash] = min(rule.apply(parts[cash]), cap - others)
    parts = {account: on_account, **parts} if on_account else parts
    return [
        RefundPayment(
            method=method,
            amount_minor=amount,
            reference="" if to_cash else references.get(method, ""),
        )
        for method, amount in parts.items()
        if amount
    ]
