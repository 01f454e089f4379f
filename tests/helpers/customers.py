"""Customers, kasbon, pre-orders and marketplace returns on a till, for the sync tests."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import func, select

from bazaar_pos.domain.payment import PaymentMethod
from bazaar_pos.services.customers.views import CustomerDraft, CustomerView
from bazaar_pos.services.merging.orders.mappings import remember
from bazaar_pos.services.shop import Shop
from bazaar_pos.services.views import ProductView
from bazaar_pos.store.models import (
    AccountEntry,
    CustomerOrder,
    CustomerOrderLine,
    CustomerOrderPayment,
    MarketplaceReturn,
    MarketplaceSku,
    Product,
    Refund,
    Sale,
)
from tests.helpers.sales import sell


def member(shop: Shop, name: str, phone: str, group: str = "") -> CustomerView:
    """A customer, in ``group`` (made when new) when one is named."""
    group_id = None
    if group:
        known = {g.name: g.id for g in shop.customers.groups()}
        group_id = known.get(group) or shop.customers.save_group(None, group, 1000).id
    return shop.customers.add(CustomerDraft(name, phone, group_id=group_id))


def on_account(shop: Shop, at: datetime, product: ProductView, customer: CustomerView) -> str:
    """A sale of one ``product`` to ``customer`` charged to their kasbon; the sale's UUID."""
    result = sell(
        shop,
        at,
        [(product, 1)],
        [(PaymentMethod.ACCOUNT, product.price)],
        customer=(customer.id, customer.name),
        due_on=date(2027, 1, 6),
    )
    return result.uuid


def owed(shop: Shop, uuid: str) -> int:
    """What the customer with ``uuid`` owes on ``shop``."""
    return shop.customers.by_uuid(uuid).owed


def entries(shop: Shop) -> list[tuple[str, str, int]]:
    """Every kasbon entry the till holds: (UUID, kind, signed amount), by UUID."""
    with shop.db.reading() as session:
        rows = session.execute(
            select(AccountEntry.uuid, AccountEntry.kind, AccountEntry.amount_minor).order_by(
                AccountEntry.uuid
            )
        )
        return [(uuid, kind, amount) for uuid, kind, amount in rows]


def pre_order(shop: Shop, customer: CustomerView, product: ProductView, deposit: int) -> str:
    """An open pre-order of two of ``product`` and a made-to-order line, with a cash DP."""
    till_id = shop.settings.load().till_id
    with shop.db.writing() as session:
        sequence = (session.scalar(select(func.count()).select_from(CustomerOrder)) or 0) + 1
        order = CustomerOrder(
            number=f"{shop.settings.load().till_code}-P{sequence:06d}",
            sequence=sequence,
            till_id=till_id,
            customer_id=customer.id,
            status="open",
            pickup_on=date(2026, 12, 20),
            currency="IDR",
            total_minor=2 * product.price + 400_000,
        )
        order.lines = [
            CustomerOrderLine(
                position=1,
                product_id=product.id,
                sku=product.sku,
                name=product.name,
                quantity_milli=2000,
                unit_price_minor=product.price,
                line_total_minor=2 * product.price,
            ),
            CustomerOrderLine(
                position=2,
                name="Batik tulis, motif parang, 2 m",
                quantity_milli=1000,
                unit_price_minor=400_000,
                line_total_minor=400_000,
            ),
        ]
        order.payments = [
            CustomerOrderPayment(
                kind="deposit", method="cash", amount_minor=deposit, till_id=till_id
            )
        ]
        session.add(order)
        session.flush()
        return order.uuid


def order_state(shop: Shop, uuid: str) -> tuple[object, ...]:
    """An order's status, its lines and its payments (kind, amount), as a till holds them."""
    with shop.db.reading() as session:
        order = session.scalar(select(CustomerOrder).where(CustomerOrder.uuid == uuid))
        assert order is not None
        return (
            order.status,
            order.customer.uuid,
            [(line.sku, line.quantity_milli, line.product_id is not None) for line in order.lines],
            sorted((p.kind, p.amount_minor) for p in order.payments),
        )


def mark_ready_with_payment(shop: Shop, uuid: str, amount: int) -> None:
    """The order is ready, and the customer paid some more towards it."""
    with shop.db.writing() as session:
        order = session.scalar(select(CustomerOrder).where(CustomerOrder.uuid == uuid))
        assert order is not None
        order.status = "ready"
        session.add(
            CustomerOrderPayment(
                order_id=order.id,
                kind="deposit",
                method="qris",
                amount_minor=amount,
                till_id=shop.settings.load().till_id,
            )
        )


def map_code(shop: Shop, code: str, sku: str) -> None:
    """Remember that a marketplace file's ``code`` is the product ``sku``."""
    with shop.db.reading() as session:
        product = session.scalar(select(Product).where(Product.sku == sku))
        assert product is not None
        session.expunge(product)
    remember(shop.db, {code: product})


def mappings(shop: Shop) -> dict[str, str]:
    """Every remembered code and the SKU it maps to."""
    with shop.db.reading() as session:
        rows = session.execute(
            select(MarketplaceSku.code, Product.sku).join(
                Product, Product.id == MarketplaceSku.product_id
            )
        )
        return {code: sku for code, sku in rows}


def marketplace_return(shop: Shop, at: datetime, product: ProductView) -> tuple[str, str]:
    """A marketplace sale of ``product`` whose parcel is on its way back: (sale, return) UUIDs."""
    result = sell(shop, at, [(product, 1)], channel="shopee")
    with shop.db.writing() as session:
        sale = session.scalar(select(Sale).where(Sale.uuid == result.uuid))
        assert sale is not None
        sale.external_ref = "2412070001"
        row = MarketplaceReturn(
            channel="shopee",
            order_id="2412070001",
            line_key="BTK-T",
            sale_id=sale.id,
            sale_line_id=sale.lines[0].id,
            quantity_milli=1000,
            status="waiting",
        )
        session.add(row)
        session.flush()
        return result.uuid, row.uuid


def refunds(shop: Shop) -> int:
    """How many refunds and voids the till holds."""
    with shop.db.reading() as session:
        return session.scalar(select(func.count()).select_from(Refund)) or 0
