"""A child process for the crash test: rings up a long, known stream of sales.

Run as ``python sale_stream.py DATABASE TOTAL``. Sale ``i`` of the stream is
recorded with ``external_ref = "stream-<i>"``, so the stream resumes after the
last sale the database holds. After each commit returns, ``i`` is printed and
flushed: a printed number is a promise that the sale is durable.
"""

from __future__ import annotations

import sys
from pathlib import Path

from sqlalchemy import func, select

from bazaar_pos.domain.cart import Cart, CartLine
from bazaar_pos.domain.payment import PaymentMethod, Tender
from bazaar_pos.domain.quantity import whole
from bazaar_pos.services.shop import Shop
from bazaar_pos.store.models import Sale

STREAM_CHANNEL = "pos"
PRODUCTS = ("S-1", "S-2", "S-3", "S-4", "S-5")
OPENING_STOCK = 100_000


def stream_lines(index: int) -> list[tuple[str, int]]:
    """The (sku, quantity) lines of sale ``index``: two lines, different products."""
    first = PRODUCTS[index % len(PRODUCTS)]
    second = PRODUCTS[(index + 2) % len(PRODUCTS)]
    return [(first, index % 3 + 1), (second, 1)]


def next_index(shop: Shop) -> int:
    """The first stream sale not in the database yet."""
    with shop.db.reading() as session:
        count = session.scalar(
            select(func.count()).select_from(Sale).where(Sale.external_ref.like("stream-%"))
        )
    return count or 0


def main(database: Path, total: int) -> None:
    """Record stream sales from where the database stops, up to ``total``."""
    shop = Shop.open(database)
    settings = shop.settings.load()
    products = {p.sku: p for p in shop.catalogue.search(limit=100)}
    for index in range(next_index(shop), total):
        cart = Cart(settings.currency, settings.tax_rule)
        for sku, quantity in stream_lines(index):
            product = products[sku]
            cart.add(
                CartLine(
                    sku=sku,
                    name=product.name,
                    unit_price=product.price,
                    quantity_milli=whole(quantity),
                    product_id=product.id,
                )
            )
        total_due = cart.totals().total
        shop.checkout.complete_sale(
            cart, [Tender(PaymentMethod.CASH, total_due)], external_ref=f"stream-{index}"
        )
        print(index, flush=True)
    shop.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]), int(sys.argv[2]))
