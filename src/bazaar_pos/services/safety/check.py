"""Checks that the database holds together: integrity, sale and refund arithmetic, the ledgers."""

from __future__ import annotations

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from bazaar_pos.domain.payment import PaymentMethod, PaymentStatus, needs_confirmation
from bazaar_pos.domain.quantity import PER_UNIT, Unit, format_quantity, plain_quantity, unit_of
from bazaar_pos.i18n import _
from bazaar_pos.services.safety.ledger_check import ledger_problems
from bazaar_pos.store.database import Database
from bazaar_pos.store.models import (
    Payment,
    Product,
    Refund,
    RefundLine,
    RefundPayment,
    Sale,
    SaleLine,
    StockMovement,
)
from bazaar_pos.store.quantities import amount_disagrees


def check_database(db: Database) -> list[str]:
    """Return every problem found; an empty list means all holds."""
    problems: list[str] = []
    with db.reading() as session:
        if db.engine.dialect.name == "sqlite":
            result = [row[0] for row in session.execute(text("PRAGMA integrity_check"))]
            if result != ["ok"]:
                problems.extend(_("SQLite integrity: {line}").format(line=r) for r in result)
        problems.extend(_sale_problems(session))
        problems.extend(_refund_problems(session))
        problems.extend(_payment_problems(session))
        problems.extend(_stock_problems(session))
        problems.extend(_unit_problems(session))
        problems.extend(ledger_problems(session))
    return problems


def _unit_problems(session: Session) -> list[str]:
    """Every sale line is in a known unit, and goods counted in pieces in whole pieces."""
    units = [unit.value for unit in Unit]
    rows = session.execute(
        select(Sale.number, SaleLine.name, SaleLine.unit, SaleLine.quantity_milli)
        .join(Sale, Sale.id == SaleLine.sale_id)
        .where(
            (SaleLine.unit.not_in(units))
            | ((SaleLine.unit == Unit.PCS.value) & (SaleLine.quantity_milli % PER_UNIT != 0))
        )
        .order_by(Sale.number, SaleLine.position)
    )
    return [
        _("Sale {number}: {name} is {quantity} {unit}, not whole pieces of a known unit.").format(
            number=number, name=name, quantity=plain_quantity(quantity), unit=unit
        )
        for number, name, unit, quantity in rows
    ]


def _sale_problems(session: Session) -> list[str]:
    lines = (
        select(
            SaleLine.sale_id,
            func.sum(SaleLine.line_total_minor + SaleLine.discount_minor).label("gross"),
            func.sum(SaleLine.discount_minor).label("discount"),
            func.sum(SaleLine.line_total_minor).label("net"),
            func.sum(SaleLine.tax_minor).label("tax"),
            func.sum(
                amount_disagrees(
                    SaleLine.quantity_milli,
                    SaleLine.unit_price_minor,
                    SaleLine.line_total_minor + SaleLine.discount_minor,
                )
            ).label("line_error"),
        )
        .group_by(SaleLine.sale_id)
        .subquery()
    )
    paid = (
        select(Payment.sale_id, func.sum(Payment.amount_minor).label("paid"))
        .group_by(Payment.sale_id)
        .subquery()
    )
    rows = session.execute(
        select(
            Sale,
            func.coalesce(lines.c.gross, 0),
            func.coalesce(lines.c.discount, 0),
            func.coalesce(lines.c.net, 0),
            func.coalesce(lines.c.tax, 0),
            func.coalesce(lines.c.line_error, 0),
            func.coalesce(paid.c.paid, 0),
        )
        .outerjoin(lines, lines.c.sale_id == Sale.id)
        .outerjoin(paid, paid.c.sale_id == Sale.id)
        .order_by(Sale.id)
    )
    problems = []
    for sale, gross, discount, net, tax, line_error, paid_total in rows:
        added_tax = 0 if sale.tax_inclusive else tax
        expected = {
            _("lines not quantity x price"): (line_error, 0),
            _("subtotal"): (sale.subtotal_minor, gross),
            _("discount"): (sale.discount_minor, discount),
            _("tax"): (sale.tax_minor, tax),
            _("total"): (sale.total_minor, net + added_tax),
            _("payments"): (paid_total, sale.total_minor + sale.rounding_minor),
        }
        for what, (found, wanted) in expected.items():
            if found != wanted:
                problems.append(
                    _("Sale {number}: {what} is {found}, expected {wanted}.").format(
                        number=sale.number, what=what, found=found, wanted=wanted
                    )
                )
    return problems


def _refund_problems(session: Session) -> list[str]:
    """Refunds add up, and no sale gives back more goods or money than it took."""
    problems = []
    lines = (
        select(RefundLine.refund_id, func.sum(RefundLine.amount_minor).label("amount"))
        .group_by(RefundLine.refund_id)
        .subquery()
    )
    paid = (
        select(RefundPayment.refund_id, func.sum(RefundPayment.amount_minor).label("paid"))
        .group_by(RefundPayment.refund_id)
        .subquery()
    )
    rows = session.execute(
        select(Refund, func.coalesce(lines.c.amount, 0), func.coalesce(paid.c.paid, 0))
        .outerjoin(lines, lines.c.refund_id == Refund.id)
        .outerjoin(paid, paid.c.refund_id == Refund.id)
        .order_by(Refund.id)
    )
    for refund, amount, paid_back in rows:
        expected = {
            _("lines"): (amount, refund.total_minor),
            _("payments"): (paid_back, refund.total_minor + refund.rounding_minor),
        }
        for what, (found, wanted) in expected.items():
            if found != wanted:
                problems.append(
                    _("Refund {number}: {what} come to {found}, expected {wanted}.").format(
                        number=refund.number, what=what, found=found, wanted=wanted
                    )
                )
    over_lines = session.execute(
        select(
            Sale.number,
            SaleLine.name,
            SaleLine.quantity_milli,
            func.sum(RefundLine.quantity_milli),
            SaleLine.unit,
        )
        .join(SaleLine, SaleLine.id == RefundLine.sale_line_id)
        .join(Sale, Sale.id == SaleLine.sale_id)
        .group_by(RefundLine.sale_line_id)
        .having(func.sum(RefundLine.quantity_milli) > SaleLine.quantity_milli)
        .order_by(Sale.number)
    )
    problems.extend(
        _("Sale {number}: {name} sold {sold} but {refunded} were refunded.").format(
            number=number,
            name=name,
            sold=format_quantity(sold, unit_of(unit), "en"),
            refunded=format_quantity(int(refunded), unit_of(unit), "en"),
        )
        for number, name, sold, refunded, unit in over_lines
    )
    sale_paid = (
        select(Payment.sale_id, func.sum(Payment.amount_minor).label("paid"))
        .group_by(Payment.sale_id)
        .subquery()
    )
    given_back = (
        select(Refund.sale_id, func.sum(RefundPayment.amount_minor).label("back"))
        .join(RefundPayment, RefundPayment.refund_id == Refund.id)
        .group_by(Refund.sale_id)
        .subquery()
    )
    over_money = session.execute(
        select(Sale.number, func.coalesce(sale_paid.c.paid, 0), given_back.c.back)
        .join(given_back, given_back.c.sale_id == Sale.id)
        .outerjoin(sale_paid, sale_paid.c.sale_id == Sale.id)
        .where(given_back.c.back > func.coalesce(sale_paid.c.paid, 0))
        .order_by(Sale.number)
    )
    problems.extend(
        _("Sale {number}: {back} was paid back but only {paid} was paid.").format(
            number=number, back=back, paid=paid_in
        )
        for number, paid_in, back in over_money
    )
    return problems


def _payment_problems(session: Session) -> list[str]:
    """Every payment has a known status; only confirmed ones carry a confirmation time."""
    problems = []
    rows = session.execute(
        select(Sale.number, Payment.method, Payment.status, Payment.confirmed_at)
        .join(Sale, Sale.id == Payment.sale_id)
        .order_by(Sale.number, Payment.id)
    )
    statuses = {status.value for status in PaymentStatus}
    for number, method, status, confirmed_at in rows:
        if status not in statuses:
            problem = _("Sale {number}: a payment has the unknown status {status}.")
        elif (status == PaymentStatus.CONFIRMED) != (confirmed_at is not None):
            problem = _("Sale {number}: a payment marked {status} has the wrong confirmation time.")
        elif status != PaymentStatus.CONFIRMED and not _awaits(method):
            problem = _("Sale {number}: a {method} payment cannot be {status}.")
        else:
            continue
        problems.append(problem.format(number=number, method=method, status=status))
    return problems


def _awaits(method: str) -> bool:
    try:
        return needs_confirmation(PaymentMethod(method))
    except ValueError:
        return False


def _stock_problems(session: Session) -> list[str]:
    ledger = (
        select(StockMovement.product_id, func.sum(StockMovement.quantity_milli).label("qty"))
        .group_by(StockMovement.product_id)
        .subquery()
    )
    rows = session.execute(
        select(Product.sku, Product.stock_milli, func.coalesce(ledger.c.qty, 0), Product.unit)
        .outerjoin(ledger, ledger.c.product_id == Product.id)
        .where(Product.stock_milli != func.coalesce(ledger.c.qty, 0))
        .order_by(Product.sku)
    )
    return [
        _("Product {sku}: stock shows {cached} but the stock ledger adds up to {ledger}.").format(
            sku=sku,
            cached=format_quantity(cached, unit_of(unit), "en"),
            ledger=format_quantity(int(ledger_qty), unit_of(unit), "en"),
        )
        for sku, cached, ledger_qty, unit in rows
    ]
