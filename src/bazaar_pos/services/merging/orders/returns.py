"""Goods marketplaces say came back: listed until the seller confirms the parcel, then restocked."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bazaar_pos.errors import NotFoundError, ValidationError
from bazaar_pos.i18n import _
from bazaar_pos.services.people.access import Approval, Grant
from bazaar_pos.services.selling.refunds import RefundItem, RefundService
from bazaar_pos.services.settings import SettingsService
from bazaar_pos.services.views import Changes
from bazaar_pos.store.database import Database
from bazaar_pos.store.models import MarketplaceReturn, Refund, Sale
from bazaar_pos.store.types import utcnow

WAITING, RECEIVED, VOIDED = "waiting", "received", "void"


@dataclass(frozen=True, slots=True)
class ReturnView:
    """A return as lists show it."""

    uuid: str
    channel: str
    order_id: str
    sale_number: str
    sku: str
    name: str
    quantity_milli: int
    unit: str
    noted_at: datetime
    status: str
    confirmed_at: datetime | None


@dataclass(frozen=True, slots=True)
class ReturnConfirmed:
    """A return confirmed: the refund that put the goods back into stock."""

    uuid: str
    refund_number: str
    changes: Changes


class MarketplaceReturns:
    """The returns waiting for their parcel, and confirming that one came back."""

    def __init__(self, db: Database, settings: SettingsService, refunds: RefundService) -> None:
        """Returns in ``db``; confirming one refunds its line through ``refunds``."""
        self._db = db
        self._settings = settings
        self._refunds = refunds

    def listed(self, *, waiting_only: bool = True) -> list[ReturnView]:
        """The returns still waiting (or all of them), oldest first."""
        query = select(MarketplaceReturn).order_by(MarketplaceReturn.id)
        if waiting_only:
            query = query.where(MarketplaceReturn.status == WAITING)
        with self._db.reading() as session:
            return [
                ReturnView(
                    uuid=r.uuid,
                    channel=r.channel,
                    order_id=r.order_id,
                    sale_number=r.sale.number,
                    sku=r.sale_line.sku,
                    name=r.sale_line.name,
                    quantity_milli=r.quantity_milli,
                    unit=r.sale_line.unit,
                    noted_at=r.noted_at,
                    status=r.status,
                    confirmed_at=r.confirmed_at,
                )
                for r in session.scalars(query)
            ]

    def confirm(self, uuid: str, *, approval: Approval | None = None) -> ReturnConfirmed:
        """The parcel came back: refund the returned pieces of the line, back into stock.

        ``uuid`` may be shortened to its first characters when they name one
        return. A cashier needs an owner's ``approval``, as for any refund.
        """
        with self._db.reading() as session:
            found = session.scalars(
                select(MarketplaceReturn).where(MarketplaceReturn.uuid.startswith(uuid.lower()))
            ).all()
            if len(found) != 1 or not uuid:
                raise NotFoundError(_("No return {uuid} to confirm.").format(uuid=uuid))
            ret = found[0]
            if ret.status != WAITING:
                raise ValidationError(_("That return was already confirmed."))
            sale_uuid, line_id, quantity = ret.sale.uuid, ret.sale_line_id, ret.quantity_milli
            reason = _("Parcel back from {channel}, order {order}").format(
                channel=ret.channel, order=ret.order_id
            )
            return_id, return_uuid = ret.id, ret.uuid

        def received(session: Session, refund: Refund, grant: Grant) -> None:
            # In the refund's own transaction: the refund and the mark are written together.
            row = session.get(MarketplaceReturn, return_id)
            assert row is not None
            if row.status != WAITING:  # confirmed meanwhile: the refund is not written either
                raise ValidationError(_("That return was already confirmed."))
            row.status = RECEIVED
            row.confirmed_at = utcnow()
            row.confirmed_by = grant.actor.name
            row.refund_id = refund.id

        refund = self._refunds.refund(
            sale_uuid,
            [RefundItem(line_id, quantity)],
            reason=reason,
            approval=approval,
            along=received,
        )
        return ReturnConfirmed(return_uuid, refund.number, refund.changes)


def drop_waiting_returns(db: Database, sale_uuid: str) -> None:
    """A sale reversed whole: its returns no longer wait (the void put the goods back)."""
    with db.writing() as session:
        sale_id = session.scalar(select(Sale.id).where(Sale.uuid == sale_uuid))
        for row in session.scalars(
            select(MarketplaceReturn).where(
                MarketplaceReturn.sale_id == sale_id, MarketplaceReturn.status == WAITING
            )
        ):
            row.status = VOIDED
