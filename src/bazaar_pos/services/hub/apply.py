"""Applying other tills' records pulled from the hub to this till, in one local transaction.

Sales and stock movements go through the bundles' own apply code, refunds and
voids onto the sale lines they give back; records
already here (by UUID) are skipped, so a pull can be repeated. Stock is never
overwritten: it is the sum of every till's movements. A product or user edited
on two tills takes the later edit; the other one is written to the audit log.
Customers, kasbon entries, pre-orders, marketplace mappings and returns go
through the code bundles share (``merging.bundles.linked_apply``).
"""

from __future__ import annotations

import json
import logging
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import Date, func, select, update
from sqlalchemy.orm import Session

from bazaar_pos.domain.quantity import format_quantity, unit_of
from bazaar_pos.i18n import N_, _
from bazaar_pos.services.audit_writer import record_event
from bazaar_pos.services.hub.outbox import APPLIED, HELD, VERSIONED
from bazaar_pos.services.merging.bundles.apply import (
    apply_movements,
    apply_sales,
    products_by_sku,
    products_for,
    skus_used,
)
from bazaar_pos.services.merging.bundles.clashes import _known
from bazaar_pos.services.merging.bundles.customer_apply import link_customers
from bazaar_pos.services.merging.bundles.customer_records import MODELS
from bazaar_pos.services.merging.bundles.linked_apply import (
    apply_after_sales,
    apply_before_sales,
)
from bazaar_pos.services.merging.bundles.merge_context import MergeContext
from bazaar_pos.services.merging.bundles.records import _parse_time, _timestamp
from bazaar_pos.store.models import (
    AuditEvent,
    BazaarEvent,
    CashMovement,
    CashShift,
    ConsignmentSettlement,
    ConsignmentSettlementLine,
    Consignor,
    OutboxRecord,
    Product,
    Refund,
    RefundLine,
    RefundPayment,
    Sale,
    SaleLine,
    StockMovement,
    User,
)
from bazaar_pos.store.types import UTCDateTime, utcnow

log = logging.getLogger(__name__)

MISSING = {
    ("shift",): N_("its shift is not here yet"),
    ("event",): N_("its event is not here yet"),
    ("shift", "event"): N_("its shift and event are not here yet"),
}

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
    "online_buffer_milli": "online_buffer_milli",
}
UNIQUE_FIELDS = {"barcode": "barcode", "plu": "plu"}
LINKED = tuple(MODELS)
"""Customers, kasbon, pre-orders, mappings and returns: applied by the code bundles share."""
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
    consignors: int = 0
    events: int = 0
    shifts: int = 0
    cash_movements: int = 0
    settlements: int = 0
    audit_events: int = 0
    superseded: list[str] = field(default_factory=list)
    """SKUs and user names whose edit here lost to a later one from another till, or the reverse."""
    oversold: list[str] = field(default_factory=list)
    """SKUs of one-of-a-kind pieces sold on more than one till: their stock is now below zero."""
    replaced: list[str] = field(default_factory=list)
    """SKUs and names whose edit made on this till lost to a later one from another till."""
    held: list[tuple[Pulled, str]] = field(default_factory=list)
    """Records that cannot be applied yet, with why: kept aside and tried on the next sync."""
    linked: Counter[str] = field(default_factory=Counter)
    """Customers, groups, group prices, kasbon entries, pre-orders, mappings, returns, by kind."""
    clashes: list[str] = field(default_factory=list)
    """Marketplace codes mapped to two products, returns confirmed on two tills: for a person."""

    def add(self, other: Applied) -> None:
        """Count ``other`` in too."""
        for name in (
            "sales", "refunds", "movements", "products", "users", "consignors", "events",
            "shifts", "cash_movements", "settlements", "audit_events",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.superseded.extend(other.superseded)
        self.oversold.extend(other.oversold)
        self.replaced.extend(other.replaced)
        self.held.extend(other.held)
        self.linked.update(other.linked)
        self.clashes.extend(other.clashes)


def apply_pulled(session: Session, records: list[Pulled]) -> Applied:
    """Apply ``records`` (other tills', in hub order) inside the caller's transaction.

    They are applied in dependency order (consignors before their products and
    settlements, shifts and events before their sales, sales before their
    refunds and settlements); a record that still cannot be applied is held
    aside with its reason (state ``held``) to be tried again on the next sync.
    """
    applied = Applied()
    versions = [r.uuid for r in records if r.kind in VERSIONED]
    seen = set(
        session.scalars(
            select(OutboxRecord.uuid).where(
                OutboxRecord.uuid.in_(versions), OutboxRecord.state == APPLIED
            )
        )
    )  # versions applied here before, pulled again: nothing to do
    live = [r for r in records if not r.payload.get("gone") and r.uuid not in seen]
    was_held = set(
        session.scalars(
            select(OutboxRecord.uuid).where(
                OutboxRecord.uuid.in_([r.uuid for r in records]), OutboxRecord.state == HELD
            )
        )
    )
    descriptions = {r.payload["sku"]: r.payload for r in live if r.kind == "product"}
    for record in _of(live, "consignor"):
        _consignor(session, record, applied)
    for record in live:
        if record.kind == "product":
            _product(session, record, applied)
        elif record.kind == "user":
            _user(session, record, applied)
    context = _context(session, live, applied)
    linked = {kind: [r.payload for r in _of(live, kind)] for kind in LINKED}
    apply_before_sales(context, linked)
    for record in _of(live, "event"):
        _event(session, record, applied)
    for record in _of(live, "shift"):
        _shift(session, record, applied)
    _cash_movements(session, _of(live, "cash_movement"), applied)
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
    _link_sales(session, _of(live, "sale"), applied)
    applied.refunds = _refunds(session, _of(live, "refund"), applied)
    _settlements(session, _of(live, "settlement"), applied)
    link_customers(context, [r.payload for r in _of(live, "sale")])
    apply_after_sales(context, linked)
    applied.linked.update(context.merged.counts)
    applied.superseded.extend(context.merged.superseded)
    applied.clashes.extend(context.merged.clashes)
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
    still_held = {record.uuid for record, _reason in applied.held}
    done = was_held - still_held
    if done:
        table = OutboxRecord.core_table()
        session.execute(
            update(table)
            .where(table.c.uuid.in_(sorted(done)), table.c.state == HELD)
            .values(state=APPLIED, reason="")
        )
    return applied


def _context(session: Session, live: list[Pulled], applied: Applied) -> MergeContext:
    """The context the shared apply code of customers and marketplaces holds records through."""
    by_payload = {id(record.payload): record for record in live}

    def hold(payload: dict[str, Any], reason: str) -> None:
        _hold(session, by_payload[id(payload)], reason, applied)

    return MergeContext(session, "hub", hold)


def _of(records: list[Pulled], kind: str) -> list[Pulled]:
    return [record for record in records if record.kind == kind]


def _hold(session: Session, record: Pulled, reason: str, applied: Applied) -> None:
    """Keep ``record`` aside with ``reason``, to be tried again on the next sync."""
    row = session.scalar(select(OutboxRecord).where(OutboxRecord.uuid == record.uuid))
    if row is None:
        session.add(
            OutboxRecord(
                uuid=record.uuid,
                kind=record.kind,
                ref=record.payload.get("uuid", ""),
                state=HELD,
                created_at=utcnow(),
                reason=reason,
            )
        )
    else:
        row.state, row.reason = HELD, reason
    session.flush()
    applied.held.append((record, reason))


def _consignor_id(session: Session, uuid: str | None, name: str | None) -> int | None:
    """The consignor here with ``uuid``, else the one called ``name``; None when neither."""
    found = uuid and session.scalar(select(Consignor.id).where(Consignor.uuid == uuid))
    if not found and name:
        found = session.scalar(select(Consignor.id).where(Consignor.name == name))
    return found or None


def _columns(model: Any, data: dict[str, Any]) -> dict[str, Any]:
    """The values of ``model``'s own columns in a row record, times and dates parsed."""
    values: dict[str, Any] = {}
    for column in model.__table__.columns:
        if column.name == "id" or column.name not in data:
            continue
        value = data[column.name]
        if isinstance(value, str) and isinstance(column.type, UTCDateTime):
            value = _parse_time(value)
        elif isinstance(value, str) and isinstance(column.type, Date):
            value = date.fromisoformat(value)
        values[column.name] = value
    return values


def _versioned_row(
    session: Session,
    model: Any,
    record: Pulled,
    applied: Applied,
    *,
    skip: tuple[str, ...] = (),
    name: str = "",
) -> Any:
    """Add or update the row of a versioned record by UUID when it is the later version.

    Returns the row, or None when the version here is later (that edit stays).
    """
    data = record.payload
    values = {k: v for k, v in _columns(model, data).items() if k not in skip}
    row = session.scalar(select(model).where(model.uuid == data["uuid"]))
    if row is None and name:
        row = session.scalar(select(model).where(model.name == data[name]))
    edited = _parse_time(data["edited_at"])
    if row is None:
        row = model(**values)
        session.add(row)
        session.flush()
        _remember_version(session, record, row.uuid, edited)
        return row
    newer, edited = _newer(session, record, row.uuid)
    shown = data.get("name") or data.get("number") or data["uuid"]
    if not newer:
        if model is not CashShift:
            _superseded(session, record.kind, shown, data, record, applied)
        return None
    before = {key: getattr(row, key) for key in values if key != "uuid"}
    if model is not CashShift and any(before[key] != values[key] for key in before):
        kept = {key: _plain(value) for key, value in before.items()}
        _superseded(session, record.kind, shown, kept, record, applied)
        if _edited_here(session, record.kind, row.uuid, edited):
            applied.replaced.append(shown)
    for key, value in values.items():
        if key != "uuid":
            setattr(row, key, value)
    session.flush()
    _remember_version(session, record, row.uuid, edited)
    return row


def _plain(value: object) -> object:
    if isinstance(value, datetime):
        return _timestamp(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def _consignor(session: Session, record: Pulled, applied: Applied) -> None:
    if _versioned_row(session, Consignor, record, applied, name="name") is not None:
        applied.consignors += 1


def _event(session: Session, record: Pulled, applied: Applied) -> None:
    if _versioned_row(session, BazaarEvent, record, applied) is not None:
        applied.events += 1


def _shift(session: Session, record: Pulled, applied: Applied) -> None:
    """Another till's shift, kept as that till's (its ``till_id``)."""
    if _versioned_row(session, CashShift, record, applied) is not None:
        applied.shifts += 1


def _cash_movements(session: Session, records: list[Pulled], applied: Applied) -> None:
    known = _known(session, CashMovement.uuid, [r.payload["uuid"] for r in records])
    for record in records:
        data = record.payload
        if data["uuid"] in known:
            continue
        shift = data.get("shift") and session.scalar(
            select(CashShift.id).where(CashShift.uuid == data["shift"])
        )
        if not shift:
            _hold(session, record, _("its shift is not here yet"), applied)
            continue
        values = _columns(CashMovement, data) | {"shift_id": shift}
        session.add(CashMovement(**values))
        applied.cash_movements += 1
    session.flush()


def _link_sales(session: Session, records: list[Pulled], applied: Applied) -> None:
    """Point the pulled sales at their shift and event by UUID, when their records name them."""
    for record in records:
        data = record.payload
        if not data.get("shift") and not data.get("event"):
            continue  # an older record, or a sale outside any shift and event
        sale = session.scalar(select(Sale).where(Sale.uuid == data["uuid"]))
        if sale is None:
            continue
        missing = []
        if data.get("shift") and sale.shift_id is None:
            sale.shift_id = session.scalar(
                select(CashShift.id).where(CashShift.uuid == data["shift"])
            )
            if sale.shift_id is None:
                missing.append("shift")
        if data.get("event") and sale.event_id is None:
            sale.event_id = session.scalar(
                select(BazaarEvent.id).where(BazaarEvent.uuid == data["event"])
            )
            if sale.event_id is None:
                missing.append("event")
        if missing:
            _hold(session, record, _(MISSING[tuple(missing)]), applied)
    session.flush()


def _settlements(session: Session, records: list[Pulled], applied: Applied) -> None:
    """Add the consignment settlements new here, on the sale lines they pay out."""
    known = _known(session, ConsignmentSettlement.uuid, [r.payload["uuid"] for r in records])
    for record in records:
        data = record.payload
        if data["uuid"] in known:
            continue
        consignor = _consignor_id(session, data.get("consignor"), data.get("consignor_name"))
        if consignor is None:
            _hold(session, record, _("its consignor is not here yet"), applied)
            continue
        wanted = {line["sale"] for line in data.get("lines", [])}
        sale_lines = {
            (sale_uuid, position): line_id
            for line_id, sale_uuid, position in session.execute(
                select(SaleLine.id, Sale.uuid, SaleLine.position)
                .join(Sale, Sale.id == SaleLine.sale_id)
                .where(Sale.uuid.in_(sorted(wanted)))
            )
        }
        if any((line["sale"], line["position"]) not in sale_lines for line in data["lines"]):
            _hold(session, record, _("a sale it pays out is not here yet"), applied)
            continue
        values = _columns(ConsignmentSettlement, data) | {"consignor_id": consignor}
        settlement = ConsignmentSettlement(**values)
        session.add(settlement)
        session.flush()
        session.add_all(
            ConsignmentSettlementLine(
                settlement_id=settlement.id,
                sale_line_id=sale_lines[line["sale"], line["position"]],
                quantity_milli=line["quantity_milli"],
                amount_minor=line["amount"],
                commission_minor=line["commission"],
                owed_minor=line["owed"],
            )
            for line in data["lines"]
        )
        applied.settlements += 1
    session.flush()


def _refunds(session: Session, pulled: list[Pulled], applied: Applied) -> int:
    """Add the refunds and voids new here, on the sale lines they give back; how many.

    Their stock comes back through their own stock movement records.
    """
    known = _known(session, Refund.uuid, [r.payload["uuid"] for r in pulled])
    added = 0
    for item in pulled:
        record = item.payload
        if record["uuid"] in known:
            continue
        sale = session.scalar(select(Sale).where(Sale.uuid == record["sale"]))
        if sale is None:  # not pulled yet, or refused by the hub: kept to try again
            log.warning("refund %s names a sale this till lacks", record["uuid"])
            _hold(session, item, _("its sale is not here yet"), applied)
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
            OutboxRecord.kind == kind, OutboxRecord.ref == ref, OutboxRecord.state != HELD
        )
    )


def _edited_here(session: Session, kind: str, ref: str, edited: datetime) -> bool:
    """Whether the latest version here is an edit of this till's the other one lacked.

    That is, the other till edited at ``edited``, before this till's edit was sent.
    """
    latest = session.execute(
        select(OutboxRecord.state, OutboxRecord.sent_at)
        .where(OutboxRecord.kind == kind, OutboxRecord.ref == ref, OutboxRecord.state != HELD)
        .order_by(OutboxRecord.created_at.desc(), OutboxRecord.id.desc())
        .limit(1)
    ).first()
    if latest is None or latest.state == APPLIED:
        return False
    return latest.sent_at is None or latest.sent_at > edited


def _remember_version(session: Session, record: Pulled, ref: str, edited: datetime) -> None:
    row = session.scalar(select(OutboxRecord).where(OutboxRecord.uuid == record.uuid))
    if row is None:  # else it was held aside before: now applied
        row = OutboxRecord(uuid=record.uuid, kind=record.kind)
        session.add(row)
    row.ref, row.state, row.created_at, row.reason = ref, APPLIED, edited, ""


def _newer(session: Session, record: Pulled, ref: str) -> tuple[bool, datetime]:
    edited = _parse_time(record.payload["edited_at"])
    here = _version_here(session, record.kind, ref)
    return here is None or edited > here, edited


def _product(session: Session, record: Pulled, applied: Applied) -> None:
    data = record.payload
    if (data.get("consignor") or data.get("consignor_uuid")) and _consignor_id(
        session, data.get("consignor_uuid"), data.get("consignor")
    ) is None:
        _hold(session, record, _("its consignor is not here yet"), applied)
        return
    product = session.scalar(select(Product).where(Product.uuid == data["uuid"]))
    if product is None:
        product = products_by_sku(session, [data["sku"]]).get(data["sku"])
    elif product.sku != data["sku"] and session.scalar(
        select(Product.id).where(Product.sku == data["sku"], Product.id != product.id)
    ):  # renamed on its till to a SKU another product has here
        _hold(
            session,
            record,
            _("the SKU {sku} belongs to another product here").format(sku=data["sku"]),
            applied,
        )
        return
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
            if _edited_here(session, "product", product.uuid, edited):
                applied.replaced.append(data["sku"])
    for key, column in PRODUCT_FIELDS.items():
        if key in data:
            setattr(product, column, data[key])
    product.sku = data["sku"]
    for key, column in UNIQUE_FIELDS.items():
        value = data.get(key)
        taken = value is not None and session.scalar(
            select(Product.id).where(
                getattr(Product, column) == value, Product.uuid != product.uuid
            )
        )
        if not taken:
            setattr(product, column, value)
    product.parent_id = (
        session.scalar(select(Product.id).where(Product.sku == data["parent"]))
        if data.get("parent")
        else None
    )
    product.consignor_id = _consignor_id(
        session, data.get("consignor_uuid"), data.get("consignor")
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
