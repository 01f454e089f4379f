"""Catalogues from other POS apps: a Loyverse export as it is, other files through a mapping."""

import pytest

from bazaar_pos.domain.quantity import Unit
from bazaar_pos.domain.variants import choice_key
from bazaar_pos.errors import UserError, ValidationError
from bazaar_pos.services.column_presets import read_mapping_file
from bazaar_pos.services.products.files.loyverse import StoreNeeded
from bazaar_pos.services.products.files.presets import PRESET_KIND
from bazaar_pos.services.products.files.service import UnrecognisedColumns
from bazaar_pos.services.products.files.sources import FileShape
from bazaar_pos.services.views import choice_from_json
from bazaar_pos.store.models import Product
from tests.helpers.pos_exports import (
    IPOS_TEXT,
    LOYVERSE_ROWS,
    SQUARE_TEXT,
    loyverse_text,
    write_loyverse,
)


def variants_of(shop, parent_sku):
    """The variants of a product as {choice: (sku, price, stock in thousandths, active)}."""
    parent = shop.catalogue.get_by_sku(parent_sku)
    with shop.db.reading() as session:
        rows = session.query(Product).filter(Product.parent_id == parent.id).all()
        return {
            choice_key(choice_from_json(v.option_values)): (
                v.sku,
                v.price_minor,
                v.stock_milli,
                v.active,
            )
            for v in rows
        }


def test_a_loyverse_export_with_two_stores_is_refused_without_a_store(shop, tmp_path):
    path = write_loyverse(tmp_path)
    with pytest.raises(StoreNeeded) as refused:
        shop.product_files.import_file(path)
    assert refused.value.stores == ("Toko Jogja", "Pasar Solo")
    assert "Toko Jogja, Pasar Solo" in str(refused.value)
    with pytest.raises(UserError, match=r"no store 'Pasar Baru'\. Its stores: Toko Jogja, Pasar"):
        shop.product_files.import_file(path, store="Pasar Baru")
    assert shop.catalogue.count() == 0


def test_a_loyverse_export_becomes_products_variants_and_stock(shop, tmp_path):
    path = write_loyverse(tmp_path)
    summary = shop.product_files.import_file(path, store="toko jogja")
    assert (summary.created, summary.updated) == (6, 0)

    shirt = shop.catalogue.get_by_sku("kaos-lurik")
    assert (shirt.name, shirt.category, shirt.price) == ("Kaos Lurik", "Pakaian", 95_000)
    variants = variants_of(shop, "kaos-lurik")
    assert variants[choice_key((("Ukuran", "S"), ("Warna", "Merah")))] == (
        "KL-S-MRH",
        95_000,
        12_000,
        True,
    )
    assert variants[choice_key((("Ukuran", "M"), ("Warna", "Biru")))][:3] == (
        "KL-M-BRU",
        95_000,
        7_000,
    )
    assert len(variants) == 4  # S/Biru and M/Merah made too, with no stock
    small = shop.catalogue.get_by_sku("KL-S-MRH")
    assert (small.barcode, small.cost, small.low_stock_milli) == ("8991234567001", 45_000, 2_000)

    coffee = shop.catalogue.get_by_sku("KOPI-TRJ")
    assert (coffee.unit, coffee.stock_milli, coffee.low_stock_milli, coffee.price) == (
        Unit.KG,
        2_500,
        500,
        180_000,
    )
    sewing = shop.catalogue.get_by_sku("JAHIT")  # "variable": an open price; stock not tracked
    assert (sewing.price, sewing.stock_milli, sewing.notes) == (0, 0, "Ongkos jahit sesuai ukuran")
    bag = shop.catalogue.get_by_sku("TAS-1")  # no price in this store: an open price too
    assert (bag.price, bag.stock_milli, bag.cost) == (0, 4_000, 60_000)


def test_the_other_store_gives_its_own_prices_stock_and_availability(shop, tmp_path):
    shop.product_files.import_file(write_loyverse(tmp_path), store="Pasar Solo")
    variants = variants_of(shop, "kaos-lurik")
    assert variants[choice_key((("Ukuran", "S"), ("Warna", "Merah")))][1:3] == (99_000, 5_000)
    assert shop.catalogue.get_by_sku("KL-M-BRU").active is False
    bag = shop.catalogue.get_by_sku("TAS-1")
    assert (bag.price, bag.active) == (150_000, False)
    assert shop.catalogue.get_by_sku("KOPI-TRJ").stock_milli == 1_250


def test_a_second_import_of_the_same_export_updates_and_adds_nothing(shop, tmp_path):
    path = write_loyverse(tmp_path)
    shop.product_files.import_file(path, store="Toko Jogja")
    count = shop.catalogue.count()
    again = shop.product_files.import_file(path, store="Toko Jogja")
    assert (again.created, again.updated, again.stock_set) == (0, 6, 0)
    assert shop.catalogue.count() == count
    assert len(variants_of(shop, "kaos-lurik")) == 4
    other = shop.product_files.preview(path, store="Pasar Solo")
    assert {r.sku: r.changes for r in other.rows} == {
        "kaos-lurik": ("price",),
        "KL-S-MRH": ("price", "stock"),
        "KL-M-BRU": ("price", "stock"),
        "KOPI-TRJ": ("price", "stock"),
        "JAHIT": (),
        "TAS-1": ("price", "stock"),
    }


def test_the_preview_reads_the_first_store_and_says_what_each_row_becomes(shop, tmp_path):
    preview = shop.product_files.preview(write_loyverse(tmp_path))
    assert preview.ok, preview.problems
    assert (preview.shape, preview.stores, preview.store) == (
        FileShape.LOYVERSE,
        ("Toko Jogja", "Pasar Solo"),
        "Toko Jogja",
    )
    rows = {(r.line, r.sku): r for r in preview.rows}
    assert rows[(2, "kaos-lurik")].notes == (
        "options Ukuran: S, M; Warna: Merah, Biru",
        "2 more combinations made, with no stock",
    )
    assert rows[(2, "KL-S-MRH")].notes == ("variant of kaos-lurik",)
    assert rows[(4, "KOPI-TRJ")].notes == ("priced per kg",)
    assert rows[(5, "JAHIT")].notes == ("open price: the till asks for it",)
    assert rows[(5, "JAHIT")].stock is None
    other = shop.product_files.preview(write_loyverse(tmp_path), store="Pasar Solo")
    assert {r.sku: r.price for r in other.rows}["TAS-1"] == 150_000
    assert shop.catalogue.count() == 0


def test_bad_cells_are_named_by_line_and_loyverse_column_and_nothing_is_written(shop, tmp_path):
    rows = (
        LOYVERSE_ROWS[0],
        LOYVERSE_ROWS[1].replace("95000.00", "95000.50"),
        LOYVERSE_ROWS[2].replace(",Y,,,,", ",Ya,,,,"),
        "topi,TOPI-1,Topi,Aksesoris,,N,Warna,\"Merah, Biru\",,,,,,,,,Y,Y,35000,3,,Y,35000,1,",
    )
    path = write_loyverse(tmp_path, loyverse_text(rows=rows))
    with pytest.raises(ValidationError) as refused:
        shop.product_files.import_file(path, store="Toko Jogja")
    assert set(refused.value.problems) == {
        "Line 3, column Price [Toko Jogja]: '95000.50' is not a whole amount: IDR has no decimals",
        "Line 4, column Sold by weight: 'Ya' is not Y or N",
        "Line 5, column Option 1 value: an option value cannot hold , or ;",
    }
    assert shop.catalogue.count() == 0
    preview = shop.product_files.preview(path, store="Toko Jogja")
    assert not preview.ok
    bad = [r for r in preview.rows if r.problems]
    assert (bad[0].line, bad[0].sku) == (3, "KL-M-BRU")


def test_a_dry_run_of_a_loyverse_export_changes_nothing(shop, tmp_path):
    summary = shop.product_files.import_file(
        write_loyverse(tmp_path), store="Toko Jogja", dry_run=True
    )
    assert (summary.dry_run, summary.created) == (True, 6)
    assert shop.catalogue.count() == 0


def test_an_export_of_one_store_needs_no_choice_and_stock_in_points_is_exact(shop, tmp_path):
    rows = (
        "gula-aren,GULA-1,Gula Aren,Sembako,,Y,,,,,,,20000,,,,Y,Y,28000.00,1.000,0.250",
        "teh,TEH-1,Teh Tubruk,Minuman,,N,,,,,,,,,,,Y,Y,8000,10.000,",
    )
    path = write_loyverse(tmp_path, loyverse_text(stores=("Toko",), rows=rows))
    shop.product_files.import_file(path)
    sugar = shop.catalogue.get_by_sku("GULA-1")
    assert (sugar.stock_milli, sugar.low_stock_milli, sugar.price) == (1_000, 250, 28_000)
    assert shop.catalogue.get_by_sku("TEH-1").stock_milli == 10_000


def test_the_older_default_price_export_is_read_too(shop, tmp_path):
    text = (
        "Handle,SKU,Name,Category,Default price,Cost,Barcode,In stock\n"
        "sambal,SBL-1,Sambal Roa,Makanan,45000.00,30000.00,8991234567010,6\n"
    )
    path = write_loyverse(tmp_path, text)
    assert shop.product_files.preview(path).shape is FileShape.LOYVERSE
    shop.product_files.import_file(path)
    sambal = shop.catalogue.get_by_sku("SBL-1")
    assert (sambal.price, sambal.cost, sambal.stock_milli) == (45_000, 30_000, 6_000)


def test_a_store_is_refused_for_a_file_that_has_none(shop, write_csv):
    path = write_csv(IPOS_TEXT, "ipos.csv")
    with pytest.raises(UserError, match="is not a Loyverse export: it has no stores"):
        shop.product_files.import_file(path, store="Toko Jogja")
    assert shop.catalogue.count() == 0


def test_an_ipos_sheet_is_read_with_its_preset_without_being_told(shop, write_csv):
    path = write_csv(IPOS_TEXT, "ipos.csv")
    preview = shop.product_files.preview(path)
    assert (preview.shape, preview.preset) == (FileShape.MAPPED, "iPos")
    assert preview.ok, preview.problems
    shop.product_files.import_file(path)
    sugar = shop.catalogue.get_by_sku("BRG-001")
    assert (sugar.name, sugar.price, sugar.cost, sugar.unit, sugar.stock_milli) == (
        "Gula Aren Cetak",
        28_000,
        20_000,
        Unit.KG,
        12_000,
    )
    assert (sugar.category, sugar.barcode, sugar.low_stock_milli) == (
        "Sembako",
        "8992000000011",
        2_000,
    )
    chips = shop.catalogue.get_by_sku("BRG-002")
    assert (chips.price, chips.cost, chips.unit) == (12_000, 8_500, Unit.PCS)


def test_a_square_library_with_its_location_stock_mapped_by_hand(shop, write_csv):
    path = write_csv(SQUARE_TEXT, "square.csv")
    assert shop.product_files.preview(path).preset == "Square"
    mapping = shop.product_files.mapping_named("square")
    mapping["Current Quantity Bazar Minggu"] = "stock"
    preview = shop.product_files.preview(path, mapping=mapping)
    assert preview.ok, preview.problems
    assert [(r.sku, r.price, r.stock) for r in preview.rows] == [
        ("BTK-01", 350_000, 3_000),
        ("SLD-01", 125_000, 6_000),
    ]
    shop.product_files.import_file(path, mapping=mapping)
    batik = shop.catalogue.get_by_sku("BTK-01")
    assert (batik.name, batik.cost, batik.category, batik.notes) == (
        "Batik Tulis",
        200_000,
        "Kain",
        "Motif parang",
    )


def test_an_unknown_file_needs_a_mapping_and_a_saved_preset_then_fits_it(shop, write_csv):
    path = write_csv("Judul,Rego,Kode Barang Toko\nTas Anyam,150000,T-1\n", "lama.csv")
    with pytest.raises(UnrecognisedColumns) as refused:
        shop.product_files.import_file(path)
    assert "Judul, Rego, Kode Barang Toko" in str(refused.value)
    preview = shop.product_files.preview(path)
    assert preview.shape is FileShape.UNKNOWN
    assert preview.problems == (
        "The columns are not recognised: map each one onto a product field.",
    )
    assert preview.headers == ("Judul", "Rego", "Kode Barang Toko")

    wrong = shop.product_files.preview(path, mapping={"Judul": "name", "Rego": "name"})
    assert wrong.problems == (
        "Columns 'Judul' and 'Rego' both hold name.",
        "No column holds sku.",
        "No column holds price.",
    )
    with pytest.raises(ValidationError, match="cannot be read with this mapping"):
        shop.product_files.import_file(path, mapping={"Judul": "name"})

    mapping = {"judul": "name", "REGO": "price", "Kode Barang Toko": "sku"}
    shop.product_files.presets.save(PRESET_KIND, "Toko lama", mapping)
    assert shop.product_files.presets.names(PRESET_KIND)[-1] == "Toko lama"
    assert shop.product_files.preview(path).preset == "Toko lama"
    shop.product_files.import_file(path)
    assert shop.catalogue.get_by_sku("T-1").price == 150_000


def test_a_mapping_file_is_read_by_its_path(shop, write_csv, tmp_path):
    mapping_file = write_csv("header,field\nJudul,name\nRego,price\nKode,sku\nCatatan,\n", "m.csv")
    assert read_mapping_file(mapping_file) == {"Judul": "name", "Rego": "price", "Kode": "sku"}
    assert shop.product_files.mapping_named(str(mapping_file))["Kode"] == "sku"
    with pytest.raises(UserError, match=r"There is no preset 'Moka'\. Presets: "):
        shop.product_files.mapping_named("Moka")
    with pytest.raises(UserError, match="line 1: write the file's header, a comma"):
        read_mapping_file(write_csv("Judul\n", "bad.csv"))
    with pytest.raises(UserError, match="maps no column"):
        read_mapping_file(write_csv("header,field\n", "empty.csv"))
    with pytest.raises(UserError, match="Cannot read the mapping file"):
        shop.product_files.mapping_named(str(tmp_path / "missing.csv"))  # not taken for a preset


def test_presets_are_kept_by_kind_and_name(shop):
    presets = shop.product_files.presets
    assert presets.names(PRESET_KIND)[:3] == ["Loyverse (Default price)", "Square", "iPos"]
    presets.save(PRESET_KIND, "  Pasar   Kamis ", {"A": "sku", "B": ""})
    presets.save(PRESET_KIND, "pasar kamis", {"A": "sku", "C": "name"})
    assert presets.get(PRESET_KIND, "PASAR KAMIS") == {"A": "sku", "C": "name"}
    presets.save(PRESET_KIND, "iPos", {"Kode": "sku"})  # the shop's own replaces the shipped one
    assert presets.get(PRESET_KIND, "ipos") == {"Kode": "sku"}
    assert presets.names("qris") == []
    with pytest.raises(UserError, match="1 to 40 characters"):
        presets.save(PRESET_KIND, " ", {"A": "sku"})
