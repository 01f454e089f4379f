"""Marketplace order exports are recognised by their headers and read column by column."""

from datetime import datetime

import pytest

from bazaar_pos.domain.marketplace import Channel, OrderState
from bazaar_pos.errors import UserError
from bazaar_pos.exports.order_files import read_order_file
from tests.helpers.marketplace_files import (
    break_row_layout,
    shopee_xlsx,
    tiktok_csv,
    tiktok_xlsx,
    tokopedia_xlsx,
)

SHOPEE_ORDER = [
    {
        "No. Pesanan": "241104QW3RTY7A",
        "Status Pesanan": "Selesai",
        "Waktu Pesanan Dibuat": "2024-11-04 09:38",
        "SKU Induk": "KOP",
        "Nama Produk": "Kopi Gayo Wine 250 g",
        "Nomor Referensi SKU": "KOP-GAYO-250",
        "Harga Awal": "95.000",
        "Harga Setelah Diskon": "90.000",
        "Jumlah": "2",
        "Total Pembayaran": "1.540.000",
    },
    {
        "No. Pesanan": "241104QW3RTY7A",
        "Status Pesanan": "Selesai",
        "Waktu Pesanan Dibuat": "2024-11-04 09:38",
        "Nama Produk": "Kain Tenun Ikat",
        "Nomor Referensi SKU": "TEN-IKAT",
        "Nama Variasi": "Merah",
        "Harga Awal": "1.450.000",
        "Harga Setelah Diskon": "1.360.000",
        "Jumlah": 1,
        "Returned quantity": "1",
        "Total Pembayaran": "1.540.000",
    },
    {
        "No. Pesanan": "241105ABCDE12F",
        "Status Pesanan": "Batal",
        "Alasan Pembatalan": "Dibatalkan oleh Penjual. Alasan: Produk habis",
        "Waktu Pesanan Dibuat": "2024-11-05 20:01",
        "SKU Induk": "KOP-GAYO-250",
        "Nama Produk": "Kopi Gayo Wine 250 g",
        "Harga Setelah Diskon": "90.000",
        "Jumlah": "1",
        "Total Pembayaran": "0",
    },
]


def test_a_shopee_export_is_read_line_by_line_without_its_repeated_totals(tmp_path):
    path = shopee_xlsx(tmp_path / "Order.all.20241101_20241130.xlsx", SHOPEE_ORDER)
    found = read_order_file(path)
    assert found.shape.name == "Shopee"
    assert found.problems == []
    first, second, cancelled = found.lines
    assert (first.line, first.order_id, first.sku, first.quantity, first.amount) == (
        2,
        "241104QW3RTY7A",
        "KOP-GAYO-250",
        2,
        180_000,
    )
    assert first.ordered_at == datetime(2024, 11, 4, 9, 38)
    assert (second.variation, second.amount, second.returned) == ("Merah", 1_360_000, 1)
    assert first.state is second.state is OrderState.SOLD
    assert cancelled.state is OrderState.CANCELLED
    assert cancelled.sku == "KOP-GAYO-250"  # no variation SKU: the parent SKU
    assert {line.channel for line in found.lines} == {Channel.SHOPEE}


TIKTOK_ORDER = [
    {
        "Order ID": "584740966833423855",
        "Order Status": "Selesai",
        "SKU ID": "1729384756102938475",
        "Seller SKU": "KOP-GAYO-250",
        "Product Name": "Kopi Gayo Wine 250 g",
        "Variation": "Default",
        "Quantity": "3",
        "SKU Unit Original Price": "95000",
        "SKU Subtotal Before Discount": "285000",
        "SKU Platform Discount": "10000",
        "SKU Seller Discount": "15000",
        "SKU Subtotal After Discount": "260000",
        "Order Amount": "275000",
        "Created Time": "27/06/2026 10:05:24",
        "Purchase Channel": "Tokopedia",
    },
    {
        "Order ID": "584740966833423999",
        "Order Status": "Belum dibayar",
        "Seller SKU": "TEN-IKAT",
        "Product Name": "Kain Tenun Ikat",
        "Quantity": "1",
        "SKU Subtotal Before Discount": "1450000",
        "SKU Seller Discount": "0",
        "Created Time": "28/06/2026 21:00:00",
        "Purchase Channel": "TikTok",
    },
]


@pytest.mark.parametrize("write", [tiktok_xlsx, tiktok_csv])
def test_a_tiktok_export_skips_its_description_row_and_keeps_long_ids(tmp_path, write):
    suffix = ".csv" if write is tiktok_csv else ".xlsx"
    found = read_order_file(write(tmp_path / f"OrderSKUList{suffix}", TIKTOK_ORDER))
    assert found.shape.name == "TikTok Shop"
    assert found.problems == []
    tokopedia, unpaid = found.lines
    assert tokopedia.line == 3  # row 2 explains the columns
    assert tokopedia.order_id == "584740966833423855"
    assert tokopedia.channel is Channel.TOKOPEDIA
    assert tokopedia.amount == 285_000 - 15_000  # the platform's own discount is the platform's
    assert tokopedia.ordered_at == datetime(2026, 6, 27, 10, 5, 24)
    assert (unpaid.channel, unpaid.state) == (Channel.TIKTOK, OrderState.UNPAID)


def test_a_broken_row_layout_is_read_whole(tmp_path):
    path = break_row_layout(tiktok_xlsx(tmp_path / "OrderSKUList.xlsx", TIKTOK_ORDER))
    found = read_order_file(path)
    assert [line.order_id for line in found.lines] == ["584740966833423855", "584740966833423999"]


TOKOPEDIA_ORDER = [
    {
        "Nomor": 1,
        "Nomor Invoice": "INV/20241102/MPL/3718218426",
        "Tanggal Pembayaran": "02-11-2024 22:02:55",
        "Status Terakhir": "Pesanan Selesai",
        "Nama Produk": "Tas Anyaman Pandan",
        "Nomor SKU": "TAS-PANDAN",
        "Jumlah Produk Dibeli": 2,
        "Harga Jual (IDR)": 125000,
        "Total Penjualan (IDR)": 295000,
    },
    {
        "Nama Produk": "Gelang Manik",
        "Nomor SKU": "GLG-MANIK",
        "Jumlah Produk Dibeli": "1",
        "Harga Jual (IDR)": "45000",
    },
    {
        "Nomor": 2,
        "Nomor Invoice": "INV/20241103/MPL/3718219999",
        "Tanggal Pembayaran": "45599.5",
        "Status Terakhir": "Dibatalkan Pembeli -\nSalah pilih barang",
        "Nama Produk": "Gelang Manik",
        "Nomor SKU": "GLG-MANIK",
        "Jumlah Produk Dibeli": "1",
        "Harga Jual (IDR)": "45000",
    },
]


def test_a_tokopedia_report_under_its_preamble_carries_the_invoice_down(tmp_path):
    found = read_order_file(tokopedia_xlsx(tmp_path / "Laporan Penjualan.xlsx", TOKOPEDIA_ORDER))
    assert found.shape.name == "Tokopedia"
    assert found.problems == []
    bag, bracelet, cancelled = found.lines
    assert bag.line == 6
    assert bracelet.order_id == bag.order_id == "INV/20241102/MPL/3718218426"
    assert (bag.amount, bracelet.amount) == (250_000, 45_000)
    assert cancelled.state is OrderState.CANCELLED
    assert cancelled.ordered_at == datetime(2024, 11, 3, 12, 0)  # a date serial, resaved


def test_bad_cells_are_named_by_line_and_by_the_files_own_column(tmp_path):
    rows = [
        {**SHOPEE_ORDER[0], "Jumlah": "1.000"},
        {**SHOPEE_ORDER[0], "Harga Setelah Diskon": "sembilan puluh ribu"},
        {**SHOPEE_ORDER[0], "Waktu Pesanan Dibuat": "kemarin", "No. Pesanan": ""},
    ]
    found = read_order_file(shopee_xlsx(tmp_path / "Order.all.xlsx", rows))
    assert found.lines == []
    assert found.problems == [
        "Line 2, column Jumlah: '1.000' is not a whole number of pieces",
        "Line 3, column Harga Setelah Diskon: 'sembilan puluh ribu' is not an amount in Rupiah",
        "Line 4, column No. Pesanan: is empty",
        "Line 4, column Waktu Pesanan Dibuat: 'kemarin' is not a date and time",
    ]


def test_a_file_missing_a_needed_column_says_which(tmp_path):
    path = tmp_path / "orders.csv"
    path.write_text("No. Pesanan,Status Pesanan,Jumlah\nA,Selesai,1\n", encoding="utf-8")
    found = read_order_file(path)
    assert found.lines == []
    assert found.problems == [
        "The file has no column waktu pesanan dibuat, nomor referensi sku, nama produk, "
        "harga setelah diskon."
    ]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("stok.csv", "sku,name,price\nA,B,1\n", "not an order export"),
        ("orders.txt", "x", "not a CSV or XLSX file"),
        ("orders.xlsx", "not a workbook", "not an Excel workbook"),
    ],
)
def test_other_files_are_refused_with_a_reason(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(UserError, match=message):
        read_order_file(path)
