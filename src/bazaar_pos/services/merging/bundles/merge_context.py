"""What applying other tills' records needs to know and tells: links by UUID, held, clashes."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import Date, select
from sqlalchemy.orm import Session

from bazaar_pos.services.audit_writer import record_event
from bazaar_pos.services.merging.bundles.customer_records import plain
from bazaar_pos.services.merging.bundles.records import _parse_time
from bazaar_pos.store.models import Product
from bazaar_pos.store.types import UTCDateTime


@dataclass(slots=True)
class Merged:
    """What applying these records changed, and what a person should look at."""

    counts: Counter[str] = field(default_factory=Counter)
    """Records applied, by kind."""
    superseded: list[str] = field(default_factory=list)
    """Customers, groups and orders whose edit lost to a later one (the audit log has it)."""
    clashes: list[str] = field(default_factory=list)
    """Marketplace codes mapped to two products on two tills: the first mapping was kept."""


@dataclass(slots=True)
class MergeContext:
    """Applying records in one session: ``hold`` keeps one aside that cannot be applied yet.

    ``source`` (``hub`` or ``bundle``) starts the names of the audit events written.
    """

    session: Session
    source: str
    hold: Callable[[dict[str, Any], str], None]
    merged: Merged = field(default_factory=Merged)

    def id_of(self, model: type[Any], uuid: str | None) -> int | None:
        """The id of the row of ``model`` with ``uuid`` here, or None."""
        if not uuid:
            return None
        found: int | None = self.session.scalar(select(model.id).where(model.uuid == uuid))
        return found

    def product_id(self, uuid: str | None, sku: str | None) -> int | None:
        """The product here with ``uuid``, else the one with ``sku``, or None."""
        found = self.id_of(Product, uuid)
        if found is None and sku:
            found = self.session.scalar(select(Product.id).where(Product.sku == sku))
        return found

    def audit(self, what: str, entity: str, ref: str, details: dict[str, Any]) -> None:
        """Write ``{source}.{what}`` to the audit log."""
        record_event(
            self.session, f"{self.source}.{what}", entity=entity, entity_ref=ref, details=details
        )


def columns(
    model: type[Any], data: dict[str, Any], *, skip: tuple[str, ...] = ()
) -> dict[str, Any]:
    """The values of ``model``'s own columns in a record, times and dates parsed."""
    values: dict[str, Any] = {}
    for column in model.__table__.columns:
        name = column.name
        if name == "id" or name in skip or name not in data:
            continue
        value = data[name]
        if isinstance(value, str) and isinstance(column.type, UTCDateTime):
            value = _parse_time(value)
        elif isinstance(value, str) and isinstance(column.type, Date):
            value = date.fromisoformat(value)
        values[name] = value
    return values


def differs(row: Any, values: dict[str, Any]) -> dict[str, Any]:
    """The row's values (as JSON holds them) where they differ from ``values``; {} when alike."""
    before = {key: getattr(row, key) for key in values if key not in ("uuid", "updated_at")}
    if all(before[key] == values[key] for key in before):
        return {}
    return {key: plain(value) for key, value in before.items()}
