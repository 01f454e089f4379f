"""Checkout: turn a cart and its payments into one durable sale; record sales made elsewhere."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from typing import Any

from sqlalchemy import Connection

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
    PaymentMethod,
    PaymentStatus,
    Settlement,
    Tender,
    settle,
)
from bazaar_pos.errors import UserError, ValidationError
from bazaar_pos.i18n import _
from bazaar_pos.progress import Cancelled, Progress, quiet
from bazaar_pos.services.audit_writer import event_values
from bazaar_pos.services.people.access import Approval, Grant
from bazaar_pos.services.selling.customer_sale import (
    CustomerPart,
    check_customer,
    read_customer,
    write_charge,
)
from bazaar_pos.services.selling.parked_carts import forget_current_cart as drop_cart_snapshot
from bazaar_pos.services.selling.sale_rows import SaleFacts, SaleRows
from bazaar_pos.services.settings import SettingsService, ShopSettings
from bazaar_pos.services.stock.ledger import LedgerProduct
from bazaar_pos.services.views import Changes, SaleResult
from bazaar_pos.store.database import Database
from bazaar_pos.store.types import utcnow

POS_CHANNEL = "pos"
MAX_SALE_TOTAL = 10**15
"""The largest subtotal one sale may have, in minor units; far below SQLite's integer limit."""

AlsoWrite = Callable[[Connection, int, str], None]
"""Rows another record writes with a sale, given the connection, the sale's id and its UUID."""


class CheckoutService:
    """Completes sales: sale, lines, payments, stock movements and audit in one transaction."""

    def __init__(self, db: Database, settings: SettingsService, zone: tzinfo | None = None) -> None:
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
        totals, settlement = _settled(shop, cart, tenders, cash_rounding=cash_rounding)
        at_till = channel == POS_CHANNEL
        limit = access.settings().discount_limit_percent
        now = utcnow()
        created_at = sold_at or now
        with self._db.writing_rows() as connection:
            rows = SaleRows(connection, shop, _product_ids(cart), at_till=at_till, now=now)
            customer = read_customer(connection, cart, settlement)
            overrides = _price_overrides(cart, rows.products, customer) if at_till else []
            needed = []
            if overrides:
                needed.append(Permission.CHANGE_PRICE)
            big_discount = at_till and discount_above_limit(totals, limit)
            if big_discount:
                needed.append(Permission.DISCOUNT_ABOVE_LIMIT)
            if customer.over_limit:
                needed.append(Permission.KASBON_OVER_LIMIT)
            with access.permit(*needed, approval=approval) as grant:
                facts = SaleFacts(cashier, channel, external_ref, created_at, customer.customer_id)
                sale, below_zero = rows.add(cart, totals, settlement, facts, enforce_stock=at_till)
                exceptions = _exception_events(sale, overrides, totals, limit, big_discount, grant)
                rows.add_events(
                    [
                        _completed(sale, customer, cart, actor.name or cashier, grant),
                        *exceptions,
                        *_kasbon_events(sale, customer, grant),
                    ]
                )
                self._write_with_charge(
                    rows, connection, shop, sale, customer, due_on, actor.name or cashier
                )
                if forget_current_cart:
                    drop_cart_snapshot(connection)
                if also_write is not None:
                    also_write(connection, sale["id"], sale["uuid"])
        return _result(sale, settlement, below_zero)

    def record_sales(
        self, sales: Sequence[PastSale], progress: Progress | None = None
    ) -> list[SaleResult]:
        """Record sales made elsewhere (marketplace orders, a sales file), in the given order.

        Each is checked as :meth:`complete_sale` checks a sale made away from
        the till. They are written ``SALES_PER_TRANSACTION`` to a durable
        transaction, each sale whole: when one is refused (UserError) or
        ``progress`` is cancelled, the sales of earlier transactions stay
        recorded and none of the rest is. ``progress`` counts the sales.
        """
        progress = progress or quiet()
        access = self._settings.access
        actor = access.require_actor()
        cashier = actor.name if actor.user_id is not None else ""
        recorded_by = actor.name or cashier
        shop = self._settings.load()
        planned = [(past, *_paid_in_full(shop, past)) for past in sales]
        results: list[SaleResult] = []
        for first in range(0, len(planned), SALES_PER_TRANSACTION):
            _stop_here(progress, first, len(planned))
            batch = planned[first : first + SALES_PER_TRANSACTION]
            now = utcnow()
            with self._db.writing_rows() as connection:
                ids = {pid for past, _t, _s in batch for pid in _product_ids(past.cart)}
                rows = SaleRows(connection, shop, ids, at_till=False, now=now)
                for past, totals, settlement in batch:
                    customer = read_customer(connection, past.cart, settlement)
                    needed = [Permission.KASBON_OVER_LIMIT] if customer.over_limit else []
                    with access.permit(*needed) as grant:
                        facts = SaleFacts(
                            cashier,
                            past.channel,
                            past.external_ref,
                            past.sold_at,
                            customer.customer_id,
                        )
                        sale, below_zero = rows.add(
                            past.cart, totals, settlement, facts, enforce_stock=False
                        )
                        rows.add_events(
                            [
                                _completed(sale, customer, past.cart, recorded_by, grant),
                                *_kasbon_events(sale, customer, grant),
                            ]
                        )
                    if customer.charge:
                        self._write_with_charge(
                            rows, connection, shop, sale, customer, None, recorded_by
                        )
                    results.append(_result(sale, settlement, below_zero))
                rows.write()
        progress.reach(len(planned), len(planned))
        return results

    def _write_with_charge(
        self,
        rows: SaleRows,
        connection: Connection,
        shop: ShopSettings,
        sale: dict[str, Any],
        customer: CustomerPart,
        due_on: date | None,
        recorded_by: str,
    ) -> None:
        """Write the rows gathered, then the sale's kasbon on the customer's account.

        The account entry names the sale, so the sale is written first.
        """
        rows.write()
        write_charge(
            connection,
            customer,
            sale_id=sale["id"],
            due_on=due_on,
            due_days=shop.kasbon_due_days,
            zone=self._zone,
            till_id=shop.till_id,
            recorded_by=recorded_by,
            at=sale["created_at"],
        )


SALES_PER_TRANSACTION = 500
"""Sales recorded after the fact per durable transaction: a fraction of a second each,
so a sale at the till waiting for the write lock is never kept long."""


@dataclass(frozen=True, slots=True)
class PastSale:
    """A sale made elsewhere, recorded after the fact: no rounding, no shift, no stock limit."""

    cart: Cart
    paid_by: PaymentMethod
    """How the whole total was paid (already received)."""
    channel: str
    external_ref: str | None
    sold_at: datetime


def _paid_in_full(shop: ShopSettings, past: PastSale) -> tuple[CartTotals, Settlement]:
    """A past sale's totals and its settlement: the whole total, received, as it was paid."""
    totals = past.cart.totals()
    tenders = [Tender(past.paid_by, totals.total, received=True)] if totals.total else []
    return _settled(shop, past.cart, tenders, cash_rounding=False, totals=totals)


def _stop_here(progress: Progress, done: int, total: int) -> None:
    """Report ``done`` sales recorded; when cancelled, say what was kept (none, or whole sales)."""
    try:
        progress.reach(done, total)
    except Cancelled:
        if not done:
            raise
        raise UserError(
            _(
                "Stopped after {done:,} of {total:,} sales, each recorded whole."
                " Importing the file again adds the rest."
            ).format(done=done, total=total)
        ) from None


def _settled(
    shop: ShopSettings,
    cart: Cart,
    tenders: list[Tender],
    *,
    cash_rounding: bool,
    totals: CartTotals | None = None,
) -> tuple[CartTotals, Settlement]:
    """The cart's totals (worked out here unless given) and how ``tenders`` pay them.

    Refuses a sale that cannot be recorded.
    """
    if not len(cart):
        raise ValidationError(_("The cart is empty."))
    if cart.currency != shop.currency:
        raise ValidationError(_("The cart is not in the shop's currency."))
    totals = totals if totals is not None else cart.totals()
    if totals.subtotal > MAX_SALE_TOTAL:
        raise ValidationError(_("The sale adds up to more than one sale can record."))
    try:
        rule = shop.cash_rule if cash_rounding else CashRule()
        settlement = settle(totals.total, tenders, rule)
    except PaymentError as exc:
        raise UserError(_("The payment does not cover the total.")) from exc
    check_customer(cart, settlement)
    return totals, settlement


def _completed(
    sale: dict[str, Any], customer: CustomerPart, cart: Cart, actor: str, grant: Grant
) -> tuple[str, ...]:
    """The audit event of a sale completed: its number, total, channel and customer."""
    return event_values(
        "sale.completed",
        actor=actor,
        entity="sale",
        entity_ref=sale["uuid"],
        details={
            "number": sale["number"],
            "total": sale["total_minor"],
            "channel": sale["channel"],
        }
        | _customer_details(customer, cart)
        | grant.details(),
    )


def _result(sale: dict[str, Any], settlement: Settlement, below_zero: list[str]) -> SaleResult:
    """What a recorded sale's caller learns of it."""
    return SaleResult(
        id=sale["id"],
        uuid=sale["uuid"],
        number=sale["number"],
        created_at=sale["created_at"],
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


def _product_ids(cart: Cart) -> set[int]:
    return {line.product_id for line in cart if line.product_id is not None}


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
