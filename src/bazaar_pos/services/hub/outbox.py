"""The till's outbox: records waiting for the hub, read in order, marked once the hub has them."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select, update

from bazaar_pos.services.hub.payloads import build
from bazaar_pos.services.merging.bundles.records import _timestamp
from bazaar_pos.store.database import Database
from bazaar_pos.store.models import OutboxRecord
from bazaar_pos.store.types import utcnow

WAITING, SENT, REFUSED, APPLIED, HELD = "waiting", "sent", "refused", "applied", "held"
VERSIONED = frozenset({"product", "user", "consignor", "shift", "event"})


@dataclass(frozen=True, slots=True)
class Outgoing:
    """One record ready to send: its outbox row, its key on the hub, and its JSON."""

    row_id: int
    uuid: str
    kind: str
    payload: str


@dataclass(frozen=True, slots=True)
class Refusal:
    """A record the hub would not take, kept aside with the reason."""

    uuid: str
    kind: str
    reason: str
    at: datetime


def next_batch(db: Database, limit: int) -> list[Outgoing]:
    """The oldest ``limit`` waiting records, their payloads built from the rows as they are now."""
    with db.reading() as session:
        table = OutboxRecord.core_table()
        rows = session.execute(  # plain rows: the ORM's objects cost more than the records
            select(table.c.id, table.c.uuid, table.c.kind, table.c.ref, table.c.created_at)
            .where(table.c.state == WAITING)
            .order_by(table.c.id)
            .limit(limit)
        ).all()
        by_kind: dict[str, list[str]] = defaultdict(list)
        for row in rows:
            by_kind[row.kind].append(row.ref)
        built = {kind: build(session, kind, refs) for kind, refs in by_kind.items()}
    batch = []
    for row in rows:
        record = built[row.kind].get(row.ref, {"uuid": row.ref, "gone": True})
        if row.kind in VERSIONED:
            record = record | {"edited_at": _timestamp(row.created_at)}
        text = json.dumps(record, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        batch.append(Outgoing(row.id, row.uuid, row.kind, text))
    return batch


def mark(db: Database, sent: list[int], refused: dict[int, str]) -> None:
    """Mark what the hub committed as sent and what it refused as refused, with the reasons."""
    now = utcnow()
    table = OutboxRecord.core_table()
    with db.writing_rows() as connection:
        for first in range(0, len(sent), 500):
            connection.execute(
                update(table)
                .where(table.c.id.in_(sent[first : first + 500]))
                .values(state=SENT, sent_at=now)
            )
        for row_id, reason in refused.items():
            connection.execute(
                update(table)
                .where(table.c.id == row_id)
                .values(state=REFUSED, sent_at=now, reason=reason)
            )


def waiting_count(db: Database) -> int:
    """How many records wait to be sent."""
    with db.reading() as session:
        return session.scalar(
            select(func.count()).select_from(OutboxRecord).where(OutboxRecord.state == WAITING)
        ) or 0


def refusals(db: Database, state: str = REFUSED) -> list[Refusal]:
    """Every record the hub refused (or, with ``HELD``, pulled but held aside), oldest first."""
    with db.reading() as session:
        rows = session.scalars(
            select(OutboxRecord).where(OutboxRecord.state == state).order_by(OutboxRecord.id)
        )
        return [Refusal(r.uuid, r.kind, r.reason, r.sent_at or r.created_at) for r in rows]


def held_uuids(db: Database) -> list[str]:
    """The hub keys of records pulled from other tills that are held aside, to try again."""
    with db.reading() as session:
        return list(
            session.scalars(
                select(OutboxRecord.uuid)
                .where(OutboxRecord.state == HELD)
                .order_by(OutboxRecord.id)
            )
        )
