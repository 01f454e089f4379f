"""``bazaar-pos stock``: stock in each product's unit from the command line."""

from tests.helpers.cli import bazaar_pos


def test_goods_by_weight_and_pieces_are_received_adjusted_and_listed(db_path, write_csv):
    products = write_csv(
        "sku,name,price,unit\nBJI-1,Kopi biji,180000,kg\nTAS-1,Tas pandan,145000,pcs\n"
    )
    assert bazaar_pos("--db", db_path, "products", "import", products).returncode == 0

    received = bazaar_pos("--db", db_path, "stock", "receive", "BJI-1", "12,5", "--cost", "110000")
    assert (received.returncode, received.stdout.strip()) == (
        0,
        "Kopi biji (BJI-1): 12.5 kg in stock.",
    )
    spilled = bazaar_pos(
        "--db", db_path, "stock", "adjust", "BJI-1", "-250 g", "--reason", "damaged"
    )
    assert spilled.stdout.strip() == "Kopi biji (BJI-1): 12.25 kg in stock."
    assert bazaar_pos("--db", db_path, "stock", "receive", "TAS-1", "3").returncode == 0
    listing = bazaar_pos("--db", db_path, "stock", "list").stdout.splitlines()
    assert listing == ["BJI-1\t12.25\tkg\tKopi biji", "TAS-1\t3\tpcs\tTas pandan"]

    half = bazaar_pos("--db", db_path, "stock", "receive", "TAS-1", "0,5")
    assert half.returncode == 1
    assert "'0,5': this product is sold by the piece, not in parts" in half.stderr
    unknown = bazaar_pos("--db", db_path, "stock", "receive", "NOPE", "1")
    assert unknown.returncode == 1
    assert "No product has SKU or barcode 'NOPE'." in unknown.stderr
    assert bazaar_pos("--db", db_path, "check").returncode == 0


def test_the_online_stock_is_exported_for_the_marketplaces(db_path, write_csv, tmp_path):
    products = write_csv("sku,name,price,stock\nKOP-1,Kopi,95000,10\nGEL-1,Gelas,55000,1\n")
    assert bazaar_pos("--db", db_path, "products", "import", products).returncode == 0
    out = tmp_path / "online.csv"
    done = bazaar_pos("--db", db_path, "stock", "export", "--online", "-o", out, "--buffer", "2")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"Wrote the online stock of 2 products to {out}."
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("sku,name,stock,unit")
    assert lines[1].startswith("GEL-1,Gelas,0,pcs")
    assert lines[2].startswith("KOP-1,Kopi,8,pcs")
    negative = bazaar_pos(
        "--db", db_path, "stock", "export", "--online", "-o", out, "--buffer", "-1"
    )
    assert negative.returncode == 1
    assert "cannot be negative" in negative.stderr
