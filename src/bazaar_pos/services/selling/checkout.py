"""Checkout: turn a cart and its payments into one durable sale."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, tzinfo
from typing import Any

from sqlalchemy import Connection, bindparam, func, select

from bazaar_pos.domain.access import (
    Permission,
    discount_above_limit,
    largest_discount_share,
    percent_text,
)
from bazaar_pos.domain.cart import Cart, CartTotals
from bazaar_pos.domain.payment import (
    CashRule,
    PaymentError,
    PaymentStatus,
    Settlement,
    Tender,
    settle,
)
from bazaar_pos.domain.quantity import format_quantity, unit_of
from bazaar_pos.domain.stock import StockReason
from bazaar_pos.errors import UserError, ValidationError
from bazaar_pos.i18n import _
from bazaar_pos.services.audit_writer import event_values, write_events
from bazaar_pos.services.people.access import Approval, Grant
from bazaar_pos.services.selling.customer_sale import (
    CustomerPart,
    check_customer,
    read_customer,
    write_charge,
)
from bazaar_pos.services.selling.parked_carts import forget_current_cart as drop_cart_snapshot
from bazaar_pos.services.settings import SettingsService, ShopSettings
from bazaar_pos.services.stock.consignment.service import record_consignors
from bazaar_pos.services.stock.ledger import LedgerProduct, read_ledger_products, write_ledger
from bazaar_pos.services.views import Changes, SaleResult
from bazaar_pos.store.database import Database
from bazaar_pos.store.models import BazaarEvent, CashShift, Payment, Sale, SaleLine
from bazaar_pos.store.prepared import Prepared, stored_value
from bazaar_pos.store.types import new_uuid, utcnow

POS_CHANNEL = "pos"
MAX_SALE_TOTAL = 10**15
"""The largest subtotal one sale may have, in minor units; far below SQLite's integer limit."""

AlsoWrite = Callable[[Connection, int, str], None]
"""Rows another record writes with a sale, given the connection, the sale's id and its UUID."""


class CheckoutService:
    """Completes sales: sale, lines, payments, stock movements and audit in one transaction."""

    def __init__(
        self, db: Database, settings: SettingsService, zone: tzinfo | None = None
    ) -> None:
        """Commit sales into ``db`` as this till; kasbon falls due on ``zone``'s days."""
        self._db = db
        self._settings = settings
        self._zone = zone

    def complete_sale(
        self,
        cart: Cart,
        tenders: list[Tender],
        *,
        cashier: str = "",
        channel: str = POS_CHANNEL,
        external_ref: str | None = None,
        sold_at: datetime | None = None,
        cash_rounding: bool = True,
        approval: Approval | None = None,
        forget_current_cart: bool = False,
        also_write: AlsoWrite | None = None,
        due_on: date | None = None,
    ) -> SaleResult:
        """Commit the cart as a sale paid by ``tenders`` and return what was recorded.

        Raises a UserError (nothing written) when the cart is empty, the
        payments fall short, or the shop blocks selling beyond stock. Sales
        recorded after the fact pass ``cash_rounding=False`` to keep their
        amounts as they were. The till passes ``forget_current_cart=True`` so
        the crash-recovery snapshot of the cart goes in the same transaction as
        the sale: after a crash the app never offers back a cart already sold.

        At the till, a price changed from the catalogue's or a discount above
        the owner's limit needs an owner; a cashier's sale is refused with
        PermissionDenied unless it carries an owner's ``approval``. Both are
        written to the audit log whoever gives them. Till sales are tagged with
        the open cash shift and the open bazaar event.

        The cart's customer is written on the sale; their group's prices are no
        price change. The part paid by ``PaymentMethod.ACCOUNT`` (kasbon) goes on
        their account, due ``due_on`` (default: the shop's kasbon days after the
        sale); beyond their credit limit it needs an owner.
        ``also_write`` is called inside the sale's transaction once the sale is
        written (a pre-order picked up marks itself so); if it raises, nothing
        is written.
        """
        access = self._settings.access
        actor = access.require_actor()
        cashier = cashier or (actor.name if actor.user_id is not None else "")
        shop = self._settings.load()
        if not len(cart):
            raise ValidationError(_("The cart is empty."))
        if cart.currency != shop.currency:
            raise ValidationError(_("The cart is not in the shop's currency."))
        totals = cart.totals()
        if totals.subtotal > MAX_SALE_TOTAL:
            raise ValidationError(_("The sale adds up to more than one sale can record."))
        try:
            rule = shop.cash_rule if cash_rounding else CashRule()
            settlement = settle(totals.total, tenders, rule)
        except PaymentError as exc:
            raise UserError(_("The payment does not cover the total.")) from exc
        check_customer(cart, settlement)
        at_till = channel == POS_CHANNEL
        limit = access.settings().discount_limit_percent
        now = utcnow()
        created_at = sold_at or now
        with self._db.writing_rows() as connection:
            products = read_ledger_products(connection, _product_ids(cart))
            customer = read_customer(connection, cart, settlement)
            overrides = _price_overrides(cart, products, customer) if at_till else []
            needed = []
            if overrides:
                needed.append(Permission.CHANGE_PRICE)
            big_discount = at_till and discount_above_limit(totals, limit)
            if big_discount:
                needed.append(Permission.DISCOUNT_ABOVE_LIMIT)
            if customer.over_limit:
                needed.append(Permission.KASBON_OVER_LIMIT)
            with access.permit(*needed, approval=approval) as grant:
                moves, below_zero = _take_from_stock(shop, products, cart, enforce=at_till)
                sale = _new_sale(connection, shop, totals, settlement, at_till=at_till)
                sale |= {
                    "cashier": cashier,
                    "channel": channel,
                    "external_ref": external_ref,
                    "created_at": created_at,
                    "customer_id": customer.customer_id,
                }
                sale_id = _write_sale(connection, sale, totals, settlement)
                write_charge(
                    connection,
                    customer,
                    sale_id=sale_id,
                    due_on=due_on,
                    due_days=shop.kasbon_due_days,
                    zone=self._zone,
                    till_id=shop.till_id,
                    recorded_by=actor.name or cashier,
                    at=created_at,
                )
                write_ledger(
                    connection,
                    moves,
                    reason=StockReason.SALE,
                    till_id=shop.till_id,
                    reference=f"sale:{sale['uuid']}",
                    at=created_at,
                    now=now,
                )
                completed = event_values(
                    "sale.completed",
                    actor=actor.name or cashier,
                    entity="sale",
                    entity_ref=sale["uuid"],
                    details={
                        "number": sale["number"],
                        "total": sale["total_minor"],
                        "channel": channel,
                    }
                    | _customer_details(customer, cart)
                    | grant.details(),
                )
                exceptions = _exception_events(sale, overrides, totals, limit, big_discount, grant)
                exceptions += _kasbon_events(sale, customer, grant)
                write_events(connection, [completed, *exceptions], at=now)
                if forget_current_cart:
                    drop_cart_snapshot(connection)
                if also_write is not None:
                    also_write(connection, sale_id, sale["uuid"])
        return SaleResult(
            id=sale_id,
            uuid=sale["uuid"],
            number=sale["number"],
            created_at=created_at,
            total=sale["total_minor"],
            rounding=sale["rounding_minor"],
            change=settlement.change,
            changes=Changes(stock=True, sales=True, products=bool(below_zero)),
            below_zero=tuple(below_zero),
            awaiting=tuple(
                (p.method.value, p.amount)
                for p in settlement.payments
                if p.status is PaymentStatus.AWAITING
            ),
        )


_SALE_COLUMNS = (
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
_INSERT_SALE = Prepared.insert(_SALES, _SALE_COLUMNS)
_INSERT_LINES = Prepared.insert(SaleLine.core_table(), _LINE_COLUMNS)
_INSERT_PAYMENTS = Prepared.insert(Payment.core_table(), _PAYMENT_COLUMNS)
_SHIFTS = CashShift.core_table()
_EVENTS = BazaarEvent.core_table()
_NUMBERING = Prepared(
    select(
        select(func.max(_SALES.c.sequence))
        .where(_SALES.c.till_id == bindparam("till_id"))
        .scalar_subquery(),
        select(_SHIFTS.c.id)
        .where(_SHIFTS.c.till_id == bindparam("till_id"), _SHIFTS.c.closed_at.is_(None))
        .limit(1)
        .scalar_subquery(),
        select(_EVENTS.c.id).where(_EVENTS.c.status == "open").limit(1).scalar_subquery(),
    ),
    ("till_id",),
)
"""In one query: the till's last sale number, its open cash shift and the open bazaar event."""


def _new_sale(
    connection: Connection,
    shop: ShopSettings,
    totals: CartTotals,
    settlement: Settlement,
    *,
    at_till: bool,
) -> dict[str, Any]:
    """The next sale's columns by name: number, amounts, and at the till its shift and event.

    The UUID is made here, since the stock movements name the sale before it
    is written. The caller adds who sold it, on which channel and when.
    """
    numbering = _NUMBERING.execute(connection, (shop.till_id,)).fetchone()
    assert numbering is not None  # scalar subqueries: always one row
    last, shift_id, event_id = numbering
    sequence = (last or 0) + 1
    return {
        "uuid": new_uuid(),
        "number": f"{shop.till_code}-{sequence:06d}",
        "sequence": sequence,
        "till_id": shop.till_id,
        "currency": shop.currency_code,
        "subtotal_minor": totals.subtotal,
        "discount_minor": totals.discount,
        "tax_minor": totals.tax,
        "tax_inclusive": totals.tax_rule.inclusive if totals.tax_rule else True,
        "total_minor": totals.total,
        "rounding_minor": settlement.rounding,
        "note": "",
        "shift_id": shift_id if at_till else None,
        "event_id": event_id if at_till else None,
    }


def _product_ids(cart: Cart) -> set[int]:
    return {line.product_id for line in cart if line.product_id is not None}


def _write_sale(
    connection: Connection, sale: dict[str, Any], totals: CartTotals, settlement: Settlement
) -> int:
    """Insert the sale (its columns by name), its lines and its payments.

    Three statements, the lines and the payments each in one ``executemany``;
    returns the sale's id.
    """
    stamp = stored_value(connection, _SALES.c.created_at, sale["created_at"])
    values = [stamp if column == "created_at" else sale[column] for column in _SALE_COLUMNS]
    sale_id = _INSERT_SALE.execute(connection, values).lastrowid
    assert sale_id is not None
    _INSERT_LINES.execute_many(
        connection,
        [
            (
                sale_id,
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
        ],
    )
    record_consignors(connection, [sale_id])
    _INSERT_PAYMENTS.execute_many(
        connection,
        [
            (
                sale_id,
                p.method.value,
                p.amount,
                p.tendered,
                p.change,
                p.reference,
                p.status.value,
                stamp if p.status is PaymentStatus.CONFIRMED else None,
                sale["cashier"] if p.status is PaymentStatus.CONFIRMED else "",
            )
            for p in settlement.payments
        ],
    )
    return sale_id


def _take_from_stock(
    shop: ShopSettings, products: dict[int, LedgerProduct], cart: Cart, *, enforce: bool
) -> tuple[list[tuple[LedgerProduct, int]], list[str]]:
    """Move sold goods out of stock in memory: the moves, and the SKUs that went below zero.

    Refuses (ValidationError, nothing written) a product that no longer
    exists, one sold as its variants, and, at the till of a shop that blocks
    selling beyond stock, more than is in stock.
    """
    moves: list[tuple[LedgerProduct, int]] = []
    below_zero = []
    for line in cart:
        if line.product_id is None:
            continue
        product = products.get(line.product_id)
        if product is None:
            raise ValidationError(_("A product in the cart no longer exists."))
        if product.stock - line.quantity_milli < 0:
            if enforce and shop.oversell == "block":
                count = format_quantity(product.stock, unit_of(product.unit), shop.money_locale)
                raise ValidationError(
                    _("Only {count} of {name} in stock.").format(count=count, name=product.name)
                )
            below_zero.append(product.sku)
        product.move(-line.quantity_milli)
        moves.append((product, -line.quantity_milli))
    return moves, below_zero


def _price_overrides(
    cart: Cart, products: dict[int, LedgerProduct], customer: CustomerPart
) -> list[tuple[str, str, int, int]]:
    """Lines sold at another price than the catalogue's or the customer's group's.

    Each as (SKU, name, catalogue price, price sold at).
    """
    found = []
    member = customer.member_prices or {}
    for line in cart:
        if line.product_id is None:
            continue
        product = products.get(line.product_id)
        if product is None or line.unit_price == member.get(line.product_id):
            continue
        if product.price != line.unit_price:
            found.append((line.sku, line.name, product.price, line.unit_price))
    return found


def _exception_events(
    sale: dict[str, Any],
    overrides: list[tuple[str, str, int, int]],
    totals: CartTotals,
    limit: int,
    big_discount: bool,
    grant: Grant,
) -> list[tuple[str, ...]]:
    """Audit events for price overrides and discounts above the limit, with the approving owner."""
    events: list[tuple[str, ...]] = [
        event_values(
            "price.override",
            actor=grant.actor.name,
            entity="sale",
            entity_ref=sale["uuid"],
            details={
                "number": sale["number"],
                "sku": sku,
                "name": name,
                "catalogue_price": catalogue,
                "sold_price": sold,
            }
            | grant.details(),
        )
        for sku, name, catalogue, sold in overrides
    ]
    if big_discount:
        share = largest_discount_share(totals)
        events.append(
            event_values(
                "discount.above_limit",
                actor=grant.actor.name,
                entity="sale",
                entity_ref=sale["uuid"],
                details={
                    "number": sale["number"],
                    "discount": totals.discount,
                    "largest_percent": percent_text(share),
                    "limit_percent": limit,
                }
                | grant.details(),
            )
        )
    return events


def _customer_details(customer: CustomerPart, cart: Cart) -> dict[str, object]:
    """What the sale's audit event says of its customer: who, their group, kasbon, saving."""
    if customer.customer_id is None:
        return {}
    details: dict[str, object] = {"customer": customer.name}
    if customer.group:
        details |= {"customer_group": customer.group}
    saving = cart.member_saving
    if saving:
        details |= {"member_saving": saving}
    if customer.charge:
        details |= {"on_account": customer.charge}
    return details


def _kasbon_events(
    sale: dict[str, Any], customer: CustomerPart, grant: Grant
) -> list[tuple[str, ...]]:
    """The audit event of kasbon given beyond the customer's limit, with the approving owner."""
    if not customer.over_limit:
        return []
    return [
        event_values(
            "kasbon.over_limit",
            actor=grant.actor.name,
            entity="customer",
            entity_ref=customer.uuid,
            details={
                "number": sale["number"],
                "customer": customer.name,
                "charge": customer.charge,
                "owed_before": customer.owed,
                "limit": customer.limit,
                "over_by": customer.over_limit,
            }
            | grant.details(),
        )
    ]
