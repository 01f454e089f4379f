"""Product exports of other POS apps, written in their real shapes with made-up goods."""

from __future__ import annotations

from pathlib import Path

LOYVERSE_ITEM_COLUMNS = (
    "Handle,SKU,Name,Category,Description,Sold by weight,Option 1 name,Option 1 value,"
    "Option 2 name,Option 2 value,Option 3 name,Option 3 value,Cost,Barcode,"
    "SKU of included item,Quantity of included item,Track stock"
)
"""The columns of a Loyverse items export before the per-store ones."""
STORE_COLUMNS = (
    "Available for sale [{store}],Price [{store}],In stock [{store}],Low stock [{store}]"
)

LOYVERSE_ROWS = (
    # Handle, SKU, Name, Category, Description, Sold by weight, options 1-3 (name, value),
    # Cost, Barcode, included SKU and quantity, Track stock, then per store: sale, price,
    # stock, low stock (Toko Jogja, then Pasar Solo)
    "kaos-lurik,KL-S-MRH,Kaos Lurik,Pakaian,Kaos katun tenun,N,Ukuran,S,Warna,Merah,,,"
    "45000.00,8991234567001,,,Y,Y,95000.00,12,2,Y,99000.00,5,1",
    "kaos-lurik,KL-M-BRU,Kaos Lurik,Pakaian,,N,Ukuran,M,Warna,Biru,,,"
    "45000.00,8991234567002,,,Y,Y,95000.00,7,2,N,99000.00,0,1",
    "kopi-toraja,KOPI-TRJ,Kopi Bubuk Toraja,Minuman,,Y,,,,,,,"
    "120000.00,,,,Y,Y,180000.00,2.5,0.500,Y,185000.00,1.25,0.5",
    "jasa-jahit,JAHIT,Jasa Jahit,Jasa,Ongkos jahit sesuai ukuran,N,,,,,,,"
    ",,,,N,Y,variable,,,Y,,,",
    "tas-anyam,TAS-1,Tas Anyam Pandan,Tas,,N,,,,,,,"
    "60000.00,8991234567003,,,Y,Y,,4,,N,150000.00,0,",
)
"""Two items with options (variants of one handle), one by weight, one at an open price."""


def loyverse_text(
    stores: tuple[str, ...] = ("Toko Jogja", "Pasar Solo"), rows: tuple[str, ...] = LOYVERSE_ROWS
) -> str:
    """An items export's text: the header with per-store columns, then ``rows``."""
    per_store = ",".join(STORE_COLUMNS.format(store=s) for s in stores)
    return "\n".join([f"{LOYVERSE_ITEM_COLUMNS},{per_store}", *rows]) + "\n"


def write_loyverse(folder: Path, text: str | None = None, name: str = "export_items.csv") -> Path:
    """Write an items export as Loyverse does: UTF-8 with a byte-order mark."""
    path = folder / name
    path.write_text("\ufeff" + (text if text is not None else loyverse_text()), encoding="utf-8")
    return path


IPOS_TEXT = (
    "Kode Item,Barcode,Nama Item,Jenis,Merek,Satuan,Harga Pokok,Harga Jual,Stok awal,"
    "Stok Minimum,Tipe Item\n"
    "BRG-001,8992000000011,Gula Aren Cetak,Sembako,Aren Asli,KG,20000,28.000,12,2,Barang\n"
    "BRG-002,,Keripik Tempe,Camilan,Bu Sri,PCS,8.500,12.000,30,5,Barang\n"
)
"""An iPos 5 item sheet saved as CSV: Indonesian money with a point between thousands."""

SQUARE_TEXT = (
    "Token,Item Name,Variation Name,SKU,Description,Categories,GTIN,Price,"
    "Default Unit Cost,Current Quantity Bazar Minggu,Stock Alert Count Bazar Minggu\n"
    "ABC123,Batik Tulis,Regular,BTK-01,Motif parang,Kain,,350000.00,200000.00,3,1\n"
    "ABC124,Selendang,Regular,SLD-01,,Kain,8993000000012,125000.00,,6,\n"
)
"""A Square item library export (with a location's stock columns)."""
