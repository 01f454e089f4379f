"""The hub's schema: created or upgraded by the app's own migrations, refused when newer."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, select

from bazaar_pos.i18n import _
from bazaar_pos.services.hub.address import HubAddress
from bazaar_pos.services.hub.connection import HubRefused, hub_connection, hub_engine, watchdog
from bazaar_pos.store.inspection import alembic_config, head_revision, known_revisions
from bazaar_pos.store.models import Setting
from bazaar_pos.store.types import new_uuid

SHOP_ID_KEY = "hub.shop_id"
CURRENCY_KEY = "hub.currency"
LOCK_KEY = 0x42A2A4
"""The transaction lock every push holds, so hub records are numbered in commit order."""


@dataclass(frozen=True, slots=True)
class HubInitSummary:
    """What ``hub init`` did."""

    hub: str
    before: str | None
    after: str
    shop_id: str


def hub_revision(connection: Connection) -> str | None:
    """The migration the hub's schema is at (None for an empty database)."""
    # Alembic is loaded on first use: a till that joined no hub never needs it.
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(connection).get_current_revision()


def refuse_newer(revision: str | None, address: HubAddress) -> None:
    """Raise HubRefused when the hub's schema was made by a newer version of the app."""
    if revision is not None and revision not in known_revisions():
        raise HubRefused(
            _(
                "The shop hub {hub} was set up by a newer version of Bazaar POS. "
                "Update the app on this till; nothing was changed."
            ).format(hub=address.shown())
        )


def check_schema(connection: Connection, address: HubAddress) -> None:
    """Raise HubRefused unless the hub's schema is the one this app writes."""
    revision = hub_revision(connection)
    refuse_newer(revision, address)
    if revision != head_revision():
        raise HubRefused(
            _(
                "The shop hub {hub} is not set up for this version of Bazaar POS. "
                "Run “bazaar-pos hub init” with its address first."
            ).format(hub=address.shown())
        )


def shop_id(connection: Connection) -> str:
    """The id of the shop whose hub this is."""
    return connection.scalar(select(Setting.value).where(Setting.key == SHOP_ID_KEY)) or ""


def hub_currency(connection: Connection) -> str:
    """The currency the hub's shop counts in ("" until the first till joins)."""
    return connection.scalar(select(Setting.value).where(Setting.key == CURRENCY_KEY)) or ""


def agree_currency(connection: Connection, currency: str) -> None:
    """Set the hub's currency with the first till; refuse a till that counts in another."""
    theirs = hub_currency(connection)
    if not theirs:
        connection.execute(Setting.core_table().insert().values(key=CURRENCY_KEY, value=currency))
    elif theirs != currency:
        raise HubRefused(
            _("The hub's shop counts in {theirs}, but this till counts in {ours}.").format(
                theirs=theirs, ours=currency
            )
        )


def init_hub(address: HubAddress) -> HubInitSummary:
    """Create or upgrade the hub's schema at ``address`` and give it a shop id once."""
    from alembic import command

    engine = hub_engine(address)
    try:
        with hub_connection(engine, address) as connection, watchdog(connection, 120):
            config = alembic_config()
            with connection.begin():
                before = hub_revision(connection)
                refuse_newer(before, address)
                config.attributes["connection"] = connection
                command.upgrade(config, "head")
                identity = shop_id(connection)
                if not identity:
                    identity = new_uuid()
                    connection.execute(
                        Setting.core_table().insert().values(key=SHOP_ID_KEY, value=identity)
                    )
            return HubInitSummary(address.shown(), before, head_revision(), identity)
    finally:
        engine.dispose()
