"""The stock ledger: every change in stock is a movement row with a reason."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bazaar_pos.domain.access import Permission
from bazaar_pos.domain.money import MinorUnits
from bazaar_pos.domain.stock import StockReason
from bazaar_pos.errors import NotFoundError, ValidationError
from bazaar_pos.i18n import _
from bazaar_pos.services.access import Approval
from bazaar_pos.services.audit import record_event
from bazaar_pos.services.settings import SettingsService
from bazaar_pos.store.database import Database
from bazaar_pos.store.models import Product, StockMovement
from bazaar_pos.store.types import utcnow


@dataclass(frozen=True, slots=True)
class MovementView:
    """One stock movement as the history shows it."""

    created_at: datetime
    quantity: int
    reason: StockReason
    reference: str
    note: str


def record_movement(
    session: Session,
    product: Product,
    quantity: int,
    reason: StockReason,
    *,
    till_id: str,
    reference: str = "",
    note: str = "",
    unit_cost: MinorUnits | None = None,
    at: datetime | None = None,
) -> StockMovement:
    """Add a ledger row and keep the product's cached stock equal to the ledger."""
    movement = StockMovement(
        product_id=product.id,
        quantity=quantity,
        reason=reason.value,
        reference=reference,
        note=note,
        unit_cost_minor=unit_cost,
        till_id=till_id,
        created_at=at or utcnow(),
    )
    session.add(movement)
    product.stock_on_hand += quantity
    return movement


class StockService:
    """Receiving, adjusting and reading the stock of products."""

    def __init__(self, db: Database, settings: SettingsService) -> None:
        """Serve the stock of ``db``; movements carry this till's id."""
        self._db = db
        self._settings = settings

    def receive(
        self, product_id: int, quantity: int, *, unit_cost: MinorUnits | None = None, note: str = ""
    ) -> int:
        """Add received goods to stock and return the stock on hand after it."""
        if quantity <= 0:
            raise ValidationError(_("Received quantity must be at least 1."))
        return self._move(product_id, quantity, StockReason.RECEIVE, note, unit_cost)

    def adjust(
        self, product_id: int, quantity: int, *, note: str, approval: Approval | None = None
    ) -> int:
        """Correct stock up or down with a reason and return the stock on hand after it.

        An owner's job, written to the audit log; a cashier needs an owner's ``approval``.
        """
        if quantity == 0:
            raise ValidationError(_("An adjustment must change the stock."))
        if not note.strip():
            raise ValidationError(_("Say why the stock changes."))
        with self._settings.access.permit(Permission.ADJUST_STOCK, approval=approval) as grant:
            return self._move(
                product_id,
                quantity,
                StockReason.ADJUST,
                note,
                None,
                audit=(grant.actor.name, grant.details()),
            )

    def history(self, product_id: int) -> list[MovementView]:
        """The product's movements, newest first."""
        with self._db.reading() as session:
            rows = session.scalars(
                select(StockMovement)
                .where(StockMovement.product_id == product_id)
                .order_by(StockMovement.created_at.desc(), StockMovement.id.desc())
            )
            return [
                MovementView(m.created_at, m.quantity, StockReason(m.reason), m.reference, m.note)
                for m in rows
            ]

    def _move(
        self,
        product_id: int,
        quantity: int,
        reason: StockReason,
        note: str,
        unit_cost: MinorUnits | None,
        *,
        audit: tuple[str, dict[str, str]] | None = None,
    ) -> int:
        till_id = self._settings.load().till_id
        with self._db.writing() as session:
            product = session.get(Product, product_id)
            if product is None:
                raise NotFoundError(_("No product with id {id}.").format(id=product_id))
            movement = record_movement(
                session, product, quantity, reason, till_id=till_id, note=note, unit_cost=unit_cost
            )
            if audit is not None:
                session.flush()
                actor, details = audit
                record_event(
                    session,
                    "stock.adjusted",
                    actor=actor,
                    entity="product",
                    entity_ref=product.sku,
                    details={
                        "movement": movement.uuid,
                        "quantity": quantity,
                        "stock_after": product.stock_on_hand,
                        "note": note,
                    }
                    | details,
                )
            return product.stock_on_hand
