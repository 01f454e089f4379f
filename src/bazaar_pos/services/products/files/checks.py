"""Checks of an import's rows that only the shop's data shows: codes taken, units, variants."""

from __future__ import annotations

from bazaar_pos.domain.quantity import PER_UNIT, Unit, plain_quantity
from bazaar_pos.domain.variants import choice_key, combinations, format_choice
from bazaar_pos.i18n import _
from bazaar_pos.services.products.files.csv_rules import RowProblems
from bazaar_pos.services.products.files.reader import ProductRow
from bazaar_pos.services.products.files.writer import _Existing


def check_against_shop(
    rows: list[ProductRow], existing: dict[str, _Existing], problems: RowProblems
) -> None:
    """Problems only the shop's data shows: barcodes taken, variants of unknown products."""
    barcode_owner = {e.barcode: e.sku for e in existing.values() if e.barcode}
    plu_owner = {e.plu: e.sku for e in existing.values() if e.plu}
    in_file = {r.sku.lower(): r for r in rows}
    for row in rows:
        _check_units(row, existing.get(row.sku.lower()), problems)
        owner = plu_owner.get(row.plu or "")
        if owner is not None and owner.lower() != row.sku.lower() and owner.lower() not in in_file:
            problems.add_at(
                row.line,
                "plu",
                _("PLU {plu} already belongs to {sku}").format(plu=row.plu, sku=owner),
            )
        owner = barcode_owner.get(row.barcode or "")
        if owner is not None and owner.lower() != row.sku.lower():
            problems.add_at(
                row.line,
                "barcode",
                _("{barcode} already belongs to {sku}").format(barcode=row.barcode, sku=owner),
            )
        known = existing.get(row.sku.lower())
        if known is not None and row.stock and known.has_axes and not row.axes:
            problems.add_at(
                row.line, "stock", _("stock is kept on each variant, not on the product")
            )
        if row.parent_sku and row.choice:
            _check_variant(row, in_file, existing, problems)


def _check_units(row: ProductRow, known: _Existing | None, problems: RowProblems) -> None:
    """Pieces take whole numbers; a product holding stock keeps its unit."""
    unit = row.unit or (known.unit if known is not None else Unit.PCS)
    if known is not None and row.unit is not None and row.unit is not known.unit and known.stock:
        problems.add_at(
            row.line,
            "unit",
            _("{sku} holds stock in {unit}: bring its stock to 0 before changing the unit").format(
                sku=row.sku, unit=known.unit.value
            ),
        )
    if not unit.counted:
        return
    whole_columns = (
        ("stock", row.stock),
        ("low_stock", row.low_stock),
        ("online_buffer", row.online_buffer),
    )
    for column, value in whole_columns:
        if value is not None and value % PER_UNIT:
            problems.add_at(
                row.line,
                column,
                _("{quantity} is not whole pieces: the product is sold by the piece").format(
                    quantity=plain_quantity(value)
                ),
            )


def _check_variant(
    row: ProductRow,
    in_file: dict[str, ProductRow],
    existing: dict[str, _Existing],
    problems: RowProblems,
) -> None:
    parent_key = row.parent_sku.lower() if row.parent_sku else ""
    parent_row = in_file.get(parent_key)
    parent = existing.get(parent_key)
    if parent_key == row.sku.lower():
        problems.add_at(row.line, "parent_sku", _("a product cannot be its own variant"))
        return
    if parent_row is None and parent is None:
        problems.add_at(
            row.line,
            "parent_sku",
            _("no product has SKU {sku}").format(sku=row.parent_sku),
        )
        return
    if parent_row is not None and parent_row.parent_sku:
        problems.add_at(row.line, "parent_sku", _("a variant cannot have variants of its own"))
        return
    axes = parent_row.axes if parent_row is not None and parent_row.axes else ()
    if not axes and parent is not None:
        axes = parent.axes
    if not axes:
        problems.add_at(
            row.line,
            "parent_sku",
            _("{sku} has no options; give it options like 'Size: S, M'").format(sku=row.parent_sku),
        )
    elif choice_key(row.choice) not in {choice_key(c) for c in combinations(axes)}:
        problems.add_at(
            row.line,
            "options",
            _("{choice} is not one of the options of {sku}").format(
                choice=format_choice(row.choice), sku=row.parent_sku
            ),
        )
