"""The CLI through the real ``bazaar-pos`` entry point, in a subprocess."""

import sqlite3
import subprocess
import sys

import pytest
from openpyxl import load_workbook

from bazaar_pos import __version__, cli
from bazaar_pos.domain.variants import parse_axes
from bazaar_pos.services.products.catalogue import ProductDraft
from bazaar_pos.services.shop import Shop
from tests.helpers.cli import bazaar_pos
from tests.helpers.scanning import scan_pdf


def test_version_and_help():
    assert bazaar_pos("--version").stdout.strip() == f"Bazaar POS {__version__}"
    help_text = bazaar_pos("--help").stdout
    for command in ("products", "sales", "check", "--db", "--lang", "--demo"):
        assert command in help_text


def test_the_version_loads_neither_the_database_nor_the_sub_commands():
    script = (
        "import sys\n"
        "from bazaar_pos.cli import main\n"
        "try:\n"
        "    main(['--version'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "loaded = ('sqlalchemy', 'bazaar_pos.commands.')\n"
        "print(sorted(m for m in sys.modules if m.startswith(loaded)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60
    )
    assert done.stdout.splitlines() == [f"Bazaar POS {__version__}", "[]"], done.stderr


@pytest.mark.parametrize(
    ("argv", "opens_the_gui"),
    [
        ([], True),
        (["--db", "shop.sqlite", "--lang", "id"], True),
        (["--demo"], True),
        (["check"], False),
        (["--db", "shop.sqlite", "products", "export", "p.csv"], False),
        (["-h"], False),
        (["--lang", "xx"], False),  # the full parser says what is wrong
        (["--bogus"], False),
        (["--d", "x"], False),  # ambiguous: --db or --demo
    ],
)
def test_the_gui_options_are_read_without_the_sub_commands(argv, opens_the_gui):
    args = cli.gui_arguments(argv)
    assert (args is not None) is opens_the_gui
    if args is not None:
        assert args.command is None
        assert args == cli.build_parser().parse_args(argv)


def test_import_export_sales_and_check(db_path, tmp_path, write_csv):
    products = write_csv("sku,name,price,stock\nKOP-1,Kopi,95000,5\n", "p.csv")
    done = bazaar_pos("--db", db_path, "products", "import", products)
    assert done.returncode == 0, done.stderr
    assert "1 products added, 0 updated, stock set for 1." in done.stdout

    sales = write_csv("order_ref,date,sku,qty\nN-1,2026-11-20,KOP-1,7\n", "s.csv")
    done = bazaar_pos("--db", db_path, "sales", "import", sales)
    assert done.returncode == 0, done.stderr
    assert "1 sales imported (1 lines)" in done.stdout
    assert "below zero for: KOP-1" in done.stdout
    assert "0 sales imported" in bazaar_pos("--db", db_path, "sales", "import", sales).stdout

    out = tmp_path / "out.csv"
    assert bazaar_pos("--db", db_path, "products", "export", out).returncode == 0
    assert out.read_text().splitlines()[1] == "KOP-1,Kopi,,,95000,0,-2,pcs,,yes,,,no,yes,no,,,,,"

    checked = bazaar_pos("--db", db_path, "check")
    assert (checked.returncode, checked.stdout.strip()) == (0, "All checks passed.")


def test_a_bad_file_exits_non_zero_naming_line_and_column(db_path, write_csv):
    bad = write_csv("sku,name,price\nA,B,mahal\n")
    done = bazaar_pos("--db", db_path, "products", "import", bad)
    assert done.returncode == 1
    assert "Line 2, column price: 'mahal' is not an amount" in done.stderr
    assert "nothing was changed" in done.stderr


def test_check_exits_1_when_something_is_wrong(db_path):
    with sqlite3.connect(db_path) as connection:
        connection.execute(
            "INSERT INTO products (uuid, sku, name, category, price_minor, cost_minor,"
            " stock_milli, active, created_at, updated_at)"
            " VALUES ('u1', 'X', 'X', '', 1, 0, 3000, 1, '2026-01-01', '2026-01-01')"
        )
    connection.close()
    done = bazaar_pos("--db", db_path, "check")
    assert done.returncode == 1
    assert "Product X: stock shows 3 but the stock ledger adds up to 0." in done.stdout


@pytest.mark.parametrize(
    "content", [b"not a database at all", b"SQLite format 3\x00" + b"\x00" * 200]
)
def test_a_file_that_is_not_ours_is_refused_and_untouched(tmp_path, content):
    path = tmp_path / "x.sqlite"
    path.write_bytes(content)
    done = bazaar_pos("--db", path, "check")
    assert done.returncode == 1
    assert "x.sqlite" in done.stderr
    assert path.read_bytes() == content


def test_demo_flag_builds_a_demo_shop_for_headless_commands():
    done = bazaar_pos("--demo", "check")
    assert (done.returncode, done.stdout.strip()) == (0, "All checks passed.")


def test_labels_for_a_category_scan(db_path, tmp_path, write_csv):
    products = write_csv(
        "sku,name,price,category,barcode\n"
        "KOP-1,Kopi Gayo,95000,Kopi,4006381333931\n"
        "KOP-2,Kopi Toraja,105000,Kopi,\n"
        "TAS-1,Tas Pandan,145000,Tas,\n",
        "p.csv",
    )
    assert bazaar_pos("--db", db_path, "products", "import", products).returncode == 0
    out = tmp_path / "kopi.pdf"
    done = bazaar_pos(
        "--db", db_path, "labels", "--category", "kopi", "--template", "roll-50x30", "-o", out
    )
    assert done.returncode == 0, done.stderr
    assert "New internal barcodes for: KOP-2" in done.stdout
    assert "Wrote 2 labels for 2 products on 2 page(s)" in done.stdout
    assert sorted(scan_pdf(out)) == ["2000000000015", "4006381333931"]
    everything = tmp_path / "all.pdf"
    done = bazaar_pos(
        "--db", db_path, "labels", "--sku", "TAS-1", "--copies", "3", "-o", everything
    )
    assert "Wrote 3 labels for 1 product" in done.stdout
    missing = bazaar_pos("--db", db_path, "labels", "--sku", "NOPE", "-o", everything)
    assert (missing.returncode, missing.stderr.strip()) == (1, "No product has SKU nope.")
    assert "a4-65" in bazaar_pos("labels", "--help").stdout


def test_xlsx_export_with_indonesian_headers_imports_back(db_path, tmp_path, write_csv):
    products = write_csv("kode,nama,harga,stok\nKOP-1,Kopi,Rp 95.000,5\n", "p.csv")
    assert bazaar_pos("--db", db_path, "products", "import", products).returncode == 0
    out = tmp_path / "produk.xlsx"
    done = bazaar_pos("--db", db_path, "products", "export", out, "--headers", "id")
    assert done.returncode == 0, done.stderr
    rows = list(load_workbook(out).active.iter_rows(values_only=True))
    assert rows[0][:3] == ("kode", "nama", "barcode")
    assert rows[1][:7] == ("KOP-1", "Kopi", None, None, 95000, 0, 5)
    checked = bazaar_pos("--db", db_path, "products", "import", out, "--dry-run")
    assert "0 products added, 1 updated, stock set for 0." in checked.stdout


def test_labels_for_a_category_print_each_variant_once(db_path, tmp_path):
    shop = Shop.open(db_path)
    try:
        draft = ProductDraft("KMJ-1", "Kemeja Lurik", 275_000, category="Batik")
        shirt = shop.catalogue.create(draft)
        shop.catalogue.set_options(shirt.id, parse_axes("Ukuran: S, M; Warna: Merah, Biru"))
        shop.catalogue.create(ProductDraft("SYL-1", "Syal Sutra", 185_000, category="Batik"))
    finally:
        shop.close()
    out = tmp_path / "batik.pdf"
    done = bazaar_pos(
        "--db", db_path, "labels", "--category", "batik", "--template", "roll-50x30", "-o", out
    )
    assert done.returncode == 0, done.stderr
    assert "Wrote 5 labels for 5 products" in done.stdout
    codes = scan_pdf(out)
    assert len(codes) == 5
    assert set(codes.values()) == {1}
