"""Files: a product import against a raw executemany, report PDFs against their raw SQL."""

from __future__ import annotations

import csv
import random
import shutil
import sqlite3
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bazaar_pos.domain.periods import Period
from bazaar_pos.services.shop import Shop
from benchmarks.shop_data import CATEGORIES, COLOURS, WORDS, ZONE, BuiltShop
from benchmarks.stats import Row, Sample, Target, seconds

IMPORT_COLUMNS = ("sku", "name", "barcode", "category", "price", "cost", "stock")


def write_products_csv(path: Path, count: int) -> Path:
    """A product file as a shop would fill it in: prices in rupiah, stock counted."""
    rng = random.Random(7)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(IMPORT_COLUMNS)
        for n in range(1, count + 1):
            price = rng.randint(10, 3000) * 500
            writer.writerow(
                (
                    f"IMP-{n:06d}",
                    f"{rng.choice(WORDS)} {rng.choice(WORDS)} {rng.choice(COLOURS)} {n}",
                    f"899{n:010d}",
                    rng.choice(CATEGORIES),
                    price,
                    price * rng.randint(45, 75) // 100,
                    rng.randint(0, 80),
                )
            )
    return path


def _raw_import(csv_path: Path, database: Path) -> None:
    """csv to sqlite3 in one executemany into the same products table, same pragmas."""
    con = sqlite3.connect(database, isolation_level=None)
    try:
        con.execute("PRAGMA journal_mode = WAL")
        con.execute("PRAGMA synchronous = FULL")
        now = datetime.now(UTC).replace(tzinfo=None).strftime("%Y-%m-%d %H:%M:%S.%f")
        with csv_path.open(newline="", encoding="utf-8") as handle:
            rows = csv.reader(handle)
            next(rows)
            con.execute("BEGIN IMMEDIATE")
            con.executemany(
                "INSERT INTO products (uuid, sku, name, barcode, category, price_minor,"
                " cost_minor, stock_milli, active, created_at, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)",
                ((uuid.uuid4().hex, *row, now, now) for row in rows),
            )
            con.execute("COMMIT")
    finally:
        con.close()


def product_import(folder: Path, count: int, runs: int) -> list[Row]:
    """Importing ``count`` new products into an empty shop, against the raw executemany."""
    folder.mkdir(parents=True, exist_ok=True)
    template = folder / "empty.sqlite"
    template.unlink(missing_ok=True)
    Shop.open(template).close()
    csv_path = write_products_csv(folder / "products.csv", count)
    ours, raw = [], []
    for _ in range(runs):
        target = _fresh(template, folder / "import.sqlite")
        shop = Shop.open(target, zone=ZONE)
        try:
            ours.append(seconds(lambda shop=shop: shop.product_files.import_file(csv_path)))
        finally:
            shop.close()
        target = _fresh(template, folder / "raw.sqlite")
        raw.append(seconds(lambda target=target: _raw_import(csv_path, target)))
    mine, theirs = Sample.of(ours), Sample.of(raw)
    return [
        Row(
            f"Import {count:,} products (CSV)",
            "s",
            mine.median,
            theirs.median,
            "csv.reader into one sqlite3 executemany into the same products table",
            Target(ratio=10),
            runs,
        )
    ]


def _fresh(template: Path, target: Path) -> Path:
    for old in target.parent.glob(f"{target.name}*"):
        old.unlink()
    shutil.copyfile(template, target)
    return target


RAW_REPORT = (
    # The period's sales by local day, hour, till, cashier and channel.
    """SELECT substr(datetime(substr(created_at, 1, 19), '+420 minutes'), 1, 10) AS day,
              CAST(strftime('%H', substr(created_at, 1, 19), '+420 minutes') AS INTEGER) AS hour,
              till_id, cashier, channel, count(id), sum(subtotal_minor), sum(discount_minor),
              sum(total_minor), sum(tax_minor), sum(rounding_minor)
       FROM sales WHERE created_at >= :start AND created_at < :end
       GROUP BY day, hour, till_id, cashier, channel""",
    # The period's lines by product.
    """SELECT sale_lines.product_id, sale_lines.sku, max(sale_lines.name),
              sum(quantity_milli), sum(line_total_minor + sale_lines.discount_minor),
              sum(sale_lines.discount_minor), sum(line_total_minor), sum(sale_lines.tax_minor),
              sum((quantity_milli * unit_cost_minor + 500) / 1000)
       FROM sales JOIN sale_lines ON sale_lines.sale_id = sales.id
       WHERE sales.created_at >= :start AND sales.created_at < :end
       GROUP BY sale_lines.product_id, sale_lines.sku""",
    # The period's payments by method.
    """SELECT method, count(DISTINCT sale_id), sum(amount_minor), sum(tendered_minor),
              sum(change_minor)
       FROM sales JOIN payments ON payments.sale_id = sales.id
       WHERE sales.created_at >= :start AND sales.created_at < :end GROUP BY method""",
    # The year's turnover by month, up to the period's end.
    """SELECT substr(datetime(substr(created_at, 1, 19), '+420 minutes'), 6, 2) AS month,
              sum(subtotal_minor), sum(discount_minor)
       FROM sales WHERE created_at >= :year_start AND created_at < :end GROUP BY month""",
)


def _utc_text(moment: datetime) -> str:
    return moment.astimezone(UTC).replace(tzinfo=None).strftime("%Y-%m-%d %H:%M:%S.%f")


def _raw_aggregation(database: Path, period: Period) -> None:
    """The SQL behind the summary PDF, run with sqlite3 and read into Python."""
    start = datetime(period.first.year, period.first.month, period.first.day, tzinfo=ZONE)
    last = period.last + timedelta(days=1)
    params = {
        "start": _utc_text(start),
        "end": _utc_text(datetime(last.year, last.month, last.day, tzinfo=ZONE)),
        "year_start": _utc_text(datetime(period.last.year, 1, 1, tzinfo=ZONE)),
    }
    con = sqlite3.connect(f"{database.absolute().as_uri()}?mode=ro", uri=True)
    try:
        for query in RAW_REPORT:
            con.execute(query, params).fetchall()
    finally:
        con.close()


def report_pdfs(built: BuiltShop, database: Path, folder: Path, runs: int) -> list[Row]:
    """The month's and the year's summary PDF against the raw SQL aggregation behind them."""
    folder.mkdir(parents=True, exist_ok=True)
    rows = []
    shop = Shop.open(database, zone=ZONE)
    try:
        for name, period, target in (
            ("Summary PDF, busiest month", built.busiest_month, Target(limit=5)),
            ("Summary PDF, whole year", built.year, None),
        ):
            ours, raw = [], []
            for _ in range(runs):
                out = folder / f"summary-{period.first}-{period.last}.pdf"
                ours.append(
                    seconds(
                        lambda period=period, out=out: shop.report_files.write_summary_pdf(
                            period, out
                        )
                    )
                )
                raw.append(seconds(lambda period=period: _raw_aggregation(database, period)))
            mine, theirs = Sample.of(ours), Sample.of(raw)
            lines = _lines_in(database, period)
            rows.append(
                Row(
                    f"{name} ({lines:,} lines)",
                    "s",
                    mine.median,
                    theirs.median,
                    "the raw SQL aggregation behind it (sqlite3: by day/hour/till/cashier,"
                    " by product, by payment method, turnover by month)",
                    target,
                    runs,
                )
            )
    finally:
        shop.close()
    return rows


def _lines_in(database: Path, period: Period) -> int:
    start = datetime(period.first.year, period.first.month, period.first.day, tzinfo=ZONE)
    last = period.last + timedelta(days=1)
    end = datetime(last.year, last.month, last.day, tzinfo=ZONE)
    con = sqlite3.connect(database)
    try:
        (count,) = con.execute(
            "SELECT count(*) FROM sale_lines JOIN sales ON sales.id = sale_lines.sale_id"
            " WHERE sales.created_at >= ? AND sales.created_at < ?",
            (_utc_text(start), _utc_text(end)),
        ).fetchone()
    finally:
        con.close()
    return int(count)
