"""The audit trail: an append-only log of what was done, by whom and when."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy.orm import Session

from bazaar_pos.store.models import AuditEvent


def record_event(
    session: Session,
    action: str,
    *,
    actor: str = "",
    entity: str = "",
    entity_ref: str = "",
    details: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append an audit event to the session's transaction."""
    event = AuditEvent(
        action=action,
        actor=actor,
        entity=entity,
        entity_ref=entity_ref,
        details=json.dumps(details or {}, sort_keys=True, ensure_ascii=False),
    )
    session.add(event)
    return event
