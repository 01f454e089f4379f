"""Till speed on a big shop: scan-to-line-on-screen and search-as-you-type.

Builds (once, cached in benchmarks/.cache/) a shop with 100,000 products and
1,000,000 sale lines, then drives the real Till offscreen:

    python benchmarks/till_speed.py [--products N] [--lines N]

Targets (issue 3): scan to line on screen, median under 16 ms; search results
updated under 50 ms per keystroke. Each figure is also printed as a ratio to the
same step on a 100-product shop measured in the same run.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sqlite3
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from bazaar_pos.domain.text import search_key
from bazaar_pos.services.shop import Shop
from bazaar_pos.store.database import Database
from bazaar_pos.ui.style import STYLE_SHEET
from bazaar_pos.ui.till.screen import TillScreen

CACHE = Path(__file__).resolve().parent / ".cache"
WORDS = [
    "tenun",
    "ikat",
    "sumba",
    "merah",
    "biru",
    "nila",
    "songket",
    "emas",
    "selendang",
    "lurik",
    "batik",
    "tulis",
    "cap",
    "kawung",
    "truntum",
    "kemeja",
    "syal",
    "sutra",
    "tas",
    "anyaman",
    "pandan",
    "rotan",
    "dompet",
    "kopi",
    "arabika",
    "gayo",
    "toraja",
    "kintamani",
    "luwak",
    "gelas",
    "keramik",
    "piring",
    "vas",
    "gerabah",
    "teko",
    "gelang",
    "manik",
    "kalung",
    "perak",
    "bros",
    "wayang",
    "kartu",
    "pos",
    "lukisan",
]
NOW = "2026-11-01 10:00:00"


def build(path: Path, products: int, lines: int) -> None:
    """A migrated database filled with plain SQL (the app's services are too slow for this)."""
    Database.open(path).close()
    rng = random.Random(3)
    with sqlite3.connect(path) as db:
        rows = []
        for i in range(1, products + 1):
            name = " ".join(rng.choice(WORDS) for _ in range(3)).title() + f" {i}"
            sku, barcode = f"SKU-{i:06d}", f"20{i:011d}"
            rows.append(
                (i, f"{i:032x}", sku, name, barcode, search_key(name, sku, barcode), 10_000 + i)
            )
        db.executemany(
            "INSERT INTO products (id, uuid, sku, name, barcode, category, price_minor,"
            " cost_minor, stock_on_hand, active, favourite, search_key, created_at, updated_at)"
            f" VALUES (?, ?, ?, ?, ?, '', ?, 0, 1000, 1, 0, ?, '{NOW}', '{NOW}')",
            [(r[0], r[1], r[2], r[3], r[4], r[6], r[5]) for r in rows],
        )
        per_sale = 4
        sales = lines // per_sale
        db.executemany(
            "INSERT INTO sales (id, uuid, number, sequence, till_id, channel, cashier, currency,"
            " subtotal_minor, discount_minor, tax_minor, tax_inclusive, total_minor,"
            " rounding_minor, note, created_at) VALUES (?, ?, ?, ?, 'bench', 'pos', '', 'IDR',"
            f" 40000, 0, 0, 1, 40000, 0, '', '{NOW}')",
            ((s, f"s{s:031x}", f"B-{s:07d}", s) for s in range(1, sales + 1)),
        )
        db.executemany(
            "INSERT INTO sale_lines (sale_id, position, product_id, sku, name, quantity,"
            " unit_price_minor, unit_cost_minor, discount_minor, tax_minor, line_total_minor)"
            " VALUES (?, ?, ?, 'SKU', 'Item', 1, 10000, 0, 0, 0, 10000)",
            (
                (s, p, rng.randint(1, products))
                for s in range(1, sales + 1)
                for p in range(1, per_sale + 1)
            ),
        )
    db.close()


def shop_with(products: int, lines: int) -> Path:
    CACHE.mkdir(exist_ok=True)
    path = CACHE / f"shop-{products}-{lines}.sqlite"
    if not path.exists():
        print(f"building {path.name} ...", flush=True)
        build(path, products, lines)
    work = CACHE / f"work-{products}-{lines}.sqlite"
    shutil.copyfile(path, work)
    return work


def measure(path: Path, products: int, app: QApplication) -> dict[str, float]:
    shop = Shop.open(path)
    till = TillScreen(shop)
    till.resize(1366, 740)
    till.show()
    app.processEvents()
    rng = random.Random(5)
    scans = []
    for _ in range(200):
        code = f"20{rng.randint(1, products):011d}"
        till.scan.setText(code)
        started = time.perf_counter()
        till.submit_scan()
        till.table.viewport().repaint()
        scans.append(time.perf_counter() - started)
        if len(till.cart) > 30:
            till.cart.clear()
    searches = []
    for word in ("ko", "kop", "kopi", "kopi g", "kopi ga", "kopi gay", "zz", "sku-0999", "perak"):
        till.scan.setText(word)
        started = time.perf_counter()
        till._search_now()
        till.results.repaint()
        searches.append(time.perf_counter() - started)
    till.save_snapshot()
    snapshot = []
    for _ in range(50):
        started = time.perf_counter()
        till.save_snapshot()
        snapshot.append(time.perf_counter() - started)
    till.close()
    till.deleteLater()
    app.processEvents()
    shop.close()
    return {
        "scan to line (median ms)": statistics.median(scans) * 1000,
        "search per keystroke (worst ms)": max(searches) * 1000,
        "search per keystroke (median ms)": statistics.median(searches) * 1000,
        "keep cart snapshot (median ms)": statistics.median(snapshot) * 1000,
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--products", type=int, default=100_000)
    parser.add_argument("--lines", type=int, default=1_000_000)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setStyleSheet(STYLE_SHEET)
    baseline = measure(shop_with(100, 400), 100, app)
    big = measure(shop_with(args.products, args.lines), args.products, app)
    targets = {"scan to line (median ms)": 16, "search per keystroke (worst ms)": 50}
    print(f"{'':34} {'100 products':>14} {f'{args.products:,} products':>18} {'ratio':>7}")
    for name, value in big.items():
        target = f"  (target < {targets[name]} ms)" if name in targets else ""
        print(
            f"{name:34} {baseline[name]:14.2f} {value:18.2f} {value / baseline[name]:7.2f}{target}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
