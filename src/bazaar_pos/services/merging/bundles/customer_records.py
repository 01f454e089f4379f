"""Customers, kasbon, pre-orders, marketplace mappings and returns as plain records.

Bundles and the hub send the same records. A record names the rows it points
at by UUID (a customer's group, an entry's customer, sale, refund and shift),
products by SKU and UUID, and a sale line by its sale and position.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, select, true
from sqlalchemy.orm import Session, selectinload

from bazaar_pos.services.merging.bundles.records import _timestamp
from bazaar_pos.store.models import (
    AccountEntry,
    Base,
    CashShift,
    Customer,
    CustomerGroup,
    CustomerGroupPrice,
    CustomerOrder,
    MarketplaceReturn,
    MarketplaceSku,
    Product,
    Refund,
    Sale,
    SaleLine,
)

MODELS: dict[str, type[Any]] = {
    "customer_group": CustomerGroup,
    "customer": Customer,
    "customer_group_price": CustomerGroupPrice,
    "account_entry": AccountEntry,
    "customer_order": CustomerOrder,
    "marketplace_sku": MarketplaceSku,
    "marketplace_return": MarketplaceReturn,
}
"""The record kinds of this module, in the order they are applied, with their rows' models."""
LINKS = {
    "group_id": ("group", CustomerGroup),
    "customer_id": ("customer", Customer),
    "sale_id": ("sale", Sale),
    "refund_id": ("refund", Refund),
    "shift_id": ("shift", CashShift),
    "product_id": ("product", Product),
}
"""Columns pointing at other rows, sent as the UUID of the row under a name of their own."""
SKIPPED = frozenset({"id", "search_key"})
"""Columns never sent (other links, such as a line's order, are left out too)."""


def plain(value: object) -> object:
    """A column's value as JSON holds it."""
    if isinstance(value, datetime):
        return _timestamp(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


class _Uuids:
    """The UUIDs (and a few other names) of rows by their ids, looked up once each."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self._found: dict[tuple[Any, int], Any] = {}

    def of(self, model: type[Any], row_id: int | None, column: str = "uuid") -> Any:
        if row_id is None:
            return None
        key = (getattr(model, column), row_id)
        if key not in self._found:
            self._found[key] = self._session.scalar(
                select(getattr(model, column)).where(model.id == row_id)
            )
        return self._found[key]


def _record(row: Base, uuids: _Uuids) -> dict[str, Any]:
    """A row's own columns, with the rows it points at named by UUID."""
    record: dict[str, Any] = {}
    for column in row.__table__.columns:
        if column.name in SKIPPED or (column.foreign_keys and column.name not in LINKS):
            continue
        value = getattr(row, column.name)
        if column.name in LINKS:
            name, model = LINKS[column.name]
            record[name] = uuids.of(model, value)
        else:
            record[column.name] = plain(value)
    return record


def build_records(
    session: Session, kind: str, where: Callable[[type[Any]], ColumnElement[bool]]
) -> dict[str, dict[str, Any]]:
    """The records of ``kind`` for the rows ``where(model)`` selects, by UUID."""
    model = MODELS[kind]
    query = select(model).where(where(model)).order_by(model.id)
    if model is CustomerOrder:
        query = query.options(
            selectinload(CustomerOrder.lines), selectinload(CustomerOrder.payments)
        )
    uuids = _Uuids(session)
    built: dict[str, dict[str, Any]] = {}
    for row in session.scalars(query):
        record = _record(row, uuids)
        if isinstance(row, Customer):
            record["group_name"] = uuids.of(CustomerGroup, row.group_id, "name")
        elif isinstance(row, CustomerGroupPrice):
            record["group_name"] = uuids.of(CustomerGroup, row.group_id, "name")
            record["sku"] = uuids.of(Product, row.product_id, "sku")
        elif isinstance(row, MarketplaceSku):
            record["sku"] = uuids.of(Product, row.product_id, "sku")
        elif isinstance(row, CustomerOrder):
            record["lines"] = [_order_line(line, uuids) for line in row.lines]
            record["payments"] = [_record(payment, uuids) for payment in row.payments]
        elif isinstance(row, MarketplaceReturn):
            record["position"] = uuids.of(SaleLine, row.sale_line_id, "position")
        built[row.uuid] = record
    return built


def _order_line(line: Any, uuids: _Uuids) -> dict[str, Any]:
    record = _record(line, uuids)
    record["product_sku"] = uuids.of(Product, line.product_id, "sku")
    return record


def product_skus(records: dict[str, list[dict[str, Any]]]) -> set[str]:
    """The SKUs of the products these records name (prices, order lines, mappings)."""
    skus = {
        record["sku"]
        for kind in ("customer_group_price", "marketplace_sku")
        for record in records.get(kind, [])
        if record.get("sku")
    }
    for order in records.get("customer_order", []):
        skus |= {line["product_sku"] for line in order["lines"] if line.get("product_sku")}
    return skus


def till_records(
    session: Session, till_id: str, start: datetime | None, end: datetime | None
) -> dict[str, list[dict[str, Any]]]:
    """What a till's bundle carries of these kinds, by kind.

    Every customer, group, group price, mapping and return (they belong to no
    one till), every pre-order (any till may take a payment on one or change
    its status), and the kasbon entries made on ``till_id``; entries made and
    orders changed from ``start`` to ``end`` when given.
    """

    def where(model: type[Any]) -> ColumnElement[bool]:
        made: list[ColumnElement[bool]] = []
        if model is AccountEntry:
            made.append(AccountEntry.till_id == till_id)
        moment = {AccountEntry: "created_at", CustomerOrder: "updated_at"}.get(model)
        if moment and start is not None and end is not None:
            made += [getattr(model, moment) >= start, getattr(model, moment) < end]
        return and_(true(), *made)

    return {kind: list(build_records(session, kind, where).values()) for kind in MODELS}


def customers_of_sales(session: Session, sales: list[Sale]) -> dict[int, str]:
    """The UUIDs of the customers ``sales`` name, by sale id."""
    uuids = _Uuids(session)
    return {sale.id: uuids.of(Customer, sale.customer_id) for sale in sales if sale.customer_id}
