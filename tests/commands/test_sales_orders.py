"""``bazaar-pos sales import`` with marketplace exports, and ``sales returns``, run as people do."""

from tests.helpers.cli import bazaar_pos
from tests.helpers.marketplace_files import lazada_csv, lazada_xlsx, shopee_xlsx, tiktok_csv


def shopee_line(order_id, status, sku, quantity, price, **more):
    return {
        "No. Pesanan": order_id,
        "Status Pesanan": status,
        "Waktu Pesanan Dibuat": "2026-11-20 09:38",
        "Nomor Referensi SKU": sku,
        "Nama Produk": "Kain",
        "Harga Setelah Diskon": price,
        "Jumlah": quantity,
        **more,
    }


def test_orders_are_checked_imported_mapped_and_returns_confirmed(db_path, tmp_path, write_csv):
    products = write_csv("sku,name,price,stock\nTEN-1,Tenun,500000,5\n", "p.csv")
    assert bazaar_pos("--db", db_path, "products", "import", products).returncode == 0
    orders = shopee_xlsx(
        tmp_path / "Order.all.20261101_20261130.xlsx",
        [
            shopee_line("261120AAA", "Selesai", "TEN-1", "2", "450.000"),
            shopee_line("261121BBB", "Selesai", "SHP-TENUN", "1", "450.000"),
            shopee_line("261122CCC", "Belum Bayar", "TEN-1", "1", "450.000"),
        ],
    )
    refused = bazaar_pos("--db", db_path, "sales", "import", orders)
    assert refused.returncode == 1
    assert "Line 3: no product has SKU 'SHP-TENUN'; map it to a product." in refused.stderr

    mapping = write_csv("marketplace_sku,sku\nSHP-TENUN,TEN-1\n", "map.csv")
    dry = bazaar_pos("--db", db_path, "sales", "import", orders, "--map", mapping, "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "Nothing was changed; an import would:" in dry.stdout
    assert "add 2 sales (2 lines, Rp1.350.000);" in dry.stdout
    assert "remember 1 SKU mapping." in dry.stdout

    done = bazaar_pos("--db", db_path, "sales", "import", orders, "--map", mapping)
    assert done.returncode == 0, done.stderr
    assert "2 new sales (2 lines, Rp1.350.000)." in done.stdout
    assert "Already up to date: 0; not paid yet: 1; cancelled, never sold: 0." in done.stdout

    returned = shopee_xlsx(
        tmp_path / "Order.all.later.xlsx",
        [
            shopee_line(
                "261120AAA", "Selesai", "TEN-1", "2", "450.000", **{"Returned quantity": "1"}
            )
        ],
    )
    again = bazaar_pos("--db", db_path, "sales", "import", returned)
    assert "1 return waits for its parcel" in again.stdout
    listed = bazaar_pos("--db", db_path, "sales", "returns")
    assert listed.returncode == 0, listed.stderr
    (row,) = listed.stdout.splitlines()[1:]
    assert "shopee 261120AAA  TEN-1 Tenun  1  sale A-000001  waiting" in row
    confirmed = bazaar_pos("--db", db_path, "sales", "returns", "confirm", row.split()[0])
    assert confirmed.returncode == 0, confirmed.stderr
    assert "the goods are back in stock" in confirmed.stdout
    assert "No returns wait" in bazaar_pos("--db", db_path, "sales", "returns").stdout
    assert bazaar_pos("--db", db_path, "check").returncode == 0


def test_a_tiktok_csv_is_told_from_a_sales_csv_by_its_headers(db_path, tmp_path, write_csv):
    products = write_csv("sku,name,price,stock\nTEN-1,Tenun,500000,5\n", "p.csv")
    assert bazaar_pos("--db", db_path, "products", "import", products).returncode == 0
    path = tiktok_csv(
        tmp_path / "OrderSKUList.csv",
        [
            {
                "Order ID": "584740966833423855",
                "Order Status": "Dikirim",
                "Seller SKU": "TEN-1",
                "Quantity": "1",
                "SKU Subtotal Before Discount": "500000",
                "Created Time": "27/06/2026 10:05:24",
                "Purchase Channel": "TikTok",
            }
        ],
    )
    done = bazaar_pos("--db", db_path, "sales", "import", path)
    assert done.returncode == 0, done.stderr
    assert "TikTok Shop file: 1 lines in 1 orders." in done.stdout
    plain = write_csv("order_ref,date,sku,qty\nN-1,2026-11-20,TEN-1,1\n", "s.csv")
    refused = bazaar_pos("--db", db_path, "sales", "import", plain, "--map", plain)
    assert refused.returncode == 1
    assert "is for marketplace order files" in refused.stderr


def test_a_lazada_export_is_recognised_with_no_flags_and_bad_money_named(
    db_path, tmp_path, write_csv
):
    products = write_csv("sku,name,price,stock\nTEN-1,Tenun,500000,5\n", "p.csv")
    assert bazaar_pos("--db", db_path, "products", "import", products).returncode == 0

    def unit(status, price="450000.00"):
        return {
            "orderNumber": "512345678901234",
            "status": status,
            "createTime": "03 Jun 2026 20:41",
            "sellerSku": "TEN-1",
            "itemName": "Tenun",
            "unitPrice": price,
            "paidPrice": price,
        }

    bad = lazada_csv(tmp_path / "bad.csv", [unit("delivered"), unit("delivered", "1.000")])
    refused = bazaar_pos("--db", db_path, "sales", "import", bad)
    assert refused.returncode == 1
    assert "Line 3, column unitPrice: '1.000' is ambiguous" in refused.stderr

    path = lazada_xlsx(
        tmp_path / "lazada.xlsx", [unit("delivered"), unit("shipped"), unit("canceled")]
    )
    done = bazaar_pos("--db", db_path, "sales", "import", path)
    assert done.returncode == 0, done.stderr
    assert "Lazada file: 1 lines in 1 orders." in done.stdout
    assert "1 new sale (1 lines, Rp900.000)." in done.stdout
    again = bazaar_pos("--db", db_path, "sales", "import", path)
    assert "Already up to date: 1" in again.stdout
    assert bazaar_pos("--db", db_path, "check").returncode == 0
