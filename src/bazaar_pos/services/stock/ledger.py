"""The stock ledger: every change in stock is a movement row with a reason."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from functools import lru_cache
from typing import Any, NamedTuple

from sqlalchemy import Connection, bindparam, insert, select, update
from sqlalchemy.orm import Session

from bazaar_pos.domain.money import MinorUnits
from bazaar_pos.domain.quantity import PER_UNIT, unit_of
from bazaar_pos.domain.stock import StockReason
from bazaar_pos.errors import ValidationError
from bazaar_pos.i18n import _
from bazaar_pos.store.models import Product, StockMovement
from bazaar_pos.store.prepared import Prepared, execute_many, stored_value, values_of
from bazaar_pos.store.types import new_uuid, new_uuids, utcnow


class BulkMove(NamedTuple):
    """One product's stock change in a bulk ledger write (imports)."""

    product_id: int
    quantity_milli: int
    reason: StockReason
    unit_cost: MinorUnits | None = None


def record_movement(
    session: Session,
    product: Product,
    quantity_milli: int,
    reason: StockReason,
    *,
    till_id: str,
    reference: str = "",
    note: str = "",
    unit_cost: MinorUnits | None = None,
    at: datetime | None = None,
) -> StockMovement:
    """Add a ledger row and keep the product's cached stock equal to the ledger.

    ``quantity_milli`` is in thousandths of the product's unit; a part of a
    piece is refused. A product sold as its variants holds no stock and is refused. A
    one-of-a-kind piece leaves the till when its stock reaches zero and comes
    back if it returns (a refund, a correction).
    """
    _refuse_variant_parent(product.name, product.option_axes)
    refuse_part_of_piece(product.name, product.unit, quantity_milli)
    movement = StockMovement(
        product_id=product.id,
        quantity_milli=quantity_milli,
        reason=reason.value,
        reference=reference,
        note=note,
        unit_cost_minor=unit_cost,
        till_id=till_id,
        created_at=at or utcnow(),
    )
    session.add(movement)
    stock, active = _moved(
        product.stock_milli, quantity_milli, product.active, product.one_of_a_kind
    )
    product.stock_milli = stock
    if active != product.active:
        product.active = active
    return movement


def _refuse_variant_parent(name: str, option_axes: str) -> None:
    """A product sold as its variants holds no stock: refuse to move it."""
    if option_axes:
        raise ValidationError(
            _("Stock is kept on each variant of {name}, not on the product itself.").format(
                name=name
            )
        )


def refuse_part_of_piece(name: str, unit: str, quantity_milli: int) -> None:
    """A product counted in pieces moves in whole pieces: refuse a part of one."""
    if unit_of(unit).counted and quantity_milli % PER_UNIT:
        raise ValidationError(
            _("{name} is sold by the piece: the quantity must be whole pieces.").format(name=name)
        )


def _moved(stock: int, quantity: int, active: bool, one_of_a_kind: bool) -> tuple[int, bool]:
    """Stock on hand and the active flag after moving ``quantity`` (thousandths).

    A one-of-a-kind piece leaves the till when its stock reaches zero and
    comes back if it returns (a refund, a correction).
    """
    was_in_stock = stock > 0
    stock += quantity
    if one_of_a_kind and was_in_stock != (stock > 0):
        active = stock > 0
    return stock, active


class LedgerProduct:
    """A product's stock read inside a write transaction, moved in memory, written once.

    For the till's sales, which write the ledger with prepared statements
    (:func:`write_ledger`) under the same rules as :func:`record_movement`.
    """

    __slots__ = (
        "active",
        "id",
        "name",
        "one_of_a_kind",
        "option_axes",
        "price",
        "sku",
        "stock",
        "unit",
        "was_active",
    )

    def __init__(self, row: Sequence[Any]) -> None:
        """Keep one row read by :func:`read_ledger_products`."""
        (
            self.id,
            self.sku,
            self.name,
            self.price,
            self.stock,
            active,
            one_of_a_kind,
            self.option_axes,
            self.unit,
        ) = row
        self.active = self.was_active = bool(active)
        self.one_of_a_kind = bool(one_of_a_kind)

    def check(self, quantity_milli: int) -> None:
        """Refuse (ValidationError) a move :func:`record_movement` would refuse."""
        _refuse_variant_parent(self.name, self.option_axes)
        refuse_part_of_piece(self.name, self.unit, quantity_milli)

    def move(self, quantity_milli: int) -> None:
        """Move the stock by ``quantity_milli`` in memory, as :func:`record_movement` would."""
        self.check(quantity_milli)
        self.stock, self.active = _moved(
            self.stock, quantity_milli, self.active, self.one_of_a_kind
        )


_PRODUCTS = Product.core_table()
_MOVEMENTS = StockMovement.core_table()
_LEDGER_COLUMNS = (
    "id",
    "sku",
    "name",
    "price_minor",
    "stock_milli",
    "active",
    "one_of_a_kind",
    "option_axes",
    "unit",
)
"""What :class:`LedgerProduct` keeps of a product, in this order."""
_INSERT_MOVEMENTS = Prepared.insert(
    _MOVEMENTS,
    (
        "uuid",
        "product_id",
        "quantity_milli",
        "reason",
        "reference",
        "note",
        "unit_cost_minor",
        "till_id",
        "created_at",
    ),
)
_UPDATE_STOCK = Prepared(
    update(_PRODUCTS)
    .where(_PRODUCTS.c.id == bindparam("v_id"))
    .values(stock_milli=bindparam("v_stock"), updated_at=bindparam("v_updated_at")),
    ("v_stock", "v_updated_at", "v_id"),
)
_UPDATE_ACTIVE = Prepared(
    update(_PRODUCTS)
    .where(_PRODUCTS.c.id == bindparam("v_id"))
    .values(active=bindparam("v_active"), updated_at=bindparam("v_updated_at")),
    ("v_active", "v_updated_at", "v_id"),
)


@lru_cache(maxsize=64)
def _read_ledger(count: int) -> Prepared:
    """Read ``count`` products by id: one statement per cart size, compiled once."""
    names = [f"v_id{n}" for n in range(count)]
    statement = select(*(_PRODUCTS.c[column] for column in _LEDGER_COLUMNS)).where(
        _PRODUCTS.c.id.in_([bindparam(name) for name in names])
    )
    return Prepared(statement, names)


READ_AT_ONCE = 500
"""Products read by one query (a cart's few, or a batch of imported sales' hundreds)."""


def read_ledger_products(connection: Connection, ids: Iterable[int]) -> dict[int, LedgerProduct]:
    """The products ``ids`` (those that exist) by id, read in one query per 500."""
    wanted = sorted(set(ids))
    found: dict[int, LedgerProduct] = {}
    for first in range(0, len(wanted), READ_AT_ONCE):
        chunk = wanted[first : first + READ_AT_ONCE]
        rows = _read_ledger(len(chunk)).execute(connection, chunk).fetchall()
        found.update((row[0], LedgerProduct(row)) for row in rows)
    return found


def write_ledger(
    connection: Connection,
    moves: Sequence[tuple[LedgerProduct, int]],
    *,
    reason: StockReason,
    till_id: str,
    reference: str,
    at: datetime,
    now: datetime,
) -> None:
    """Write the ledger rows of ``moves`` and each moved product's stock, already moved.

    One ``INSERT`` per movement, dated ``at``, and one ``UPDATE`` per product,
    whose ``updated_at`` becomes ``now``, each in one ``executemany``; a
    one-of-a-kind piece that left the till (or came back) has its ``active``
    flag written too, as the ORM writes only what changed.
    """
    if not moves:
        return
    stamp = stored_value(connection, _MOVEMENTS.c.created_at, at)
    write_movement_rows(
        connection,
        movement_rows(moves, reason=reason, till_id=till_id, reference=reference, stamp=stamp),
    )
    write_stock(connection, {product.id: product for product, _quantity in moves}.values(), now=now)


def movement_rows(
    moves: Iterable[tuple[LedgerProduct, int]],
    *,
    reason: StockReason,
    till_id: str,
    reference: str,
    stamp: object,
) -> list[tuple[object, ...]]:
    """The ledger rows of ``moves`` for :func:`write_movement_rows`, dated ``stamp`` (stored)."""
    return [
        (new_uuid(), p.id, quantity, reason.value, reference, "", None, till_id, stamp)
        for p, quantity in moves
    ]


def write_movement_rows(connection: Connection, rows: Sequence[Sequence[object]]) -> None:
    """Insert ledger rows made by :func:`movement_rows`, in one ``executemany``."""
    _INSERT_MOVEMENTS.execute_many(connection, rows)


def write_stock(
    connection: Connection, products: Iterable[LedgerProduct], *, now: datetime
) -> None:
    """Write each product's stock as moved in memory, and its ``active`` flag where it changed."""
    updated = stored_value(connection, _PRODUCTS.c.updated_at, now)
    moved = list(products)
    _UPDATE_STOCK.execute_many(connection, [(p.stock, updated, p.id) for p in moved])
    _UPDATE_ACTIVE.execute_many(
        connection, [(p.active, updated, p.id) for p in moved if p.active != p.was_active]
    )
    for product in moved:
        product.was_active = product.active


def record_bulk_movements(
    session: Session,
    moves: Sequence[BulkMove],
    *,
    till_id: str,
    reference: str = "",
    move_cached_stock: bool = True,
) -> None:
    """Write many ledger rows at once and move each product's cached stock by as much.

    For imports of thousands of rows; the products must hold stock (none
    sold only as variants). ``move_cached_stock=False`` is for products just
    inserted already holding the stock these rows explain.
    """
    if not moves:
        return
    movements = StockMovement.core_table()
    columns: tuple[str, ...] = ("uuid", "product_id", "quantity_milli", "reason", "reference")
    columns += ("note", "unit_cost_minor", "till_id", "created_at")
    stamp = stored_value(session, movements.c.created_at, utcnow())
    execute_many(
        session,
        insert(movements).values(values_of(movements, columns)),
        [
            (
                uuid,
                m.product_id,
                m.quantity_milli,
                m.reason.value,
                reference,
                "",
                m.unit_cost,
                till_id,
                stamp,
            )
            for m, uuid in zip(moves, new_uuids(len(moves)), strict=True)
        ],
        order=[f"v_{c}" for c in columns],
    )
    if not move_cached_stock:
        return
    products = Product.core_table()
    execute_many(
        session,
        update(products)
        .where(products.c.id == bindparam("v_id"))
        .values(
            stock_milli=products.c.stock_milli + bindparam("v_qty"),
            updated_at=bindparam("v_updated_at"),
        ),
        [{"v_id": m.product_id, "v_qty": m.quantity_milli, "v_updated_at": stamp} for m in moves],
    )
