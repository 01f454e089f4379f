"""Cash shifts: open with a float, pay in and out, close by counting, and the Z report.

Sales and refunds rung up at this till while a shift is open carry its id
(``sales.shift_id``, ``refunds.shift_id``), and so do kasbon repayments and
pre-order down payments; the Z report adds them up.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, tzinfo
from pathlib import Path
from typing import Any

from sqlalchemy import Row, Select, case, func, select
from sqlalchemy.orm import Session

from bazaar_pos.domain.access import Permission
from bazaar_pos.domain.cash_count import CashCount
from bazaar_pos.domain.money import MinorUnits, currency, format_money
from bazaar_pos.domain.money_in import OtherMoney, other_cash
from bazaar_pos.domain.receipt_layout import LaidLine
from bazaar_pos.domain.refund_kinds import VOID
from bazaar_pos.domain.shift_report import (
    PAY_IN,
    PAY_OUT,
    CountedPiece,
    DrawerMovement,
    MethodTotals,
    ShiftReport,
    layout_shift_report,
)
from bazaar_pos.errors import NotFoundError, ValidationError
from bazaar_pos.i18n import _
from bazaar_pos.services.audit_writer import record_event
from bazaar_pos.services.customers.money_in import money_in_shift
from bazaar_pos.services.people.access import Approval, Grant
from bazaar_pos.services.printer.service import PrinterService
from bazaar_pos.services.settings import SettingsService
from bazaar_pos.store.database import Database
from bazaar_pos.store.models import (
    CashMovement,
    CashShift,
    Payment,
    Refund,
    RefundPayment,
    Sale,
)
from bazaar_pos.store.types import utcnow

CASH = "cash"


@dataclass(frozen=True, slots=True)
class ShiftView:
    """A shift as lists and the till show it."""

    id: int
    uuid: str
    number: str
    opened_at: datetime
    opened_by: str
    float_amount: MinorUnits
    closed_at: datetime | None
    closed_by: str
    expected: MinorUnits | None
    counted: MinorUnits | None

    @property
    def is_open(self) -> bool:
        """Whether the shift is still open."""
        return self.closed_at is None

    @property
    def difference(self) -> MinorUnits | None:
        """Counted minus expected, once closed."""
        if self.counted is None or self.expected is None:
            return None
        return self.counted - self.expected

    @classmethod
    def of(cls, shift: CashShift | Row[Any]) -> ShiftView:
        """Copy the fields of a stored shift (or of a Core row of the shifts table)."""
        return cls(
            id=shift.id,
            uuid=shift.uuid,
            number=shift.number,
            opened_at=shift.opened_at,
            opened_by=shift.opened_by,
            float_amount=shift.float_minor,
            closed_at=shift.closed_at,
            closed_by=shift.closed_by,
            expected=shift.expected_minor,
            counted=shift.counted_minor,
        )


class ShiftService:
    """Opens and closes this till's cash shifts and reports on them."""

    def __init__(
        self,
        db: Database,
        settings: SettingsService,
        printer: PrinterService,
        local_zone: tzinfo | None = None,
    ) -> None:
        """Keep shifts in ``db``; print Z reports with ``printer``; show times in ``local_zone``."""
        self._db = db
        self._settings = settings
        self._printer = printer
        self._zone = local_zone

    def current(self) -> ShiftView | None:
        """The open shift of this till, if any."""
        till_id = self._settings.load().till_id
        shifts = CashShift.core_table()
        query = select(shifts).where(shifts.c.till_id == till_id, shifts.c.closed_at.is_(None))
        with self._db.reading_rows() as connection:  # shown as the till starts: no ORM
            shift = connection.execute(query).first()
        return ShiftView.of(shift) if shift else None

    def shifts(self, *, limit: int = 100) -> list[ShiftView]:
        """The shifts of this till, newest first."""
        till_id = self._settings.load().till_id
        with self._db.reading() as session:
            rows = session.scalars(
                select(CashShift)
                .where(CashShift.till_id == till_id)
                .order_by(CashShift.sequence.desc())
                .limit(limit)
            )
            return [ShiftView.of(shift) for shift in rows]

    def open(self, float_amount: MinorUnits, *, note: str = "") -> ShiftView:
        """Open a shift with ``float_amount`` of change in the drawer."""
        if float_amount < 0:
            raise ValidationError(_("The float cannot be negative."))
        shop = self._settings.load()
        with (
            self._settings.access.permit() as grant,
            self._db.writing() as session,
        ):
            current = _open_shift(session, shop.till_id)
            if current is not None:
                raise ValidationError(
                    _("Shift {number} is still open; close it first.").format(number=current.number)
                )
            last = session.scalar(
                select(func.max(CashShift.sequence)).where(CashShift.till_id == shop.till_id)
            )
            sequence = (last or 0) + 1
            shift = CashShift(
                number=f"{shop.till_code}-S{sequence:06d}",
                sequence=sequence,
                till_id=shop.till_id,
                currency=shop.currency_code,
                opened_at=utcnow(),
                opened_by=grant.actor.name,
                float_minor=float_amount,
                note=note.strip(),
            )
            session.add(shift)
            session.flush()
            record_event(
                session,
                "shift.opened",
                actor=grant.actor.name,
                entity="shift",
                entity_ref=shift.number,
                details={"float": float_amount},
            )
            return ShiftView.of(shift)

    def pay_in(self, amount: MinorUnits, reason: str) -> ShiftView:
        """Put cash into the drawer (more change, say) with a reason."""
        return self._move(PAY_IN, amount, reason)

    def pay_out(self, amount: MinorUnits, reason: str) -> ShiftView:
        """Take cash out of the drawer (buying ice, paying a helper) with a reason."""
        return self._move(PAY_OUT, amount, reason)

    def expected_cash(self) -> MinorUnits | None:
        """The cash that should be in the drawer of the open shift; None with no shift open."""
        till_id = self._settings.load().till_id
        with self._db.reading() as session:
            shift = _open_shift(session, till_id)
            return None if shift is None else _totals(session, shift).expected

    def close(self, count: CashCount, *, note: str = "") -> ShiftReport:
        """Close the open shift with the cash counted; return its Z report."""
        with self._changing_open_shift(_("No shift is open.")) as (grant, session, shift):
            totals = _totals(session, shift)
            expected = totals.expected
            shift.closed_at = utcnow()
            shift.closed_by = grant.actor.name
            shift.expected_minor = expected
            shift.counted_minor = count.total
            shift.count_detail = json.dumps(count.as_data(), sort_keys=True)
            if note.strip():
                shift.note = "\n".join(part for part in (shift.note, note.strip()) if part)
            record_event(
                session,
                "shift.closed",
                actor=grant.actor.name,
                entity="shift",
                entity_ref=shift.number,
                details={
                    "expected": expected,
                    "counted": count.total,
                    "difference": count.total - expected,
                },
            )
            session.flush()
            return self._report(session, shift, totals)

    def report(self, shift_uuid: str) -> ShiftReport:
        """The Z report of a shift (an X report while it is open)."""
        with self._db.reading() as session:
            return self._report(session, _shift(session, shift_uuid))

    def report_lines(self, report: ShiftReport, columns: int | None = None) -> tuple[LaidLine, ...]:
        """The report laid out for the receipt printer's paper (or ``columns`` characters)."""
        return layout_shift_report(report, columns or self._printer.settings().columns)

    def print_report(self, shift_uuid: str) -> None:
        """Print a shift's report on the receipt printer; slow: not on the GUI thread."""
        self._printer.print_lines(self.report_lines(self.report(shift_uuid)))

    def write_pdf(self, shift_uuid: str, path: Path, *, approval: Approval | None = None) -> Path:
        """Save a shift's report as an A4 PDF; exporting needs an owner (or their approval)."""
        report = self.report(shift_uuid)
        from bazaar_pos.exports.pdf_shift_report import write_shift_report_pdf  # ReportLab, late

        with self._settings.access.permit(Permission.EXPORT, approval=approval):
            return write_shift_report_pdf(report, path)

    def _move(self, kind: str, amount: MinorUnits, reason: str) -> ShiftView:
        if amount <= 0:
            raise ValidationError(_("The amount must be more than zero."))
        if not reason.strip():
            raise ValidationError(_("Say why the cash goes in or out."))
        with self._changing_open_shift(_("Open a shift first.")) as (grant, session, shift):
            if kind == PAY_OUT:
                expected = _totals(session, shift).expected
                if amount > expected:
                    locale = self._settings.load().money_locale
                    left = format_money(expected, currency(shift.currency), locale)
                    raise ValidationError(
                        _("Only {amount} should be in the drawer.").format(amount=left)
                    )
            session.add(
                CashMovement(
                    shift_id=shift.id,
                    kind=kind,
                    amount_minor=amount,
                    reason=reason.strip(),
                    actor=grant.actor.name,
                    created_at=utcnow(),
                )
            )
            record_event(
                session,
                "cash.paid_in" if kind == PAY_IN else "cash.paid_out",
                actor=grant.actor.name,
                entity="shift",
                entity_ref=shift.number,
                details={"amount": amount, "reason": reason.strip()},
            )
            session.flush()
            return ShiftView.of(shift)

    @contextmanager
    def _changing_open_shift(self, none_open: str) -> Iterator[tuple[Grant, Session, CashShift]]:
        """A write transaction on this till's open shift, by the person signed in.

        Raises ValidationError saying ``none_open`` when no shift is open.
        """
        till_id = self._settings.load().till_id
        with (
            self._settings.access.permit() as grant,
            self._db.writing() as session,
        ):
            shift = _open_shift(session, till_id)
            if shift is None:
                raise ValidationError(none_open)
            yield grant, session, shift

    def _report(
        self, session: Session, shift: CashShift, totals: _Totals | None = None
    ) -> ShiftReport:
        """The shift's report; ``totals`` when they were just added up in this transaction."""
        shop = self._settings.load()
        totals = totals or _totals(session, shift)
        count = CashCount.from_data(json.loads(shift.count_detail or "{}"))
        return ShiftReport(
            shop_name=shop.shop_name,
            number=shift.number,
            currency=currency(shift.currency),
            money_locale=shop.money_locale,
            opened_at=shift.opened_at.astimezone(self._zone),
            opened_by=shift.opened_by,
            closed_at=shift.closed_at.astimezone(self._zone) if shift.closed_at else None,
            closed_by=shift.closed_by,
            float_amount=shift.float_minor,
            sales_count=totals.sales_count,
            sales_total=totals.sales_total,
            discounts=totals.discounts,
            refund_count=totals.refund_count,
            void_count=totals.void_count,
            refunds_total=totals.refunds_total,
            methods=totals.methods,
            cash_sales=totals.cash_sales,
            cash_refunds=totals.cash_refunds,
            pay_ins=totals.pay_ins,
            pay_outs=totals.pay_outs,
            movements=tuple(
                DrawerMovement(
                    m.kind,
                    m.amount_minor,
                    m.reason,
                    m.actor,
                    m.created_at.astimezone(self._zone),
                )
                for m in shift.movements
            ),
            counted=shift.counted_minor,
            counted_pieces=tuple(CountedPiece(d.value, d.piece, n) for d, n in count.pieces),
            counted_other=count.other,
            note=shift.note,
            other_money=totals.other_money,
        )


@dataclass(frozen=True, slots=True)
class _Totals:
    float_amount: MinorUnits
    sales_count: int
    sales_total: MinorUnits
    discounts: MinorUnits
    refund_count: int
    void_count: int
    refunds_total: MinorUnits
    methods: tuple[MethodTotals, ...]
    pay_ins: MinorUnits
    pay_outs: MinorUnits
    other_money: tuple[OtherMoney, ...] = ()

    @property
    def cash_sales(self) -> MinorUnits:
        return sum(m.sales for m in self.methods if m.method == CASH)

    @property
    def cash_refunds(self) -> MinorUnits:
        return sum(m.refunds for m in self.methods if m.method == CASH)

    @property
    def expected(self) -> MinorUnits:
        return (
            self.float_amount
            + self.cash_sales
            - self.cash_refunds
            + self.pay_ins
            - self.pay_outs
            + other_cash(self.other_money)
        )


def _sums_by(session: Session, query: Select[str, int]) -> dict[str, int]:
    """A ``select(key, sum(...))`` grouped by its key, as a mapping key -> sum."""
    key = query.selected_columns[0]
    return {k: int(v) for k, v in session.execute(query.group_by(key)).all()}


def _totals(session: Session, shift: CashShift) -> _Totals:
    """Add up the sales, refunds and drawer movements of ``shift``."""
    count, paid, discounts = session.execute(
        select(
            func.count(Sale.id),
            func.coalesce(func.sum(Sale.total_minor + Sale.rounding_minor), 0),
            func.coalesce(func.sum(Sale.discount_minor), 0),
        ).where(Sale.shift_id == shift.id)
    ).one()
    refund_count, void_count, refunded = session.execute(
        select(
            func.count(Refund.id),
            func.coalesce(func.sum(case((Refund.kind == VOID, 1), else_=0)), 0),
            func.coalesce(func.sum(Refund.total_minor + Refund.rounding_minor), 0),
        ).where(Refund.shift_id == shift.id)
    ).one()
    sold_by = _sums_by(
        session,
        select(Payment.method, func.sum(Payment.amount_minor))
        .join(Sale, Sale.id == Payment.sale_id)
        .where(Sale.shift_id == shift.id),
    )
    refunded_by = _sums_by(
        session,
        select(RefundPayment.method, func.sum(RefundPayment.amount_minor))
        .join(Refund, Refund.id == RefundPayment.refund_id)
        .where(Refund.shift_id == shift.id),
    )
    moved = _sums_by(
        session,
        select(CashMovement.kind, func.sum(CashMovement.amount_minor)).where(
            CashMovement.shift_id == shift.id
        ),
    )
    methods = tuple(
        MethodTotals(method, int(sold_by.get(method, 0)), int(refunded_by.get(method, 0)))
        for method in sorted(set(sold_by) | set(refunded_by), key=lambda m: (m != CASH, m))
    )
    return _Totals(
        float_amount=shift.float_minor,
        sales_count=int(count),
        sales_total=int(paid),
        discounts=int(discounts),
        refund_count=int(refund_count) - int(void_count),
        void_count=int(void_count),
        refunds_total=int(refunded),
        methods=methods,
        pay_ins=int(moved.get(PAY_IN, 0)),
        pay_outs=int(moved.get(PAY_OUT, 0)),
        other_money=money_in_shift(session, shift.id),
    )


def _open_shift(session: Session, till_id: str) -> CashShift | None:
    return session.scalar(
        select(CashShift).where(CashShift.till_id == till_id, CashShift.closed_at.is_(None))
    )


def _shift(session: Session, shift_uuid: str) -> CashShift:
    shift = session.scalar(select(CashShift).where(CashShift.uuid == shift_uuid))
    if shift is None:
        raise NotFoundError(_("There is no such shift."))
    return shift
