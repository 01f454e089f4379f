"""Reading the audit log: find events by date, user and action, and export them as CSV.

The log is append-only: no service changes or deletes a row, and on SQLite
the database itself refuses to (triggers added by migration 0007).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, tzinfo
from pathlib import Path

from sqlalchemy import Select, select

from bazaar_pos.domain.access import Permission
from bazaar_pos.exports.csv_io import write_csv
from bazaar_pos.services.people.access import AccessControl, Approval
from bazaar_pos.store.database import Database
from bazaar_pos.store.models import AuditEvent

EXPORT_COLUMNS = ("time_utc", "time_local", "user", "action", "entity", "reference", "details")
SHOWN_AT_MOST = 2000


@dataclass(frozen=True, slots=True)
class AuditFilter:
    """Which events to show: from ``start`` up to (not including) ``end``, one user, one action.

    ``actor`` None means every user; an empty string means the owner of a shop
    without users.
    """

    start: datetime | None = None
    end: datetime | None = None
    actor: str | None = None
    action: str | None = None


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One event of the log."""

    id: int
    created_at: datetime
    actor: str
    action: str
    entity: str
    entity_ref: str
    details: dict[str, object]


class AuditLog:
    """The audit log for reading: owners only (or a cashier with an owner's approval)."""

    def __init__(self, db: Database, access: AccessControl) -> None:
        """Read the log of ``db``."""
        self._db = db
        self._access = access

    def find(
        self,
        where: AuditFilter = AuditFilter(),
        *,
        limit: int = SHOWN_AT_MOST,
        approval: Approval | None = None,
    ) -> list[AuditEntry]:
        """Events matching ``where``, newest first, at most ``limit``."""
        query = _filtered(select(AuditEvent), where).order_by(
            AuditEvent.created_at.desc(), AuditEvent.id.desc()
        )
        with (
            self._access.permit(Permission.VIEW_AUDIT, approval=approval),
            self._db.reading() as session,
        ):
            return [_entry(event) for event in session.scalars(query.limit(limit))]

    def actors(self, *, approval: Approval | None = None) -> list[str]:
        """Every user name found in the log."""
        with (
            self._access.permit(Permission.VIEW_AUDIT, approval=approval),
            self._db.reading() as session,
        ):
            names = session.scalars(select(AuditEvent.actor).distinct())
            return sorted(names, key=str.lower)

    def actions(self, *, approval: Approval | None = None) -> list[str]:
        """Every kind of action found in the log."""
        with (
            self._access.permit(Permission.VIEW_AUDIT, approval=approval),
            self._db.reading() as session,
        ):
            return sorted(session.scalars(select(AuditEvent.action).distinct()))

    def export_csv(
        self,
        path: Path,
        where: AuditFilter = AuditFilter(),
        *,
        zone: tzinfo | None = None,
        approval: Approval | None = None,
    ) -> int:
        """Write the matching events, oldest first, to a CSV file; return how many."""
        query = _filtered(select(AuditEvent), where).order_by(AuditEvent.created_at, AuditEvent.id)
        with (
            self._access.permit(Permission.VIEW_AUDIT, Permission.EXPORT, approval=approval),
            self._db.reading() as session,
        ):
            rows = (
                (
                    event.created_at.isoformat(),
                    event.created_at.astimezone(zone).isoformat(timespec="seconds"),
                    event.actor,
                    event.action,
                    event.entity,
                    event.entity_ref,
                    event.details,
                )
                for event in session.scalars(query)
            )
            return write_csv(path, EXPORT_COLUMNS, rows)


def _filtered(query: Select[AuditEvent], where: AuditFilter) -> Select[AuditEvent]:
    if where.start is not None:
        query = query.where(AuditEvent.created_at >= where.start)
    if where.end is not None:
        query = query.where(AuditEvent.created_at < where.end)
    if where.actor is not None:
        query = query.where(AuditEvent.actor == where.actor)
    if where.action is not None:
        query = query.where(AuditEvent.action == where.action)
    return query


def _entry(event: AuditEvent) -> AuditEntry:
    try:
        details = json.loads(event.details)
    except ValueError:
        details = {"text": event.details}
    return AuditEntry(
        id=event.id,
        created_at=event.created_at,
        actor=event.actor,
        action=event.action,
        entity=event.entity,
        entity_ref=event.entity_ref,
        details=details if isinstance(details, dict) else {"value": details},
    )
