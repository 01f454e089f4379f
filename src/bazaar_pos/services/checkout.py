"""Checkout: turn a cart and its payments into one durable sale."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

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
from bazaar_pos.domain.stock import StockReason
from bazaar_pos.errors import UserError, ValidationError
from bazaar_pos.i18n import _
from bazaar_pos.services.access import Approval, Grant
from bazaar_pos.services.audit import record_event
from bazaar_pos.services.parked_carts import forget_current_cart as drop_cart_snapshot
from bazaar_pos.services.settings import SettingsService, ShopSettings
from bazaar_pos.services.stock import record_movement
from bazaar_pos.services.views import Changes, SaleResult
from bazaar_pos.store.database import Database
from bazaar_pos.store.models import BazaarEvent, CashShift, Payment, Product, Sale, SaleLine
from bazaar_pos.store.types import new_uuid, utcnow

POS_CHANNEL = "pos"
MAX_SALE_TOTAL = 10**15
"""The largest subtotal one sale may have, in minor units; far below SQLite's integer limit."""


class CheckoutService:
    """Completes sales: sale, lines, payments, stock movements and audit in one transaction."""

    def __init__(self, db: Database, settings: SettingsService) -> None:
        """Commit sales into ``db`` under this till's identity."""
        self._db = db
        self._settings = settings

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
        at_till = channel == POS_CHANNEL
        limit = access.settings().discount_limit_percent
        with self._db.writing() as session:
            overrides = _price_overrides(session, cart) if at_till else []
            needed = []
            if overrides:
                needed.append(Permission.CHANGE_PRICE)
            big_discount = at_till and discount_above_limit(totals, limit)
            if big_discount:
                needed.append(Permission.DISCOUNT_ABOVE_LIMIT)
            with access.permit(*needed, approval=approval) as grant:
                sale = self._new_sale(session, shop, totals, settlement, cashier, channel, sold_at)
                sale.external_ref = external_ref
                if at_till:
                    sale.shift_id = _open_shift_id(session, shop.till_id)
                    sale.event_id = _open_event_id(session)
                below_zero = self._move_stock(session, shop, sale, cart, enforce=at_till)
                record_event(
                    session,
                    "sale.completed",
                    actor=actor.name or cashier,
                    entity="sale",
                    entity_ref=sale.uuid,
                    details={"number": sale.number, "total": sale.total_minor, "channel": channel}
                    | grant.details(),
                )
                _audit_exceptions(session, sale, overrides, totals, limit, big_discount, grant)
                if forget_current_cart:
                    drop_cart_snapshot(session)
            session.flush()
            return SaleResult(
                id=sale.id,
                uuid=sale.uuid,
                number=sale.number,
                created_at=sale.created_at,
                total=sale.total_minor,
                rounding=sale.rounding_minor,
                change=settlement.change,
                changes=Changes(stock=True, sales=True, products=bool(below_zero)),
                below_zero=tuple(below_zero),
                awaiting=tuple(
                    (p.method, p.amount_minor)
                    for p in sale.payments
                    if p.status == PaymentStatus.AWAITING
                ),
            )

    @staticmethod
    def _new_sale(
        session: Session,
        shop: ShopSettings,
        totals: CartTotals,
        settlement: Settlement,
        cashier: str,
        channel: str,
        sold_at: datetime | None,
    ) -> Sale:
        last = session.scalar(select(func.max(Sale.sequence)).where(Sale.till_id == shop.till_id))
        sequence = (last or 0) + 1
        sale = Sale(
            uuid=new_uuid(),  # known now: the stock movements name the sale before it is written
            number=f"{shop.till_code}-{sequence:06d}",
            sequence=sequence,
            till_id=shop.till_id,
            channel=channel,
            cashier=cashier,
            currency=shop.currency_code,
            subtotal_minor=totals.subtotal,
            discount_minor=totals.discount,
            tax_minor=totals.tax,
            tax_inclusive=totals.tax_rule.inclusive if totals.tax_rule else True,
            total_minor=totals.total,
            rounding_minor=settlement.rounding,
            created_at=sold_at or utcnow(),
        )
        sale.lines = [
            SaleLine(
                position=position,
                product_id=t.line.product_id,
                sku=t.line.sku,
                name=t.line.name,
                quantity=t.line.quantity,
                unit_price_minor=t.line.unit_price,
                unit_cost_minor=t.line.unit_cost,
                discount_minor=t.discount,
                tax_minor=t.tax,
                line_total_minor=t.net,
            )
            for position, t in enumerate(totals.lines, start=1)
        ]
        sale.payments = [
            Payment(
                method=p.method.value,
                amount_minor=p.amount,
                tendered_minor=p.tendered,
                change_minor=p.change,
                reference=p.reference,
                status=p.status.value,
                confirmed_at=sale.created_at if p.status is PaymentStatus.CONFIRMED else None,
                confirmed_by=cashier if p.status is PaymentStatus.CONFIRMED else "",
            )
            for p in settlement.payments
        ]
        session.add(sale)  # written with everything else in the sale's one flush
        return sale

    @staticmethod
    def _move_stock(
        session: Session, shop: ShopSettings, sale: Sale, cart: Cart, *, enforce: bool
    ) -> list[str]:
        """Take sold goods out of stock; return the SKUs that went below zero.

        The cart's products are read in one query, and nothing is flushed
        until they all moved: one round of writes for the whole sale.
        """
        below_zero = []
        ids = {line.product_id for line in cart if line.product_id is not None}
        with session.no_autoflush:  # the sale is written with everything else, in one flush
            found = session.scalars(select(Product).where(Product.id.in_(ids)))
            products = {p.id: p for p in found}
        for line in cart:
            if line.product_id is None:
                continue
            product = products.get(line.product_id)
            if product is None:
                raise ValidationError(_("A product in the cart no longer exists."))
            if product.stock_on_hand - line.quantity < 0:
                if enforce and shop.oversell == "block":
                    raise ValidationError(
                        _("Only {count} of {name} in stock.").format(
                            count=product.stock_on_hand, name=product.name
                        )
                    )
                below_zero.append(product.sku)
            record_movement(
                session,
                product,
                -line.quantity,
                StockReason.SALE,
                till_id=shop.till_id,
                reference=f"sale:{sale.uuid}",
                at=sale.created_at,
            )
        return below_zero


def _price_overrides(session: Session, cart: Cart) -> list[tuple[str, str, int, int]]:
    """Lines sold at another price than the catalogue's: (SKU, name, catalogue, sold)."""
    found = []
    for line in cart:
        if line.product_id is None:
            continue
        price = session.scalar(select(Product.price_minor).where(Product.id == line.product_id))
        if price is not None and price != line.unit_price:
            found.append((line.sku, line.name, price, line.unit_price))
    return found


def _open_shift_id(session: Session, till_id: str) -> int | None:
    return session.scalar(
        select(CashShift.id).where(CashShift.till_id == till_id, CashShift.closed_at.is_(None))
    )


def _open_event_id(session: Session) -> int | None:
    return session.scalar(select(BazaarEvent.id).where(BazaarEvent.status == "open").limit(1))


def _audit_exceptions(
    session: Session,
    sale: Sale,
    overrides: list[tuple[str, str, int, int]],
    totals: CartTotals,
    limit: int,
    big_discount: bool,
    grant: Grant,
) -> None:
    """Log price overrides and discounts above the limit, with the approving owner."""
    for sku, name, catalogue, sold in overrides:
        record_event(
            session,
            "price.override",
            actor=grant.actor.name,
            entity="sale",
            entity_ref=sale.uuid,
            details={
                "number": sale.number,
                "sku": sku,
                "name": name,
                "catalogue_price": catalogue,
                "sold_price": sold,
            }
            | grant.details(),
        )
    if big_discount:
        share = largest_discount_share(totals)
        record_event(
            session,
            "discount.above_limit",
            actor=grant.actor.name,
            entity="sale",
            entity_ref=sale.uuid,
            details={
                "number": sale.number,
                "discount": totals.discount,
                "largest_percent": percent_text(share),
                "limit_percent": limit,
            }
            | grant.details(),
        )
