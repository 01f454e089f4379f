"""The till's link to its hub (the one ``hub_state`` row): read, and changed in a transaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

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
    """The till's link to its hub as it stands."""
    with db.reading() as session:
        state = session.get(HubState, ROW)
        if state is None:
            return Link("", "", "", 0, None, None, "", None)
        return Link(
            state.url,
            state.till_name,
            state.shop_id,
            state.cursor,
            state.joined_at,
            state.last_sync_at,
            state.last_error,
            state.offline_since,
        )
