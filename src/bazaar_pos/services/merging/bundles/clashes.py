"""What a bundle shares with this database: records known by UUID, clashing numbers and orders."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select, tuple_
from sqlalchemy.orm import Session

from bazaar_pos.exports.bundle_file import BundleError
from bazaar_pos.i18n import _
from bazaar_pos.services.merging.bundles.verify import _Verified
from bazaar_pos.store.models import Sale

CHUNK = 500


def _known(session: Session, column: Any, uuids: list[str]) -> set[str]:
    found: set[str] = set()
    for first in range(0, len(uuids), CHUNK):
        found.update(
            session.scalars(select(column).where(column.in_(uuids[first : first + CHUNK])))
        )
    return found


def _refuse_clashes(
    session: Session, sales: list[dict[str, Any]], bundles: list[_Verified]
) -> None:
    """Refuse new sales whose till number or imported order is already here under another UUID."""
    seen: dict[tuple[str, int], str] = {}
    for sale in sales:
        key = (sale["till_id"], sale["sequence"])
        if key in seen and seen[key] != sale["uuid"]:
            raise _clash(sale, bundles)
        seen[key] = sale["uuid"]
    taken = _first_taken(session, (Sale.till_id, Sale.sequence), list(seen))
    if taken is not None:
        sale = next(s for s in sales if (s["till_id"], s["sequence"]) == taken)
        raise _clash(sale, bundles)
    orders = [(s["channel"], s["external_ref"]) for s in sales if s.get("external_ref")]
    twice = next((order for order in orders if orders.count(order) > 1), None)
    if twice is not None:
        raise _order_clash(*twice)
    taken_order = _first_taken(session, (Sale.channel, Sale.external_ref), orders)
    if taken_order is not None:
        raise _order_clash(*taken_order)


def _first_taken(
    session: Session, columns: tuple[Any, Any], keys: Sequence[tuple[Any, Any]]
) -> tuple[Any, Any] | None:
    """The first of ``keys`` (pairs of ``columns``' values) a stored sale already has."""
    for first in range(0, len(keys), CHUNK):
        found = session.execute(
            select(*columns).where(tuple_(*columns).in_(keys[first : first + CHUNK]))
        ).first()
        if found is not None:
            return (found[0], found[1])
    return None


def _order_clash(channel: str, ref: str) -> BundleError:
    return BundleError(
        _(
            "The order {ref} ({channel}) was imported on two tills, so the bundles hold it "
            "twice as different sales. Nothing was imported."
        ).format(ref=ref, channel=channel)
    )


def _clash(sale: dict[str, Any], bundles: list[_Verified]) -> BundleError:
    name = next(b.contents.path.name for b in bundles if sale in b.sales)
    return BundleError(
        _(
            "Sale {number} in {name} has the number of another sale already here: the two "
            "tills share one identity (was a database file copied to the other laptop?). "
            "Nothing was imported."
        ).format(number=sale["number"], name=name)
    )
