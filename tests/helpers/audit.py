"""Reading the audit log back in tests."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select

from bazaar_pos.services.shop import Shop
from bazaar_pos.store.models import AuditEvent


def audit_entries(shop: Shop, action: str) -> list[tuple[str, str, dict[str, Any]]]:
    """The (actor, entity_ref, details) of every ``action`` logged, oldest first."""
    with shop.db.reading() as session:
        rows = session.scalars(
            select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id)
        )
        return [(row.actor, row.entity_ref, json.loads(row.details)) for row in rows]


def audit(shop: Shop, action: str) -> list[tuple[str, dict[str, Any]]]:
    """The (actor, details) of every ``action`` logged, oldest first."""
    return [(actor, details) for actor, _ref, details in audit_entries(shop, action)]
