"""Marketplace order files become sales once, status changes are put right once, returns wait."""

import csv
from datetime import date

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from bazaar_pos.domain.periods import Period
from bazaar_pos.domain.quantity import Unit, whole
from bazaar_pos.domain.report import Dimension
from bazaar_pos.domain.variants import parse_axes
from bazaar_pos.errors import UserError
from bazaar_pos.services.products.catalogue import ProductDraft
from bazaar_pos.services.reports.files import FileFormat
from bazaar_pos.store.models import MarketplaceSku, Refund, Sale, StockMovement
from tests.conftest import JAKARTA
from tests.helpers.marketplace_files import (
    shopee_xlsx,
    tiktok_csv,
    tiktok_xlsx,
    tokopedia_xlsx,
)


@pytest.fixture
def stocked(add_product):
    return {
        "coffee": add_product("KOP-GAYO-250", "Kopi Gayo Wine 250 g", 95_000, stock=10),
        "cloth": add_product("TEN-IKAT", "Kain Tenun Ikat", 1_450_000, stock=3),
        "bag": add_product("TAS-PANDAN", "Tas Anyaman Pandan", 130_000, stock=5),
    }


def shopee_line(order_id, status, sku, quantity, price, **more):
    return {
        "No. Pesanan": order_id,
        "Status Pesanan": status,
        "Waktu Pesanan Dibuat": "2026-11-20 09:38",
        "Nomor Referensi SKU": sku,
        "Nama Produk": sku.title(),
        "Harga Awal": price,
        "Harga Setelah Diskon": price,
        "Jumlah": quantity,
        "Total Pembayaran": "9.999.999",
        **more,
    }


def sales_by_ref(shop):
    with shop.db.reading() as session:
        return {
            (s.channel, s.external_ref): (s.total_minor, s.number)
            for s in session.scalars(select(Sale))
        }


def count(shop, model):
    with shop.db.reading() as session:
        return session.scalar(select(func.count()).select_from(model))


def stock(shop, product):
    return shop.catalogue.get(product.id).stock_milli


def test_a_shopee_export_becomes_one_sale_per_paid_order_and_a_second_import_adds_nothing(
    shop, stocked, tmp_path
):
    path = shopee_xlsx(
        tmp_path / "Order.all.20261101_20261130.xlsx",
        [
            shopee_line("261120ABCD1234", "Selesai", "KOP-GAYO-250", "2", "90.000"),
            shopee_line(
                "261120ABCD1234", "Selesai", "TEN-IKAT", 1, "1.360.000", **{"Nama Variasi": "Merah"}
            ),
            shopee_line("261121EFGH5678", "Belum Bayar", "KOP-GAYO-250", "1", "90.000"),
            shopee_line("261122IJKL9012", "Batal", "TAS-PANDAN", "1", "130.000"),
            shopee_line(
                "261123MNOP3456",
                "Pesanan diterima, namun Pembeli masih dapat mengajukan pengembalian hingga "
                "2026-12-05.",
                "TAS-PANDAN",
                "3",
                "125.000",
            ),
        ],
    )
    summary = shop.order_import.import_file(path)
    assert (summary.kind, summary.rows, summary.orders) == ("Shopee", 5, 4)
    assert (summary.sales, summary.lines, summary.unpaid, summary.cancelled) == (2, 3, 1, 1)
    assert summary.total == 180_000 + 1_360_000 + 375_000
    assert summary.written
    sales = sales_by_ref(shop)
    assert set(sales) == {("shopee", "261120ABCD1234"), ("shopee", "261123MNOP3456")}
    assert sales[("shopee", "261120ABCD1234")][0] == 1_540_000  # the repeated total is not read
    with shop.db.reading() as session:
        sale = session.scalar(select(Sale).where(Sale.external_ref == "261120ABCD1234"))
        assert sale.created_at.astimezone(JAKARTA).strftime("%Y-%m-%d %H:%M") == "2026-11-20 09:38"
        assert [p.method for p in sale.payments] == ["transfer"]
    assert stock(shop, stocked["coffee"]) == whole(8)
    assert stock(shop, stocked["cloth"]) == whole(2)
    assert stock(shop, stocked["bag"]) == whole(2)

    again = shop.order_import.import_file(path)
    assert (again.sales, again.reversed, again.returns, again.unchanged) == (0, 0, 0, 2)
    assert sales_by_ref(shop) == sales
    assert stock(shop, stocked["coffee"]) == whole(8)
    assert shop.check() == []


def test_a_later_export_puts_status_changes_right_exactly_once(shop, stocked, tmp_path):
    first = shopee_xlsx(
        tmp_path / "Order.all.1.xlsx",
        [
            shopee_line("ORDER-UNPAID", "Belum Bayar", "KOP-GAYO-250", "1", "95.000"),
            shopee_line("ORDER-PAID", "Perlu Dikirim", "TAS-PANDAN", "2", "130.000"),
        ],
    )
    shop.order_import.import_file(first)
    assert set(sales_by_ref(shop)) == {("shopee", "ORDER-PAID")}
    assert stock(shop, stocked["bag"]) == whole(3)

    later = shopee_xlsx(
        tmp_path / "Order.all.2.xlsx",
        [
            shopee_line("ORDER-UNPAID", "Sedang Dikirim", "KOP-GAYO-250", "1", "95.000"),
            shopee_line(
                "ORDER-PAID",
                "Batal",
                "TAS-PANDAN",
                "2",
                "130.000",
                **{"Alasan Pembatalan": "Dibatalkan oleh Pembeli. Alasan: Ubah pesanan"},
            ),
        ],
    )
    preview = shop.order_import.plan(later)
    assert [r.order_id for r in preview.reversals] == ["ORDER-PAID"]
    assert [s.order_id for s in preview.sales] == ["ORDER-UNPAID"]
    summary = shop.order_import.import_file(later)
    assert (summary.sales, summary.reversed) == (1, 1)
    assert stock(shop, stocked["bag"]) == whole(5)  # the cancelled order's goods are back
    assert stock(shop, stocked["coffee"]) == whole(9)
    with shop.db.reading() as session:
        voids = session.scalars(select(Refund)).all()
        assert [(v.kind, v.total_minor) for v in voids] == [("void", 260_000)]
        assert "Batal" in voids[0].reason

    again = shop.order_import.import_file(later)
    assert (again.sales, again.reversed, again.unchanged) == (0, 0, 2)
    assert count(shop, Refund) == 1
    assert stock(shop, stocked["bag"]) == whole(5)
    assert shop.check() == []


def test_returned_goods_wait_until_the_seller_confirms_the_parcel(shop, stocked, tmp_path):
    sold = shopee_line("RETURNED-1", "Selesai", "TEN-IKAT", "2", "1.400.000")
    shop.order_import.import_file(shopee_xlsx(tmp_path / "a.xlsx", [sold]))
    assert shop.marketplace_returns.listed() == []
    assert stock(shop, stocked["cloth"]) == whole(1)

    returned = {
        **sold,
        "Returned quantity": "1",
        "Status Pembatalan/ Pengembalian": "Permintaan Disetujui",
    }
    summary = shop.order_import.import_file(shopee_xlsx(tmp_path / "b.xlsx", [returned]))
    assert summary.returns == 1
    waiting = shop.marketplace_returns.listed()
    assert [(r.channel, r.order_id, r.sku, r.quantity_milli) for r in waiting] == [
        ("shopee", "RETURNED-1", "TEN-IKAT", whole(1))
    ]
    assert stock(shop, stocked["cloth"]) == whole(1)  # not back before the parcel is
    assert shop.order_import.import_file(shopee_xlsx(tmp_path / "c.xlsx", [returned])).returns == 0

    done = shop.marketplace_returns.confirm(waiting[0].uuid[:8])
    assert done.refund_number.startswith("A-R")
    assert stock(shop, stocked["cloth"]) == whole(2)
    assert shop.marketplace_returns.listed() == []
    assert [r.status for r in shop.marketplace_returns.listed(waiting_only=False)] == ["received"]
    with pytest.raises(UserError):
        shop.marketplace_returns.confirm(waiting[0].uuid)
    assert shop.check() == []


def test_an_order_returned_when_first_seen_is_listed_with_its_sale(shop, stocked, tmp_path):
    line = shopee_line("RET-AT-ONCE", "Selesai", "KOP-GAYO-250", "3", "95.000")
    line["Returned quantity"] = "2"
    summary = shop.order_import.import_file(shopee_xlsx(tmp_path / "o.xlsx", [line]))
    assert (summary.sales, summary.returns) == (1, 1)
    (waiting,) = shop.marketplace_returns.listed()
    assert waiting.quantity_milli == whole(2)
    assert stock(shop, stocked["coffee"]) == whole(7)


def test_tiktok_csv_with_a_bom_and_tokopedia_orders_inside_it(shop, stocked, tmp_path):
    rows = [
        {
            "Order ID": "584740966833423855",
            "Order Status": "Selesai",
            "Seller SKU": "KOP-GAYO-250",
            "Product Name": "Kopi Gayo Wine 250 g",
            "Quantity": "3",
            "SKU Subtotal Before Discount": "285000",
            "SKU Seller Discount": "15001",
            "Created Time": "27/06/2026 10:05:24",
            "Purchase Channel": "Tokopedia",
        },
        {
            "Order ID": "584740966833423999",
            "Order Status": "Dikirim",
            "Seller SKU": "TAS-PANDAN",
            "Product Name": "Tas Anyaman Pandan",
            "Quantity": "1",
            "SKU Subtotal Before Discount": "130000",
            "SKU Seller Discount": "0",
            "Created Time": "28/06/2026 21:00:00",
            "Purchase Channel": "TikTok",
        },
    ]
    path = tiktok_csv(tmp_path / "OrderSKUList.csv", rows)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    summary = shop.order_import.import_file(path)
    assert (summary.kind, summary.sales) == ("TikTok Shop", 2)
    sales = sales_by_ref(shop)
    assert sales[("tokopedia", "584740966833423855")][0] == 285_000 - 15_001  # odd Rupiah kept
    assert sales[("tiktok", "584740966833423999")][0] == 130_000
    report = shop.reports.summary(Period(date(2026, 6, 27), date(2026, 6, 28)))
    channels = {row.label: row.amounts.sales for row in report.rows(Dimension.CHANNEL)}
    assert channels == {"Tokopedia": 1, "TikTok Shop": 1}
    lines = tmp_path / "lines.csv"
    period = Period(date(2026, 6, 27), date(2026, 6, 28))
    shop.report_files.write_sale_lines(period, lines, FileFormat.CSV)
    with lines.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert {(r["sku"], r["channel"], r["line_total"]) for r in rows} == {
        ("KOP-GAYO-250", "tokopedia", "269999"),
        ("TAS-PANDAN", "tiktok", "130000"),
    }
    pdf = tmp_path / "summary.pdf"
    shop.report_files.write_summary_pdf(period, pdf)
    text = " ".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "TikTok Shop" in text
    assert "Tokopedia" in text
    assert shop.check() == []


def test_tokopedia_report_with_a_date_serial(shop, stocked, tmp_path):
    rows = [
        {
            "Nomor": 1,
            "Nomor Invoice": "INV/20241102/MPL/3718218426",
            "Tanggal Pembayaran": 45599.5,
            "Status Terakhir": "Pesanan Selesai",
            "Nama Produk": "Tas Anyaman Pandan",
            "Nomor SKU": "TAS-PANDAN",
            "Jumlah Produk Dibeli": 2,
            "Harga Jual (IDR)": 125000,
        },
        {
            "Nama Produk": "Kopi",
            "Nomor SKU": "KOP-GAYO-250",
            "Jumlah Produk Dibeli": "1",
            "Harga Jual (IDR)": "Rp 95.000",
        },
    ]
    shop.order_import.import_file(tokopedia_xlsx(tmp_path / "Laporan Penjualan.xlsx", rows))
    with shop.db.reading() as session:
        sale = session.scalar(select(Sale))
        assert (sale.channel, sale.external_ref) == ("tokopedia", "INV/20241102/MPL/3718218426")
        assert sale.total_minor == 250_000 + 95_000
        assert sale.created_at.astimezone(JAKARTA).strftime("%Y-%m-%d %H:%M") == "2024-11-03 12:00"


def test_unknown_skus_refuse_the_file_until_mapped_and_the_mapping_is_remembered(
    shop, stocked, tmp_path, write_csv
):
    rows = [
        shopee_line("MAP-1", "Selesai", "SHP-KOPI-01", "1", "95.000"),
        shopee_line("MAP-1", "Selesai", "TEN-IKAT", "1", "1.450.000"),
        shopee_line("MAP-2", "Selesai", "SHP-KOPI-01", "2", "95.000"),
        {**shopee_line("MAP-3", "Selesai", "", "1", "130.000"), "Nama Produk": "Tas Pandan"},
    ]
    path = shopee_xlsx(tmp_path / "Order.all.xlsx", rows)
    with pytest.raises(UserError) as refused:
        shop.order_import.import_file(path)
    message = str(refused.value)
    assert "Lines 2, 4: no product has SKU 'SHP-KOPI-01'" in message
    assert "Line 5: no product has SKU 'Tas Pandan'" in message
    assert count(shop, Sale) == 0

    mapping = write_csv(
        "marketplace_sku,sku\nshp-kopi-01,KOP-GAYO-250\nTas Pandan,TAS-PANDAN\n", "map.csv"
    )
    summary = shop.order_import.import_file(path, map_file=mapping, dry_run=True)
    assert (summary.sales, summary.mappings, summary.written) == (3, 2, False)
    assert count(shop, MarketplaceSku) == 0

    summary = shop.order_import.import_file(path, map_file=mapping)
    assert (summary.sales, summary.mappings) == (3, 2)
    assert stock(shop, stocked["coffee"]) == whole(7)

    later = shopee_xlsx(
        tmp_path / "later.xlsx", [shopee_line("MAP-4", "Selesai", "SHP-KOPI-01", "1", "95.000")]
    )
    assert shop.order_import.import_file(later).sales == 1  # remembered, no map file needed


def test_a_mapping_to_a_product_the_shop_lacks_is_a_problem(shop, stocked, tmp_path, write_csv):
    path = shopee_xlsx(tmp_path / "o.xlsx", [shopee_line("X", "Selesai", "SHP-1", "1", "95.000")])
    mapping = write_csv("SKU Marketplace;SKU Toko\nSHP-1;NOPE\n", "map.csv")
    plan = shop.order_import.plan(path, map_file=mapping)
    assert not plan.ready
    assert any("line 2" in p and "'NOPE'" in p for p in plan.all_problems())


def test_a_dry_run_checks_everything_and_writes_nothing(shop, stocked, tmp_path):
    first = shopee_xlsx(
        tmp_path / "1.xlsx", [shopee_line("DRY-1", "Selesai", "TAS-PANDAN", "1", "130.000")]
    )
    shop.order_import.import_file(first)
    later = shopee_xlsx(
        tmp_path / "2.xlsx",
        [
            shopee_line("DRY-1", "Batal", "TAS-PANDAN", "1", "130.000"),
            shopee_line("DRY-2", "Selesai", "KOP-GAYO-250", "4", "95.000"),
        ],
    )
    before = (count(shop, Sale), count(shop, Refund), count(shop, StockMovement))
    summary = shop.order_import.import_file(later, dry_run=True)
    assert (summary.sales, summary.reversed, summary.written) == (1, 1, False)
    assert (count(shop, Sale), count(shop, Refund), count(shop, StockMovement)) == before


def test_bad_cells_refuse_the_whole_file(shop, stocked, tmp_path):
    path = tiktok_xlsx(
        tmp_path / "OrderSKUList.xlsx",
        [
            {
                "Order ID": "1",
                "Order Status": "Selesai",
                "Seller SKU": "TAS-PANDAN",
                "Quantity": "1.000",
                "SKU Subtotal Before Discount": "130000",
                "Created Time": "27/06/2026 10:05:24",
            },
            {
                "Order ID": "2",
                "Order Status": "Selesai",
                "Seller SKU": "TAS-PANDAN",
                "Quantity": "1",
                "SKU Subtotal Before Discount": "130000",
                "Created Time": "27/06/2026 10:05:24",
            },
        ],
    )
    with pytest.raises(UserError, match=r"Line 3, column Quantity: '1\.000'"):
        shop.order_import.import_file(path)
    assert count(shop, Sale) == 0


def test_an_order_cancelled_while_a_return_waits_is_reversed_and_leaves_the_list(
    shop, stocked, tmp_path
):
    line = shopee_line("GONE-1", "Selesai", "TEN-IKAT", "2", "1.400.000")
    line["Returned quantity"] = "1"
    shop.order_import.import_file(shopee_xlsx(tmp_path / "a.xlsx", [line]))
    assert len(shop.marketplace_returns.listed()) == 1
    cancelled = {**line, "Status Pesanan": "Batal"}
    summary = shop.order_import.import_file(shopee_xlsx(tmp_path / "b.xlsx", [cancelled]))
    assert summary.reversed == 1
    assert shop.marketplace_returns.listed() == []
    assert stock(shop, stocked["cloth"]) == whole(3)
    assert shop.check() == []


def test_an_order_cancelled_after_a_confirmed_return_is_left_for_a_person(shop, stocked, tmp_path):
    line = shopee_line("PART-1", "Selesai", "TEN-IKAT", "2", "1.400.000")
    line["Returned quantity"] = "1"
    shop.order_import.import_file(shopee_xlsx(tmp_path / "a.xlsx", [line]))
    (waiting,) = shop.marketplace_returns.listed()
    shop.marketplace_returns.confirm(waiting.uuid)
    cancelled = {**line, "Status Pesanan": "Batal"}
    later = shopee_xlsx(
        tmp_path / "b.xlsx",
        [cancelled, shopee_line("NEXT-1", "Selesai", "TAS-PANDAN", "1", "130.000")],
    )
    summary = shop.order_import.import_file(later)
    assert (summary.sales, summary.reversed) == (1, 0)
    assert summary.attention == (
        "Order PART-1 was cancelled after part of sale A-000001 was refunded: refund the rest "
        "by hand if the goods came back.",
    )
    assert stock(shop, stocked["cloth"]) == whole(2)
    assert shop.check() == []


def test_only_an_imported_sale_is_reversed_as_a_cancelled_order(shop, stocked):
    from bazaar_pos.domain.cart import Cart, CartLine
    from bazaar_pos.domain.payment import PaymentMethod, Tender
    from bazaar_pos.errors import ValidationError

    settings = shop.settings.load()
    cart = Cart(settings.currency, settings.tax_rule)
    bag = stocked["bag"]
    cart.add(CartLine(bag.sku, bag.name, bag.price, product_id=bag.id))
    sale = shop.checkout.complete_sale(cart, [Tender(PaymentMethod.CASH, bag.price)])
    with pytest.raises(ValidationError, match="Only a sale imported from a marketplace"):
        shop.refunds.void_order(sale.uuid, "Batal")
    assert stock(shop, bag) == whole(4)


def test_a_tiktok_workbook_with_its_cells_in_rows_of_their_own_imports(shop, stocked, tmp_path):
    from tests.helpers.marketplace_files import break_row_layout

    row = {
        "Order ID": "584740966833423855",
        "Order Status": "Perlu dikirim",
        "Order Substatus": "Menunggu pengiriman",
        "Seller SKU": "TAS-PANDAN",
        "Quantity": "2",
        "SKU Subtotal Before Discount": "260000",
        "SKU Seller Discount": "10000",
        "Created Time": "27/06/2026 10:05:24",
        "Purchase Channel": "TikTok",
    }
    path = break_row_layout(tiktok_xlsx(tmp_path / "OrderSKUList.xlsx", [row]))
    summary = shop.order_import.import_file(path)
    assert (summary.sales, summary.total) == (1, 250_000)
    assert sales_by_ref(shop)[("tiktok", "584740966833423855")][0] == 250_000


def test_order_files_are_told_from_sales_csv_files_by_their_headers(tmp_path, write_csv):
    from bazaar_pos.exports.order_files import is_order_file

    shopee_as_csv = write_csv(
        "\ufeffNo. Pesanan;Status Pesanan;Waktu Pesanan Dibuat\nA;Selesai;2026-11-20 09:38\n",
        "Order.all.csv",
    )
    plain = write_csv("order_ref,date,sku,qty\nN-1,2026-11-20,KOP-1,1\n", "sales.csv")
    tiktok = tiktok_csv(tmp_path / "OrderSKUList.csv", [])
    assert is_order_file(shopee_as_csv)
    assert is_order_file(tiktok)
    assert not is_order_file(plain)
    assert is_order_file(tmp_path / "anything.xlsx")  # refused later, with the orders' message


def test_the_same_sku_twice_in_an_order_stays_two_lines_and_a_return_finds_its_own(
    shop, stocked, tmp_path
):
    first = shopee_line("TWICE-1", "Selesai", "KOP-GAYO-250", "1", "95.000")
    second = shopee_line("TWICE-1", "Selesai", "KOP-GAYO-250", "1", "95.000")
    bag = shopee_line("TWICE-1", "Selesai", "TAS-PANDAN", "1", "130.000")
    shop.order_import.import_file(shopee_xlsx(tmp_path / "a.xlsx", [first, second, bag]))
    with shop.db.reading() as session:
        (sale,) = session.scalars(select(Sale)).all()
        assert [(line.sku, line.quantity_milli) for line in sale.lines] == [
            ("KOP-GAYO-250", whole(1)),
            ("KOP-GAYO-250", whole(1)),
            ("TAS-PANDAN", whole(1)),
        ]
    returned = {**bag, "Returned quantity": "1", "Status Pembatalan/ Pengembalian": "Disetujui"}
    summary = shop.order_import.import_file(
        shopee_xlsx(tmp_path / "b.xlsx", [first, second, returned])
    )
    assert summary.returns == 1
    (waiting,) = shop.marketplace_returns.listed()
    assert waiting.sku == "TAS-PANDAN"
    shop.marketplace_returns.confirm(waiting.uuid)
    assert stock(shop, stocked["bag"]) == whole(5)
    assert shop.check() == []


def test_products_an_order_cannot_sell_are_problems_with_their_line(
    shop, stocked, tmp_path, write_csv
):
    shirt = shop.catalogue.create(ProductDraft("KMJ-1", "Kemeja", 250_000))
    shop.catalogue.set_options(shirt.id, parse_axes("Size: S, M"))
    shop.catalogue.create(ProductDraft("BJI-1", "Kopi biji", 180_000, unit=Unit.KG))
    path = shopee_xlsx(
        tmp_path / "o.xlsx",
        [
            shopee_line("NOPE-1", "Selesai", "KMJ-1", "1", "250.000"),
            shopee_line("NOPE-2", "Selesai", "BJI-1", "2", "45.000"),
        ],
    )
    with pytest.raises(UserError) as refused:
        shop.order_import.import_file(path)
    said = str(refused.value)
    assert "KMJ-1 is sold as its variants" in said
    assert "BJI-1 is sold by the kg; marketplace orders count pieces" in said
    assert count(shop, Sale) == 0
