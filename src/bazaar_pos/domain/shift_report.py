"""The Z report of a cash shift as data, as titled sections, and laid out for the receipt printer.

Expected cash = float + cash sales - cash refunds + pay-ins - pay-outs, plus
kasbon repaid and down payments taken in cash, less down payments refunded in
cash. Kasbon sales are takings not yet paid; a pickup's down payment was money
taken earlier. The report of a shift still open (an "X report") shows no count
and no difference.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bazaar_pos.domain.cash_count import Piece
from bazaar_pos.domain.money import Currency, MinorUnits, format_money
from bazaar_pos.domain.money_in import OtherMoney, other_cash, other_label
from bazaar_pos.domain.payment import PaymentMethod, method_label
from bazaar_pos.domain.receipt_layout import (
    DATE_FORMAT,
    METHOD_LABELS,
    LaidLine,
    LineStyle,
    centred,
    pair,
    rule,
    wrap,
)
from bazaar_pos.i18n import _, ngettext

PAY_IN, PAY_OUT = "pay_in", "pay_out"


@dataclass(frozen=True, slots=True)
class MethodTotals:
    """Money taken and given back by one payment method during the shift."""

    method: str
    sales: MinorUnits
    refunds: MinorUnits


@dataclass(frozen=True, slots=True)
class DrawerMovement:
    """Cash paid into or out of the drawer, when, by whom and why."""

    kind: str
    amount: MinorUnits
    reason: str
    actor: str
    at: datetime


@dataclass(frozen=True, slots=True)
class CountedPiece:
    """How many of one note or coin were counted."""

    value: MinorUnits
    piece: Piece
    count: int


@dataclass(frozen=True, slots=True)
class ShiftReport:
    """Everything about one shift's takings and cash; times are local, money in minor units."""

    shop_name: str
    number: str
    currency: Currency
    money_locale: str
    opened_at: datetime
    opened_by: str
    closed_at: datetime | None
    closed_by: str
    float_amount: MinorUnits
    sales_count: int
    sales_total: MinorUnits
    discounts: MinorUnits
    refund_count: int
    void_count: int
    refunds_total: MinorUnits
    methods: tuple[MethodTotals, ...]
    cash_sales: MinorUnits
    cash_refunds: MinorUnits
    pay_ins: MinorUnits
    pay_outs: MinorUnits
    movements: tuple[DrawerMovement, ...]
    counted: MinorUnits | None
    counted_pieces: tuple[CountedPiece, ...] = ()
    counted_other: MinorUnits = 0
    note: str = ""
    other_money: tuple[OtherMoney, ...] = ()
    """Kasbon repaid and down payments taken or refunded during the shift, by method."""

    @property
    def expected(self) -> MinorUnits:
        """The cash that should be in the drawer."""
        return (
            self.float_amount
            + self.cash_sales
            - self.cash_refunds
            + self.pay_ins
            - self.pay_outs
            + self.other_cash
        )

    @property
    def other_cash(self) -> MinorUnits:
        """Cash in from kasbon repaid and down payments, less down payments refunded."""
        return other_cash(self.other_money)

    def net_by(self, method: PaymentMethod) -> MinorUnits:
        """What sales by ``method`` came to, less what was refunded by it."""
        return sum(m.sales - m.refunds for m in self.methods if m.method == method.value)

    @property
    def difference(self) -> MinorUnits | None:
        """Counted minus expected: positive is over, negative is short; None while open."""
        return None if self.counted is None else self.counted - self.expected

    @property
    def is_closed(self) -> bool:
        """Whether the shift was closed (a Z report) or is still open (an X report)."""
        return self.closed_at is not None


@dataclass(frozen=True, slots=True)
class ReportRow:
    """A label and its value; strong rows are the totals that matter."""

    label: str
    value: str
    strong: bool = False


@dataclass(frozen=True, slots=True)
class ReportSection:
    """A titled group of rows (an empty title continues the report's header)."""

    title: str
    rows: tuple[ReportRow, ...]


def report_title(report: ShiftReport) -> str:
    """The title: a Z report for a closed shift, an X report for one still open."""
    return _("Z report") if report.is_closed else _("X report (shift still open)")


def difference_label(difference: MinorUnits) -> str:
    """How a count came out: over, short, or exact."""
    if difference > 0:
        return _("Over")
    if difference < 0:
        return _("Short")
    return _("Exact")


def shift_report_sections(report: ShiftReport) -> tuple[ReportSection, ...]:
    """The report as titled sections of rows, the same for paper and PDF."""

    def money(minor: MinorUnits) -> str:
        return format_money(minor, report.currency, report.money_locale)

    def when(moment: datetime) -> str:
        return moment.strftime(DATE_FORMAT)

    header = [
        ReportRow(_("Shift"), report.number),
        ReportRow(_("Opened"), when(report.opened_at)),
        ReportRow(_("Opened by"), report.opened_by or _("owner")),
    ]
    if report.closed_at is not None:
        header += [
            ReportRow(_("Closed"), when(report.closed_at)),
            ReportRow(_("Closed by"), report.closed_by or _("owner")),
        ]
    sales = [
        ReportRow(
            ngettext("{count} sale", "{count} sales", report.sales_count).format(
                count=report.sales_count
            ),
            money(report.sales_total),
            strong=True,
        ),
        ReportRow(_("Discounts given"), money(report.discounts)),
        ReportRow(
            ngettext("{count} refund", "{count} refunds", report.refund_count).format(
                count=report.refund_count
            ),
            money(-report.refunds_total),
        ),
        ReportRow(_("Voids"), str(report.void_count)),
        ReportRow(_("Takings"), money(report.sales_total - report.refunds_total), strong=True),
    ]
    not_yet_paid = report.net_by(PaymentMethod.ACCOUNT)
    if not_yet_paid:
        sales.append(ReportRow(_("of which not yet paid (kasbon)"), money(not_yet_paid)))
    paid_earlier = report.net_by(PaymentMethod.DEPOSIT)
    if paid_earlier:
        sales.append(
            ReportRow(_("of which paid earlier (down payments)"), money(paid_earlier))
        )
    methods = []
    for totals in report.methods:
        label = method_label(totals.method, METHOD_LABELS)
        methods.append(ReportRow(label, money(totals.sales)))
        if totals.refunds:
            methods.append(
                ReportRow(_("{method} refunded").format(method=label), money(-totals.refunds))
            )
    if not methods:
        methods.append(ReportRow(_("No payments taken"), ""))
    drawer = [
        ReportRow(_("Float"), money(report.float_amount)),
        ReportRow(_("Cash sales"), money(report.cash_sales)),
        ReportRow(_("Cash refunds"), money(-report.cash_refunds)),
        ReportRow(_("Paid in"), money(report.pay_ins)),
        ReportRow(_("Paid out"), money(-report.pay_outs)),
    ]
    if report.other_cash:
        drawer.append(ReportRow(_("Kasbon repaid and down payments"), money(report.other_cash)))
    drawer.append(ReportRow(_("Expected"), money(report.expected), strong=True))
    if report.counted is not None and report.difference is not None:
        drawer += [
            ReportRow(_("Counted"), money(report.counted), strong=True),
            ReportRow(
                _("Difference ({how})").format(how=difference_label(report.difference)),
                money(report.difference),
                strong=True,
            ),
        ]
    sections = [
        ReportSection("", tuple(header)),
        ReportSection(_("Sales"), tuple(sales)),
        ReportSection(_("By payment method"), tuple(methods)),
    ]
    if report.other_money:
        other = tuple(
            ReportRow(other_label(item, _method_label), money(item.signed))
            for item in report.other_money
        )
        sections.append(ReportSection(_("Money in besides sales"), other))
    sections.append(ReportSection(_("Cash drawer"), tuple(drawer)))
    if report.movements:
        moves = []
        for m in report.movements:
            text = _("{time} in: {reason}") if m.kind == PAY_IN else _("{time} out: {reason}")
            moves.append(
                ReportRow(
                    text.format(time=m.at.strftime("%H:%M"), reason=m.reason),
                    money(m.amount if m.kind == PAY_IN else -m.amount),
                )
            )
        sections.append(ReportSection(_("Paid in and out"), tuple(moves)))
    if report.counted_pieces:
        counted = [
            ReportRow(_piece_label(p, money(p.value)), money(p.value * p.count))
            for p in report.counted_pieces
        ]
        if report.counted_other:
            counted.append(ReportRow(_("Counted as a sum"), money(report.counted_other)))
        sections.append(ReportSection(_("Cash counted"), tuple(counted)))
    notes = tuple(ReportRow(line.strip(), "") for line in report.note.splitlines() if line.strip())
    if notes:  # the note typed when the shift opened, then the one typed when it closed
        sections.append(ReportSection(_("Note"), notes))
    return tuple(sections)


def layout_shift_report(report: ShiftReport, columns: int) -> tuple[LaidLine, ...]:
    """The report as plain ASCII lines for a receipt paper ``columns`` characters wide."""
    out = [LaidLine(line, LineStyle.TITLE) for line in centred(report.shop_name, columns)]
    out += [LaidLine(line, LineStyle.TITLE) for line in centred(report_title(report), columns)]
    for section in shift_report_sections(report):
        out.append(rule(columns))
        if section.title:
            out += [LaidLine(line) for line in wrap(section.title.upper(), columns)]
        for row in section.rows:
            style = LineStyle.STRONG if row.strong else LineStyle.PLAIN
            if row.value:
                out += [LaidLine(text, style) for text in pair(row.label, row.value, columns)]
            else:
                out += [LaidLine(text, style) for text in wrap(row.label, columns)]
    out.append(rule(columns))
    return tuple(out)


def _method_label(method: str) -> str:
    return method_label(method, METHOD_LABELS)


def _piece_label(piece: CountedPiece, value: str) -> str:
    """``Rp5.000 x 3`` for notes; coins say so, as Rp1.000 is both a note and a coin."""
    if piece.piece == Piece.COIN:
        return _("{value} coin x {count}").format(value=value, count=piece.count)
    return f"{value} x {piece.count}"
