"""Sending a batch of records to the hub in one transaction, each applied once by its UUID."""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import Connection, select, text, update
from sqlalchemy.dialects.postgresql import insert

from bazaar_pos.i18n import _
from bazaar_pos.services.hub.connection import HubRefused
from bazaar_pos.services.hub.outbox import Outgoing
from bazaar_pos.services.hub.payloads import KINDS
from bazaar_pos.services.hub.schema import LOCK_KEY, shop_id
from bazaar_pos.store.models import HubRecord, HubTill
from bazaar_pos.store.types import utcnow

LARGEST = 4_000_000
"""Characters a record may have; a bigger one is refused, not sent again and again."""


@dataclass(frozen=True, slots=True)
class Pushed:
    """What the hub committed (outbox row ids) and what it refused (row id to reason)."""

    sent: list[int]
    refused: dict[int, str]


def refusal(item: Outgoing, currency: str) -> str | None:
    """Why the hub will not take ``item``, or None."""
    if item.kind not in KINDS:
        return _("The hub does not know records of the kind {kind}.").format(kind=item.kind)
    if len(item.payload) > LARGEST:
        return _("The record is too large to send.")
    if item.kind == "sale" and currency:
        sold_in = json.loads(item.payload).get("currency")
        if sold_in not in (None, currency):
            return _("The sale is in {theirs}, but the shop counts in {ours}.").format(
                theirs=sold_in, ours=currency
            )
    return None


def check_member(connection: Connection, till_id: str, expected_shop: str) -> None:
    """Raise HubRefused unless this is the shop's hub and the till has joined it."""
    if shop_id(connection) != expected_shop:
        raise HubRefused(
            _(
                "This hub belongs to another shop; this till sends nothing to it. "
                "Join this shop's hub again (hub join) to change."
            )
        )
    if connection.scalar(select(HubTill.name).where(HubTill.till_id == till_id)) is None:
        raise HubRefused(_("This till is not registered in the hub. Join it again (hub join)."))


def push_batch(
    connection: Connection, till_id: str, shop: str, currency: str, batch: list[Outgoing]
) -> Pushed:
    """Send ``batch`` in one hub transaction; returns only after its COMMIT returned.

    A record already on the hub from this till (sent before, its answer lost)
    counts as sent; one another till sent under the same UUID is refused.
    """
    refused = {i.row_id: r for i in batch if (r := refusal(i, currency)) is not None}
    acceptable = [item for item in batch if item.row_id not in refused]
    with connection.begin():
        check_member(connection, till_id, shop)
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": LOCK_KEY})
        records = HubRecord.core_table()
        if acceptable:
            now = utcnow()
            connection.execute(  # executemany: pipelined by the driver, no statement per row
                insert(records).on_conflict_do_nothing(index_elements=["uuid"]),
                [
                    {
                        "uuid": item.uuid,
                        "kind": item.kind,
                        "till_id": till_id,
                        "payload": item.payload,
                        "received_at": now,
                    }
                    for item in acceptable
                ],
            )
            held = {  # new or sent before: either way the hub must hold it as this till's
                uuid: (owner, kind)
                for uuid, owner, kind in connection.execute(
                    select(records.c.uuid, records.c.till_id, records.c.kind).where(
                        records.c.uuid.in_([item.uuid for item in acceptable])
                    )
                )
            }
            for item in acceptable:
                if held.get(item.uuid) != (till_id, item.kind):
                    refused[item.row_id] = _(
                        "Another till has sent a different record with this UUID."
                    )
        tills = HubTill.core_table()
        connection.execute(
            update(tills).where(tills.c.till_id == till_id).values(last_seen_at=utcnow())
        )
    sent = [item.row_id for item in batch if item.row_id not in refused]
    return Pushed(sent, refused)
