"""Hostile import files: whatever the bytes, an import is done whole or changes nothing.

Hypothesis writes product and sales files with arbitrary bytes, arbitrary
cells, odd separators and encodings. Every import either succeeds completely
or raises a UserError (with its message for people) and leaves the database
exactly as it was; nothing else may escape.

TODO(bundles): property tests for bundle files belong here once the bundle
feature (services/merging/bundles/service.py) lands: arbitrary bytes, truncated archives and
archives with hostile member names must import whole or change nothing.
"""

import csv
import io
import sqlite3
import time
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from bazaar_pos.domain.dates import parse_local_datetime
from bazaar_pos.errors import UserError
from bazaar_pos.exports.csv_io import read_csv
from bazaar_pos.services.products.files.columns import INDONESIAN_HEADERS

HOSTILE = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
ODD_CELLS = [
    "", " ", "0", "-1", "1e3", "15.000", "Rp15.000", "1,5jt", "15rb", "12.50", "١٢", "NaN",
    "9" * 19, "9" * 25, "99999999999999999999999999999999999999", "\x00", '"', "\n", "\r\n",
    ";", "\t", ",", "\u2028", "\ufeff", "Kopi\x00Gayo", "x" * 200, "x" * 140_000,
    "0001-01-01", "9999-12-31 23:59", "2026-02-30", "31/12/1899", "2026-11-20 25:00",
    "cash", "QRIS", "hutang",
]  # fmt: skip
ODD = st.one_of(st.sampled_from(ODD_CELLS), st.text(max_size=12), st.integers().map(str))
DELIMITER = st.sampled_from([",", ";", "\t"])
ENCODING = st.sampled_from(["utf-8", "utf-8", "utf-8", "utf-8-sig", "utf-16", "latin-1"])
PRODUCT_CELLS = {
    "sku": ["KOP-1", "kop-1", "A", "B-2", "Ⅸ", "K"],
    "name": ["Kopi Gayo", "Batik tulis", "Tenun\nikat"],
    "price": ["5000", "15.000", "Rp15.000", "1,5jt", "0"],
    "cost": ["", "3000", "2.500"],
    "stock": ["", "0", "3", "12"],
    "barcode": ["", "8991234567895", "8990000000017"],
    "category": ["", "Kopi", "Kain"],
}
SALES_CELLS = {
    "order_ref": ["N-1", "N-2", "TKP-0001"],
    "date": ["2026-11-20", "20/11/2026 10:30", "2026-11-21T08:00"],
    "sku": ["KOP-1", "teh-1", "8991234567895"],
    "qty": ["1", "2", "3"],
    "unit_price": ["", "15000", "Rp20.000"],
    "payment": ["", "cash", "qris", "QRIS"],
    "channel": ["", "tokopedia", "Shopee"],
}


def encode(text, encoding):
    try:
        return text.encode(encoding)
    except UnicodeEncodeError:
        return text.encode("utf-8", errors="surrogatepass")


def table(header, rows, delimiter):
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def good(known, column):
    return st.sampled_from(known.get(column.strip().lower(), ["x"]))


def cell(known, column):
    """Mostly a sensible value for the column, sometimes anything at all."""
    return st.one_of(good(known, column), good(known, column), ODD)


def csv_files(known, aliases=()):
    """Mostly well-formed files with sensible cells; sometimes odd headers, cells and bytes."""
    names = [*known, *aliases, "unknown", ""]
    odd_header = st.lists(st.sampled_from(names), min_size=1, max_size=len(names))
    sensible_header = st.permutations(list(known))
    header = st.one_of(sensible_header, sensible_header, sensible_header, odd_header)

    def rows_for(head):
        good_row = st.tuples(*[good(known, column) for column in head]).map(list)
        odd_row = st.tuples(*[cell(known, column) for column in head]).map(list)
        ragged = st.lists(ODD, max_size=len(head) + 2)
        return st.lists(st.one_of(good_row, good_row, good_row, odd_row, ragged), max_size=6)

    text_files = st.builds(
        lambda head_rows, delimiter, encoding: encode(table(*head_rows, delimiter), encoding),
        header.flatmap(lambda head: rows_for(head).map(lambda rows: (head, rows))),
        DELIMITER,
        ENCODING,
    )
    well_formed = st.builds(
        lambda head_rows, delimiter: table(*head_rows, delimiter).encode(),
        sensible_header.flatmap(
            lambda head: st.lists(
                st.tuples(*[good(known, column) for column in head]).map(list),
                min_size=1,
                max_size=6,
            ).map(lambda rows: (head, rows))
        ),
        DELIMITER,
    )
    return st.one_of(st.binary(max_size=300), text_files, text_files, well_formed, well_formed)


def dump(path):
    with sqlite3.connect(path) as connection:
        text = list(connection.iterdump())
    connection.close()
    return text


def test_product_imports_are_whole_or_change_nothing(shop, db_path, tmp_path, add_product):
    add_product("KOP-1", "Kopi Gayo", barcode="8991234567895", stock=5)
    products_file = csv_files(PRODUCT_CELLS, aliases=("kode", "nama", "harga", "stok", "SKU "))

    @HOSTILE
    @given(content=products_file, dry_run=st.booleans())
    @example(content=b"sku,name,price\nA,B,9999999999999999999999999\n", dry_run=False)
    @example(content=b"sku,name,price,stock\nA,B,5,99999999999999999999\n", dry_run=False)
    @example(content=b"sku,name,price\nA," + b"x" * 140_000 + b",5\n", dry_run=False)
    @example(content=b"sku;name;price\nA;Kopi\x00Gayo;5\n", dry_run=False)
    @example(content=b"\xff\xfe\x00\x00", dry_run=False)
    def import_once(content, dry_run):
        path = tmp_path / "products.csv"
        path.write_bytes(content)
        before = dump(db_path)
        try:
            summary = shop.product_files.import_csv(path, dry_run=dry_run)
        except UserError as refused:
            event("refused")
            assert refused.message  # noqa: PT017 - every refusal must say why
            assert dump(db_path) == before
            return
        event("imported")
        rows = read_csv(path, INDONESIAN_HEADERS).rows
        assert summary.created + summary.updated == len(rows)
        if dry_run:
            assert dump(db_path) == before
        else:
            skus = {p.sku.lower() for p in shop.catalogue.search(limit=10_000)}
            assert {row.get("sku").lower() for row in rows} <= skus
        assert shop.check() == []

    import_once()


def test_sales_imports_are_whole_or_change_nothing(shop, db_path, tmp_path, add_product):
    add_product("KOP-1", "Kopi Gayo", barcode="8991234567895", stock=5)
    add_product("TEH-1", "Teh Tubruk", price=15_000, stock=0)
    sales_file = csv_files(SALES_CELLS)

    @HOSTILE
    @given(content=sales_file)
    @example(content=b"order_ref,date,sku,qty\nN1,9999-12-31 23:59,KOP-1,1\n")
    @example(content=b"order_ref,date,sku,qty\nN2,2026-01-01,KOP-1,99999999999999999999\n")
    @example(
        content=b"order_ref,date,sku,qty,unit_price\n"
        + b"N3,2026-01-01,KOP-1,1000000000,1000000000000\n" * 3
    )
    def import_once(content):
        path = tmp_path / "sales.csv"
        path.write_bytes(content)
        before = dump(db_path)
        try:
            summary = shop.sales_import.import_csv(path)
        except UserError as refused:
            event("refused")
            assert refused.message  # noqa: PT017 - every refusal must say why
            assert dump(db_path) == before
            return
        event("imported")
        orders = {
            ((row.get("channel") or "import").lower(), row.get("order_ref"))
            for row in read_csv(path).rows
        }
        assert summary.imported + summary.skipped == len(orders)
        assert shop.check() == []

    import_once()


@pytest.mark.parametrize("zone", ["America/New_York", "Asia/Jakarta", "Pacific/Kiritimati"])
def test_dates_at_the_edge_of_the_calendar_are_refused_not_crashed(monkeypatch, zone):
    monkeypatch.setenv("TZ", zone)
    time.tzset()
    try:
        for text in ("0001-01-01", "9999-12-31 23:59", "31/12/9999 23:59"):
            try:
                parsed = parse_local_datetime(text, ZoneInfo(zone))
            except ValueError as refused:
                assert "is not a date" in str(refused)  # noqa: PT017
            else:
                assert parsed.tzinfo is not None
    finally:
        monkeypatch.undo()
        time.tzset()


def test_a_sale_too_large_to_record_is_refused_before_anything_is_written(shop, cart_of):
    from bazaar_pos.domain.cart import Cart, CartLine
    from bazaar_pos.domain.payment import PaymentMethod, Tender
    from bazaar_pos.errors import ValidationError

    settings = shop.settings.load()
    cart = Cart(settings.currency)
    cart.add(CartLine(sku="EMAS", name="Gold", unit_price=10**12, quantity_milli=10**7))
    with pytest.raises(ValidationError, match="more than one sale can record"):
        shop.checkout.complete_sale(cart, [Tender(PaymentMethod.CASH, 10**16)])
    assert shop.check() == []
