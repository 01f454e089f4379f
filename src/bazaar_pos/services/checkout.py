"""Checkout: turn a cart and its payments into one durable sale."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

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
from bazaar_pos.services.audit import record_event
from bazaar_pos.services.parked_carts import forget_current_cart as drop_cart_snapshot
from bazaar_pos.services.settings import SettingsService, ShopSettings
from bazaar_pos.services.stock import record_movement
from bazaar_pos.services.views import Changes, SaleResult
from bazaar_pos.store.database import Database
from bazaar_pos.store.models import Payment, Product, Sale, SaleLine
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
        forget_current_cart: bool = False,
    ) -> SaleResult:
        """Commit the cart as a sale paid by ``tenders`` and return what was recorded.

        Raises a UserError (nothing written) when the cart is empty, the
        payments fall short, or the shop blocks selling beyond stock. Sales
        recorded after the fact pass ``cash_rounding=False`` to keep their
        amounts as they were. The till passes ``forget_current_cart=True`` so
        the crash-recovery snapshot of the cart goes in the same transaction as
        the sale: after a crash the app never offers back a cart already sold.
        """
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
        with self._db.writing() as session:
            sale = self._new_sale(session, shop, totals, settlement, cashier, channel, sold_at)
            sale.external_ref = external_ref
            below_zero = self._move_stock(session, shop, sale, cart, enforce=channel == POS_CHANNEL)
            record_event(
                session,
                "sale.completed",
                actor=cashier,
                entity="sale",
                entity_ref=sale.uuid,
                details={"number": sale.number, "total": sale.total_minor, "channel": channel},
            )
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
