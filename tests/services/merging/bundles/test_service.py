import hashlib
import io
import json
import shutil
import sqlite3
import zipfile
from datetime import date

import pytest

from bazaar_pos.domain.cart import CartLine
from bazaar_pos.domain.periods import Period
from bazaar_pos.domain.quantity import whole
from bazaar_pos.domain.report import Dimension
from bazaar_pos.exports.bundle_file import BundleError, read_bundle, write_bundle
from bazaar_pos.progress import Cancelled
from bazaar_pos.services.merging.bundles import service as bundle_service
from bazaar_pos.services.merging.bundles.service import (
    RenamedProduct,
    RenamedProductsError,
    renamed_lines,
)
from bazaar_pos.services.products.catalogue import ProductDraft
from bazaar_pos.services.shop import Shop
from tests.conftest import JAKARTA
from tests.helpers.audit import audit
from tests.helpers.progress import every_report, stage
from tests.helpers.sales import CASH, QRIS, sell, utc

NOVEMBER = Period.month(2026, 11)


@pytest.fixture
def shops(template_db, tmp_path):
    """Open shops on fresh copies of the template database, each a till of its own."""
    opened = []

    def make(name, code, *, currency="IDR"):
        path = tmp_path / f"{name}.sqlite"
        shutil.copyfile(template_db, path)
        shop = Shop.open(path, zone=JAKARTA)
        shop.settings.update(till_code=code, shop_name=f"Stall {name}", currency_code=currency)
        opened.append(shop)
        return shop

    yield make
    for shop in opened:
        shop.close()


def stock(shop, sku, name, price, cost, quantity, category="Kopi"):
    product = shop.catalogue.create(ProductDraft(sku, name, price, cost, category=category))
    if quantity:
        shop.stock.receive(product.id, whole(quantity))
    return shop.catalogue.get(product.id)


def dump(shop):
    """Every row of every table, to prove nothing changed."""
    with sqlite3.connect(shop.db.path) as con:
        tables = [
            row[0]
            for row in con.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
            )
        ]
        rows = {
            table: con.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall() for table in tables
        }
    con.close()
    return rows


@pytest.fixture
def three(shops, tmp_path):
    """Tills A and B sell and export; C is the organiser's database."""
    a, b, c = shops("a", "A"), shops("b", "B"), shops("c", "C")
    kopi_a = stock(a, "KOP-1", "Kopi Gayo", 95_000, 50_000, 10)
    tenun_a = stock(a, "TEN-1", "Tenun Sumba", 1_250_000, 780_000, 2, "Kain Tenun")
    kopi_b = stock(b, "KOP-1", "Kopi Gayo", 95_000, 50_000, 6)
    vase_b = stock(b, "VAS-9", "Vas Gerabah", 210_000, 90_000, 3, "Keramik")
    stock(c, "KOP-1", "Kopi Gayo", 95_000, 50_000, 0)
    sell(a, utc(2026, 11, 20, 3, 0), [(kopi_a, 2)], cashier="Sari")
    sell(a, utc(2026, 11, 20, 9, 0), [(tenun_a, 1), (kopi_a, 1)], [(QRIS, 1_345_000)])
    sell(b, utc(2026, 11, 20, 4, 0), [(vase_b, 2)], [(CASH, 420_000)], cashier="Budi")
    sell(b, utc(2026, 11, 21, 4, 0), [(kopi_b, 1), (CartLine("LAIN", "Ongkos kirim", 20_000), 1)])
    a_zip, b_zip = tmp_path / "a.zip", tmp_path / "b.zip"
    assert a.bundles.export(a_zip).sales == 2
    assert b.bundles.export(b_zip).sales == 2
    return a, b, c, a_zip, b_zip


def test_two_tills_merge_into_a_third_and_the_totals_add_up(three):
    a, b, c, a_zip, b_zip = three
    summary = c.bundles.import_files([a_zip, b_zip])
    assert (summary.bundles, summary.sales_added, summary.sales_known) == (2, 4, 0)
    assert summary.products_created == ("TEN-1", "VAS-9")
    assert summary.changes.sales
    assert summary.changes.stock
    merged = c.reports.summary(NOVEMBER)
    own = [a.reports.summary(NOVEMBER).figures, b.reports.summary(NOVEMBER).figures]
    for figure in ("sale_count", "gross", "discounts", "net", "items", "cost", "collected"):
        assert getattr(merged.figures, figure) == sum(getattr(f, figure) for f in own), figure
    tills = {row.label: row.amounts.net for row in merged.rows(Dimension.TILL)}
    assert tills == {"A · Stall a": own[0].net, "B · Stall b": own[1].net}
    categories = {row.label for row in merged.rows(Dimension.CATEGORY)}
    assert categories == {"Kopi", "Kain Tenun", "Keramik", "(no category)"}
    numbers = c.reports.sales(NOVEMBER, Dimension.TILL, b.settings.load().till_id)
    assert sorted(s.number for s in numbers.sales) == ["B-000001", "B-000002"]
    assert c.check() == []


def test_stock_movements_merge_by_sku_and_unknown_products_become_archived_stubs(three):
    _a, _b, c, a_zip, b_zip = three
    c.bundles.import_files([a_zip, b_zip])
    kopi = c.catalogue.find_by_code("KOP-1")
    assert kopi.stock_milli // 1000 == (10 - 3) + (6 - 1)
    vase = c.catalogue.search("VAS-9", include_inactive=True)[0]
    assert (vase.name, vase.category, vase.price, vase.active, vase.stock_milli // 1000) == (
        "Vas Gerabah",
        "Keramik",
        210_000,
        False,
        1,
    )
    assert c.catalogue.find_by_code("VAS-9") is None


def test_importing_twice_changes_nothing(three):
    _a, _b, c, a_zip, b_zip = three
    c.bundles.import_files([a_zip])
    c.bundles.import_files([a_zip, b_zip])
    before = dump(c)
    again = c.bundles.import_files([b_zip, a_zip])
    assert (again.sales_added, again.movements_added, again.sales_known) == (0, 0, 4)
    assert not again.changes.sales
    assert dump(c) == before


def test_a_tills_own_bundle_changes_nothing_at_home(three):
    a, _b, _c, a_zip, _b_zip = three
    before = dump(a)
    info = a.bundles.inspect(a_zip)
    assert (info.own_till, info.sales, info.new_sales) == (True, 2, 0)
    assert a.bundles.import_files([a_zip]).sales_added == 0
    assert dump(a) == before


def test_inspect_says_what_a_bundle_holds(three):
    _a, b, c, _a_zip, b_zip = three
    info = c.bundles.inspect(b_zip)
    assert (info.till_code, info.shop_name, info.sales, info.new_sales) == ("B", "Stall b", 2, 2)
    assert info.movements == info.new_movements == 4
    assert info.till_id == b.settings.load().till_id
    assert (info.first, info.last) == (None, None)


def test_export_of_some_days_only(three, tmp_path):
    a, _b, c, _a_zip, _b_zip = three
    path = tmp_path / "friday.zip"
    summary = a.bundles.export(path, date(2026, 11, 20), date(2026, 11, 20))
    assert (summary.sales, summary.lines) == (2, 3)
    info = c.bundles.inspect(path)
    assert (info.first, info.last) == (date(2026, 11, 20), date(2026, 11, 20))
    assert a.bundles.export(tmp_path / "none.zip", date(2026, 11, 22)).sales == 0


def rewrite(source, target, change):
    """Copy a bundle member by member, letting ``change(name, data)`` alter any of them."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for info in old.infolist():
            data = change(info.filename, old.read(info.filename))
            if data is not None:
                new.writestr(info.filename, data)


def flipped(source, target, member):
    """A copy with one byte flipped inside ``member``'s stored data."""
    raw = bytearray(source.read_bytes())
    with zipfile.ZipFile(source) as archive:
        info = archive.getinfo(member)
    header = raw[info.header_offset : info.header_offset + 30]
    start = info.header_offset + 30 + int.from_bytes(header[26:28], "little")
    start += int.from_bytes(header[28:30], "little")
    raw[start + info.compress_size // 2] ^= 0x01
    target.write_bytes(bytes(raw))


@pytest.mark.parametrize("member", ["manifest.json", "sales.json", "stock_movements.json"])
def test_a_flipped_byte_is_refused_and_nothing_changes(three, tmp_path, member):
    _a, _b, c, a_zip, b_zip = three
    damaged = tmp_path / "damaged.zip"
    flipped(b_zip, damaged, member)
    before = dump(c)
    with pytest.raises(BundleError, match="damaged"):
        c.bundles.import_files([a_zip, damaged])
    assert dump(c) == before


def edit_sale(name, data):
    if name != "sales.json":
        return data
    sales = json.loads(data)
    sales[0]["lines"][0]["quantity_milli"] += 1000
    sales[0]["lines"][0]["line_total"] += sales[0]["lines"][0]["unit_price"]
    return json.dumps(sales).encode()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (edit_sale, "sales.json is not the size its manifest says"),
        (lambda n, d: d.replace(b"Vas Gerabah", b"Vas Gerabax"), "products.json does not match"),
        (
            lambda n, d: None if n == "stock_movements.json" else d,
            "stock_movements.json is missing",
        ),
        (
            lambda n, d: (
                d
                if n != "manifest.json"
                else d.replace(b'"format_version": 2', b'"format_version": 3')
            ),
            "newer version",
        ),
        (lambda n, d: d if n != "manifest.json" else b"{", "manifest cannot be read"),
        (
            lambda n, d: d if n != "manifest.json" else d.replace(b"bazaar-pos-bundle", b"other"),
            "not a Bazaar POS bundle",
        ),
    ],
)
def test_an_altered_bundle_is_refused_whole(three, tmp_path, change, message):
    _a, _b, c, a_zip, b_zip = three
    altered = tmp_path / "altered.zip"
    rewrite(b_zip, altered, change)
    before = dump(c)
    with pytest.raises(BundleError, match=message):
        c.bundles.import_files([a_zip, altered])
    assert dump(c) == before


def test_an_extra_file_or_a_sale_that_does_not_add_up_is_refused(three, tmp_path):
    _a, _b, c, _a_zip, b_zip = three
    extra = tmp_path / "extra.zip"
    shutil.copyfile(b_zip, extra)
    with zipfile.ZipFile(extra, "a") as archive:
        archive.writestr("refunds.json", "[]")
    with pytest.raises(BundleError, match="does not list"):
        c.bundles.import_files([extra])
    resealed = tmp_path / "resealed.zip"
    manifest = {}

    def keep_manifest(name, data):
        if name == "manifest.json":
            manifest.update(json.loads(data))
            return None
        return edit_sale(name, data)

    rewrite(b_zip, resealed, keep_manifest)
    with zipfile.ZipFile(resealed, "a") as archive:
        sales = archive.read("sales.json")
        manifest["members"]["sales.json"] = {
            "sha256": hashlib.sha256(sales).hexdigest(),
            "bytes": len(sales),
            "records": 2,
        }
        archive.writestr("manifest.json", json.dumps(manifest))
    with pytest.raises(BundleError, match="does not add up"):
        c.bundles.import_files([resealed])


def test_not_a_bundle_and_missing_files(three, tmp_path):
    _a, _b, c, _a_zip, _b_zip = three
    text = tmp_path / "notes.zip"
    text.write_text("not a zip")
    with pytest.raises(BundleError, match="not a Bazaar POS bundle"):
        c.bundles.inspect(text)
    with pytest.raises(BundleError, match="was not found"):
        c.bundles.inspect(tmp_path / "missing.zip")
    other = tmp_path / "other.zip"
    with zipfile.ZipFile(other, "w") as archive:
        archive.writestr("photo.jpg", b"\xff\xd8")
    with pytest.raises(BundleError, match="not a Bazaar POS bundle"):
        c.bundles.inspect(other)


def test_another_currency_is_refused(three, shops):
    _a, _b, _c, a_zip, _b_zip = three
    dollars = shops("usd", "U", currency="USD")
    with pytest.raises(BundleError, match="holds sales in IDR"):
        dollars.bundles.import_files([a_zip])


def test_two_tills_with_one_identity_are_refused(three, tmp_path):
    a, _b, c, a_zip, _b_zip = three
    copy_path = tmp_path / "copy.sqlite"
    with sqlite3.connect(a.db.path) as source, sqlite3.connect(copy_path) as target:
        source.backup(target)
    source.close()
    target.close()
    copy = Shop.open(copy_path, zone=JAKARTA)
    try:
        kopi = copy.catalogue.find_by_code("KOP-1")
        sell(copy, utc(2026, 11, 21, 2, 0), [(kopi, 1)])
        copy_zip = tmp_path / "copy.zip"
        copy.bundles.export(copy_zip)
    finally:
        copy.close()
    sell(a, utc(2026, 11, 21, 3, 0), [(a.catalogue.find_by_code("KOP-1"), 1)])
    a.bundles.export(a_zip)
    c.bundles.import_files([a_zip])
    before = dump(c)
    with pytest.raises(BundleError, match="share one identity"):
        c.bundles.import_files([copy_zip])
    assert dump(c) == before


def test_an_order_imported_on_two_tills_is_refused(three, tmp_path, write_csv):
    a, b, c, _a_zip, _b_zip = three
    orders = write_csv("order_ref,date,sku,qty\nSHOPEE-1,2026-11-20,KOP-1,1\n", "orders.csv")
    a.sales_import.import_csv(orders)
    b.sales_import.import_csv(orders)
    first, second = tmp_path / "a2.zip", tmp_path / "b2.zip"
    a.bundles.export(first)
    b.bundles.export(second)
    with pytest.raises(BundleError, match="SHOPEE-1"):
        c.bundles.import_files([first, second])
    assert c.reports.summary(NOVEMBER).figures.sale_count == 0


def test_the_manifest_names_the_till_and_checksums_every_member(three):
    a, _b, _c, a_zip, _b_zip = three
    with zipfile.ZipFile(a_zip) as archive:
        manifest = json.load(io.BytesIO(archive.read("manifest.json")))
        names = set(archive.namelist())
    settings = a.settings.load()
    assert manifest["format"] == "bazaar-pos-bundle"
    assert manifest["format_version"] == 2
    assert manifest["till"] == {
        "till_id": settings.till_id,
        "till_code": "A",
        "shop_name": "Stall a",
    }
    assert names == {"manifest.json", *manifest["members"]}
    assert manifest["members"]["sales.json"]["records"] == 2
    assert all(len(m["sha256"]) == 64 for m in manifest["members"].values())


@pytest.fixture
def same_skus(shops, tmp_path):
    """Till A and the organiser C each made their own products under the same SKUs."""
    a, c = shops("a", "A"), shops("c", "C")
    sold = [
        stock(a, "KOP-001", "Kopi Gayo", 95_000, 50_000, 5),
        stock(a, "BAT-001", "Batik Tulis Parang", 450_000, 300_000, 2, "Batik"),
        stock(a, "TEN-001", "Tenun Sumbā", 1_250_000, 780_000, 1, "Kain Tenun"),
        stock(a, "SAM-001", "SAMBAL  matah", 35_000, 20_000, 4, "Sambal"),
        stock(a, "VAS-001", "Vas Gerabah", 210_000, 90_000, 3, "Keramik"),
    ]
    stock(c, "KOP-001", "Kopi Toraja", 90_000, 45_000, 8)
    stock(c, "BAT-001", "Batik Cap Kawung", 250_000, 150_000, 4, "Batik")
    stock(c, "TEN-001", "tenun sumba", 1_250_000, 780_000, 0, "Kain Tenun")
    stock(c, "SAM-001", "Sambal Matah", 35_000, 20_000, 0, "Sambal")
    sell(a, utc(2026, 11, 20, 3, 0), [(product, 1) for product in sold])
    bundle = tmp_path / "a.zip"
    a.bundles.export(bundle)
    return a, c, bundle


def test_inspect_lists_skus_that_name_another_product_here(same_skus):
    _a, c, bundle = same_skus
    info = c.bundles.inspect(bundle)
    assert info.renamed == (
        RenamedProduct("BAT-001", "Batik Cap Kawung", "Batik Tulis Parang"),
        RenamedProduct("KOP-001", "Kopi Toraja", "Kopi Gayo"),
    )
    assert renamed_lines([info]) == [
        "BAT-001: “Batik Cap Kawung” here, “Batik Tulis Parang” in a.zip",
        "KOP-001: “Kopi Toraja” here, “Kopi Gayo” in a.zip",
    ]
    assert renamed_lines([info], limit=1) == [
        "BAT-001: “Batik Cap Kawung” here, “Batik Tulis Parang” in a.zip",
        "and 1 more",
    ]


def test_same_names_differing_only_by_case_accents_or_spaces_are_no_warning(same_skus):
    a, _c, bundle = same_skus
    assert a.bundles.inspect(bundle).renamed == ()


def test_merging_renamed_products_is_refused_unless_accepted(same_skus):
    _a, c, bundle = same_skus
    before = dump(c)
    with pytest.raises(RenamedProductsError, match="BAT-001, KOP-001") as refused:
        c.bundles.import_files([bundle])
    assert refused.value.skus == ("BAT-001", "KOP-001")
    with pytest.raises(RenamedProductsError) as refused:
        c.bundles.import_files([bundle], accept_renamed={"KOP-001"})
    assert refused.value.skus == ("BAT-001",)
    assert dump(c) == before
    summary = c.bundles.import_files([bundle], accept_renamed={"KOP-001", "BAT-001"})
    assert (summary.sales_added, summary.products_created) == (1, ("VAS-001",))
    assert c.catalogue.find_by_code("KOP-001").stock_milli == whole(8 + 5 - 1)
    ((_actor, details),) = audit(c, "bundle.imported")
    assert details["renamed_accepted"] == ["BAT-001", "KOP-001"]
    assert c.bundles.inspect(bundle).renamed == ()
    assert c.check() == []


def test_a_merge_without_renamed_products_records_none_accepted(three):
    _a, _b, c, a_zip, b_zip = three
    assert c.bundles.inspect(a_zip).renamed == ()
    c.bundles.import_files([a_zip, b_zip])
    ((_actor, details),) = audit(c, "bundle.imported")
    assert details["renamed_accepted"] == []


def test_a_bundle_from_a_till_that_counted_in_whole_pieces_still_merges(three, tmp_path):
    """Bundles written before quantities were thousandths carry ``quantity`` in pieces."""
    a, _b, c, a_zip, _b_zip = three
    contents = read_bundle(a_zip)
    for sale in contents.members["sales.json"]:
        for line in sale["lines"]:
            line["quantity"] = line.pop("quantity_milli") // 1000
            del line["unit"]
    for move in contents.members["stock_movements.json"]:
        move["quantity"] = move.pop("quantity_milli") // 1000
    for product in contents.members["products.json"]:
        del product["unit"]
    header = {k: v for k, v in contents.manifest.items() if k not in ("members", "format")}
    header.pop("format_version")
    older = tmp_path / "older.zip"
    write_bundle(older, header, contents.members)

    summary = c.bundles.import_files([older])
    assert summary.sales_added == 2
    assert (
        c.catalogue.find_by_code("KOP-1").stock_milli
        == a.catalogue.find_by_code("KOP-1").stock_milli
    )
    merged, own = c.reports.summary(NOVEMBER).figures, a.reports.summary(NOVEMBER).figures
    assert (merged.items, merged.net, merged.cost) == (own.items, own.net, own.cost)
    assert c.check() == []


def test_a_dry_run_says_what_the_merge_would_do_and_writes_nothing(three):
    _a, _b, c, a_zip, b_zip = three
    before = dump(c)
    checked = c.bundles.import_files([a_zip, b_zip], dry_run=True)
    assert dump(c) == before  # no sale, movement, product, till or audit event
    assert checked.dry_run
    assert not checked.changes.sales
    merged = c.bundles.import_files([a_zip, b_zip])
    assert not merged.dry_run
    assert (checked.sales_added, checked.movements_added, checked.products_created) == (
        merged.sales_added,
        merged.movements_added,
        merged.products_created,
    )
    again = c.bundles.import_files([a_zip], dry_run=True)
    assert (again.sales_added, again.sales_known) == (0, 2)


def test_a_dry_run_refuses_renamed_products_as_the_merge_does(same_skus):
    _a, other, bundle = same_skus
    before = dump(other)
    with pytest.raises(RenamedProductsError, match="BAT-001, KOP-001"):
        other.bundles.import_files([bundle], dry_run=True)
    assert dump(other) == before


# -- progress and Cancel ------------------------------------------------------------------


@pytest.fixture
def one_at_a_time(monkeypatch):
    monkeypatch.setattr(bundle_service, "MERGE_STEP", 1)


def test_merging_counts_the_bundles_then_the_records(three, one_at_a_time):
    _a, _b, c, a_zip, b_zip = three
    heard = []
    summary = c.bundles.import_files([a_zip, b_zip], progress=every_report(heard))
    assert stage(heard, "Checking the bundles") == [(0, 2), (1, 2), (2, 2)]
    merged = stage(heard, "Merging records")
    records = summary.sales_added + summary.movements_added
    assert merged[0] == (0, records)
    assert merged[-1] == (records, records)
    assert len(merged) > records  # one report a record, besides the start


def test_a_cancelled_merge_writes_nothing(three, one_at_a_time):
    _a, _b, c, a_zip, b_zip = three
    before = dump(c)

    def cancel_half_way(what, done, total):
        if what == "Merging records" and 0 < total < 2 * done:
            stopping.cancel()

    stopping = every_report([], cancel_half_way)
    with pytest.raises(Cancelled):
        c.bundles.import_files([a_zip, b_zip], progress=stopping)
    assert dump(c) == before
    assert c.bundles.import_files([a_zip, b_zip]).sales_added == 4  # all of it, later
