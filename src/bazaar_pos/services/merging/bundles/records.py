"""Bundle records: sales, movements and products as plain records, and records back as rows."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Row, select
from sqlalchemy.orm import Session

from bazaar_pos.domain.payment import PaymentStatus
from bazaar_pos.store.models import Payment, Product, Sale, SaleLine, StockMovement

SaleParts = tuple[Row[Any], list[Row[Any]], list[Row[Any]]]
"""A sale's row with its lines (by position) and payments (in order), read without the ORM."""


def _timestamp(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def _parse_time(text: str) -> datetime:
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        raise ValueError(f"timestamp without a time zone: {text!r}")
    return moment.astimezone(UTC)


def _optional_date(text: object) -> date | None:
    return date.fromisoformat(text) if isinstance(text, str) else None


def sales_with_parts(session: Session, uuids: Sequence[str]) -> list[SaleParts]:
    """The sales with ``uuids``, each with its lines and payments, in three plain queries.

    Rows, not the ORM's objects: building records for the hub reads thousands.
    """
    sales, lines, payments = Sale.core_table(), SaleLine.core_table(), Payment.core_table()
    found = session.execute(select(sales).where(sales.c.uuid.in_(uuids))).all()
    ids = [sale.id for sale in found]
    lines_of: dict[int, list[Row[Any]]] = defaultdict(list)
    for line in session.execute(
        select(lines).where(lines.c.sale_id.in_(ids)).order_by(lines.c.position)
    ):
        lines_of[line.sale_id].append(line)
    payments_of: dict[int, list[Row[Any]]] = defaultdict(list)
    for payment in session.execute(
        select(payments).where(payments.c.sale_id.in_(ids)).order_by(payments.c.id)
    ):
        payments_of[payment.sale_id].append(payment)
    return [(sale, lines_of[sale.id], payments_of[sale.id]) for sale in found]


def _sale_record(
    sale: Sale | Row[Any],
    lines: Iterable[SaleLine | Row[Any]],
    payments: Iterable[Payment | Row[Any]],
) -> dict[str, Any]:
    """A sale as a bundle record (from the ORM's objects or from plain rows alike)."""
    return {
        "uuid": sale.uuid,
        "number": sale.number,
        "sequence": sale.sequence,
        "till_id": sale.till_id,
        "channel": sale.channel,
        "external_ref": sale.external_ref,
        "cashier": sale.cashier,
        "currency": sale.currency,
        "subtotal": sale.subtotal_minor,
        "discount": sale.discount_minor,
        "tax": sale.tax_minor,
        "tax_inclusive": sale.tax_inclusive,
        "total": sale.total_minor,
        "rounding": sale.rounding_minor,
        "note": sale.note,
        "created_at": _timestamp(sale.created_at),
        "lines": [
            {
                "position": line.position,
                "product": line.product_id is not None,
                "sku": line.sku,
                "name": line.name,
                "quantity_milli": line.quantity_milli,
                "unit": line.unit,
                "unit_price": line.unit_price_minor,
                "unit_cost": line.unit_cost_minor,
                "discount": line.discount_minor,
                "tax": line.tax_minor,
                "line_total": line.line_total_minor,
            }
            for line in lines
        ],
        "payments": [
            {
                "method": payment.method,
                "amount": payment.amount_minor,
                "tendered": payment.tendered_minor,
                "change": payment.change_minor,
                "reference": payment.reference,
                "status": payment.status,
                "confirmed_at": (
                    _timestamp(payment.confirmed_at) if payment.confirmed_at else None
                ),
                "confirmed_by": payment.confirmed_by,
            }
            for payment in payments
        ],
    }


def _movement_record(movement: StockMovement | Row[Any], sku: str) -> dict[str, Any]:
    return {
        "uuid": movement.uuid,
        "sku": sku,
        "quantity_milli": movement.quantity_milli,
        "reason": movement.reason,
        "reference": movement.reference,
        "note": movement.note,
        "unit_cost": movement.unit_cost_minor,
        "till_id": movement.till_id,
        "created_at": _timestamp(movement.created_at),
    }


def _product_record(product: Product) -> dict[str, Any]:
    return {
        "sku": product.sku,
        "name": product.name,
        "category": product.category,
        "price": product.price_minor,
        "cost": product.cost_minor,
        "unit": product.unit,
        "online_buffer_milli": product.online_buffer_milli,
    }


def _sale_row(sale: dict[str, Any], products: dict[str, Product]) -> Sale:
    row = Sale(
        uuid=sale["uuid"],
        number=sale["number"],
        sequence=sale["sequence"],
        till_id=sale["till_id"],
        channel=sale["channel"],
        external_ref=sale.get("external_ref"),
        cashier=sale["cashier"],
        currency=sale["currency"],
        subtotal_minor=sale["subtotal"],
        discount_minor=sale["discount"],
        tax_minor=sale["tax"],
        tax_inclusive=sale["tax_inclusive"],
        total_minor=sale["total"],
        rounding_minor=sale["rounding"],
        note=sale["note"],
        created_at=_parse_time(sale["created_at"]),
    )
    row.lines = [
        SaleLine(
            position=line["position"],
            product_id=products[line["sku"]].id if line["product"] else None,
            sku=line["sku"],
            name=line["name"],
            quantity_milli=line["quantity_milli"],
            unit=line["unit"],
            unit_price_minor=line["unit_price"],
            unit_cost_minor=line["unit_cost"],
            discount_minor=line["discount"],
            tax_minor=line["tax"],
            line_total_minor=line["line_total"],
        )
        for line in sale["lines"]
    ]
    row.payments = [
        Payment(
            method=payment["method"],
            amount_minor=payment["amount"],
            tendered_minor=payment["tendered"],
            change_minor=payment["change"],
            reference=payment["reference"],
            **_confirmation(payment, row.created_at),
        )
        for payment in sale["payments"]
    ]
    return row


def _confirmation(payment: dict[str, Any], sold_at: datetime) -> dict[str, Any]:
    """A payment's confirmation; bundles from before it existed count as confirmed at the sale."""
    status = payment.get("status", PaymentStatus.CONFIRMED.value)
    confirmed_at = payment.get("confirmed_at")
    if status == PaymentStatus.CONFIRMED.value and confirmed_at is None:
        return {"status": status, "confirmed_at": sold_at, "confirmed_by": ""}
    return {
        "status": status,
        "confirmed_at": _parse_time(confirmed_at) if confirmed_at else None,
        "confirmed_by": payment.get("confirmed_by", ""),
    }
