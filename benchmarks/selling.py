"""One durable sale: the checkout service against raw sqlite3 writing the same rows.

Both write into the same big database file with the same pragmas (WAL,
``synchronous=FULL``, foreign keys) in one transaction each, alternating, so
they share the disk, the cache and whatever else the machine is doing.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from datetime import UTC, datetime
from pathlib import Path

from bazaar_pos.domain.cart import Cart, CartLine
from bazaar_pos.domain.payment import PaymentMethod, Tender
from bazaar_pos.domain.quantity import PER_UNIT
from bazaar_pos.services.shop import Shop
from bazaar_pos.services.views import ProductView
from benchmarks.shop_data import ZONE, BuiltShop
from benchmarks.stats import Row, Sample, Target, seconds

LINES_PER_SALE = 4
RAW_TILL = "f" * 32


def _cart(shop: Shop, products: list[ProductView]) -> Cart:
    settings = shop.settings.load()
    cart = Cart(settings.currency, settings.tax_rule)
    for product in products:
        cart.add(
            CartLine(
                sku=product.sku,
                name=product.name,
                unit_price=product.price,
                quantity_milli=PER_UNIT,
                unit_cost=product.cost,
                product_id=product.id,
            )
        )
    return cart


def _raw_connection(path: Path) -> sqlite3.Connection:
    con = sqlite3.connect(path, isolation_level=None)
    for pragma in ("busy_timeout = 5000", "journal_mode = WAL", "synchronous = FULL"):
        con.execute(f"PRAGMA {pragma}")
    con.execute("PRAGMA foreign_keys = ON")
    return con


def _raw_sale(con: sqlite3.Connection, products: list[ProductView]) -> None:
    """The rows complete_sale writes: sale, lines, payment, ledger, stock, audit, cart snapshot."""
    now = datetime.now(UTC).replace(tzinfo=None).strftime("%Y-%m-%d %H:%M:%S.%f")
    total = sum(p.price for p in products)
    sale_uuid = uuid.uuid4().hex
    con.execute("BEGIN IMMEDIATE")
    (last,) = con.execute(
        "SELECT max(sequence) FROM sales WHERE till_id = ?", (RAW_TILL,)
    ).fetchone()
    sequence = (last or 0) + 1
    number = f"R-{sequence:06d}"
    sale_id = con.execute(
        "INSERT INTO sales (uuid, number, sequence, till_id, channel, cashier, currency,"
        " subtotal_minor, discount_minor, tax_minor, tax_inclusive, total_minor,"
        " rounding_minor, note, created_at) VALUES (?, ?, ?, ?, 'pos', '', 'IDR', ?, 0, 0, 1,"
        " ?, 0, '', ?)",
        (sale_uuid, number, sequence, RAW_TILL, total, total, now),
    ).lastrowid
    con.executemany(
        "INSERT INTO sale_lines (sale_id, position, product_id, sku, name, quantity_milli,"
        " unit_price_minor, unit_cost_minor, discount_minor, tax_minor, line_total_minor)"
        " VALUES (?, ?, ?, ?, ?, 1000, ?, ?, 0, 0, ?)",
        [
            (sale_id, n, p.id, p.sku, p.name, p.price, p.cost, p.price)
            for n, p in enumerate(products, start=1)
        ],
    )
    con.execute(
        "INSERT INTO payments (sale_id, method, amount_minor, tendered_minor, change_minor,"
        " reference, status, confirmed_at, confirmed_by) VALUES (?, 'cash', ?, ?, 0, '',"
        " 'confirmed', ?, '')",
        (sale_id, total, total, now),
    )
    con.executemany(
        "INSERT INTO stock_movements (uuid, product_id, quantity_milli, reason, reference, note,"
        " unit_cost_minor, till_id, created_at) VALUES (?, ?, -1000, 'sale', ?, '', NULL, ?, ?)",
        [(uuid.uuid4().hex, p.id, f"sale:{sale_uuid}", RAW_TILL, now) for p in products],
    )
    con.executemany(
        "UPDATE products SET stock_milli = stock_milli - 1000 WHERE id = ?",
        [(p.id,) for p in products],
    )
    con.execute(
        "INSERT INTO audit_events (uuid, created_at, actor, action, entity, entity_ref, details)"
        " VALUES (?, ?, '', 'sale.completed', 'sale', ?, ?)",
        (
            uuid.uuid4().hex,
            now,
            sale_uuid,
            json.dumps({"channel": "pos", "number": number, "total": total}, sort_keys=True),
        ),
    )
    con.execute("INSERT OR REPLACE INTO settings (key, value) VALUES ('till.current_cart', 'null')")
    con.execute("COMMIT")


def sale_commit(built: BuiltShop, database: Path, runs: int) -> list[Row]:
    """Median time of one sale of four lines, the till's way, against the raw rows."""
    shop = Shop.open(database, zone=ZONE)
    con = _raw_connection(database)
    try:
        codes = built.barcodes
        ours, raw = [], []
        for run in range(runs + 2):
            chosen = [codes[(run * LINES_PER_SALE + i) % len(codes)] for i in range(4)]
            products = [p for p in map(shop.catalogue.find_by_code, chosen) if p is not None]
            cart = _cart(shop, products)
            tenders = [Tender(PaymentMethod.CASH, cart.totals().total)]
            mine = seconds(
                lambda cart=cart, tenders=tenders: shop.checkout.complete_sale(
                    cart, tenders, forget_current_cart=True
                )
            )
            theirs = seconds(lambda products=products: _raw_sale(con, products))
            if run >= 2:  # the first two warm the caches
                ours.append(mine * 1000)
                raw.append(theirs * 1000)
    finally:
        con.close()
        shop.close()
    mine_sample, raw_sample = Sample.of(ours), Sample.of(raw)
    return [
        Row(
            "Durable sale commit (4 lines, cash)",
            "ms",
            mine_sample.median,
            raw_sample.median,
            "raw sqlite3 writing the same rows, WAL + synchronous=FULL, one transaction",
            Target(ratio=2),
            runs,
        )
    ]
