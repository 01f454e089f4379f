"""``products import`` with other POS apps' files, and ``products presets``, as people run them."""

import sqlite3

from tests.helpers.cli import bazaar_pos
from tests.helpers.pos_exports import IPOS_TEXT, LOYVERSE_ROWS, loyverse_text, write_loyverse


def product_count(db_path):
    with sqlite3.connect(db_path) as connection:
        (count,) = connection.execute("SELECT count(*) FROM products").fetchone()
    connection.close()
    return count


def test_a_loyverse_export_needs_a_store_then_dry_runs_and_imports(db_path, tmp_path):
    path = write_loyverse(tmp_path)
    refused = bazaar_pos("--db", db_path, "products", "import", path)
    assert refused.returncode == 1
    assert refused.stderr.strip() == (
        "The file has prices and stock for several stores: Toko Jogja, Pasar Solo. "
        "Choose one with --store NAME."
    )

    dry = bazaar_pos(
        "--db", db_path, "products", "import", path, "--store", "pasar solo", "--dry-run"
    )
    assert dry.returncode == 0, dry.stderr
    lines = dry.stdout.splitlines()
    assert lines[0] == "Read as a Loyverse items export (store: Pasar Solo)."
    assert (
        "Line 2: new KL-S-MRH Kaos Lurik (S / Merah) Rp99.000, stock 5 (variant of kaos-lurik)"
        in lines
    )
    assert "Line 5: new JAHIT Jasa Jahit Rp0 (open price: the till asks for it)" in lines
    assert "Nothing was changed." in dry.stdout
    assert product_count(db_path) == 0

    done = bazaar_pos("--db", db_path, "products", "import", path, "--store", "Pasar Solo")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "6 products added, 0 updated, stock set for 2."
    assert product_count(db_path) == 8  # and the two combinations Loyverse did not have

    other = bazaar_pos(
        "--db", db_path, "products", "import", path, "--store", "Toko Jogja", "--dry-run"
    )
    assert (
        "Line 3: update (price, stock) KL-M-BRU Kaos Lurik (M / Biru) Rp95.000, stock 7"
        " (variant of kaos-lurik)" in other.stdout.splitlines()
    )
    assert "Line 5: no change JAHIT Jasa Jahit Rp0 (open price: the till asks for it)" in (
        other.stdout
    )


def test_a_bad_loyverse_cell_is_named_and_nothing_is_written(db_path, tmp_path):
    rows = (LOYVERSE_ROWS[2].replace("180000.00", "180000.25"),)
    path = write_loyverse(tmp_path, loyverse_text(stores=("Toko",), rows=rows))
    done = bazaar_pos("--db", db_path, "products", "import", path, "--dry-run")
    assert done.returncode == 1
    assert (
        "Line 2, column Price [Toko]: '180000.25' is not a whole amount: IDR has no decimals"
        in done.stderr
    )
    assert product_count(db_path) == 0


def test_an_unknown_file_is_refused_with_the_presets_then_read_with_a_saved_one(
    db_path, write_csv
):
    path = write_csv("Judul,Rego,Kode Barang Toko\nTas Anyam,150000,T-1\n", "lama.csv")
    refused = bazaar_pos("--db", db_path, "products", "import", path)
    assert refused.returncode == 1
    assert "are not recognised: Judul, Rego, Kode Barang Toko." in refused.stderr
    assert "Presets: Loyverse (Default price), Square, iPos." in refused.stderr
    assert "Fields: sku, name, barcode, category, price, cost, stock" in refused.stderr

    mapping = write_csv("header,field\nJudul,name\nRego,price\nKode Barang Toko,sku\n", "m.csv")
    dry = bazaar_pos("--db", db_path, "products", "import", path, "--map", mapping, "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "Line 2: new T-1 Tas Anyam Rp150.000" in dry.stdout

    saved = bazaar_pos("--db", db_path, "products", "presets", "save", "Toko lama", mapping)
    assert (saved.returncode, saved.stdout.strip()) == (0, "Saved the preset Toko lama.")
    listed = bazaar_pos("--db", db_path, "products", "presets", "list").stdout
    assert "Toko lama\n  Judul -> name\n  Rego -> price\n  Kode Barang Toko -> sku" in listed
    assert "iPos\n  Kode Item -> sku" in listed

    done = bazaar_pos("--db", db_path, "products", "import", path, "--map", "toko lama")
    assert done.returncode == 0, done.stderr
    assert product_count(db_path) == 1
    missing = bazaar_pos("--db", db_path, "products", "import", path, "--map", "Moka")
    assert missing.returncode == 1
    assert "There is no preset 'Moka'." in missing.stderr


def test_an_ipos_sheet_is_recognised_by_its_preset(db_path, write_csv):
    done = bazaar_pos(
        "--db", db_path, "products", "import", write_csv(IPOS_TEXT, "ipos.csv"), "--dry-run"
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[:3] == [
        "Read with the preset iPos.",
        "Line 2: new BRG-001 Gula Aren Cetak Rp28.000, stock 12 (priced per kg)",
        "Line 3: new BRG-002 Keripik Tempe Rp12.000, stock 30",
    ]
