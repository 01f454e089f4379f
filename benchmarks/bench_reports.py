"""How long a month's sales summary PDF takes over many sale lines, and how that cost grows.

Run: python benchmarks/bench_reports.py [--lines 1000000]

Builds (and caches in benchmarks/.cache) shops with one month of sales,
three lines per sale, recorded mostly in time order as a till records them
(one sale in twenty out of order, as imports and merges are), then times the
month's summary (SQL aggregation) and the whole PDF. Prints the times and
their ratio to a baseline a tenth the size measured in the same run; linear
growth shows as a ratio near 10.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sqlite3
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from bazaar_pos.domain.periods import Period
from bazaar_pos.services.report_files import ReportFileService
from bazaar_pos.services.reports import ReportService
from bazaar_pos.services.settings import SettingsService
from bazaar_pos.store.database import Database
from bazaar_pos.store.types import new_uuid

CACHE = Path(__file__).resolve().parent / ".cache"
ZONE = ZoneInfo("Asia/Jakarta")
MONTH = Period(date(2026, 10, 1), date(2026, 10, 31))
PRODUCTS = 400
LINES_PER_SALE = 3
METHODS = ("cash", "cash", "qris", "transfer", "ewallet")


def build(path: Path, lines: int) -> Path:
    """A shop database with ``lines`` sale lines spread over MONTH (cached by size)."""
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".part")
    partial.unlink(missing_ok=True)
    Database.open(partial).close()
    rng = random.Random(lines)
    stamp = "2026-09-01 00:00:00.000000"
    con = sqlite3.connect(partial)
    with con:
        con.execute("PRAGMA synchronous = OFF")
        con.executemany(
            "INSERT INTO products (id, uuid, sku, name, category, price_minor, cost_minor,"
            " stock_on_hand, active, created_at, updated_at) VALUES (?,?,?,?,?,?,?,0,1,?,?)",
            [
                (
                    n,
                    new_uuid(),
                    f"SKU-{n:04d}",
                    f"Product {n}",
                    f"Category {n % 12}",
                    (n % 50 + 1) * 5_000,
                    (n % 50 + 1) * 3_000,
                    stamp,
                    stamp,
                )
                for n in range(1, PRODUCTS + 1)
            ],
        )
        till = new_uuid()
        start = datetime(2026, 10, 1, tzinfo=ZONE).astimezone(UTC)
        seconds = 31 * 24 * 3600
        sales = lines // LINES_PER_SALE
        sale_rows, line_rows, payment_rows = [], [], []
        line_id = 0
        # A till appends sales as they happen; one in twenty arrives late (an import, a merge).
        moments = sorted(rng.randrange(seconds) for _ in range(sales))
        for late in range(0, sales, 20):
            swap = rng.randrange(sales)
            moments[late], moments[swap] = moments[swap], moments[late]
        for sale_id, offset in enumerate(moments, start=1):
            at = start + timedelta(seconds=offset)
            created = at.replace(tzinfo=None).strftime("%Y-%m-%d %H:%M:%S.%f")
            total = 0
            for position in range(1, LINES_PER_SALE + 1):
                product = rng.randint(1, PRODUCTS)
                price = (product % 50 + 1) * 5_000
                qty = rng.randint(1, 3)
                discount = 1_000 if rng.random() < 0.1 else 0
                line_id += 1
                net = qty * price - discount
                total += net
                line_rows.append(
                    (
                        line_id,
                        sale_id,
                        position,
                        product,
                        f"SKU-{product:04d}",
                        f"Product {product}",
                        qty,
                        price,
                        (product % 50 + 1) * 3_000,
                        discount,
                        net,
                    )
                )
            discount_total = sum(r[9] for r in line_rows[-LINES_PER_SALE:])
            sale_rows.append(
                (
                    sale_id,
                    new_uuid(),
                    f"A-{sale_id:06d}",
                    sale_id,
                    till,
                    f"Kasir {sale_id % 3}",
                    total + discount_total,
                    discount_total,
                    total,
                    created,
                )
            )
            payment_rows.append((sale_id, METHODS[sale_id % len(METHODS)], total, total))
            if len(line_rows) >= 300_000:
                _flush(con, sale_rows, line_rows, payment_rows)
        _flush(con, sale_rows, line_rows, payment_rows)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    partial.replace(path)
    return path


def _flush(con: sqlite3.Connection, sales: list, lines: list, payments: list) -> None:
    con.executemany(
        "INSERT INTO sales (id, uuid, number, sequence, till_id, channel, cashier, currency,"
        " subtotal_minor, discount_minor, tax_minor, tax_inclusive, total_minor, rounding_minor,"
        " note, created_at) VALUES (?,?,?,?,?,'pos',?,'IDR',?,?,0,1,?,0,'',?)",
        sales,
    )
    con.executemany(
        "INSERT INTO sale_lines (id, sale_id, position, product_id, sku, name, quantity,"
        " unit_price_minor, unit_cost_minor, discount_minor, tax_minor, line_total_minor)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,0,?)",
        lines,
    )
    con.executemany(
        "INSERT INTO payments (sale_id, method, amount_minor, tendered_minor, change_minor,"
        " reference) VALUES (?,?,?,?,0,'')",
        payments,
    )
    sales.clear()
    lines.clear()
    payments.clear()


def measure(path: Path, out: Path) -> tuple[float, float]:
    """Seconds for the month's summary, and for the whole PDF (summary included)."""
    db = Database.open(path)
    try:
        settings = SettingsService(db)
        settings.ensure_till_identity()
        reports = ReportService(db, settings, ZONE)
        began = time.perf_counter()
        reports.summary(MONTH)
        summary = time.perf_counter() - began
        began = time.perf_counter()
        ReportFileService(db, settings, reports).write_summary_pdf(MONTH, out)
        return summary, time.perf_counter() - began
    finally:
        db.close()


def main() -> int:
    """Time the baseline and the full size, and print the ratios."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--lines", type=int, default=1_000_000)
    parser.add_argument("--fresh", action="store_true", help="rebuild the cached databases")
    args = parser.parse_args()
    if args.fresh:
        shutil.rmtree(CACHE, ignore_errors=True)
    sizes = (args.lines // 10, args.lines)
    results = []
    for lines in sizes:
        path = build(CACHE / f"month-{lines}.sqlite", lines)
        results.append(measure(path, CACHE / f"month-{lines}.pdf"))
    (base_summary, base_pdf), (summary, pdf) = results
    print(f"{sizes[0]:>9} lines: summary {base_summary:6.2f} s   PDF {base_pdf:6.2f} s")
    print(f"{sizes[1]:>9} lines: summary {summary:6.2f} s   PDF {pdf:6.2f} s")
    print(
        f"ratio (10x the lines): summary {summary / base_summary:5.1f}x"
        f"   PDF {pdf / base_pdf:5.1f}x"
    )
    print(f"month PDF over {sizes[1]} lines under 5 s: {'yes' if pdf < 5 else 'NO'}")
    return 0 if pdf < 5 else 1


if __name__ == "__main__":
    sys.exit(main())
