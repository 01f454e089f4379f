import csv

import pytest
from openpyxl import Workbook, load_workbook

from bazaar_pos.domain.consignment import Commission
from bazaar_pos.errors import UserError, ValidationError
from bazaar_pos.services.products.files.columns import HeaderLanguage


def workbook(path, rows):
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


@pytest.mark.parametrize(
    "price", ["185000", "185.000", "Rp185.000", "Rp 185.000", "Rp. 185.000", "185rb"]
)
def test_rupiah_prices_in_every_usual_spelling(shop, write_csv, price):
    shop.product_files.import_file(write_csv(f'kode,nama,harga\nSEL-1,Selendang,"{price}"\n'))
    assert shop.catalogue.get_by_sku("SEL-1").price == 185_000


def test_xlsx_with_indonesian_headers_numbers_and_text_cells(shop, tmp_path):
    path = workbook(
        tmp_path / "produk.xlsx",
        [
            ["Kode", "Nama", "Kategori", "Harga", "Modal", "Stok", "Barcode", "Satuan"],
            ["TEN-1", "Tenun Ikat", "Kain", 1250000, 780000.0, 4, 8991234500010, "lembar"],
            [None, None, None, None, None, None, None, None],
            ["TAS-1", "Tas Pandan", "Tas", "Rp145.000", "70.000", "18", None, None],
        ],
    )
    summary = shop.product_files.import_file(path)
    assert (summary.created, summary.stock_set) == (2, 2)
    cloth = shop.catalogue.find_by_code("8991234500010")
    assert (cloth.sku, cloth.price, cloth.cost, cloth.stock_milli // 1000, cloth.unit) == (
        "TEN-1",
        1_250_000,
        780_000,
        4,
        "pcs",  # "lembar" (sheets) are counted in pieces
    )
    bag = shop.catalogue.get_by_sku("TAS-1")
    assert (bag.price, bag.cost, bag.stock_milli // 1000, bag.unit) == (145_000, 70_000, 18, "pcs")


def test_xlsx_errors_name_the_sheet_row(shop, tmp_path):
    path = workbook(
        tmp_path / "bad.xlsx", [["sku", "name", "price"], ["A", "A", 1.5], ["B", "", 10]]
    )
    with pytest.raises(ValidationError) as refused:
        shop.product_files.import_file(path)
    assert refused.value.problems == [
        "Line 2, column price: '1.5' is not a whole amount: IDR has no decimals",
        "Line 3, column name: the name is empty",
    ]


def test_files_that_are_not_workbooks(shop, tmp_path):
    fake = tmp_path / "fake.xlsx"
    fake.write_text("sku,name,price\n")
    with pytest.raises(UserError, match="not an Excel workbook"):
        shop.product_files.import_file(fake)
    with pytest.raises(UserError, match="old Excel"):
        shop.product_files.import_file(tmp_path / "old.xls")
    empty = workbook(tmp_path / "empty.xlsx", [])
    with pytest.raises(UserError, match="empty"):
        shop.product_files.import_file(empty)


def test_the_new_fields_import_and_a_consignor_is_added_by_name(shop, write_csv):
    path = write_csv(
        "sku,name,price,unit,taxable,low_stock,favourite,active,one_of_a_kind,consignor,commission,notes,stock\n"
        "GUC-1,Guci,850000,pcs,tidak,,ya,ya,ya,Ibu Sari,20%,antik,1\n"
        "MGK-1,Mangkuk,60000,,yes,3,no,,,Ibu Sari,Rp5.000,,\n"
    )
    summary = shop.product_files.import_file(path)
    assert summary.consignors_added == 1
    jar = shop.catalogue.get_by_sku("GUC-1")
    assert (jar.taxable, jar.favourite, jar.one_of_a_kind, jar.notes, jar.stock_milli // 1000) == (
        False,
        True,
        True,
        "antik",
        1,
    )
    assert jar.commission == Commission.percent(20)
    bowl = shop.catalogue.get_by_sku("MGK-1")
    assert (bowl.low_stock_milli, bowl.commission, bowl.consignor_id) == (
        3000,
        Commission.fixed(5_000),
        jar.consignor_id,
    )
    assert [c.name for c in shop.consignment.consignors()] == ["Ibu Sari"]


def test_bad_new_fields_are_reported_per_cell(shop, write_csv):
    path = write_csv(
        "sku,name,price,taxable,one_of_a_kind,stock,commission,options\n"
        "A,A,1,maybe,,,,\n"
        "B,B,1,,yes,3,,\n"
        "C,C,1,,,,15%,\n"
        "D,D,1,,,,,Size S M\n"
        "E,E,1,,,2,,Size: S\n"
    )
    with pytest.raises(ValidationError) as refused:
        shop.product_files.import_file(path)
    assert refused.value.problems == [
        "Line 2, column taxable: 'maybe' is not yes or no",
        "Line 3, column stock: a one-of-a-kind piece has a stock of 1 at most",
        "Line 4, column commission: a commission needs a consignor",
        "Line 5, column options: write an option as 'Name: value, value', not 'Size S M'",
        "Line 6, column stock: stock is kept on each variant, not on the product",
    ]


def test_variants_import_with_their_parent(shop, write_csv):
    path = write_csv(
        "sku,name,price,stock,parent_sku,options\n"
        "KMJ-1,Kemeja Batik,275000,,,Size: S; M; L\n"
        "KMJ-1-M,Kemeja Batik (M),285000,4,KMJ-1,Size: M\n"
    )
    with pytest.raises(ValidationError, match="nothing was changed") as refused:
        shop.product_files.import_file(path)
    assert "write an option" in refused.value.problems[0]
    path = write_csv(
        "sku,name,price,stock,parent_sku,options\n"
        'KMJ-1,Kemeja Batik,275000,,,"Size: S, M, L"\n'
        "KMJ-1-M,Kemeja Batik (M),285000,4,KMJ-1,Size: M\n"
    )
    shop.product_files.import_file(path)
    parent = shop.catalogue.get_by_sku("KMJ-1")
    variants = shop.catalogue.variants_of(parent.id)
    assert [(v.sku, v.price, v.stock_milli // 1000) for v in variants] == [
        ("KMJ-1-M", 285_000, 4),
        ("KMJ-1-S", 275_000, 0),
        ("KMJ-1-L", 275_000, 0),
    ]
    assert shop.check() == []


def test_variant_rows_must_match_a_parent(shop, write_csv):
    path = write_csv(
        "sku,name,price,parent_sku,options\n"
        "A-1,A,1,NOPE,Size: M\n"
        'B,B,1,,"Size: S, M"\n'
        "B-XL,B XL,1,B,Size: XL\n"
        "C,C,1,,\n"
        "C-1,C 1,1,C,Size: M\n"
        "D-1,D,1,D-1,Size: M\n"
    )
    with pytest.raises(ValidationError) as refused:
        shop.product_files.import_file(path)
    assert refused.value.problems == [
        "Line 2, column parent_sku: no product has SKU NOPE",
        "Line 4, column options: Size: XL is not one of the options of B",
        "Line 6, column parent_sku: C has no options; give it options like 'Size: S, M'",
        "Line 7, column parent_sku: a product cannot be its own variant",
    ]


def test_the_preview_shows_each_row_with_its_problems(shop, add_product, write_csv):
    add_product("KOP-1", barcode="555")
    path = write_csv(
        "sku,name,price,barcode\nKOP-1,Kopi Baru,99000,\nNEW-1,,abc,555\nNEW-2,Dua,2.000,\n"
    )
    preview = shop.product_files.preview(path)
    assert not preview.ok
    assert [(r.line, r.sku, r.action, r.price) for r in preview.rows] == [
        (2, "KOP-1", "update", 99_000),
        (3, "NEW-1", "create", None),
        (4, "NEW-2", "create", 2_000),
    ]
    assert preview.rows[1].problems == (
        "name: the name is empty",
        "price: 'abc' is not an amount",
        "barcode: 555 already belongs to KOP-1",
    )
    assert preview.rows[0].problems == ()
    assert (preview.created, preview.updated) == (2, 1)
    assert len(preview.problems) == 3
    assert shop.catalogue.get_by_sku("KOP-1").name == "Kopi Gayo 250 g"


def test_a_preview_of_a_file_missing_columns(shop, write_csv):
    preview = shop.product_files.preview(write_csv("sku,nama\nA,B\n"))
    assert preview.problems == ("Missing column: price",)
    assert [r.sku for r in preview.rows] == ["A"]


def test_xlsx_export_round_trips_every_field(shop, write_csv, tmp_path):
    source = write_csv(
        "sku,name,price,cost,stock,unit,taxable,low_stock,favourite,one_of_a_kind,consignor,commission,notes,category\n"
        "GUC-1,Guci,850000,400000,1,pcs,no,,yes,yes,Ibu Sari,20%,antik,Keramik\n"
        "KOP-1,Kopi,95000,50000,7,bungkus,yes,2,no,no,,,,Kopi\n"
    )
    shop.product_files.import_file(source)
    out = tmp_path / "produk.xlsx"
    assert shop.product_files.export_file(out, headers=HeaderLanguage.INDONESIAN) == 2
    sheet = load_workbook(out).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:7] == ("kode", "nama", "barcode", "kategori", "harga", "modal", "stok")
    assert sheet["A1"].font.bold
    assert rows[1][:7] == ("GUC-1", "Guci", None, "Keramik", 850000, 400000, 1)
    before = [shop.catalogue.get_by_sku(s) for s in ("GUC-1", "KOP-1")]
    summary = shop.product_files.import_file(out)
    assert (summary.created, summary.updated, summary.stock_set) == (0, 2, 0)
    assert [shop.catalogue.get_by_sku(s) for s in ("GUC-1", "KOP-1")] == before


def test_csv_export_in_usd_keeps_cents(shop, add_product, tmp_path):
    shop.settings.update(currency_code="USD", money_locale="en_US")
    add_product("MUG-1", "Mug", 1_250, cost=499)
    out = tmp_path / "p.csv"
    shop.product_files.export_file(out)
    with out.open(newline="", encoding="utf-8") as handle:
        row = next(csv.DictReader(handle))
    assert (row["price"], row["cost"]) == ("12.50", "4.99")


def test_updates_keep_what_the_file_leaves_out(shop, add_product, write_csv):
    product = add_product(
        "KOP-1", "Kopi", 95_000, cost=50_000, category="Kopi", barcode="77", stock=3
    )
    shop.product_files.import_file(write_csv("sku,name,price\nKOP-1,Kopi Gayo,99000\n"))
    after = shop.catalogue.get(product.id)
    assert (
        after.name,
        after.price,
        after.cost,
        after.category,
        after.barcode,
        after.stock_milli // 1000,
    ) == (
        "Kopi Gayo",
        99_000,
        50_000,
        "Kopi",
        "77",
        3,
    )
    assert [p.sku for p in shop.catalogue.search("gayo kopi 77")] == ["KOP-1"]


def test_problems_name_the_column_as_the_files_header_spells_it(shop, write_csv, tmp_path):
    with pytest.raises(ValidationError) as refused:
        shop.product_files.import_file(write_csv("Kode;Nama;Harga\nA-1;Satu;mahal\nA-2;;1000\n"))
    assert refused.value.problems == [
        "Line 2, column Harga: 'mahal' is not an amount",
        "Line 3, column Nama: the name is empty",
    ]
    book = workbook(tmp_path / "produk.xlsx", [["KODE", "NAMA", "HARGA JUAL"], ["B-1", "Dua", "x"]])
    with pytest.raises(ValidationError) as refused:
        shop.product_files.import_file(book)
    assert refused.value.problems == ["Line 2, column HARGA JUAL: 'x' is not an amount"]
