"""The till's link to its hub (the one ``hub_state`` row): read, and changed in a transaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bazaar_pos.store.database import Database
from bazaar_pos.store.models import HubState

ROW = 1


@dataclass(frozen=True, slots=True)
class Link:
    """What the till knows of its hub."""

    url: str
    till_name: str
    shop_id: str
    cursor: int
    joined_at: datetime | None
    last_sync_at: datetime | None
    last_error: str
    offline_since: datetime | None

    @property
    def joined(self) -> bool:
        """Whether this till has joined a hub."""
        return bool(self.url and self.shop_id)


def row(session: Session) -> HubState:
    """The ``hub_state`` row, created empty the first time."""
    state = session.get(HubState, ROW)
    if state is None:
        state = HubState(id=ROW, cursor=0, applying=False, last_error="")
        session.add(state)
        session.flush()
    return state


def load(db: Database) -> Link:
    """The till's link to its hub as it stands (a Core read: the till asks as it starts)."""
    table = HubState.core_table()
    columns = (
        table.c.url,
        table.c.till_name,
        table.c.shop_id,
        table.c.cursor,
        table.c.joined_at,
        table.c.last_sync_at,
        table.c.last_error,
        table.c.offline_since,
    )
    with db.reading_rows() as connection:
        found = connection.execute(select(*columns).where(table.c.id == ROW)).first()
    if found is None:
        return Link("", "", "", 0, None, None, "", None)
    return Link(*found)
