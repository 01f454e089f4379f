"""Order exports in the shapes Shopee, TikTok Shop, Tokopedia and Lazada give sellers, made up.

The headers are the marketplaces' own, in their order; the rows are invented
(no real buyer, order or shop). Each writer takes rows as dicts by header and
fills the other columns with what such a file carries, money written as the
marketplace writes it.
"""

from __future__ import annotations

import csv
import re
import zipfile
from collections.abc import Iterable, Mapping
from pathlib import Path

from openpyxl import Workbook

SHOPEE_HEADERS = [
    "No. Pesanan",
    "Tipe Pesanan",
    "Status Pesanan",
    "Alasan Pembatalan",
    "Status Pembatalan/ Pengembalian",
    "No. Resi",
    "Opsi Pengiriman",
    "Antar ke counter/ pick-up",
    "Pesanan Harus Dikirimkan Sebelum (Menghindari keterlambatan)",
    "Waktu Pengiriman Diatur",
    "Waktu Pesanan Dibuat",
    "Waktu Pembayaran Dilakukan",
    "Metode Pembayaran",
    "SKU Induk",
    "Nama Produk",
    "Nomor Referensi SKU",
    "Nama Variasi",
    "Harga Awal",
    "Harga Setelah Diskon",
    "Jumlah",
    "Returned quantity",
    "Subtotal Pesanan",
    "Total Diskon",
    "Diskon Dari Penjual",
    "Diskon Dari Shopee",
    "Berat Produk",
    "Jumlah Produk di Pesan",
    "Total Berat",
    "Voucher Ditanggung Penjual",
    "Cashback Koin",
    "Voucher Ditanggung Shopee",
    "Paket Diskon",
    "Paket Diskon (Diskon dari Shopee)",
    "Paket Diskon (Diskon dari Penjual)",
    "Potongan Koin Shopee",
    "Diskon Kartu Kredit",
    "Ongkos Kirim Dibayar oleh Pembeli",
    "Estimasi Potongan Biaya Pengiriman",
    "Ongkos Kirim Pengembalian Barang",
    "Total Pembayaran",
    "Perkiraan Ongkos Kirim",
    "Catatan dari Pembeli",
    "Catatan",
    "Username (Pembeli)",
    "Nama Penerima",
    "No. Telepon",
    "Alamat Pengiriman",
    "Kota/Kabupaten",
    "Provinsi",
    "Waktu Pesanan Selesai",
]

TIKTOK_HEADERS = [
    "Order ID",
    "Order Status",
    "Order Substatus",
    "Cancelation/Return Type",
    "Normal or Pre-order",
    "SKU ID",
    "Seller SKU",
    "Product Name",
    "Variation",
    "Quantity",
    "Sku Quantity of return",
    "SKU Unit Original Price",
    "SKU Subtotal Before Discount",
    "SKU Platform Discount",
    "SKU Seller Discount",
    "SKU Subtotal After Discount",
    "Shipping Fee After Discount",
    "Original Shipping Fee",
    "Shipping Fee Seller Discount",
    "Shipping Fee Platform Discount",
    "Distance Shipping Fee",
    "Distance Fee",
    "Order Refund Amount",
    "Payment platform discount",
    "Buyer Service Fee",
    "Handling Fee",
    "Shipping Insurance",
    "Item Insurance",
    "Order Amount",
    "Created Time",
    "Paid Time",
    "RTS Time",
    "Shipped Time",
    "Delivered Time",
    "Cancelled Time",
    "Cancel By",
    "Cancel Reason",
    "Fulfillment Type",
    "Warehouse Name",
    "Tracking ID",
    "Delivery Option",
    "Shipping Provider Name",
    "Buyer Message",
    "Buyer Username",
    "Recipient",
    "Phone #",
    "Zipcode",
    "Country",
    "Province",
    "Regency and City",
    "Districts",
    "Villages",
    "Detail Address",
    "Additional address information",
    "Payment Method",
    "Weight(kg)",
    "Product Category",
    "Package ID",
    "Purchase Channel",
    "Seller Note",
    "Checked Status",
    "Checked Marked by",
    "Tokopedia Invoice Number",
]

TOKOPEDIA_HEADERS = [
    "Nomor",
    "Nomor Invoice",
    "Tanggal Pembayaran",
    "Status Terakhir",
    "Tanggal Pesanan Selesai",
    "Waktu Pesanan Selesai",
    "Tanggal Pesanan Dibatalkan",
    "Waktu Pesanan Dibatalkan",
    "Nama Produk",
    "Tipe Produk",
    "Nomor SKU",
    "Catatan Produk Pembeli",
    "Catatan Produk Penjual",
    "Jumlah Produk Dibeli",
    "Harga Awal (IDR)",
    "Harga Satuan Bundling (IDR)",
    "Diskon Produk (IDR)",
    "Harga Jual (IDR)",
    "Jumlah Subsidi Tokopedia (IDR)",
    "Nilai Kupon Toko Terpakai (IDR)",
    "Jenis Kupon Toko Terpakai",
    "Kode Kupon Toko Yang Digunakan",
    "Biaya Pengiriman Tunai (IDR)",
    "Biaya Asuransi Pengiriman (IDR)",
    "Total Biaya Pengiriman (IDR)",
    "Total Penjualan (IDR)",
    "Nama Pembeli",
    "No Telp Pembeli",
    "Nama Penerima",
    "No Telp Penerima",
    "Alamat Pengiriman",
    "Kota",
    "Provinsi",
    "Nama Kurir",
    "Tipe Pengiriman (regular, same day, etc)",
    "No Resi / Kode Booking",
    "Tanggal Pengiriman Barang",
    "Waktu Pengiriman Barang",
    "Gudang Pengiriman",
    "Nama Campaign",
    "Nama Bundling",
    "Tipe Bebas Ongkir (Bebas Ongkir, Bebas Ongkir DT)",
    "COD",
    "Jumlah Produk Yang Dikurangkan",
    "Total Pengurangan (IDR)",
    "Nama Penawaran Terpakai",
    "Tingkatan Promosi Terpakai",
    "Diskon Penawaran Terpakai (IDR)",
]


LAZADA_HEADERS = [
    "orderItemId",
    "orderType",
    "Guarantee",
    "deliveryType",
    "lazadaId",
    "sellerSku",
    "lazadaSku",
    "wareHouse",
    "createTime",
    "updateTime",
    "rtsSla",
    "ttsSla",
    "orderNumber",
    "invoiceRequired",
    "invoiceNumber",
    "deliveredDate",
    "customerName",
    "customerEmail",
    "nationalRegistrationNumber",
    "shippingName",
    "shippingAddress",
    "shippingAddress2",
    "shippingAddress3",
    "shippingAddress4",
    "shippingAddress5",
    "shippingPhone",
    "shippingPhone2",
    "shippingCity",
    "shippingPostCode",
    "shippingCountry",
    "shippingRegion",
    "billingName",
    "billingAddr",
    "billingAddr2",
    "billingAddr3",
    "billingAddr4",
    "billingAddr5",
    "billingPhone",
    "billingPhone2",
    "billingCity",
    "billingPostCode",
    "billingCountry",
    "taxCode",
    "branchNumber",
    "taxInvoiceRequested",
    "payMethod",
    "paidPrice",
    "unitPrice",
    "sellerDiscountTotal",
    "platformDiscountTotal",
    "shippingFee",
    "walletCredit",
    "itemName",
    "variation",
    "cdShippingProvider",
    "shippingProvider",
    "shipmentTypeName",
    "shippingProviderType",
    "cdTrackingCode",
    "trackingCode",
    "trackingUrl",
    "shippingProviderFM",
    "trackingCodeFM",
    "trackingUrlFM",
    "promisedShippingTime",
    "premium",
    "status",
    "buyerFailedDeliveryReturnInitiator",
    "buyerFailedDeliveryReason",
    "buyerFailedDeliveryDetail",
    "buyerFailedDeliveryUserName",
    "bundleId",
    "semiManaged",
    "flexibleDeliveryTime",
    "bundleDiscount",
    "refundAmount",
    "sellerNote",
]


def _table(headers: list[str], rows: Iterable[Mapping[str, object]]) -> list[list[object]]:
    for row in rows:
        unknown = set(row) - set(headers)
        assert not unknown, f"not a header of this file: {unknown}"
    return [[row.get(h, "") for h in headers] for row in rows]


def shopee_xlsx(path: Path, rows: Iterable[Mapping[str, object]]) -> Path:
    """``Order.all.…xlsx``: sheet ``orders``, the header in row 1."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "orders"
    sheet.append(SHOPEE_HEADERS)
    for values in _table(SHOPEE_HEADERS, rows):
        sheet.append(values)
    book.save(path)
    return path


TIKTOK_DESCRIPTIONS = {
    "Order ID": "Platform unique order ID.",
    "Order Status": "Current order status.",
    "Seller SKU": "SKU ID set by the seller.",
    "Quantity": "SKU sold quantity in the order.",
    "Created Time": "Order creation time.",
}


def tiktok_rows(rows: Iterable[Mapping[str, object]]) -> list[list[object]]:
    """The header, TikTok's description row, then the data rows."""
    described = [TIKTOK_DESCRIPTIONS.get(h, "") for h in TIKTOK_HEADERS]
    return [list(TIKTOK_HEADERS), described, *_table(TIKTOK_HEADERS, rows)]


def tiktok_xlsx(path: Path, rows: Iterable[Mapping[str, object]]) -> Path:
    """``OrderSKUList`` as a workbook."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "OrderSKUList"
    for values in tiktok_rows(rows):
        sheet.append(values)
    book.save(path)
    return path


def tiktok_csv(path: Path, rows: Iterable[Mapping[str, object]]) -> Path:
    """``OrderSKUList`` as CSV with a byte-order mark and TikTok's trailing tabs in cells."""
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        for number, values in enumerate(tiktok_rows(rows)):
            writer.writerow(values if number < 2 else [f"{v}\t" if v else v for v in values])
    return path


def tokopedia_xlsx(path: Path, rows: Iterable[Mapping[str, object]]) -> Path:
    """"Laporan Penjualan": a preamble, a blank row, the header in row 5."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Laporan Penjualan"
    sheet.append(["Nama Toko:", "Toko Contoh Kriya"])
    sheet.append(["Tanggal:", "01-11-2024 - 30-11-2024"])
    sheet.append(["Tanggal Penarikan Laporan:", "01-12-2024 08:00:00"])
    sheet.append([])
    sheet.append(TOKOPEDIA_HEADERS)
    for values in _table(TOKOPEDIA_HEADERS, rows):
        sheet.append(values)
    book.create_sheet("Terminologi Laporan Penjualan").append(["Istilah", "Arti"])
    book.save(path)
    return path


def lazada_rows(rows: Iterable[Mapping[str, object]]) -> list[list[object]]:
    """The 77 headers, then one row per unit, each with its own ``orderItemId``."""
    table = [list(LAZADA_HEADERS)]
    for number, values in enumerate(_table(LAZADA_HEADERS, rows), start=1):
        item = LAZADA_HEADERS.index("orderItemId")
        values[item] = values[item] or str(400_000_000_000_000 + number)
        table.append(values)
    return table


def lazada_xlsx(path: Path, rows: Iterable[Mapping[str, object]]) -> Path:
    """Lazada's order export as a workbook (sheet ``sheet1``), the header in row 1."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "sheet1"
    for values in lazada_rows(rows):
        sheet.append(values)
    book.save(path)
    return path


def lazada_csv(path: Path, rows: Iterable[Mapping[str, object]]) -> Path:
    """Lazada's order export as CSV."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(lazada_rows(rows))
    return path


def break_row_layout(path: Path) -> Path:
    """Rewrite a workbook so that every cell sits in a ``<row>`` element of its own.

    Some real exports look like this: a read-only reader then sees each row's
    first cell only.
    """
    with zipfile.ZipFile(path) as book:
        parts = {name: book.read(name) for name in book.namelist()}
    sheet_name = "xl/worksheets/sheet1.xml"
    xml = parts[sheet_name].decode()

    def split_row(match: re.Match[str]) -> str:
        opening, cells = match.group(1), match.group(2)
        row = re.search(r'r="(\d+)"', opening)
        assert row
        each = re.findall(r"<c [^>]*?(?:/>|>.*?</c>)", cells, flags=re.S)
        return "".join(f'<row r="{row.group(1)}">{cell}</row>' for cell in each)

    parts[sheet_name] = re.sub(r"(<row [^>]*>)(.*?)</row>", split_row, xml, flags=re.S).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as book:
        for name, data in parts.items():
            book.writestr(name, data)
    return path
