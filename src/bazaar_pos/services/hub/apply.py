"""Applying other tills' records pulled from the hub to this till, in one local transaction.

Sales and stock movements go through the bundles' own apply code, refunds and
voids onto the sale lines they give back; records
already here (by UUID) are skipped, so a pull can be repeated. Stock is never
overwritten: it is the sum of every till's movements. A product or user edited
on two tills takes the later edit; the other one is written to the audit log.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bazaar_pos.domain.quantity import format_quantity, unit_of
from bazaar_pos.services.audit_writer import record_event
from bazaar_pos.services.hub.outbox import APPLIED
from bazaar_pos.services.merging.bundles.apply import (
    apply_movements,
    apply_sales,
    products_by_sku,
    products_for,
    skus_used,
)
from bazaar_pos.services.merging.bundles.clashes import _known
from bazaar_pos.services.merging.bundles.records import _parse_time
from bazaar_pos.store.models import (
    AuditEvent,
    Consignor,
    OutboxRecord,
    Product,
    Refund,
    RefundLine,
    RefundPayment,
    Sale,
    StockMovement,
    User,
)

log = logging.getLogger(__name__)

PRODUCT_FIELDS = {
    "name": "name",
    "category": "category",
    "price": "price_minor",
    "cost": "cost_minor",
    "unit": "unit",
    "active": "active",
    "taxable": "taxable",
    "low_stock_milli": "low_stock_milli",
    "notes": "notes",
    "one_of_a_kind": "one_of_a_kind",
    "option_axes": "option_axes",
    "option_values": "option_values",
    "commission_kind": "commission_kind",
    "commission_value": "commission_value",
}
UNIQUE_FIELDS = {"barcode": "barcode", "plu": "plu"}
USER_FIELDS = {"role": "role", "pin_hash": "pin_hash", "active": "active"}


@dataclass(frozen=True, slots=True)
class Pulled:
    """One record from the hub."""

    seq: int
    uuid: str
    kind: str
    till_id: str
    payload: dict[str, Any]


@dataclass(slots=True)
class Applied:
    """What applying pulled records changed here."""

    sales: int = 0
    refunds: int = 0
    """Refunds and voids."""
    movements: int = 0
    products: int = 0
    users: int = 0
    audit_events: int = 0
    superseded: list[str] = field(default_factory=list)
    """SKUs and user names whose edit here lost to a later one from another till, or the reverse."""
    oversold: list[str] = field(default_factory=list)
    """SKUs of one-of-a-kind pieces sold on more than one till: their stock is now below zero."""


def apply_pulled(session: Session, records: list[Pulled]) -> Applied:
    """Apply ``records`` (other tills', in hub order) inside the caller's transaction."""
    applied = Applied()
    live = [r for r in records if not r.payload.get("gone")]
    descriptions = {r.payload["sku"]: r.payload for r in live if r.kind == "product"}
    for record in live:
        if record.kind == "product":
            _product(session, record, applied)
        elif record.kind == "user":
            _user(session, record, applied)
    sales = [r.payload for r in live if r.kind == "sale"]
    known = _known(session, Sale.uuid, [s["uuid"] for s in sales])
    new_sales = [s for s in sales if s["uuid"] not in known]
    moves = [r.payload for r in live if r.kind == "stock_movement"]
    known = _known(session, StockMovement.uuid, [m["uuid"] for m in moves])
    new_moves = [m for m in moves if m["uuid"] not in known]
    products, _created = products_for(session, skus_used(new_sales, new_moves), descriptions)
    apply_sales(session, new_sales, products)
    apply_movements(session, new_moves, products)
    applied.sales, applied.movements = len(new_sales), len(new_moves)
    applied.refunds = _refunds(session, [r.payload for r in live if r.kind == "refund"])
    moved = {move["sku"] for move in new_moves}
    for sku in sorted(moved):
        product = products[sku]
        if product.one_of_a_kind and product.stock_milli < 0:
            record_event(
                session,
                "hub.oversold",
                entity="product",
                entity_ref=sku,
                details={
                    "stock_after": format_quantity(
                        product.stock_milli, unit_of(product.unit), "en"
                    )
                },
            )
            applied.oversold.append(sku)
    events = [r.payload for r in live if r.kind == "audit_event"]
    known = _known(session, AuditEvent.uuid, [e["uuid"] for e in events])
    for event in events:
        if event["uuid"] not in known:
            session.add(
                AuditEvent(
                    uuid=event["uuid"],
                    created_at=_parse_time(event["created_at"]),
                    actor=event["actor"],
                    action=event["action"],
                    entity=event["entity"],
                    entity_ref=event["entity_ref"],
                    details=event["details"],
                )
            )
            applied.audit_events += 1
    session.flush()
    return applied


def _refunds(session: Session, refunds: list[dict[str, Any]]) -> int:
    """Add the refunds and voids new here, on the sale lines they give back; how many.

    Their stock comes back through their own stock movement records.
    """
    known = _known(session, Refund.uuid, [r["uuid"] for r in refunds])
    added = 0
    for record in refunds:
        if record["uuid"] in known:
            continue
        sale = session.scalar(select(Sale).where(Sale.uuid == record["sale"]))
        if sale is None:  # its sale was refused by the hub: nothing to give back here
            log.warning("refund %s names a sale this till lacks", record["uuid"])
            continue
        lines = {line.position: line.id for line in sale.lines}
        refund = Refund(
            uuid=record["uuid"],
            number=record["number"],
            kind=record["kind"],
            sequence=record["sequence"],
            till_id=record["till_id"],
            sale_id=sale.id,
            cashier=record["cashier"],
            reason=record["reason"],
            currency=record["currency"],
            total_minor=record["total"],
            rounding_minor=record["rounding"],
            created_at=_parse_time(record["created_at"]),
        )
        refund.lines = [
            RefundLine(
                sale_line_id=lines[line["position"]],
                quantity_milli=line["quantity_milli"],
                amount_minor=line["amount"],
                tax_minor=line["tax"],
                restocked=line["restocked"],
                commission_minor=line["commission"],
            )
            for line in record["lines"]
        ]
        refund.payments = [
            RefundPayment(
                method=payment["method"],
                amount_minor=payment["amount"],
                reference=payment["reference"],
            )
            for payment in record["payments"]
        ]
        session.add(refund)
        added += 1
    session.flush()
    return added


def _version_here(session: Session, kind: str, ref: str) -> datetime | None:
    return session.scalar(
        select(func.max(OutboxRecord.created_at)).where(
            OutboxRecord.kind == kind, OutboxRecord.ref == ref
        )
    )


def _remember_version(session: Session, record: Pulled, ref: str, edited: datetime) -> None:
    session.add(
        OutboxRecord(uuid=record.uuid, kind=record.kind, ref=ref, state=APPLIED, created_at=edited)
    )


def _newer(session: Session, record: Pulled, ref: str) -> tuple[bool, datetime]:
    edited = _parse_time(record.payload["edited_at"])
    here = _version_here(session, record.kind, ref)
    return here is None or edited > here, edited


def _product(session: Session, record: Pulled, applied: Applied) -> None:
    data = record.payload
    product = products_by_sku(session, [data["sku"]]).get(data["sku"])
    if product is None:
        product = Product(uuid=data["uuid"], sku=data["sku"], stock_milli=0)
        session.add(product)
        newer, edited = True, _parse_time(data["edited_at"])
    else:
        newer, edited = _newer(session, record, product.uuid)
    if not newer:
        _superseded(session, "product", data["sku"], data, record, applied)
        return
    if product.id is not None:
        before = {key: getattr(product, column) for key, column in PRODUCT_FIELDS.items()}
        if any(before[key] != data.get(key) for key in PRODUCT_FIELDS):
            _superseded(session, "product", data["sku"], before, record, applied)
    for key, column in PRODUCT_FIELDS.items():
        if key in data:
            setattr(product, column, data[key])
    for key, column in UNIQUE_FIELDS.items():
        value = data.get(key)
        taken = value is not None and session.scalar(
            select(Product.id).where(getattr(Product, column) == value, Product.sku != data["sku"])
        )
        if not taken:
            setattr(product, column, value)
    product.parent_id = (
        session.scalar(select(Product.id).where(Product.sku == data["parent"]))
        if data.get("parent")
        else None
    )
    product.consignor_id = (
        session.scalar(select(Consignor.id).where(Consignor.name == data["consignor"]))
        if data.get("consignor")
        else None
    )
    session.flush()
    _remember_version(session, record, product.uuid, edited)
    applied.products += 1


def _user(session: Session, record: Pulled, applied: Applied) -> None:
    data = record.payload
    user = session.scalar(select(User).where(User.name == data["name"]))
    if user is None:
        user = User(uuid=data["uuid"], name=data["name"])
        session.add(user)
        newer, edited = True, _parse_time(data["edited_at"])
    else:
        newer, edited = _newer(session, record, user.uuid)
    if not newer:
        _superseded(session, "user", data["name"], {"role": data["role"]}, record, applied)
        return
    for key, column in USER_FIELDS.items():
        setattr(user, column, data[key])
    session.flush()
    _remember_version(session, record, user.uuid, edited)
    applied.users += 1


def _superseded(
    session: Session,
    entity: str,
    ref: str,
    values: dict[str, Any],
    record: Pulled,
    applied: Applied,
) -> None:
    """Keep the edit that lost (here or from another till) in the audit log."""
    kept = {key: value for key, value in values.items() if key not in ("pin_hash", "edited_at")}
    record_event(
        session,
        "hub.edit_superseded",
        entity=entity,
        entity_ref=ref,
        details={"till_id": record.till_id, "record": record.uuid, "superseded": kept},
    )
    applied.superseded.append(ref)


def decode(seq: int, uuid: str, kind: str, till_id: str, payload: str) -> Pulled:
    """A hub row as a pulled record."""
    return Pulled(seq, uuid, kind, till_id, json.loads(payload))
