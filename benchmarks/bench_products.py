"""Products at scale: importing 100,000 products and filtering them, against baselines.

Run: python benchmarks/bench_products.py [--products N]

Prints, for the same rows in the same run:
- the import through ProductFileService against a raw csv-to-sqlite3 executemany
  into a plain products table (target: at most 10x);
- the time for the Products screen's list to answer a keystroke in the filter
  (first page and count) at that size (target: under 50 ms).
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bazaar_pos.services.catalogue import ProductQuery
from bazaar_pos.services.shop import Shop

WORDS = ("Batik", "Tenun", "Kopi", "Tas", "Gelang", "Kain", "Songket", "Keramik", "Vas")
CATEGORIES = ("Kain Tenun", "Batik", "Kopi", "Tas", "Keramik", "Perhiasan")


def write_rows(path: Path, count: int) -> None:
    rng = random.Random(1)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["sku", "name", "barcode", "category", "price", "cost", "stock"])
        for n in range(count):
            writer.writerow(
                [
                    f"SKU-{n:06d}",
                    f"{rng.choice(WORDS)} {rng.choice(WORDS)} {n}",
                    f"899{n:010d}",
                    rng.choice(CATEGORIES),
                    rng.randint(1, 500) * 1000,
                    rng.randint(1, 300) * 1000,
                    rng.randint(0, 50),
                ]
            )


def raw_import(csv_path: Path, folder: Path) -> float:
    db = folder / "raw.sqlite"
    for old in folder.glob("raw.sqlite*"):
        old.unlink()
    start = time.perf_counter()
    connection = sqlite3.connect(db)
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = FULL")
    connection.execute(
        "CREATE TABLE products (sku TEXT UNIQUE, name TEXT, barcode TEXT UNIQUE,"
        " category TEXT, price INTEGER, cost INTEGER, stock INTEGER)"
    )
    with csv_path.open(newline="", encoding="utf-8") as handle:
        rows = csv.reader(handle)
        next(rows)
        with connection:
            connection.executemany("INSERT INTO products VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
    connection.close()
    return time.perf_counter() - start


def our_import(csv_path: Path, folder: Path) -> tuple[float, Shop]:
    for old in folder.glob("shop.sqlite*"):
        old.unlink()
    shop = Shop.open(folder / "shop.sqlite")
    start = time.perf_counter()
    shop.product_files.import_file(csv_path)
    return time.perf_counter() - start, shop


def keystrokes(shop: Shop) -> list[tuple[str, float]]:
    """Each prefix of a few searches, as typed: first page plus the count, in ms."""
    from PySide6.QtWidgets import QApplication

    from bazaar_pos.ui.products.screen import ProductsScreen

    app = QApplication.instance() or QApplication([])
    screen = ProductsScreen(shop)
    timings = []
    for word in ("batik 12", "kopi", "zzz", "8990000054321", "ten"):
        screen.filter.clear()
        for end in range(1, len(word) + 1):
            start = time.perf_counter()
            screen.filter.setText(word[:end])
            app.processEvents()
            timings.append((word[:end], (time.perf_counter() - start) * 1000))
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--products", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bazaar-bench-") as name:
        folder = Path(name)
        csv_path = folder / "products.csv"
        write_rows(csv_path, args.products)
        raw = min(raw_import(csv_path, folder) for _ in range(args.repeat))
        ours = []
        shop = None
        for _ in range(args.repeat):
            if shop is not None:
                shop.close()
            seconds, shop = our_import(csv_path, folder)
            ours.append(seconds)
        best = min(ours)
        print(f"import of {args.products:,} products")
        print(f"  raw executemany  {raw:6.2f} s")
        print(f"  bazaar-pos       {best:6.2f} s   ratio {best / raw:4.1f}x (target <= 10x)")
        assert shop is not None
        print(f"  browse first page {timeit(lambda: shop.catalogue.browse(ProductQuery())):.1f} ms")
        timings = keystrokes(shop)
        values = [ms for _text, ms in timings]
        slowest = max(timings, key=lambda pair: pair[1])
        print(f"filter keystrokes at {shop.catalogue.count():,} products")
        print(
            f"  median {statistics.median(values):5.1f} ms, slowest {slowest[1]:5.1f} ms"
            f" ({slowest[0]!r}) (target < 50 ms)"
        )
        shop.close()


def timeit(work: object, repeat: int = 5) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        work()  # type: ignore[operator]
        best = min(best, time.perf_counter() - start)
    return best * 1000


if __name__ == "__main__":
    main()
