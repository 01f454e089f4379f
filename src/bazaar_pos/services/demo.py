"""The demo shop: a realistic Indonesian craft stall with two weeks of sales."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from sqlalchemy import update

from bazaar_pos.domain.cart import Cart, CartCustomer, CartLine
from bazaar_pos.domain.payment import PaymentMethod, Tender
from bazaar_pos.domain.pricing import Discount
from bazaar_pos.domain.qris import crc16
from bazaar_pos.domain.quantity import Unit, whole
from bazaar_pos.domain.stock import StockReason
from bazaar_pos.resources import resource_path
from bazaar_pos.services.customers.views import CustomerDraft
from bazaar_pos.services.shop import Shop
from bazaar_pos.services.views import ProductView
from bazaar_pos.store.models import StockMovement

DEMO_DAYS = 14
FAVOURITES = (
    "AKS-BRS-001",
    "LLN-KRT-001",
    "AKS-GLG-001",
    "TAS-PCH-001",
    "KOP-DRP-010",
    "KRM-KSG-001",
    "KOP-GAY-250",
    "TAS-ANY-001",
)
"""Cheap, quick sellers (two without barcodes) on the till's quick-pick grid."""
MEASURES = {
    Unit.KG: (250, 500, 1000),
    Unit.G: (100_000, 250_000),
    Unit.M: (1500, 2000, 2500),
    Unit.CM: (50_000, 100_000),
    Unit.L: (500, 1000),
}
"""Thousandths a customer usually takes of goods sold by weight, length or volume."""
METHODS = (PaymentMethod.CASH, PaymentMethod.CASH, PaymentMethod.QRIS, PaymentMethod.TRANSFER)


def _tlv(*objects: tuple[str, str]) -> str:
    return "".join(f"{tag}{len(value):02d}{value}" for tag, value in objects)


def _demo_qris() -> str:
    """A made-up static QRIS: no payment app knows its account, so nobody can pay into it."""
    body = (
        _tlv(
            ("00", "01"),
            ("01", "11"),
            ("26", _tlv(("00", "ID.BAZAARPOS.DEMO"), ("01", "0000000000000000"))),
            ("51", _tlv(("00", "ID.CO.QRIS.WWW"), ("02", "ID0000000000000"), ("03", "UMI"))),
            ("52", "5945"),
            ("53", "360"),
            ("58", "ID"),
            ("59", "TOKO KRIYA NUSANTARA DEMO"),
            ("60", "YOGYAKARTA"),
            ("61", "55271"),
        )
        + "6304"
    )
    return body + crc16(body)


def load_demo_shop(shop: Shop, *, now: datetime | None = None, seed: int = 7) -> None:
    """Fill an empty shop with the demo catalogue and a fortnight of bazaar sales."""
    shop.settings.update(
        shop_name="Toko Kriya Nusantara",
        address="Jl. Malioboro No. 12, Yogyakarta",
        phone="0812-3456-7890",
        cash_rounding_step=100,
        qris_payload=_demo_qris(),
    )
    shop.product_files.import_csv(resource_path("demo", "products.csv"))
    for sku in FAVOURITES:
        product = shop.catalogue.find_by_code(sku)
        assert product is not None, sku
        shop.catalogue.set_favourite(product.id, True)
    rng = random.Random(seed)
    now = now or datetime.now(UTC)
    _date_opening_stock(shop, now - timedelta(days=DEMO_DAYS + 1))
    products = [p for p in shop.catalogue.search(limit=1000) if p.stock_milli > whole(5)]
    currency = shop.settings.load().currency
    for day in range(DEMO_DAYS, 0, -1):
        opening = (now - timedelta(days=day)).replace(hour=2, minute=0, second=0, microsecond=0)
        for index in range(rng.randint(2, 5)):
            cart = Cart(currency)
            for product in rng.sample(products, rng.randint(1, 3)):
                cart.add(_line(product, _demo_quantity(product, rng)))
            if rng.random() < 0.15:
                cart.discount = Discount.percent(10)
            total = cart.totals().total
            # The last day opens with a QRIS payment still to confirm, whatever the dice say.
            method = PaymentMethod.QRIS if day == 1 and index == 0 else rng.choice(METHODS)
            tendered = -(-total // 50_000) * 50_000 if method is PaymentMethod.CASH else total
            shop.checkout.complete_sale(
                cart,
                [Tender(method, tendered, received=day > 1)],
                cashier="Demo",
                sold_at=opening + timedelta(minutes=rng.randint(0, 9 * 60)),
            )
    _demo_customers(shop, products, now)


def _demo_customers(shop: Shop, products: list[ProductView], now: datetime) -> None:
    """A reseller group, a few regular customers, and one kasbon sale part paid in cash."""
    reseller = shop.customers.save_group(None, "Reseller", 1_000)
    shop.customers.add(
        CustomerDraft("Bu Rina Wulandari", "0812-7777-3030", reseller.id, credit_limit=1_000_000)
    )
    shop.customers.add(CustomerDraft("Mbak Sari Utami", "0878-5555-1212", credit_limit=300_000))
    regular = shop.customers.add(
        CustomerDraft("Pak Joko Susilo", "0819-4040-6060", notes="Langganan", credit_limit=500_000)
    )
    settings = shop.settings.load()
    cart = Cart(settings.currency)
    cart.customer = CartCustomer(regular.id, regular.name)
    for product in [p for p in products if p.unit.counted][:2]:
        cart.add(_line(product, whole(1)))
    total = cart.totals().total
    on_account = min(total // 2 // 1_000 * 1_000, 250_000)  # well within her limit
    shop.checkout.complete_sale(
        cart,
        [Tender(PaymentMethod.CASH, total - on_account), Tender(PaymentMethod.ACCOUNT, on_account)],
        cashier="Demo",
        sold_at=now - timedelta(days=3),
        cash_rounding=False,
    )


def _line(product: ProductView, quantity_milli: int) -> CartLine:
    """A cart line of ``product`` at its price."""
    return CartLine(
        sku=product.sku,
        name=product.name,
        unit_price=product.price,
        unit_cost=product.cost,
        product_id=product.id,
        quantity_milli=quantity_milli,
        unit=product.unit,
    )


def _date_opening_stock(shop: Shop, when: datetime) -> None:
    """Date the demo's opening stock before its first sale, so stock histories read in order."""
    with shop.db.writing() as session:
        session.execute(
            update(StockMovement)
            .where(StockMovement.reason == StockReason.OPENING.value)
            .values(created_at=when)
        )


def _demo_quantity(product: ProductView, rng: random.Random) -> int:
    """What a customer takes: a piece or two, a quarter to a kilo, a metre and a half or so."""
    if not product.unit.counted:
        return rng.choice(MEASURES[product.unit])
    return whole(1 if product.price > 200_000 else rng.randint(1, 2))
