"""The audit trail's writer: an append-only log of what was done, by whom and when."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.orm import Session

from bazaar_pos.store.models import AuditEvent
from bazaar_pos.store.prepared import Prepared, stored_value
from bazaar_pos.store.types import new_uuid


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
        details=details_text(details),
    )
    session.add(event)
    return event


def event_values(
    action: str,
    *,
    actor: str = "",
    entity: str = "",
    entity_ref: str = "",
    details: dict[str, Any] | None = None,
) -> tuple[str, str, str, str, str]:
    """One audit event for :func:`write_events`: actor, action, entity, reference, details."""
    return (actor, action, entity, entity_ref, details_text(details))


_INSERT_EVENTS = Prepared.insert(
    AuditEvent.core_table(),
    ("uuid", "created_at", "actor", "action", "entity", "entity_ref", "details"),
)


def write_events(
    connection: Connection, events: Sequence[tuple[str, ...]], *, at: datetime
) -> None:
    """Append audit events made by :func:`event_values`, dated ``at``, in the open transaction."""
    write_event_rows(connection, event_rows(connection, events, at=at))


def event_rows(
    connection: Connection, events: Sequence[tuple[str, ...]], *, at: datetime
) -> list[tuple[object, ...]]:
    """Audit events made by :func:`event_values` as the rows :func:`write_event_rows` writes."""
    stamp = stored_value(connection, AuditEvent.core_table().c.created_at, at)
    return [(new_uuid(), stamp, *event) for event in events]


def write_event_rows(connection: Connection, rows: Sequence[Sequence[object]]) -> None:
    """Append audit event rows (many sales' at once), in one ``executemany``."""
    _INSERT_EVENTS.execute_many(connection, rows)


def details_text(details: dict[str, Any] | None) -> str:
    """An event's details as stored: JSON with sorted keys, non-ASCII kept as it is."""
    return json.dumps(details or {}, sort_keys=True, ensure_ascii=False)
