"""The product file's columns: their English names, Indonesian headers and other known aliases."""

from __future__ import annotations

import enum

REQUIRED_COLUMNS = ("sku", "name", "price")
_EXTRA_COLUMNS = (
    "taxable",
    "low_stock",
    "online_buffer",
    "favourite",
    "active",
    "one_of_a_kind",
    "consignor",
    "commission",
    "parent_sku",
    "options",
)
"""The less common columns: a row's cells there are read only when the file has one of them."""
EXPORT_COLUMNS = (
    "sku",
    "name",
    "barcode",
    "category",
    "price",
    "cost",
    "stock",
    "unit",
    "plu",
    *_EXTRA_COLUMNS,
    "notes",
)
INDONESIAN_COLUMNS = {
    "sku": "kode",
    "name": "nama",
    "barcode": "barcode",
    "category": "kategori",
    "price": "harga",
    "cost": "modal",
    "stock": "stok",
    "unit": "satuan",
    "plu": "plu",
    "taxable": "kena_pajak",
    "low_stock": "stok_minimum",
    "online_buffer": "tahan_dari_online",
    "favourite": "favorit",
    "active": "aktif",
    "one_of_a_kind": "unik",
    "consignor": "penitip",
    "commission": "komisi",
    "parent_sku": "kode_induk",
    "options": "opsi",
    "notes": "catatan",
}
_MORE_ALIASES = {
    "pajak": "taxable",
    "favorite": "favourite",
    "induk": "parent_sku",
    "varian": "options",
    "keterangan": "notes",
    "low_stock_level": "low_stock",
    "one-of-a-kind": "one_of_a_kind",
    "kode_barang": "sku",
    "nama_barang": "name",
    "harga_jual": "price",
    "harga_modal": "cost",
}


def _aliases() -> dict[str, str]:
    aliases = {id_name: en for en, id_name in INDONESIAN_COLUMNS.items() if id_name != en}
    aliases.update(_MORE_ALIASES)
    for name in [*aliases, *EXPORT_COLUMNS]:
        target = aliases.get(name, name)
        aliases[name.replace("_", " ")] = target
    return aliases


HEADER_ALIASES = _aliases()
INDONESIAN_HEADERS = HEADER_ALIASES  # the name earlier versions used


class HeaderLanguage(enum.StrEnum):
    """The language of an exported file's header row."""

    ENGLISH = "en"
    INDONESIAN = "id"
