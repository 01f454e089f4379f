"""What an import preview holds: each row, what it would do, every problem with its line."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from bazaar_pos.domain.column_mapping import ColumnMapping
from bazaar_pos.domain.money import MinorUnits
from bazaar_pos.domain.quantity import Unit
from bazaar_pos.domain.variants import combinations, format_axes
from bazaar_pos.i18n import _, ngettext
from bazaar_pos.services.products.files.csv_rules import RowProblems
from bazaar_pos.services.products.files.reader import ProductRow
from bazaar_pos.services.products.files.sources import FileShape, ProductSource
from bazaar_pos.services.products.files.writer import _Existing


@dataclass(frozen=True, slots=True)
class PreviewRow:
    """One row of a file as the import preview shows it."""

    line: int
    sku: str
    name: str
    price: MinorUnits | None
    stock: int | None
    action: str
    """``create``, ``update`` or "" when the row cannot be read."""
    problems: tuple[str, ...]
    notes: tuple[str, ...] = ()
    """What else the row does that a person should know (an open price, a variant)."""
    unit: Unit | None = None
    """The unit the file gives the product (None: as it is, or pieces for a new one)."""
    changes: tuple[str, ...] = ()
    """For an update, the fields whose value it changes (``price``, ``stock``, ...)."""


@dataclass(frozen=True, slots=True)
class ImportPreview:
    """A file checked against the shop: every row, what it would do, and what is wrong."""

    path: Path
    rows: tuple[PreviewRow, ...]
    problems: tuple[str, ...]
    """Every problem, each naming its line and column; none means the file can be imported."""
    shape: FileShape = FileShape.BAZAAR
    headers: tuple[str, ...] = ()
    """The file's own header cells, for a column mapping."""
    stores: tuple[str, ...] = ()
    """A Loyverse export's stores; ``store`` is the one read."""
    store: str | None = None
    mapping: ColumnMapping = field(default_factory=dict)
    """The mapping read with (or, for an unknown file, a first guess at one)."""
    preset: str | None = None
    """The preset the file was recognised by, if any."""

    @property
    def ok(self) -> bool:
        """True when the file can be imported."""
        return not self.problems

    @property
    def created(self) -> int:
        """How many products the file would add."""
        return sum(r.action == "create" for r in self.rows)

    @property
    def updated(self) -> int:
        """How many products the file would change."""
        return sum(r.action == "update" for r in self.rows)


def preview_rows(
    rows: list[ProductRow],
    existing: Mapping[str, _Existing],
    problems: RowProblems,
    source: ProductSource,
) -> tuple[PreviewRow, ...]:
    """Each read row as the preview shows it, with its problems and notes."""
    variants: dict[str, int] = {}
    for row in rows:
        if row.parent_sku:
            variants[row.parent_sku.lower()] = variants.get(row.parent_sku.lower(), 0) + 1
    return tuple(
        PreviewRow(
            line=r.line,
            sku=r.sku,
            name=r.name,
            price=None if _bad(problems, r.line, "price") else r.price,
            stock=None if _bad(problems, r.line, "stock") else r.stock,
            action="update" if r.sku.lower() in existing else "create",
            problems=tuple(problems.by_line.get(r.line, ())),
            notes=_notes(r, source, r.sku.lower() in existing, variants.get(r.sku.lower(), 0)),
            unit=r.unit,
            changes=_changes(r, existing[r.sku.lower()]) if r.sku.lower() in existing else (),
        )
        for r in rows
    )


def _changes(row: ProductRow, known: _Existing) -> tuple[str, ...]:
    """The fields an update changes; an empty cell leaves its field as it is."""
    given = {
        "name": (row.name, known.name),
        "price": (row.price, known.price),
        "cost": (row.cost, known.cost),
        "stock": (row.stock, known.stock),
        "barcode": (row.barcode, known.barcode),
        "category": (row.category, known.category),
        "unit": (row.unit, known.unit),
    }
    return tuple(f for f, (new, old) in given.items() if new is not None and new != old)


def unread_rows(source: ProductSource) -> tuple[PreviewRow, ...]:
    """The rows of a file whose columns could not be read, by line only."""
    return tuple(
        PreviewRow(r.line, r.get("sku"), r.get("name"), None, None, "", ())
        for r in source.table.rows
    )


def _notes(row: ProductRow, source: ProductSource, known: bool, variants: int) -> tuple[str, ...]:
    """A product with options says them; a Loyverse parent shares its line with a variant."""
    notes = []
    if row.axes:
        notes.append(_("options {options}").format(options=format_axes(row.axes)))
        more = len(combinations(row.axes)) - variants
        if not known and more > 0:
            notes.append(
                ngettext(
                    "{count} more combination made, with no stock",
                    "{count} more combinations made, with no stock",
                    more,
                ).format(count=more)
            )
    else:
        notes.extend(source.notes.get(row.line, ()))
    if row.parent_sku:
        notes.append(_("variant of {sku}").format(sku=row.parent_sku))
    if row.unit is not None and not row.unit.counted:
        notes.append(_("priced per {unit}").format(unit=row.unit.value))
    return tuple(notes)


def _bad(problems: RowProblems, line: int, column: str) -> bool:
    """True when the cell in ``column`` of ``line`` has a problem."""
    prefix = _("{column}: {problem}").format(column=problems.column_name(column), problem="")
    return any(p.startswith(prefix) for p in problems.by_line.get(line, ()))
