"""The product fields a column mapping may fill, their names for people, and the shipped presets."""

from __future__ import annotations

from collections.abc import Sequence

from bazaar_pos.domain.column_mapping import ColumnMapping, mapping_problems, match_mapping
from bazaar_pos.i18n import N_
from bazaar_pos.services.column_presets import ColumnPresets
from bazaar_pos.services.products.files.columns import EXPORT_COLUMNS, REQUIRED_COLUMNS

PRESET_KIND = "products"
"""The kind product presets are kept under (services/column_presets.py)."""
FIELDS = EXPORT_COLUMNS
REQUIRED = REQUIRED_COLUMNS
FIELD_LABELS = {
    "sku": N_("SKU"),
    "name": N_("Name"),
    "barcode": N_("Barcode"),
    "category": N_("Category"),
    "price": N_("Price"),
    "cost": N_("Cost"),
    "stock": N_("Stock"),
    "unit": N_("Unit"),
    "plu": N_("PLU"),
    "taxable": N_("Taxable"),
    "low_stock": N_("Low-stock level"),
    "favourite": N_("Favourite"),
    "active": N_("On sale"),
    "one_of_a_kind": N_("One of a kind"),
    "consignor": N_("Consignor"),
    "commission": N_("Commission"),
    "parent_sku": N_("Parent SKU"),
    "options": N_("Options"),
    "notes": N_("Notes"),
}
"""Each field as the mapping table shows it (translated when shown)."""

PRODUCT_PRESETS: dict[str, ColumnMapping] = {
    "Loyverse (Default price)": {
        "SKU": "sku",
        "Name": "name",
        "Category": "category",
        "Default price": "price",
        "Cost": "cost",
        "Barcode": "barcode",
        "In stock": "stock",
        "Low stock": "low_stock",
        "Description": "notes",
    },
    "Square": {
        "SKU": "sku",
        "Item Name": "name",
        "Categories": "category",
        "Category": "category",
        "GTIN": "barcode",
        "Price": "price",
        "Default Unit Cost": "cost",
        "Description": "notes",
    },
    "iPos": {
        "Kode Item": "sku",
        "Barcode": "barcode",
        "Nama Item": "name",
        "Jenis": "category",
        "Satuan": "unit",
        "Harga Pokok": "cost",
        "Harga Jual": "price",
        "Stok awal": "stock",
        "Stok Minimum": "low_stock",
    },
}
"""Presets shipped with the app, from the headers these apps are known to write (see the docs)."""


def fitting_preset(presets: ColumnPresets, headers: Sequence[str]) -> str | None:
    """The preset that reads the most of ``headers`` and finds every required field, if any."""
    best, most = None, 0
    for name in presets.names(PRESET_KIND):
        matched = match_mapping(presets.get(PRESET_KIND, name), headers)
        if len(matched) > most and not mapping_problems(matched, headers, FIELDS, REQUIRED):
            best, most = name, len(matched)
    return best
