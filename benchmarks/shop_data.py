"""The big shop the benchmarks run on: built once with bulk inserts, cached, checked.

A year (2025) of sales at an organiser's scale: four tills (this one and three
merged from bundles), several lines per sale, cash with change, QRIS, transfers,
cards and e-wallets, line discounts, and one stock movement per sold line
through the same ledger rows the checkout writes, after an opening stock per
product. ``Shop.check()`` passes on the result; the file is cached under
``benchmarks/.cache`` keyed by ``GENERATOR_VERSION`` and the sizes, and only a
checked file gets its cached name.
"""

from __future__ import annotations

import bisect
import itertools
import json
import math
import random
import shutil
import sqlite3
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from bazaar_pos.domain.barcodes import internal_ean13
from bazaar_pos.domain.periods import Period
from bazaar_pos.domain.quantity import PER_UNIT
from bazaar_pos.domain.text import search_key
from bazaar_pos.services.people.access import AccessControl
from bazaar_pos.services.settings import SettingsService
from bazaar_pos.store.database import Database
from bazaar_pos.store.inspection import head_revision

GENERATOR_VERSION = 1
"""Bump when the generated data changes: cached shops of other versions are rebuilt."""
CACHE = Path(__file__).resolve().parent / ".cache"
ZONE = ZoneInfo("Asia/Jakarta")
YEAR = 2025
FAVOURITES = 12
AWAITING = 6
"""QRIS payments of the last day still awaiting confirmation (the till shows them)."""
FLUSH_SALES = 20_000
FULL_PRODUCTS = 100_000
FULL_LINES = 1_000_000

WORDS = [
    "Tenun",
    "Ikat",
    "Sumba",
    "Songket",
    "Batik",
    "Tulis",
    "Cap",
    "Kawung",
    "Truntum",
    "Parang",
    "Lurik",
    "Sarung",
    "Selendang",
    "Kemeja",
    "Syal",
    "Sutra",
    "Tas",
    "Anyaman",
    "Pandan",
    "Rotan",
    "Dompet",
    "Kopi",
    "Arabika",
    "Gayo",
    "Toraja",
    "Kintamani",
    "Gelas",
    "Keramik",
    "Piring",
    "Vas",
    "Gerabah",
    "Teko",
    "Gelang",
    "Manik",
    "Kalung",
    "Perak",
    "Bros",
    "Wayang",
    "Kulit",
    "Topeng",
    "Lukisan",
    "Ukiran",
    "Jati",
    "Mangkuk",
    "Sendok",
    "Tikar",
    "Bantal",
    "Sandal",
    "Blangkon",
    "Kebaya",
    "Madu",
    "Teh",
    "Sambal",
    "Keripik",
    "Dodol",
    "Rendang",
    "Bumbu",
    "Sabun",
    "Lilin",
    "Minyak",
    "Kayu",
    "Bambu",
    "Kerang",
    "Mutiara",
]
COLOURS = [
    "Merah",
    "Biru",
    "Nila",
    "Hijau",
    "Kuning",
    "Hitam",
    "Putih",
    "Coklat",
    "Emas",
    "Ungu",
    "Jingga",
    "Krem",
]
CATEGORIES = (
    "Kain Tenun",
    "Batik",
    "Busana",
    "Tas & Dompet",
    "Kopi & Teh",
    "Keramik",
    "Perhiasan",
    "Kerajinan Kayu",
    "Makanan",
    "Perawatan",
    "Rumah",
    "Anyaman",
)
CASHIERS = ("Sari", "Budi", "Wayan", "Dewi", "Rina", "Agus")
TILLS = (("B", "Stan Kopi Gayo"), ("C", "Stan Tenun Sumba"), ("D", "Stan Keramik Kasongan"))
METHODS = (("cash", 55), ("qris", 26), ("transfer", 7), ("ewallet", 7), ("card", 5))
LINE_COUNTS = ((1, 28), (2, 24), (3, 18), (4, 12), (5, 8), (6, 5), (7, 3), (8, 2))
QUANTITIES = ((1, 75), (2, 15), (3, 6), (4, 2), (6, 1), (10, 1))
NOTES = (5_000, 10_000, 20_000, 50_000, 100_000)
STAMP_FORMAT = "%Y-%m-%d %H:%M:%S.%f"


@dataclass(frozen=True, slots=True)
class ShopSize:
    """How big a benchmark shop is."""

    products: int = FULL_PRODUCTS
    lines: int = FULL_LINES

    @property
    def label(self) -> str:
        """``100,000 products, 1,000,000 lines``."""
        return f"{self.products:,} products, {self.lines:,} sale lines"


@dataclass(frozen=True, slots=True)
class BuiltShop:
    """A cached benchmark shop and what the measurements need to know about it."""

    path: Path
    size: ShopSize
    sales: int
    busiest_month: Period
    year: Period
    barcodes: tuple[str, ...]
    """The barcodes of a sample of active products, most sold first."""
    seconds: float = 0.0
    """How long building it took (0 when it came from the cache)."""


def stamp(moment: datetime) -> str:
    """A UTC moment as the database stores it."""
    return moment.astimezone(UTC).replace(tzinfo=None).strftime(STAMP_FORMAT)


def cached_shop(
    size: ShopSize,
    *,
    cache: Path = CACHE,
    rebuild: bool = False,
    say: Callable[[str], None] = print,
) -> BuiltShop:
    """The benchmark shop of ``size``, built and checked first if it is not cached yet.

    The cache is keyed by the generator's version, the schema's revision and the size.
    """
    cache.mkdir(parents=True, exist_ok=True)
    # A shop built for another schema would be upgraded (and backed up) at every run.
    revision = head_revision()
    path = cache / f"shop-v{GENERATOR_VERSION}-r{revision}-{size.products}-{size.lines}.sqlite"
    facts = path.with_suffix(".json")
    seconds = 0.0
    if rebuild or not (path.exists() and facts.exists()):
        for old in cache.glob(f"{path.stem}*"):
            if old.is_file():
                old.unlink()
        say(f"Building the benchmark shop ({size.label}); this happens once ...")
        started = time.perf_counter()
        partial = cache / f"{path.stem}.part.sqlite"
        info = build_shop(partial, size)
        problems = check_shop(partial)
        if problems:
            raise RuntimeError(f"the generated shop fails its check: {problems[:5]}")
        seconds = time.perf_counter() - started
        partial.replace(path)
        facts.write_text(json.dumps(info, indent=1))
        say(f"Built and checked in {seconds:.0f} s: {path}")
    info = json.loads(facts.read_text())
    return BuiltShop(
        path=path,
        size=size,
        sales=info["sales"],
        busiest_month=Period.month(YEAR, info["busiest_month"]),
        year=Period(date(YEAR, 1, 1), date(YEAR, 12, 31)),
        barcodes=tuple(info["barcodes"]),
        seconds=seconds,
    )


def check_shop(path: Path) -> list[str]:
    """What ``bazaar-pos check`` finds wrong with the shop at ``path`` (nothing, we hope)."""
    from bazaar_pos.services.shop import Shop

    shop = Shop.open(path, zone=ZONE)
    try:
        return shop.check()
    finally:
        shop.close()


def work_copy(built: BuiltShop, name: str = "work") -> Path:
    """A fresh copy of the cached shop to change (sales, backups) without spoiling the cache."""
    folder = built.path.parent / name
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    target = folder / "shop.sqlite"
    shutil.copyfile(built.path, target)
    return target


def build_shop(path: Path, size: ShopSize, *, seed: int = 2025) -> dict[str, object]:
    """Fill a new migrated database at ``path``; return facts the measurements use."""
    for old in path.parent.glob(f"{path.name}*"):
        old.unlink()
    db = Database.open(path)
    settings = SettingsService(db, AccessControl(db))
    settings.ensure_till_identity()
    settings.update(shop_name="Pasar Kriya Nusantara", address="Jl. Malioboro 52, Yogyakarta")
    this = settings.load()
    db.close()
    rng = random.Random(seed)
    con = sqlite3.connect(path, isolation_level=None)
    try:
        con.execute("PRAGMA journal_mode = OFF")
        con.execute("PRAGMA synchronous = OFF")
        con.execute("PRAGMA cache_size = -1000000")
        con.execute("BEGIN")
        tills = [(this.till_id, this.till_code)]
        opened = stamp(datetime(YEAR - 1, 12, 30, 9, tzinfo=ZONE))
        for code, shop_name in TILLS:
            till_id = f"{rng.getrandbits(128):032x}"
            tills.append((till_id, code))
            con.execute(
                "INSERT INTO tills (till_id, code, shop_name, app_version, first_imported_at,"
                " last_bundle_at) VALUES (?, ?, ?, '0.1.0', ?, ?)",
                (till_id, code, shop_name, opened, stamp(datetime(YEAR, 12, 31, 22, tzinfo=ZONE))),
            )
        products = _products(rng, size.products, opened)
        con.executemany(
            "INSERT INTO products (id, uuid, sku, name, barcode, category, price_minor,"
            " cost_minor, stock_milli, active, favourite, search_key, low_stock_milli,"
            " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?)",
            products,
        )
        sold, facts = _sales(con, rng, size, products, tills)
        con.executemany(
            "INSERT INTO stock_movements (uuid, product_id, quantity_milli, reason, reference,"
            " note, unit_cost_minor, till_id, created_at)"
            " VALUES (?, ?, ?, 'opening', '', '', ?, ?, ?)",
            (
                (
                    f"{rng.getrandbits(128):032x}",
                    p[0],
                    (sold[p[0]] + stock) * PER_UNIT,
                    p[7],
                    this.till_id,
                    opened,
                )
                for p, stock in zip(products, _opening_stock(rng, len(products)), strict=True)
            ),
        )
        con.execute(
            "UPDATE products SET stock_milli = (SELECT sum(quantity_milli) FROM stock_movements"
            " WHERE product_id = products.id)"
        )
        con.execute("COMMIT")
        con.execute("ANALYZE")
        con.execute("PRAGMA journal_mode = WAL")
    finally:
        con.close()
    return facts


def _opening_stock(rng: random.Random, count: int) -> Iterator[int]:
    """What each product has left at the end of the year: mostly some, a few none."""
    for _ in range(count):
        yield 0 if rng.random() < 0.03 else rng.randint(1, 60)


def _products(rng: random.Random, count: int, created: str) -> list[tuple[Any, ...]]:
    """Product rows: names from market words, internal EAN-13 barcodes, prices in 500s."""
    rows = []
    favourites = set(rng.sample(range(1, min(count, 400) + 1), min(FAVOURITES, count)))
    for n in range(1, count + 1):
        name = f"{rng.choice(WORDS)} {rng.choice(WORDS)} {rng.choice(COLOURS)} {n}"
        sku = f"PK-{n:06d}"
        barcode = internal_ean13(n)
        category = CATEGORIES[rng.randrange(len(CATEGORIES))]
        price = max(1, round(math.exp(rng.uniform(math.log(10), math.log(3000))))) * 500
        cost = price * rng.randint(45, 75) // 100
        active = n > 400 or rng.random() > 0.01
        rows.append(
            (
                n,
                f"{rng.getrandbits(128):032x}",
                sku,
                name,
                barcode,
                category,
                price,
                cost,
                active or n in favourites,
                n in favourites,
                search_key(name, sku, barcode, category),
                5 if rng.random() < 0.2 else None,
                created,
                created,
            )
        )
    return rows


def _weights(pairs: tuple[tuple[int, int], ...]) -> tuple[list[int], list[int]]:
    values = [v for v, _w in pairs]
    return values, list(itertools.accumulate(w for _v, w in pairs))


def _moments(rng: random.Random, sales: int) -> list[datetime]:
    """When each sale happened: busier weekends, December and the weeks before Lebaran."""
    days = [date(YEAR, 1, 1) + timedelta(days=d) for d in range(365)]
    weight = []
    for day in days:
        w = 2.2 if day.weekday() >= 5 else 1.0
        if day.month == 12:
            w *= 1.6
        if date(YEAR, 3, 10) <= day <= date(YEAR, 3, 30):
            w *= 1.4
        weight.append(w)
    moments = []
    for day in rng.choices(days, weights=weight, k=sales):
        minute = int(rng.triangular(8 * 60, 21 * 60, 17 * 60))
        local = datetime(day.year, day.month, day.day, tzinfo=ZONE) + timedelta(
            minutes=minute, seconds=rng.random() * 60
        )
        moments.append(local.astimezone(UTC))
    moments.sort()
    return moments


def _sales(
    con: sqlite3.Connection,
    rng: random.Random,
    size: ShopSize,
    products: list[tuple[Any, ...]],
    tills: list[tuple[str, str]],
) -> tuple[dict[int, int], dict[str, object]]:
    """Write the year's sales, lines, payments, ledger rows and audit events in batches."""
    counts, count_cum = _weights(LINE_COUNTS)
    quantities, quantity_cum = _weights(QUANTITIES)
    methods, method_cum = _weights(METHODS)
    # A few products sell a lot, most sell now and then (Zipf-like popularity).
    popularity = list(itertools.accumulate(1 / (rank**0.9) for rank in range(1, len(products) + 1)))
    ranked = list(range(len(products)))
    rng.shuffle(ranked)
    top = popularity[-1]
    plan = []
    total = 0
    while total < size.lines:
        lines = counts[bisect.bisect(count_cum, rng.random() * count_cum[-1])]
        lines = min(lines, size.lines - total)
        plan.append(lines)
        total += lines
    moments = _moments(rng, len(plan))
    sold: dict[int, int] = dict.fromkeys((int(p[0]) for p in products), 0)
    sequences = dict.fromkeys((t for t, _c in tills), 0)
    month_sales = [0] * 13
    sales, lines_rows, payments, movements, events = [], [], [], [], []
    line_id = 0
    for sale_id, (line_count, moment) in enumerate(zip(plan, moments, strict=True), start=1):
        till_id, code = tills[0] if rng.random() < 0.4 else tills[rng.randrange(1, len(tills))]
        sequences[till_id] += 1
        sequence = sequences[till_id]
        uuid = f"{rng.getrandbits(128):032x}"
        created = stamp(moment)
        cashier = CASHIERS[rng.randrange(len(CASHIERS))]
        subtotal = discount = 0
        for position in range(1, line_count + 1):
            index = ranked[bisect.bisect(popularity, rng.random() * top)]
            product = products[index]
            pid, sku, name, price, cost = (
                int(product[0]),
                product[2],
                product[3],
                int(product[6]),
                int(product[7]),
            )
            quantity = quantities[bisect.bisect(quantity_cum, rng.random() * quantity_cum[-1])]
            gross = quantity * price
            off = 0
            if rng.random() < 0.08 and gross >= 20_000:
                off = max(1_000, gross * rng.randint(5, 20) // 100 // 1_000 * 1_000)
            line_id += 1
            lines_rows.append(
                (
                    line_id,
                    sale_id,
                    position,
                    pid,
                    sku,
                    name,
                    quantity * PER_UNIT,
                    price,
                    cost,
                    off,
                    gross - off,
                )
            )
            movements.append(
                (
                    f"{rng.getrandbits(128):032x}",
                    pid,
                    -quantity * PER_UNIT,
                    f"sale:{uuid}",
                    till_id,
                    created,
                )
            )
            sold[pid] += quantity
            subtotal += gross
            discount += off
        total_due = subtotal - discount
        number = f"{code}-{sequence:06d}"
        sales.append(
            (
                sale_id,
                uuid,
                number,
                sequence,
                till_id,
                cashier,
                subtotal,
                discount,
                total_due,
                created,
            )
        )
        awaiting = sale_id > len(plan) - AWAITING
        method = (
            "qris"
            if awaiting
            else methods[bisect.bisect(method_cum, rng.random() * method_cum[-1])]
        )
        parts = [(method, total_due)]
        if method == "cash" and total_due >= 100_000 and rng.random() < 0.06:
            cash = total_due // 2 // 1_000 * 1_000
            parts = [("cash", cash), ("qris", total_due - cash)]
        for paid_by, amount in parts:
            tendered = amount
            if paid_by == "cash" and rng.random() < 0.7:
                note = next((n for n in NOTES if n >= amount), 100_000)
                tendered = -(-amount // note) * note
            reference = "" if paid_by == "cash" else f"REF{sale_id:08d}"
            payments.append(
                (
                    sale_id,
                    paid_by,
                    amount,
                    tendered,
                    tendered - amount,
                    reference,
                    "awaiting" if awaiting else "confirmed",
                    None if awaiting else created,
                    "" if awaiting else cashier,
                )
            )
        events.append(
            (
                f"{rng.getrandbits(128):032x}",
                created,
                cashier,
                uuid,
                json.dumps(
                    {"channel": "pos", "number": number, "total": total_due}, sort_keys=True
                ),
            )
        )
        month_sales[moment.astimezone(ZONE).month] += line_count
        if len(sales) >= FLUSH_SALES:
            _flush(con, sales, lines_rows, payments, movements, events)
    _flush(con, sales, lines_rows, payments, movements, events)
    by_sales = sorted(sold, key=lambda pid: -sold[pid])
    active = {int(p[0]) for p in products if p[8]}
    barcodes = [str(products[pid - 1][4]) for pid in by_sales if pid in active][:2_000]
    facts = {
        "sales": len(plan),
        "busiest_month": max(range(1, 13), key=lambda m: month_sales[m]),
        "barcodes": barcodes,
    }
    return sold, facts


def _flush(
    con: sqlite3.Connection,
    sales: list[tuple[Any, ...]],
    lines: list[tuple[Any, ...]],
    payments: list[tuple[Any, ...]],
    movements: list[tuple[Any, ...]],
    events: list[tuple[Any, ...]],
) -> None:
    con.executemany(
        "INSERT INTO sales (id, uuid, number, sequence, till_id, channel, cashier, currency,"
        " subtotal_minor, discount_minor, tax_minor, tax_inclusive, total_minor, rounding_minor,"
        " note, created_at) VALUES (?, ?, ?, ?, ?, 'pos', ?, 'IDR', ?, ?, 0, 1, ?, 0, '', ?)",
        sales,
    )
    con.executemany(
        "INSERT INTO sale_lines (id, sale_id, position, product_id, sku, name, quantity_milli,"
        " unit_price_minor, unit_cost_minor, discount_minor, tax_minor, line_total_minor)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)",
        lines,
    )
    con.executemany(
        "INSERT INTO payments (sale_id, method, amount_minor, tendered_minor, change_minor,"
        " reference, status, confirmed_at, confirmed_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        payments,
    )
    con.executemany(
        "INSERT INTO stock_movements (uuid, product_id, quantity_milli, reason, reference, note,"
        " unit_cost_minor, till_id, created_at) VALUES (?, ?, ?, 'sale', ?, '', NULL, ?, ?)",
        movements,
    )
    con.executemany(
        "INSERT INTO audit_events (uuid, created_at, actor, action, entity, entity_ref, details)"
        " VALUES (?, ?, ?, 'sale.completed', 'sale', ?, ?)",
        events,
    )
    for batch in (sales, lines, payments, movements, events):
        batch.clear()
