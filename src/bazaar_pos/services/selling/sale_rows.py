"""A sale's rows gathered in memory and written table by table: one at the till, many on import.

Inside one write transaction, :class:`SaleRows` reads the products the sales
take from, numbers the sales, moves the stock in memory and gathers every
row: sales, lines, payments, stock movements, audit events. :meth:`SaleRows.write`
then writes each table in one ``executemany`` and stamps consigned lines with
their maker. The till writes a batch of one sale; an import writes hundreds
per transaction, which costs about what SQLite itself needs for the rows.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, bindparam, func, select

from bazaar_pos.domain.cart import Cart, CartTotals
from bazaar_pos.domain.payment import PaymentStatus, Settlement
from bazaar_pos.domain.quantity import format_quantity, unit_of
from bazaar_pos.domain.stock import StockReason
from bazaar_pos.errors import ValidationError
from bazaar_pos.i18n import _
from bazaar_pos.services.audit_writer import event_rows, write_event_rows
from bazaar_pos.services.settings import ShopSettings
from bazaar_pos.services.stock.consignment.service import record_consignors
from bazaar_pos.services.stock.ledger import (
    LedgerProduct,
    movement_rows,
    read_ledger_products,
    write_movement_rows,
    write_stock,
)
from bazaar_pos.store.models import BazaarEvent, CashShift, Payment, Sale, SaleLine
from bazaar_pos.store.prepared import Prepared, stored_value
from bazaar_pos.store.types import new_uuid

_SALE_COLUMNS = (
    "id",
    "uuid",
    "number",
    "sequence",
    "till_id",
    "channel",
    "external_ref",
    "cashier",
    "currency",
    "subtotal_minor",
    "discount_minor",
    "tax_minor",
    "tax_inclusive",
    "total_minor",
    "rounding_minor",
    "note",
    "created_at",
    "shift_id",
    "event_id",
    "customer_id",
)
_LINE_COLUMNS = (
    "sale_id",
    "position",
    "product_id",
    "sku",
    "name",
    "quantity_milli",
    "unit",
    "unit_price_minor",
    "unit_cost_minor",
    "discount_minor",
    "tax_minor",
    "line_total_minor",
)
_PAYMENT_COLUMNS = (
    "sale_id",
    "method",
    "amount_minor",
    "tendered_minor",
    "change_minor",
    "reference",
    "status",
    "confirmed_at",
    "confirmed_by",
)
_SALES = Sale.core_table()
_INSERT_SALES = Prepared.insert(_SALES, _SALE_COLUMNS)
_INSERT_LINES = Prepared.insert(SaleLine.core_table(), _LINE_COLUMNS)
_INSERT_PAYMENTS = Prepared.insert(Payment.core_table(), _PAYMENT_COLUMNS)
_SHIFTS = CashShift.core_table()
_EVENTS = BazaarEvent.core_table()
_NUMBERING = Prepared(
    select(
        select(func.max(_SALES.c.sequence))
        .where(_SALES.c.till_id == bindparam("till_id"))
        .scalar_subquery(),
        select(func.max(_SALES.c.id)).scalar_subquery(),
        select(_SHIFTS.c.id)
        .where(_SHIFTS.c.till_id == bindparam("till_id"), _SHIFTS.c.closed_at.is_(None))
        .limit(1)
        .scalar_subquery(),
        select(_EVENTS.c.id).where(_EVENTS.c.status == "open").limit(1).scalar_subquery(),
    ),
    ("till_id",),
)
"""In one query: the till's last sale number, the last sale id, the open shift and event."""


@dataclass(frozen=True, slots=True)
class SaleFacts:
    """Who sold a sale, where and when: what the cart and its payments do not say."""

    cashier: str
    channel: str
    external_ref: str | None
    created_at: datetime
    customer_id: int | None = None


class SaleRows:
    """The rows of one or many sales, gathered in one write transaction and written together.

    The transaction must hold the write lock (``BEGIN IMMEDIATE``) from before
    this is made until :meth:`write`: the sales' ids and numbers follow the
    last ones read here.
    """

    def __init__(
        self,
        connection: Connection,
        shop: ShopSettings,
        product_ids: Iterable[int],
        *,
        at_till: bool,
        now: datetime,
    ) -> None:
        """Read the products ``product_ids`` and where the numbering stands; nothing written yet."""
        self._connection = connection
        self._shop = shop
        self._now = now
        self.products = read_ledger_products(connection, product_ids)
        numbering = _NUMBERING.execute(connection, (shop.till_id,)).fetchone()
        assert numbering is not None  # scalar subqueries: always one row
        last_sequence, last_id, shift_id, event_id = numbering
        self._sequence = last_sequence or 0
        self._id = last_id or 0
        self._shift_id = shift_id if at_till else None
        self._event_id = event_id if at_till else None
        self._sales: list[tuple[object, ...]] = []
        self._lines: list[tuple[object, ...]] = []
        self._payments: list[tuple[object, ...]] = []
        self._movements: list[tuple[object, ...]] = []
        self._events: list[tuple[object, ...]] = []
        self._moved: dict[int, LedgerProduct] = {}

    def add(
        self,
        cart: Cart,
        totals: CartTotals,
        settlement: Settlement,
        facts: SaleFacts,
        *,
        enforce_stock: bool,
    ) -> tuple[dict[str, Any], list[str]]:
        """Gather one sale's rows: its columns by name, and the SKUs it took below zero.

        Refuses (ValidationError, nothing of this sale gathered) a product that
        no longer exists, one sold as its variants, and with ``enforce_stock``
        in a shop that blocks selling beyond stock, more than is in stock.
        """
        moves, below_zero = self._take_from_stock(cart, enforce=enforce_stock)
        for product, quantity in moves:
            product.move(quantity)
            self._moved[product.id] = product
        self._id += 1
        self._sequence += 1
        sale = {
            "id": self._id,
            "uuid": new_uuid(),
            "number": f"{self._shop.till_code}-{self._sequence:06d}",
            "sequence": self._sequence,
            "till_id": self._shop.till_id,
            "channel": facts.channel,
            "external_ref": facts.external_ref,
            "cashier": facts.cashier,
            "currency": self._shop.currency_code,
            "subtotal_minor": totals.subtotal,
            "discount_minor": totals.discount,
            "tax_minor": totals.tax,
            "tax_inclusive": totals.tax_rule.inclusive if totals.tax_rule else True,
            "total_minor": totals.total,
            "rounding_minor": settlement.rounding,
            "note": "",
            "created_at": facts.created_at,
            "shift_id": self._shift_id,
            "event_id": self._event_id,
            "customer_id": facts.customer_id,
        }
        stamp = stored_value(self._connection, _SALES.c.created_at, facts.created_at)
        self._sales.append(
            tuple(stamp if column == "created_at" else sale[column] for column in _SALE_COLUMNS)
        )
        self._lines.extend(
            (
                sale["id"],
                position,
                t.line.product_id,
                t.line.sku,
                t.line.name,
                t.line.quantity_milli,
                t.line.unit.value,
                t.line.unit_price,
                t.line.unit_cost,
                t.discount,
                t.tax,
                t.net,
            )
            for position, t in enumerate(totals.lines, start=1)
        )
        confirmed = (stamp, facts.cashier)
        self._payments.extend(
            (
                sale["id"],
                p.method.value,
                p.amount,
                p.tendered,
                p.change,
                p.reference,
                p.status.value,
                *(confirmed if p.status is PaymentStatus.CONFIRMED else (None, "")),
            )
            for p in settlement.payments
        )
        self._movements.extend(
            movement_rows(
                moves,
                reason=StockReason.SALE,
                till_id=self._shop.till_id,
                reference=f"sale:{sale['uuid']}",
                stamp=stamp,
            )
        )
        return sale, below_zero

    def add_events(self, events: list[tuple[str, ...]]) -> None:
        """Gather audit events made by ``event_values``, dated when the rows were read."""
        self._events.extend(event_rows(self._connection, events, at=self._now))

    def write(self) -> list[int]:
        """Write every gathered row, a table at a time; the ids of the sales written."""
        ids = [int(row[0]) for row in self._sales]  # type: ignore[call-overload]
        _INSERT_SALES.execute_many(self._connection, self._sales)
        _INSERT_LINES.execute_many(self._connection, self._lines)
        record_consignors(self._connection, ids)
        _INSERT_PAYMENTS.execute_many(self._connection, self._payments)
        write_movement_rows(self._connection, self._movements)
        write_stock(self._connection, self._moved.values(), now=self._now)
        write_event_rows(self._connection, self._events)
        for gathered in (
            self._sales,
            self._lines,
            self._payments,
            self._movements,
            self._events,
        ):
            gathered.clear()
        self._moved.clear()
        return ids

    def _take_from_stock(
        self, cart: Cart, *, enforce: bool
    ) -> tuple[list[tuple[LedgerProduct, int]], list[str]]:
        """What the cart takes from each product, checked against what is left after the batch."""
        moves: list[tuple[LedgerProduct, int]] = []
        below_zero = []
        left: dict[int, int] = {}
        for line in cart:
            if line.product_id is None:
                continue
            product = self.products.get(line.product_id)
            if product is None:
                raise ValidationError(_("A product in the cart no longer exists."))
            product.check(-line.quantity_milli)
            stock = left.get(product.id, product.stock)
            if stock - line.quantity_milli < 0:
                if enforce and self._shop.oversell == "block":
                    count = format_quantity(stock, unit_of(product.unit), self._shop.money_locale)
                    raise ValidationError(
                        _("Only {count} of {name} in stock.").format(count=count, name=product.name)
                    )
                below_zero.append(product.sku)
            left[product.id] = stock - line.quantity_milli
            moves.append((product, -line.quantity_milli))
        return moves, below_zero
