"""The records a till sends, built from its rows when sent (bundle records where they exist)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from sqlalchemy import Select, Table, select
from sqlalchemy.orm import Session, selectinload

from bazaar_pos.services.merging.bundles.customer_records import MODELS, build_records
from bazaar_pos.services.merging.bundles.records import (
    SaleParts,
    _movement_record,
    _product_record,
    _sale_record,
    _timestamp,
    sales_with_parts,
)
from bazaar_pos.store.models import (
    AuditEvent,
    BazaarEvent,
    CashMovement,
    CashShift,
    ConsignmentSettlement,
    ConsignmentSettlementLine,
    Consignor,
    Customer,
    Product,
    Refund,
    RefundLine,
    Sale,
    SaleLine,
    StockMovement,
    User,
)

GENERIC: dict[str, Table] = {
    "shift": CashShift.core_table(),
    "cash_movement": CashMovement.core_table(),
    "event": BazaarEvent.core_table(),
    "settlement": ConsignmentSettlement.core_table(),
    "consignor": Consignor.core_table(),
}
"""Kinds sent as their row's columns, with the UUIDs of the rows they point at."""
KINDS = frozenset(
    {"sale", "refund", "stock_movement", "product", "user", "audit_event", *GENERIC, *MODELS}
)


def _plain(value: object) -> object:
    if isinstance(value, datetime):
        return _timestamp(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def build(session: Session, kind: str, refs: Iterable[str]) -> dict[str, dict[str, Any]]:
    """The records of ``kind`` for the rows with UUIDs ``refs``, by UUID (rows gone left out)."""
    wanted = sorted(set(refs))
    if kind in MODELS:
        return build_records(session, kind, lambda model: model.uuid.in_(wanted))
    if kind == "sale":
        return _sales(session, sales_with_parts(session, wanted))
    if kind == "refund":
        refunds = (
            select(Refund)
            .where(Refund.uuid.in_(wanted))
            .options(
                selectinload(Refund.sale),
                selectinload(Refund.lines).selectinload(RefundLine.sale_line),
                selectinload(Refund.payments),
            )
        )
        return {refund.uuid: _refund(refund) for refund in session.scalars(refunds)}
    if kind == "stock_movement":
        moves, products = StockMovement.core_table(), Product.core_table()
        rows = session.execute(
            select(moves, products.c.sku.label("product_sku"))
            .join(products, products.c.id == moves.c.product_id)
            .where(moves.c.uuid.in_(wanted))
        )
        return {move.uuid: _movement_record(move, move.product_sku) for move in rows}
    if kind == "product":
        return {p.uuid: _product(session, p) for p in session.scalars(_in(Product, wanted))}
    if kind == "user":
        return {
            user.uuid: {
                "uuid": user.uuid,
                "name": user.name,
                "role": user.role,
                "pin_hash": user.pin_hash,
                "active": user.active,
            }
            for user in session.scalars(_in(User, wanted))
        }
    if kind == "audit_event":
        return {
            event.uuid: {
                "uuid": event.uuid,
                "created_at": _timestamp(event.created_at),
                "actor": event.actor,
                "action": event.action,
                "entity": event.entity,
                "entity_ref": event.entity_ref,
                "details": event.details,
            }
            for event in session.execute(_rows_in(AuditEvent.core_table(), wanted))
        }
    table = GENERIC[kind]
    found = session.execute(select(table).where(table.c.uuid.in_(wanted))).mappings()
    built = {row["uuid"]: {key: _plain(value) for key, value in row.items()} for row in found}
    for record in built.values():
        _name_links(session, kind, record)
    return built


def _uuid_of(session: Session, model: Any, row_id: int | None) -> str | None:
    return session.scalar(select(model.uuid).where(model.id == row_id)) if row_id else None


def _uuids_of(session: Session, model: Any, row_ids: Iterable[int | None]) -> dict[int, str]:
    """The UUIDs of the rows of ``model`` with ``row_ids``, by id, in one query."""
    wanted = sorted({row_id for row_id in row_ids if row_id})
    if not wanted:
        return {}
    rows = session.execute(select(model.id, model.uuid).where(model.id.in_(wanted)))
    return {row_id: uuid for row_id, uuid in rows}


def _sales(session: Session, sales: list[SaleParts]) -> dict[str, dict[str, Any]]:
    """Sales as bundle records, with the UUIDs of their shifts, events and customers (or None)."""
    shifts = _uuids_of(session, CashShift, (sale.shift_id for sale, _l, _p in sales))
    events = _uuids_of(session, BazaarEvent, (sale.event_id for sale, _l, _p in sales))
    customers = _uuids_of(session, Customer, (sale.customer_id for sale, _l, _p in sales))
    return {
        sale.uuid: _sale_record(sale, lines, payments)
        | {
            "shift": shifts.get(sale.shift_id or 0),
            "event": events.get(sale.event_id or 0),
            "customer": customers.get(sale.customer_id or 0),
        }
        for sale, lines, payments in sales
    }


def _name_links(session: Session, kind: str, record: dict[str, Any]) -> None:
    """Add to a row's record the UUIDs of the rows it points at, which other tills know it by."""
    if kind == "cash_movement":
        record["shift"] = _uuid_of(session, CashShift, record["shift_id"])
    elif kind == "settlement":
        record["consignor"] = _uuid_of(session, Consignor, record["consignor_id"])
        record["consignor_name"] = session.scalar(
            select(Consignor.name).where(Consignor.id == record["consignor_id"])
        )
        lines = session.execute(
            select(ConsignmentSettlementLine, Sale.uuid, SaleLine.position)
            .join(SaleLine, SaleLine.id == ConsignmentSettlementLine.sale_line_id)
            .join(Sale, Sale.id == SaleLine.sale_id)
            .where(ConsignmentSettlementLine.settlement_id == record["id"])
            .order_by(ConsignmentSettlementLine.id)
        )
        record["lines"] = [
            {
                "sale": sale_uuid,
                "position": position,
                "quantity_milli": line.quantity_milli,
                "amount": line.amount_minor,
                "commission": line.commission_minor,
                "owed": line.owed_minor,
            }
            for line, sale_uuid, position in lines
        ]


def _refund(refund: Refund) -> dict[str, Any]:
    """A refund or void with its sale's UUID and the positions of the sale lines it gives back."""
    return {
        "uuid": refund.uuid,
        "number": refund.number,
        "kind": refund.kind,
        "sequence": refund.sequence,
        "till_id": refund.till_id,
        "sale": refund.sale.uuid,
        "cashier": refund.cashier,
        "reason": refund.reason,
        "currency": refund.currency,
        "total": refund.total_minor,
        "rounding": refund.rounding_minor,
        "created_at": _timestamp(refund.created_at),
        "lines": [
            {
                "position": line.sale_line.position,
                "quantity_milli": line.quantity_milli,
                "amount": line.amount_minor,
                "tax": line.tax_minor,
                "restocked": line.restocked,
                "commission": line.commission_minor,
            }
            for line in refund.lines
        ],
        "payments": [
            {"method": p.method, "amount": p.amount_minor, "reference": p.reference}
            for p in refund.payments
        ],
    }


def _in(model: type[Product] | type[User], wanted: list[str]) -> Any:
    return select(model).where(model.uuid.in_(wanted))


def _rows_in(table: Table, wanted: list[str]) -> Select[Any]:
    """Plain rows of ``table`` with the UUIDs ``wanted``, for kinds sent by the thousand."""
    return select(table).where(table.c.uuid.in_(wanted))


def _product(session: Session, product: Product) -> dict[str, Any]:
    record = _product_record(product) | {
        "uuid": product.uuid,
        "barcode": product.barcode,
        "active": product.active,
        "taxable": product.taxable,
        "low_stock_milli": product.low_stock_milli,
        "plu": product.plu,
        "notes": product.notes,
        "one_of_a_kind": product.one_of_a_kind,
        "option_axes": product.option_axes,
        "option_values": product.option_values,
        "commission_kind": product.commission_kind,
        "commission_value": product.commission_value,
        "favourite": product.favourite,
    }
    record["parent"] = (
        session.scalar(select(Product.sku).where(Product.id == product.parent_id))
        if product.parent_id
        else None
    )
    record["consignor"] = (
        session.scalar(select(Consignor.name).where(Consignor.id == product.consignor_id))
        if product.consignor_id
        else None
    )
    record["consignor_uuid"] = _uuid_of(session, Consignor, product.consignor_id)
    return record
