import csv
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bazaar_pos.domain.quantity import Unit, whole
from bazaar_pos.errors import UserError, ValidationError
from bazaar_pos.services.products.catalogue import ProductDraft


def test_import_creates_products_with_opening_stock(shop, write_csv):
    path = write_csv(
        "sku,name,price,barcode,category,cost,stock\n"
        "KOP-1,Kopi Gayo,95000,8991234500164,Kopi,52000,24\n"
        "BTK-1,Batik Cap,325000,,Batik,,\n"
    )
    summary = shop.product_files.import_csv(path)
    assert (summary.created, summary.updated, summary.stock_set) == (2, 0, 1)
    coffee = shop.catalogue.find_by_code("8991234500164")
    assert (coffee.price, coffee.cost, coffee.stock_milli // 1000, coffee.category) == (
        95_000,
        52_000,
        24,
        "Kopi",
    )
    assert shop.stock.history(coffee.id)[0].reason == "opening"
    assert shop.check() == []


def test_import_updates_existing_skus_and_counts_stock(shop, add_product, write_csv):
    product = add_product("KOP-1", stock=5)
    shop.product_files.import_csv(write_csv("sku,name,price,stock\nKOP-1,Kopi Baru,99000,7\n"))
    updated = shop.catalogue.get(product.id)
    assert (updated.name, updated.price, updated.stock_milli // 1000) == ("Kopi Baru", 99_000, 7)
    assert shop.stock.history(product.id)[0].quantity_milli == whole(2)
    assert shop.check() == []


def test_indonesian_headers_semicolons_and_rupiah_prices(shop, write_csv):
    path = write_csv(
        "\ufeffkode;nama;kategori;harga;modal;stok;barcode\n"
        "TAS-1;Tas Pandan;Tas;Rp145.000;70.000;18;\n"
    )
    shop.product_files.import_csv(path)
    bag = shop.catalogue.find_by_code("TAS-1")
    assert (bag.price, bag.cost, bag.stock_milli // 1000) == (145_000, 70_000, 18)


def test_a_file_with_bad_rows_is_refused_whole(shop, add_product, write_csv):
    add_product("OLD-1", barcode="555")
    path = write_csv(
        "sku,name,price,stock\nOK-1,Fine,1000,1\nOK-2,,abc,1\nOK-1,Again,-5,x\n,No sku,,\n"
    )
    with pytest.raises(ValidationError) as refused:
        shop.product_files.import_csv(path)
    assert refused.value.problems == [
        "Line 3, column name: the name is empty",
        "Line 3, column price: 'abc' is not an amount",
        "Line 4, column sku: SKU OK-1 repeats line 2",
        "Line 4, column price: the amount cannot be negative",
        "Line 4, column stock: 'x' is not a quantity",
        "Line 5, column sku: the SKU is empty",
        "Line 5, column price: an amount is required",
    ]
    assert shop.catalogue.count() == 1


def test_barcode_of_another_product_is_refused(shop, add_product, write_csv):
    add_product("OLD-1", barcode="555")
    with pytest.raises(ValidationError, match="nothing was changed") as refused:
        shop.product_files.import_csv(write_csv("sku,name,price,barcode\nNEW-1,New,1,555\n"))
    assert "555 already belongs to OLD-1" in refused.value.problems[0]
    assert shop.catalogue.count() == 1


def test_missing_columns_and_empty_files(shop, write_csv):
    with pytest.raises(ValidationError) as refused:
        shop.product_files.import_csv(write_csv("sku,nama\nA,B\n"))
    assert refused.value.problems == ["Missing column: price"]
    with pytest.raises(UserError, match="empty"):
        shop.product_files.import_csv(write_csv(""))
    with pytest.raises(UserError, match="no rows"):
        shop.product_files.import_csv(write_csv("sku,name,price\n"))
    with pytest.raises(UserError, match="not found"):
        shop.product_files.import_csv(write_csv("x").with_name("missing.csv"))


def test_non_utf8_file_is_refused(shop, tmp_path):
    path = tmp_path / "latin1.csv"
    path.write_bytes("sku,name,price\nA,Caf\xe9,1\n".encode("latin-1"))
    with pytest.raises(UserError, match="UTF-8"):
        shop.product_files.import_csv(path)


def test_dry_run_changes_nothing(shop, write_csv):
    summary = shop.product_files.import_csv(write_csv("sku,name,price\nA,B,1\n"), dry_run=True)
    assert (summary.created, summary.dry_run) == (1, True)
    assert shop.catalogue.count() == 0


def test_export_writes_stock_on_hand_now(shop, add_product, tmp_path):
    product = add_product("KOP-1", 'Kopi, "Gayo"', 95_000, barcode="8991", stock=9)
    shop.stock.adjust(product.id, whole(-1), note="sample")
    out = tmp_path / "out.csv"
    assert shop.product_files.export_csv(out) == 1
    with out.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert rows == [
        {
            "sku": "KOP-1",
            "name": 'Kopi, "Gayo"',
            "barcode": "8991",
            "category": "Kopi",
            "price": "95000",
            "cost": "50000",
            "stock": "8",
            "unit": "pcs",
            "plu": "",
            "taxable": "yes",
            "low_stock": "",
            "online_buffer": "",
            "favourite": "no",
            "active": "yes",
            "one_of_a_kind": "no",
            "consignor": "",
            "commission": "",
            "parent_sku": "",
            "options": "",
            "notes": "",
        }
    ]
    assert list(tmp_path.glob(".out.csv.*")) == []


def test_a_products_online_buffer_is_exported_and_imported_back(shop, add_product, tmp_path):
    kopi = add_product("KOP-1", "Kopi", 95_000, stock=9)
    shop.catalogue.update(kopi.id, replace(ProductDraft.from_view(kopi), online_buffer_milli=3_000))
    add_product("TEH-1", "Teh", 20_000, stock=4)
    out = tmp_path / "out.csv"
    shop.product_files.export_csv(out)
    with out.open(newline="", encoding="utf-8") as handle:
        kept = {row["sku"]: row["online_buffer"] for row in csv.DictReader(handle)}
    assert kept == {"KOP-1": "3", "TEH-1": ""}  # blank: the shop's setting

    shop.product_files.import_csv(
        write_file(tmp_path / "in.csv", "kode;nama;harga;tahan_dari_online\nTEH-1;Teh;20000;2\n")
    )
    assert shop.catalogue.find_by_code("TEH-1").online_buffer_milli == 2_000
    assert shop.catalogue.find_by_code("KOP-1").online_buffer_milli == 3_000


def write_file(path, text):
    path.write_text(text, encoding="utf-8")
    return path


def test_export_round_trips_through_import(shop, add_product, tmp_path):
    add_product("A-1", "Satu", 1_000, stock=3)
    add_product("B-2", "Dua", 2_500, barcode="77", stock=0)
    out = tmp_path / "products.csv"
    shop.product_files.export_csv(out)
    summary = shop.product_files.import_csv(out)
    assert (summary.created, summary.updated, summary.stock_set) == (0, 2, 0)


cell = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12)


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.tuples(cell, cell, cell, cell), max_size=6))
def test_arbitrary_files_either_import_whole_or_change_nothing(shop, tmp_path, rows):
    path = tmp_path / "fuzz.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["sku", "name", "price", "stock"])
        writer.writerows(rows)
    before = shop.catalogue.count()
    try:
        summary = shop.product_files.import_csv(path)
    except UserError:
        assert shop.catalogue.count() == before
    else:
        assert shop.catalogue.count() == before + summary.created
    assert shop.check() == []


def test_goods_by_weight_and_length_import_with_their_unit_plu_and_decimal_stock(shop, write_csv):
    path = write_csv(
        "kode;nama;harga;stok;satuan;plu;stok_minimum\n"
        "BJI-1;Kopi biji;180000;12,5;kg;00101;2,5\n"
        "LRK-1;Kain lurik;85000;40.75;meter;;5\n"
        "TAS-1;Tas pandan;145000;18;lembar;;\n"
    )
    summary = shop.product_files.import_csv(path)
    assert (summary.created, summary.stock_set) == (3, 3)
    beans = shop.catalogue.get_by_sku("BJI-1")
    assert (beans.unit, beans.stock_milli, beans.low_stock_milli, beans.plu) == (
        Unit.KG,
        12_500,
        2_500,
        "101",
    )
    cloth = shop.catalogue.get_by_sku("LRK-1")
    assert (cloth.unit, cloth.stock_milli) == (Unit.M, 40_750)
    assert shop.catalogue.get_by_sku("TAS-1").unit is Unit.PCS
    assert shop.check() == []


def test_a_part_of_a_piece_or_an_unknown_unit_is_refused_with_its_cell(
    shop, add_product, write_csv
):
    gula = add_product("PLU-1", "Gula", 60_000)
    shop.catalogue.update(gula.id, replace(ProductDraft.from_view(gula), plu="7"))
    unreadable = write_csv(
        "sku,name,price,stock,unit,plu\n"
        "X-1,X,1000,1.000,,\n"
        "Y-1,Y,1000,1,ons,\n"
        "W-1,W,1000,1,kg,123456\n"
    )
    with pytest.raises(ValidationError) as refused:
        shop.product_files.import_csv(unreadable)
    assert refused.value.problems == [
        "Line 2, column stock: '1.000' is ambiguous: write 1000 for that many, or 1",
        "Line 3, column unit: 'ons' is not a unit; use pcs, kg, g, m, cm or l",
        "Line 4, column plu: a PLU is 1 to 5 digits",
    ]
    against_the_shop = write_csv(
        'sku,name,price,stock,unit,plu\nTAS-1,Tas,145000,"2,5",pcs,\nZ-1,Z,1000,1,kg,7\n'
    )
    with pytest.raises(ValidationError) as refused:
        shop.product_files.import_csv(against_the_shop)
    assert refused.value.problems == [
        "Line 2, column stock: 2.5 is not whole pieces: the product is sold by the piece",
        "Line 3, column plu: PLU 7 already belongs to PLU-1",
    ]
    assert shop.catalogue.count() == 1


def test_the_export_writes_decimal_stock_units_and_plus_that_import_back(shop, tmp_path):
    beans = shop.catalogue.create(
        ProductDraft("BJI-1", "Kopi biji", 180_000, unit=Unit.KG, plu="101")
    )
    shop.stock.receive(beans.id, 12_345)
    out = tmp_path / "products.csv"
    shop.product_files.export_csv(out)
    with out.open(newline="", encoding="utf-8") as handle:
        (row,) = list(csv.DictReader(handle))
    assert (row["stock"], row["unit"], row["plu"]) == ("12.345", "kg", "101")
    summary = shop.product_files.import_csv(out)
    assert (summary.updated, summary.stock_set) == (1, 0)
    assert shop.catalogue.get(beans.id).stock_milli == 12_345
