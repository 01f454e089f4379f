"""A child process for the power-cut test: a day at the stall, on the file system under test.

Run as ``python powercut_driver.py FOLDER``, ``prepare FOLDER`` to make the
starting shop, or ``serve`` to run days (and ``bazaar-pos check``) in forked
children. FOLDER holds ``shop.sqlite``, ``exports/`` with the previous version
of every export, and ``import/products.csv``. The driver holds the database
lock and opens the shop as the app does, then sells (the checkout service as
the till calls it), backs up, sells, restores that backup, sells, writes every
kind of export, imports a products file, sells and backs up again.

After each step returns it prints one line and flushes: a printed line is a
promise that the step is durable. ``sale NUMBER REF``, ``backup PATH``,
``restore``, ``file PATH COUNT`` (rows or pages), ``import SKU…`` and ``done``.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import time
import traceback
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from bazaar_pos.domain.cart import Cart, CartLine
from bazaar_pos.domain.consignment import Commission
from bazaar_pos.domain.payment import PaymentMethod, Tender
from bazaar_pos.domain.periods import Period
from bazaar_pos.domain.quantity import whole
from bazaar_pos.services.products.catalogue import ProductDraft
from bazaar_pos.services.products.labels import LabelRequest
from bazaar_pos.services.reports.files import FileFormat
from bazaar_pos.services.shop import Shop
from bazaar_pos.services.stock.consignment.views import ConsignorDraft
from bazaar_pos.store.lock import DatabaseLock

DATABASE = "shop.sqlite"
PRODUCTS = (("PC-1", "Kopi bubuk", 25_000), ("PC-2", "Gula aren", 18_000), ("PC-3", "Teh", 9_000))
CONSIGNED = ("MGK-1", "Mangkuk gerabah", 60_000)
IMPORTED = ("PC-7", "PC-8", "PC-9")
EXPORTS = {
    "report": "exports/laporan.pdf",
    "lines_csv": "exports/baris-penjualan.csv",
    "lines_xlsx": "exports/baris-penjualan.xlsx",
    "products": "exports/produk.csv",
    "bundle": "exports/kiriman.bazaar",
    "labels": "exports/label.pdf",
    "slip": "exports/nota-titip.pdf",
}
"""Every kind of file the app exports, by kind, relative to FOLDER."""


def ack(*words: object) -> None:
    """Promise that the step just finished is durable."""
    print(*words, flush=True)


def period() -> Period:
    """Yesterday to tomorrow: today's sales in any time zone."""
    today = date.today()
    return Period(today - timedelta(days=1), today + timedelta(days=1))


def sell(shop: Shop, index: int, *, announce: bool = True) -> None:
    """Ring up sale ``index`` as the till does and pay it in cash."""
    settings = shop.settings.load()
    products = {p.sku: p for p in shop.catalogue.search(limit=100)}
    cart = Cart(settings.currency, settings.tax_rule)
    for sku, quantity in ((PRODUCTS[index % 3][0], index % 2 + 1), (CONSIGNED[0], 1)):
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
    shop.parked_carts.save_current(cart)  # the till keeps the cart in progress as it grows
    total = cart.totals().total
    result = shop.checkout.complete_sale(
        cart,
        [Tender(PaymentMethod.CASH, total)],
        external_ref=f"drive-{index}",
        forget_current_cart=True,
    )
    if announce:
        ack("sale", result.number, f"drive-{index}")


def export_all(shop: Shop, folder: Path, *, announce: bool) -> None:
    """Write every kind of export into ``folder / exports``."""
    say = ack if announce else (lambda *_words: None)
    paths = {kind: folder / name for kind, name in EXPORTS.items()}
    written = shop.report_files.write_summary_pdf(period(), paths["report"])
    say("file", paths["report"], written.count)
    written = shop.report_files.write_sale_lines(period(), paths["lines_csv"], FileFormat.CSV)
    say("file", paths["lines_csv"], written.count)
    written = shop.report_files.write_sale_lines(period(), paths["lines_xlsx"], FileFormat.XLSX)
    say("file", paths["lines_xlsx"], written.count)
    say("file", paths["products"], shop.product_files.export_file(paths["products"]))
    summary = shop.bundles.export(paths["bundle"])
    say("file", paths["bundle"], summary.sales)
    labels = shop.labels.write(LabelRequest(skus=tuple(p[0] for p in PRODUCTS)), paths["labels"])
    say("file", paths["labels"], labels.pages)
    maker = shop.consignment.consignors()[0]
    start = datetime.now(UTC) - timedelta(days=1)
    statement = shop.consignment.statement(maker.id, start, start + timedelta(days=2))
    shop.consignment.write_slip(statement, paths["slip"])
    say("file", paths["slip"], 1)


def prepare(folder: Path) -> None:
    """The shop before the day starts: products, a consignor, yesterday's exports."""
    shop = Shop.open(folder / DATABASE)
    try:
        maker = shop.consignment.add_consignor(
            ConsignorDraft("Ibu Sari", commission=Commission.percent(20))
        )
        for sku, name, price in PRODUCTS:
            product = shop.catalogue.create(ProductDraft(sku=sku, name=name, price=price))
            shop.stock.receive(product.id, whole(1_000))
        bowl = shop.catalogue.create(
            ProductDraft(CONSIGNED[0], CONSIGNED[1], CONSIGNED[2], consignor_id=maker.id)
        )
        shop.consignment.receive(bowl.id, whole(1_000))
        sell(shop, 1000, announce=False)
        (folder / "exports").mkdir()
        export_all(shop, folder, announce=False)
        (folder / "import").mkdir()
        rows = ["sku,name,price,stock", *(f"{sku},Barang {sku},12000,50" for sku in IMPORTED)]
        (folder / "import" / "products.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    finally:
        shop.close()


def drive(folder: Path) -> None:
    """The day at the stall; see the module's docstring."""
    database = folder / DATABASE
    with DatabaseLock(database):
        shop = Shop.open(database)
        for index in range(3):
            sell(shop, index)
        made = shop.backups.back_up("manual").made[0]
        ack("backup", made)
        for index in range(3, 6):
            sell(shop, index)
        shop.backups.restore(made)
        ack("restore")
        for index in range(6, 8):
            sell(shop, index)
        export_all(shop, folder, announce=True)
        shop.product_files.import_file(folder / "import" / "products.csv")
        ack("import", *IMPORTED)
        for index in range(8, 10):
            sell(shop, index)
        ack("backup", shop.backups.back_up("manual").made[0])
        shop.close()
    ack("done")


def weaken(control: str) -> None:
    """Take out one piece of durability, for the controls that prove the test sees loss.

    ``synchronous-normal``: WAL commits are not synced. ``no-file-fsync``: the
    atomic writer renames files into place without syncing their data first.
    """
    if control == "synchronous-normal":
        from bazaar_pos.store import engine

        full = engine._set_sqlite_pragmas

        def normal(connection: object, record: object) -> None:
            full(connection, record)
            connection.execute("PRAGMA synchronous = NORMAL")  # type: ignore[attr-defined]

        engine._set_sqlite_pragmas = normal
    elif control == "no-file-fsync":
        from bazaar_pos import files

        files._sync_file = lambda descriptor: None
    elif control:
        raise SystemExit(f"unknown control {control}")


def serve() -> None:
    """Fork a fresh child for each request read from stdin; answer with its exit code.

    A request is one JSON line: ``argv`` (``["drive", FOLDER]`` or ``["check",
    DATABASE]``, which runs ``bazaar-pos --db DATABASE check``), the files for the
    child's ``stdout`` and ``stderr``, a ``control`` and a ``timeout`` in seconds,
    after which the child is killed. The app is imported once, here, so each
    child starts at once; no database is opened before a fork.
    """
    import bazaar_pos.cli
    import bazaar_pos.exports.pdf_summary
    import bazaar_pos.exports.xlsx_io
    import bazaar_pos.services.stock.consignment.slip  # noqa: F401

    for line in sys.stdin:
        request = json.loads(line)
        sys.stdout.flush()
        child = os.fork()
        if child == 0:
            _child(request)
        deadline = time.monotonic() + request["timeout"]
        while (status := os.waitpid(child, os.WNOHANG))[0] == 0:
            if time.monotonic() > deadline:
                os.kill(child, signal.SIGKILL)
                status = os.waitpid(child, 0)
                break
            time.sleep(0.005)
        print(os.waitstatus_to_exitcode(status[1]), flush=True)


def _child(request: dict) -> None:
    """Run one request in a forked child, then leave without the parent's clean-up."""
    code = 1
    try:
        for descriptor, name in ((1, request["stdout"]), (2, request["stderr"])):
            target = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
            os.dup2(target, descriptor)
            os.close(target)
        weaken(request["control"])
        command, target = request["argv"]
        if command == "check":
            from bazaar_pos.cli import main

            code = main(["--db", target, "check"])
        else:
            drive(Path(target))
            code = 0
    except BaseException:
        traceback.print_exc()
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


if __name__ == "__main__":
    if sys.argv[1] == "serve":
        serve()
    elif sys.argv[1] == "prepare":
        prepare(Path(sys.argv[2]))
    else:
        weaken(os.environ.get("POWERCUT_CONTROL", ""))
        drive(Path(sys.argv[1]))
