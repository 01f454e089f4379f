"""Sales files imported: a shop's sales CSV and a marketplace export, against raw sqlite3.

Both go into a fresh shop that already has the products (made with the
product import, not timed). The sales CSV is what another till or a notebook
would export: local dates, Rupiah prices, a few payment methods, one to five
lines an order. The marketplace file is TikTok Shop's ``OrderSKUList`` CSV:
mostly completed orders, some cancelled or unpaid, a few from Tokopedia.
Each import is timed against raw sqlite3 writing the very rows it wrote
(:mod:`benchmarks.replay`) into a copy of the same pre-import database.
"""

from __future__ import annotations

import bisect
import csv
import itertools
import random
import shutil
import sqlite3
import zlib
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import TypeVar

from tests.helpers.marketplace_files import TIKTOK_DESCRIPTIONS, TIKTOK_HEADERS

from bazaar_pos.exports.order_files import read_order_file
from bazaar_pos.services.shop import Shop
from benchmarks import replay
from benchmarks.files import write_products_csv
from benchmarks.shop_data import ZONE
from benchmarks.stats import Row, Sample, Target, seconds

_T = TypeVar("_T")
LINES_PER_ORDER = ((1, 30), (2, 25), (3, 20), (4, 15), (5, 10))
"""Lines an order has, with their weights: 2.5 on average."""
QUANTITIES = ((1, 75), (2, 15), (3, 7), (5, 3))
PAYMENTS = (("cash", 48), ("qris", 27), ("transfer", 10), ("ewallet", 10), ("card", 5))
CHANNELS = (("toko", 80), ("whatsapp", 12), ("instagram", 8))
STATUSES = (
    ("Completed", 70),
    ("Delivered", 8),
    ("Shipped", 7),
    ("To ship", 4),
    ("Cancelled", 8),
    ("Unpaid", 3),
)
"""TikTok Shop order statuses: most sold, some cancelled, a few not paid yet."""
FIRST_DAY = datetime(2025, 11, 1)
DAYS = 61
"""The files cover November and December 2025, local time."""
SALES_COLUMNS = ("order_ref", "date", "sku", "qty", "unit_price", "payment", "channel", "customer")

PLACES = (
    ("DI Yogyakarta", "Kota Yogyakarta", "Gondokusuman"),
    ("Jawa Tengah", "Kota Semarang", "Banyumanik"),
    ("DKI Jakarta", "Jakarta Selatan", "Kebayoran Baru"),
    ("Jawa Barat", "Kota Bandung", "Coblong"),
    ("Jawa Timur", "Kota Surabaya", "Gubeng"),
    ("Bali", "Kota Denpasar", "Denpasar Selatan"),
)
COURIERS = ("J&T Express", "SPX Express", "JNE", "SiCepat", "AnterAja")
TIKTOK_PAYMENTS = ("DANA", "GoPay", "OVO", "ShopeePay", "Bank transfer", "COD")


def _picker(pairs: tuple[tuple[_T, int], ...], rng: random.Random) -> Callable[[], _T]:
    values = [v for v, _w in pairs]
    cumulative = list(itertools.accumulate(w for _v, w in pairs))
    return lambda: values[bisect.bisect(cumulative, rng.random() * cumulative[-1])]


def _popular(count: int, rng: random.Random) -> Callable[[], int]:
    """Indexes 0..count-1, a few often and most now and then (Zipf-like)."""
    cumulative = list(itertools.accumulate(1 / (rank**0.9) for rank in range(1, count + 1)))
    ranked = list(range(count))
    rng.shuffle(ranked)
    top = cumulative[-1]
    return lambda: ranked[min(count - 1, bisect.bisect(cumulative, rng.random() * top))]


def _moments(count: int, rng: random.Random) -> list[datetime]:
    """Local times over the files' two months, shop hours, in order."""
    moments = [
        FIRST_DAY
        + timedelta(
            days=rng.randrange(DAYS),
            minutes=int(rng.triangular(8 * 60, 21 * 60, 16 * 60)),
            seconds=rng.randrange(60),
        )
        for _ in range(count)
    ]
    moments.sort()
    return moments


def _orders(
    products: list[tuple[str, str, int]], rng: random.Random, lines: Iterator[int]
) -> Iterator[list[tuple[str, str, int, int]]]:
    """Each order's lines: (sku, name, quantity, unit price), no product twice in an order."""
    pick = _popular(len(products), rng)
    quantity = _picker(QUANTITIES, rng)
    for count in lines:
        chosen: dict[int, None] = {}
        while len(chosen) < min(count, len(products)):
            chosen.setdefault(pick(), None)
        yield [(*products[i][:2], quantity(), products[i][2]) for i in chosen]


def write_sales_csv(path: Path, products: list[tuple[str, str, int]], sales: int) -> int:
    """``sales`` orders as a shop's sales CSV; returns how many lines it has."""
    rng = random.Random(11)
    count = _picker(LINES_PER_ORDER, rng)
    payment = _picker(PAYMENTS, rng)
    channel = _picker(CHANNELS, rng)
    written = 0
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(SALES_COLUMNS)
        orders = _orders(products, rng, (count() for _ in range(sales)))
        for number, (moment, lines) in enumerate(
            zip(_moments(sales, rng), orders, strict=True), start=1
        ):
            ref = f"INV/{moment:%Y%m%d}/{number:06d}"
            when = f"{moment:%d/%m/%Y %H:%M}"
            paid, sold_on = payment(), channel()
            for sku, _name, qty, price in lines:
                if rng.random() < 0.05:  # a line sold at a discount, rounded to Rp500
                    price = max(500, price * 9 // 10 // 500 * 500)
                writer.writerow((ref, when, sku, qty, price, paid, sold_on, ""))
                written += 1
    return written


def write_tiktok_csv(path: Path, products: list[tuple[str, str, int]], lines: int) -> int:
    """A TikTok Shop ``OrderSKUList`` CSV of ``lines`` lines; returns how many orders it has."""
    rng = random.Random(13)
    count = _picker(LINES_PER_ORDER, rng)
    status = _picker(STATUSES, rng)

    def sizes() -> Iterator[int]:
        left = lines
        while left > 0:
            size = min(left, count())
            left -= size
            yield size

    plan = list(sizes())
    at = {h: i for i, h in enumerate(TIKTOK_HEADERS)}
    with path.open("w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.writer(handle)
        writer.writerow(TIKTOK_HEADERS)
        writer.writerow(TIKTOK_DESCRIPTIONS.get(h, "") for h in TIKTOK_HEADERS)
        orders = _orders(products, rng, iter(plan))
        for number, (moment, order) in enumerate(
            zip(_moments(len(plan), rng), orders, strict=True), start=1
        ):
            order_id = str(577_300_000_000_000_000 + number * 7_919)
            state = status()
            province, city, district = rng.choice(PLACES)
            buyer = f"pembeli{rng.randrange(10**6):06d}"
            cells = [""] * len(TIKTOK_HEADERS)
            for header, value in (
                ("Order ID", order_id),
                ("Order Status", state),
                ("Order Substatus", state),
                ("Normal or Pre-order", "Normal"),
                ("Created Time", f"{moment:%d/%m/%Y %H:%M:%S}"),
                ("Paid Time", "" if state == "Unpaid" else f"{moment:%d/%m/%Y %H:%M:%S}"),
                ("Cancelled Time", f"{moment:%d/%m/%Y %H:%M:%S}" if state == "Cancelled" else ""),
                ("Cancel By", "Buyer" if state == "Cancelled" else ""),
                ("Fulfillment Type", "Fulfillment by seller"),
                ("Warehouse Name", "Gudang Yogyakarta"),
                ("Tracking ID", f"JX{rng.randrange(10**10):010d}"),
                ("Delivery Option", "Standard"),
                ("Shipping Provider Name", rng.choice(COURIERS)),
                ("Buyer Username", buyer),
                ("Recipient", buyer.replace("pembeli", "Penerima ")),
                ("Phone #", f"(+62)8{rng.randrange(10**9):09d}"),
                ("Zipcode", f"{rng.randrange(10_000, 99_999)}"),
                ("Country", "Indonesia"),
                ("Province", province),
                ("Regency and City", city),
                ("Districts", district),
                ("Villages", district),
                ("Detail Address", f"Jl. Melati No. {rng.randrange(1, 200)}"),
                ("Payment Method", rng.choice(TIKTOK_PAYMENTS)),
                ("Package ID", f"{rng.randrange(10**17, 10**18)}"),
                ("Purchase Channel", "Tokopedia" if rng.random() < 0.15 else "TikTok"),
                ("Checked Status", "Unchecked"),
            ):
                cells[at[header]] = value
            shipping = rng.choice((9_000, 12_000, 15_000))
            amounts = []
            for sku, name, qty, price in order:
                before = qty * price
                off = before // 10 // 100 * 100 if rng.random() < 0.2 else 0
                amounts.append(before - off)
                line = list(cells)
                for header, value in (
                    ("SKU ID", f"17{zlib.crc32(sku.encode()):016d}"),
                    ("Seller SKU", sku),
                    ("Product Name", name),
                    ("Quantity", str(qty)),
                    ("Sku Quantity of return", "0"),
                    ("SKU Unit Original Price", str(price)),
                    ("SKU Subtotal Before Discount", str(before)),
                    ("SKU Platform Discount", "0"),
                    ("SKU Seller Discount", str(off)),
                    ("SKU Subtotal After Discount", str(before - off)),
                    ("Shipping Fee After Discount", str(shipping)),
                    ("Original Shipping Fee", str(shipping)),
                    ("Weight(kg)", "0.5"),
                    ("Product Category", "Handicrafts"),
                ):
                    line[at[header]] = value
                line[at["Order Amount"]] = str(sum(amounts) + shipping)
                writer.writerow(f"{v}\t" if v else v for v in line)  # TikTok's trailing tabs
    return len(plan)


class ImportBench:
    """The fresh shop with products, the files, and the two import figures."""

    def __init__(self, folder: Path, products: int, sales: int) -> None:
        """Work in ``folder``: a shop of ``products`` products; ``sales`` sales in the CSV."""
        self.folder = folder
        self.product_count = products
        self.sales = sales
        self.template = folder / "products.sqlite"
        self.sales_csv = folder / "sales.csv"
        self.orders_csv = folder / "OrderSKUList.csv"
        self.sales_lines = 0
        self.orders = 0
        self._products: list[tuple[str, str, int]] = []

    @property
    def order_lines(self) -> int:
        """The marketplace file's lines: as many as the sales CSV has at 2.5 lines a sale."""
        return self.sales * 5 // 2

    def _shop(self) -> list[tuple[str, str, int]]:
        """Make the pre-import shop once: the products imported, then opened again."""
        if self._products:
            return self._products
        self.folder.mkdir(parents=True, exist_ok=True)
        _remove(self.template)
        catalogue = write_products_csv(self.folder / "products.csv", self.product_count)
        shop = Shop.open(self.template, zone=ZONE)
        try:
            shop.product_files.import_file(catalogue)
        finally:
            shop.close()
        Shop.open(self.template, zone=ZONE).close()  # whatever a first opening writes
        with sqlite3.connect(self.template) as con:
            self._products = [
                (str(sku), str(name), int(price))
                for sku, name, price in con.execute(
                    "SELECT sku, name, price_minor FROM products WHERE active ORDER BY id"
                )
            ]
        con.close()
        return self._products

    def prepare_sales(self) -> None:
        """The shop and the sales CSV (not timed, not profiled)."""
        self.sales_lines = write_sales_csv(self.sales_csv, self._shop(), self.sales)

    def prepare_orders(self) -> None:
        """The shop and the marketplace export (not timed, not profiled)."""
        self.orders = write_tiktok_csv(self.orders_csv, self._shop(), self.order_lines)

    def sales_import(self, runs: int) -> list[Row]:
        """The sales CSV through ``shop.sales_import.import_csv`` against the raw replay."""
        if not self.sales_lines:
            self.prepare_sales()
        ours, raw, found = self._measure(
            "sales", lambda shop: shop.sales_import.import_csv(self.sales_csv), runs
        )
        made = sum(len(i.rows) for i in found.inserts if i.table == "sales")
        if made != self.sales:
            raise RuntimeError(f"the import made {made:,} sales of {self.sales:,}")
        figure = f"Import {self.sales:,} sales ({self.sales_lines:,} lines, sales CSV)"
        return [_against_replay(figure, ours, raw, found, runs)]

    def orders_import(self, runs: int) -> list[Row]:
        """The TikTok export through ``shop.order_import.import_file``, and its reading alone."""
        if not self.orders:
            self.prepare_orders()
        ours, raw, found = self._measure(
            "orders", lambda shop: shop.order_import.import_file(self.orders_csv), runs
        )
        reading = Sample.of(
            [seconds(lambda: read_order_file(self.orders_csv)) for _ in range(runs)]
        )
        parsing = Sample.of([seconds(lambda: _csv_rows(self.orders_csv)) for _ in range(runs)])
        lines = self.order_lines
        return [
            _against_replay(
                f"Import a {lines:,}-line marketplace export (TikTok Shop CSV,"
                f" {self.orders:,} orders)",
                ours,
                raw,
                found,
                runs,
            ),
            Row(
                f"Reading the {lines:,}-line marketplace export alone",
                "s",
                reading.median,
                parsing.median,
                "csv.reader reading the file into lists of cells",
                None,
                runs,
            ),
        ]

    def _measure(
        self, name: str, work: Callable[[Shop], object], runs: int
    ) -> tuple[Sample, Sample, replay.Changes]:
        ours, raw = [], []
        found = replay.Changes()
        for _ in range(runs):
            mine = _copy(self.template, self.folder / f"{name}.sqlite")
            shop = Shop.open(mine, zone=ZONE)
            try:
                ours.append(seconds(lambda shop=shop: work(shop)))
            finally:
                shop.close()
            found = replay.changes(self.template, mine)
            theirs = _copy(self.template, self.folder / f"{name}-raw.sqlite")
            raw.append(seconds(lambda found=found, theirs=theirs: replay.replay(found, theirs)))
            replay.check(found, theirs)
        return Sample.of(ours), Sample.of(raw), found


def _csv_rows(path: Path) -> list[list[str]]:
    with path.open(newline="", encoding="utf-8-sig") as handle:
        return list(csv.reader(handle))


def _remove(path: Path) -> None:
    for old in path.parent.glob(f"{path.name}*"):
        old.unlink()


def _copy(template: Path, target: Path) -> Path:
    _remove(target)
    shutil.copyfile(template, target)
    return target


def _against_replay(
    figure: str, ours: Sample, raw: Sample, found: replay.Changes, runs: int
) -> Row:
    """An import's row: its time against raw sqlite3 writing the same rows, within 10x."""
    return Row(
        figure,
        "s",
        ours.median,
        raw.median,
        "raw sqlite3 writing the same rows into the same pre-import shop, one"
        f" transaction, executemany, new ids mapped: {found.describe()}",
        Target(ratio=10),
        runs,
    )
