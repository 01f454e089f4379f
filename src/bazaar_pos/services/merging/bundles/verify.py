"""Verifying a bundle record by record, before anything of it is written."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bazaar_pos.domain.payment import PaymentStatus
from bazaar_pos.domain.quantity import PER_UNIT, Unit, amount_agrees
from bazaar_pos.domain.receivables import EntryKind
from bazaar_pos.domain.stock import StockReason
from bazaar_pos.exports.bundle_file import LINKED_MEMBERS, BundleContents
from bazaar_pos.services.merging.bundles.records import _parse_time


@dataclass(frozen=True, slots=True)
class _Verified:
    """A bundle read, checked record by record, with its parsed timestamps."""

    contents: BundleContents
    till_id: str
    till_code: str
    shop_name: str
    app_version: str
    created_at: datetime
    products: dict[str, dict[str, Any]]
    sales: list[dict[str, Any]]
    movements: list[dict[str, Any]]
    linked: dict[str, list[dict[str, Any]]]
    """Customers, kasbon entries, pre-orders, mappings and returns, by kind (none before v2)."""


_SALE_FIELDS = {
    "uuid": str,
    "number": str,
    "sequence": int,
    "till_id": str,
    "channel": str,
    "cashier": str,
    "currency": str,
    "subtotal": int,
    "discount": int,
    "tax": int,
    "tax_inclusive": bool,
    "total": int,
    "rounding": int,
    "note": str,
    "created_at": str,
    "lines": list,
    "payments": list,
}
_LINE_FIELDS = {
    "position": int,
    "product": bool,
    "sku": str,
    "name": str,
    "quantity_milli": int,
    "unit_price": int,
    "unit_cost": int,
    "discount": int,
    "tax": int,
    "line_total": int,
}
_PAYMENT_FIELDS = {"method": str, "amount": int, "tendered": int, "change": int, "reference": str}
_MOVEMENT_FIELDS = {
    "uuid": str,
    "sku": str,
    "quantity_milli": int,
    "reason": str,
    "reference": str,
    "note": str,
    "till_id": str,
    "created_at": str,
}
_PRODUCT_FIELDS = {"sku": str, "name": str, "category": str, "price": int, "cost": int}
_LINKED_FIELDS: dict[str, dict[str, type]] = {
    "customer_group": {"uuid": str, "name": str, "discount_bp": int, "updated_at": str},
    "customer": {"uuid": str, "name": str, "phone": str, "updated_at": str},
    "customer_group_price": {"uuid": str, "price_minor": int, "updated_at": str},
    "account_entry": {
        "uuid": str,
        "customer": str,
        "kind": str,
        "amount_minor": int,
        "till_id": str,
        "created_at": str,
    },
    "customer_order": {
        "uuid": str,
        "number": str,
        "customer": str,
        "status": str,
        "total_minor": int,
        "updated_at": str,
        "lines": list,
        "payments": list,
    },
    "marketplace_sku": {"uuid": str, "code": str, "created_at": str},
    "marketplace_return": {
        "uuid": str,
        "channel": str,
        "order_id": str,
        "sale": str,
        "position": int,
        "quantity_milli": int,
        "status": str,
        "noted_at": str,
    },
}
_ORDER_PAYMENT_FIELDS = {"uuid": str, "kind": str, "method": str, "amount_minor": int}
_TIMES = ("updated_at", "created_at", "noted_at")


def _in_thousandths(record: object) -> object:
    """A record of an older bundle (whole ``quantity``) in thousandths with a unit; others as is."""
    if not isinstance(record, dict):
        return record
    quantity = record.get("quantity")
    if "quantity_milli" not in record and isinstance(quantity, int):
        record["quantity_milli"] = quantity * PER_UNIT
    unit = record.setdefault("unit", Unit.PCS.value)
    if unit not in {u.value for u in Unit}:
        raise ValueError("a record has no valid 'unit'")
    return record


def _require(record: object, fields: dict[str, type], what: str) -> dict[str, Any]:
    record = _in_thousandths(record) if "quantity_milli" in fields else record
    if not isinstance(record, dict):
        raise ValueError(f"a {what} is not a record")
    for field, kind in fields.items():
        value = record.get(field)
        wrong_bool = kind is int and isinstance(value, bool)
        if not isinstance(value, kind) or wrong_bool:
            raise ValueError(f"a {what} has no valid {field!r}")
    return record


def _check_confirmation(payment: dict[str, Any]) -> None:
    """Refuse a payment whose confirmation fields (optional in format 1) are malformed."""
    status = payment.get("status", PaymentStatus.CONFIRMED.value)
    if status not in {s.value for s in PaymentStatus}:
        raise ValueError("a payment has no valid 'status'")
    confirmed_at = payment.get("confirmed_at")
    if confirmed_at is not None and not isinstance(confirmed_at, str):
        raise ValueError("a payment has no valid 'confirmed_at'")
    if not isinstance(payment.get("confirmed_by", ""), str):
        raise ValueError("a payment has no valid 'confirmed_by'")


def _checked(contents: BundleContents) -> _Verified:
    """Check every record's shape and every sale's arithmetic; raise ValueError if wrong."""
    manifest = contents.manifest
    till = manifest["till"]
    till_id, till_code = str(till["till_id"]), str(till["till_code"])
    if not till_id:
        raise ValueError("the bundle names no till")
    products = {
        p["sku"]: p
        for p in (
            _require(p, _PRODUCT_FIELDS, "product") for p in contents.members["products.json"]
        )
    }
    sales = [_require(s, _SALE_FIELDS, "sale") for s in contents.members["sales.json"]]
    for sale in sales:
        _parse_time(sale["created_at"])
        if sale["till_id"] != till_id:
            raise ValueError(f"sale {sale['number']} comes from another till")
        lines = [_require(line, _LINE_FIELDS, "sale line") for line in sale["lines"]]
        paid = [_require(p, _PAYMENT_FIELDS, "payment") for p in sale["payments"]]
        for payment in paid:
            _check_confirmation(payment)
        if not lines:
            raise ValueError(f"sale {sale['number']} has no lines")
        _check_sum(sale, lines, paid)
    movements = [
        _require(m, _MOVEMENT_FIELDS, "stock movement")
        for m in contents.members["stock_movements.json"]
    ]
    for move in movements:
        _parse_time(move["created_at"])
        StockReason(move["reason"])
        if move.get("unit_cost") is not None and not isinstance(move["unit_cost"], int):
            raise ValueError("a stock movement has no valid 'unit_cost'")
        move.setdefault("unit_cost", None)
    linked = {
        kind: _linked(kind, contents.members.get(member, []))
        for member, kind in LINKED_MEMBERS.items()
    }
    created = _parse_time(str(manifest["created_at"]))
    return _Verified(
        contents=contents,
        till_id=till_id,
        till_code=till_code,
        shop_name=str(till.get("shop_name", "")),
        app_version=str(manifest.get("app_version", "")),
        created_at=created,
        products=products,
        sales=sales,
        movements=movements,
        linked=linked,
    )


def _linked(kind: str, records: list[Any]) -> list[dict[str, Any]]:
    """Check the records of one of version 2's kinds; raise ValueError if one is malformed."""
    what = kind.replace("_", " ")
    checked = [_require(record, _LINKED_FIELDS[kind], what) for record in records]
    for record in checked:
        for name in _TIMES:
            if name in record:
                _parse_time(record[name])
        if kind == "account_entry":
            EntryKind(record["kind"])
        for payment in record.get("payments", []) if kind == "customer_order" else []:
            _require(payment, _ORDER_PAYMENT_FIELDS, "pre-order payment")
    return checked


def _check_sum(
    sale: dict[str, Any], lines: list[dict[str, Any]], paid: list[dict[str, Any]]
) -> None:
    """Refuse a sale whose lines, totals and payments do not add up."""
    gross = sum(line["line_total"] + line["discount"] for line in lines)
    net = sum(line["line_total"] for line in lines)
    added_tax = 0 if sale["tax_inclusive"] else sale["tax"]
    checks = (
        all(
            amount_agrees(
                line["quantity_milli"], line["unit_price"], line["line_total"] + line["discount"]
            )
            for line in lines
        ),
        sale["subtotal"] == gross,
        sale["discount"] == sum(line["discount"] for line in lines),
        sale["tax"] == sum(line["tax"] for line in lines),
        sale["total"] == net + added_tax,
        sum(p["amount"] for p in paid) == sale["total"] + sale["rounding"],
    )
    if not all(checks):
        raise ValueError(f"sale {sale['number']} does not add up")


def _unique_by_uuid(records: Iterable[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    unique: dict[str, dict[str, Any]] = {}
    for record in records:
        unique.setdefault(record["uuid"], record)
    return unique
