"""A product file's shape (the app's own, Loyverse, mapped) and its rows in the app's columns."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from bazaar_pos.domain.column_mapping import (
    ColumnMapping,
    header_key,
    mapping_problems,
)
from bazaar_pos.errors import UserError
from bazaar_pos.exports.csv_io import CsvRow, CsvTable
from bazaar_pos.i18n import _
from bazaar_pos.services.products.files import loyverse
from bazaar_pos.services.products.files.presets import FIELDS, REQUIRED
from bazaar_pos.services.products.files.reader import read_table


class FileShape(enum.StrEnum):
    """How a product file's columns were understood."""

    BAZAAR = "bazaar"
    """The app's own columns (English, Indonesian or a known alias)."""
    LOYVERSE = "loyverse"
    MAPPED = "mapped"
    """Read through a column mapping (a preset or the person's own)."""
    UNKNOWN = "unknown"
    """Not recognised: it needs a mapping."""


@dataclass(slots=True)
class ProductSource:
    """A file's rows in the app's columns, with what was found on the way."""

    shape: FileShape
    table: CsvTable
    headers: tuple[str, ...]
    """The file's own header cells, as it spells them."""
    stores: tuple[str, ...] = ()
    store: str | None = None
    mapping: ColumnMapping = field(default_factory=dict)
    decimal_point: bool = False
    problems: list[tuple[int, str, str]] = field(default_factory=list)
    """(line, column as spelled, problem) found before the rows are read."""
    notes: dict[int, list[str]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    """What keeps the whole file from being read (a mapping that does not fit it)."""


def open_source(
    path: Path,
    *,
    store: str | None = None,
    mapping: Mapping[str, str] | None = None,
    any_store: bool = False,
) -> ProductSource:
    """Read ``path`` and work out its shape; with ``mapping`` given, read it through that.

    A Loyverse export with several stores needs ``store``; UserError lists
    them otherwise, unless ``any_store`` (a preview) lets the first be taken.
    """
    table = read_table(path)
    headers = tuple(table.spelled.get(c, c) for c in table.header)
    if store is not None and (mapping is not None or not loyverse.is_loyverse(table)):
        raise UserError(
            _("{path} is not a Loyverse export: it has no stores to choose from.").format(
                path=path
            )
        )
    if mapping is not None:
        return _mapped(table, headers, mapping)
    if all(c in table.header for c in REQUIRED):
        return ProductSource(FileShape.BAZAAR, table, headers)
    if loyverse.is_loyverse(table):
        stores = loyverse.stores_of(table)
        if store is None and any_store and stores:
            store = stores[0]
        chosen = loyverse.pick_store(stores, store)
        done = loyverse.translate(table, chosen)
        return ProductSource(
            FileShape.LOYVERSE,
            done.table,
            headers,
            stores,
            chosen,
            decimal_point=True,
            problems=done.problems,
            notes=done.notes,
        )
    return ProductSource(FileShape.UNKNOWN, table, headers)


def _mapped(
    table: CsvTable, headers: tuple[str, ...], mapping: Mapping[str, str]
) -> ProductSource:
    """The table with its columns renamed as ``mapping`` says; what is wrong with it as errors."""
    wanted = {header_key(h): f for h, f in mapping.items() if f}
    renames: dict[str, str] = {}
    for column in table.header:
        target = wanted.get(header_key(table.spelled.get(column, column)))
        if target is not None and target not in renames.values():
            renames[column] = target
    rows = tuple(
        CsvRow(row.line, {renames[c]: v for c, v in row.values.items() if c in renames})
        for row in table.rows
    )
    spelled = {field: table.spelled.get(column, column) for column, field in renames.items()}
    renamed = CsvTable(tuple(renames.values()), rows, spelled)
    errors = mapping_problems(mapping, headers, FIELDS, REQUIRED)
    return ProductSource(
        FileShape.MAPPED, renamed, headers, mapping=dict(mapping), errors=errors
    )
