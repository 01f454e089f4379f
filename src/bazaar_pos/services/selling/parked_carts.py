"""Parked carts and the cart in progress, kept in the database so they outlive the app."""

from __future__ import annotations

import json
import logging

from sqlalchemy import Connection, bindparam, delete, select, update
from sqlalchemy.orm import Session

from bazaar_pos.domain.cart import Cart
from bazaar_pos.domain.cart_snapshot import cart_from_data, cart_to_data
from bazaar_pos.errors import NotFoundError, ValidationError
from bazaar_pos.i18n import _
from bazaar_pos.services.settings import SettingsService
from bazaar_pos.services.views import ParkedCartView
from bazaar_pos.store.database import Database
from bazaar_pos.store.models import ParkedCart, Setting
from bazaar_pos.store.prepared import Prepared

log = logging.getLogger(__name__)

CURRENT_CART_KEY = "till.current_cart"
"""The settings row holding the snapshot of the cart being rung up."""


class ParkedCartService:
    """Park carts and resume them; keep the cart in progress safe from a crash."""

    def __init__(self, db: Database, settings: SettingsService) -> None:
        """Keep carts in ``db``, read back in the shop's currency and tax."""
        self._db = db
        self._settings = settings

    def park(self, cart: Cart, label: str = "") -> ParkedCartView:
        """Put ``cart`` aside under ``label``; the caller then starts an empty cart."""
        if not len(cart):
            raise ValidationError(_("The cart is empty: there is nothing to park."))
        till_id = self._settings.load().till_id
        with self._db.writing() as session:
            parked = _parked_row(cart, label.strip(), till_id)
            session.add(parked)
            store_current_cart(session, "null")
            session.flush()
            return _view(parked)

    def parked(self) -> list[ParkedCartView]:
        """Every parked cart, oldest first."""
        with self._db.reading() as session:
            rows = session.scalars(
                select(ParkedCart).order_by(ParkedCart.created_at, ParkedCart.id)
            )
            return [_view(row) for row in rows]

    def resume(self, parked_id: int, *, park_current: Cart | None = None) -> Cart:
        """Take a parked cart back as the cart in progress and stop keeping it parked.

        A non-empty ``park_current`` is parked in its place in the same
        transaction, so swapping two customers' carts loses neither.
        """
        settings = self._settings.load()
        with self._db.writing() as session:
            row = session.get(ParkedCart, parked_id)
            if row is None:
                raise NotFoundError(_("That parked cart was already resumed."))
            cart = cart_from_data(json.loads(row.snapshot), settings.currency, settings.tax_rule)
            session.execute(delete(ParkedCart).where(ParkedCart.id == parked_id))
            if park_current is not None and len(park_current):
                session.add(_parked_row(park_current, "", settings.till_id))
            store_current_cart(session, json.dumps(cart_to_data(cart)))
            return cart

    def save_current(self, cart: Cart) -> None:
        """Keep a snapshot of the cart being rung up (an empty cart clears it)."""
        value = json.dumps(cart_to_data(cart)) if len(cart) else "null"
        with self._db.writing() as session:
            store_current_cart(session, value)

    def load_current(self) -> Cart | None:
        """The cart that was being rung up when the app last stopped, if it had lines."""
        settings = self._settings.load()
        table = Setting.core_table()
        query = select(table.c.value).where(table.c.key == CURRENT_CART_KEY)
        with self._db.reading_rows() as connection:  # asked as the till starts: no ORM
            value = connection.scalar(query)
        if value is None or value == "null":
            return None
        try:
            cart = cart_from_data(json.loads(value), settings.currency, settings.tax_rule)
        except (ValueError, KeyError, TypeError):
            log.warning("ignored an unreadable snapshot of the current cart", exc_info=True)
            return None
        return cart if len(cart) else None


def forget_current_cart(session: Session | Connection) -> None:
    """Drop the snapshot of the cart in progress, inside the caller's transaction."""
    store_current_cart(session, "null")


def store_current_cart(session: Session | Connection, value: str) -> None:
    """Write the snapshot of the cart in progress: one UPDATE (an INSERT the first time).

    It runs after every change to the cart and inside every sale, so it skips
    the ORM's read-before-write. The snapshot is not a setting any service
    remembers, so writing it forgets nothing.
    """
    connection = session if isinstance(session, Connection) else session.connection()
    if not _UPDATE_SNAPSHOT.execute(connection, (value, CURRENT_CART_KEY)).rowcount:
        _INSERT_SNAPSHOT.execute(connection, (CURRENT_CART_KEY, value))


_SETTINGS = Setting.core_table()
_UPDATE_SNAPSHOT = Prepared(
    update(_SETTINGS)
    .where(_SETTINGS.c.key == bindparam("v_key"))
    .values(value=bindparam("v_value")),
    ("v_value", "v_key"),
)
_INSERT_SNAPSHOT = Prepared.insert(_SETTINGS, ("key", "value"))


def _parked_row(cart: Cart, label: str, till_id: str) -> ParkedCart:
    totals = cart.totals()
    return ParkedCart(
        till_id=till_id,
        label=label,
        snapshot=json.dumps(cart_to_data(cart)),
        item_count=totals.item_count,
        total_minor=totals.total,
    )


def _view(row: ParkedCart) -> ParkedCartView:
    return ParkedCartView(
        id=row.id,
        label=row.label,
        item_count=row.item_count,
        total=row.total_minor,
        created_at=row.created_at,
    )
