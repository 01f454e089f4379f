"""Importing and exporting the product list as CSV or XLSX, with English or Indonesian headers."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from bazaar_pos.domain.access import Permission
from bazaar_pos.domain.consignment import CommissionKind
from bazaar_pos.domain.money import Currency, MinorUnits, format_plain
from bazaar_pos.domain.quantity import PER_UNIT, Unit, plain_quantity, quantity_decimal, unit_of
from bazaar_pos.domain.variants import (
    choice_key,
    combinations,
    format_axes,
    format_choice,
)
from bazaar_pos.errors import ValidationError
from bazaar_pos.exports.csv_io import write_csv
from bazaar_pos.exports.xlsx_io import write_xlsx
from bazaar_pos.i18n import _
from bazaar_pos.services.audit_writer import record_event
from bazaar_pos.services.people.access import Approval, Grant
from bazaar_pos.services.products.files.columns import (
    EXPORT_COLUMNS,
    INDONESIAN_COLUMNS,
    REQUIRED_COLUMNS,
    HeaderLanguage,
)
from bazaar_pos.services.products.files.csv_rules import (
    RowProblems,
    require_columns,
)
from bazaar_pos.services.products.files.reader import ProductRow, parse_product_rows, read_table
from bazaar_pos.services.products.files.writer import _Existing, _ImportWriter
from bazaar_pos.services.settings import SettingsService
from bazaar_pos.services.views import (
    axes_from_json,
    choice_from_json,
    commission_of,
)
from bazaar_pos.store.database import Database
from bazaar_pos.store.models import Consignor, Product


@dataclass(frozen=True, slots=True)
class ProductImportSummary:
    """What an import did (or, for a dry run, would do)."""

    created: int
    updated: int
    stock_set: int
    dry_run: bool
    consignors_added: int = 0


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


@dataclass(frozen=True, slots=True)
class ImportPreview:
    """A file checked against the shop: every row, what it would do, and what is wrong."""

    path: Path
    rows: tuple[PreviewRow, ...]
    problems: tuple[str, ...]
    """Every problem, each naming its line and column; none means the file can be imported."""

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


class _DryRunDone(Exception):
    """Raised inside the import transaction to roll a dry run back."""

    def __init__(self, summary: ProductImportSummary) -> None:
        super().__init__()
        self.summary = summary


class ProductFileService:
    """Imports products from CSV or XLSX (updating existing SKUs) and exports them."""

    def __init__(self, db: Database, settings: SettingsService) -> None:
        """Import into and export from ``db``."""
        self._db = db
        self._settings = settings

    def preview(self, path: Path) -> ImportPreview:
        """Check a file against the shop without changing anything: every row and its problems.

        Raises UserError only when the file cannot be read at all.
        """
        cur = self._settings.load().currency
        table = read_table(path)
        try:
            require_columns(table, REQUIRED_COLUMNS, path)
        except ValidationError as missing:
            unread = tuple(
                PreviewRow(r.line, r.get("sku"), r.get("name"), None, None, "", ())
                for r in table.rows
            )
            return ImportPreview(Path(path), unread, tuple(missing.problems) or (missing.message,))
        problems = RowProblems(table.spelled)
        rows = parse_product_rows(table, cur, path, problems)
        with self._db.reading() as session:
            existing = _existing_products(session)
            _check_against_shop(rows, existing, problems)
        preview_rows = tuple(
            PreviewRow(
                line=r.line,
                sku=r.sku,
                name=r.name,
                price=None if _bad(problems, r.line, "price") else r.price,
                stock=None if _bad(problems, r.line, "stock") else r.stock,
                action="update" if r.sku.lower() in existing else "create",
                problems=tuple(problems.by_line.get(r.line, ())),
            )
            for r in rows
        )
        return ImportPreview(Path(path), preview_rows, tuple(problems.messages))

    def import_file(
        self, path: Path, *, dry_run: bool = False, approval: Approval | None = None
    ) -> ProductImportSummary:
        """Import a CSV or XLSX file whole, or change nothing and raise ValidationError.

        Rows update the product with the same SKU or add a new one; empty
        cells leave a value as it is. A stock cell sets the stock on hand
        through the ledger (an opening or count movement). With ``dry_run``
        every check runs and the summary is returned, but nothing is kept.
        An import sets prices and stock, so a cashier needs an owner's ``approval``.
        """
        needed = (Permission.CHANGE_PRICE, Permission.ADJUST_STOCK)
        with self._settings.access.permit(*needed, approval=approval) as grant:
            try:
                return self._import(path, dry_run=dry_run, grant=grant)
            except _DryRunDone as done:
                return done.summary

    def import_csv(
        self, path: Path, *, dry_run: bool = False, approval: Approval | None = None
    ) -> ProductImportSummary:
        """Import a product file (CSV, or XLSX by its extension); see :meth:`import_file`."""
        return self.import_file(path, dry_run=dry_run, approval=approval)

    def export_file(
        self,
        path: Path,
        *,
        headers: HeaderLanguage = HeaderLanguage.ENGLISH,
        approval: Approval | None = None,
    ) -> int:
        """Write every product with its stock on hand now, as CSV or XLSX by the file's extension.

        Returns how many products were written. The file imports back as it is.
        It carries costs, so exporting is an owner's job; a cashier needs an
        owner's ``approval``.
        """
        shop = self._settings.load()
        names = list(EXPORT_COLUMNS)
        if headers is HeaderLanguage.INDONESIAN:
            names = [INDONESIAN_COLUMNS[c] for c in EXPORT_COLUMNS]
        with (
            self._settings.access.permit(Permission.EXPORT, approval=approval),
            self._db.reading() as session,
        ):
            rows = _export_rows(session, shop.currency, headers)
            if Path(path).suffix.lower() == ".xlsx":
                return write_xlsx(path, names, rows, title=_("Products"))
            return write_csv(path, names, rows)

    def export_csv(
        self,
        path: Path,
        *,
        headers: HeaderLanguage = HeaderLanguage.ENGLISH,
        approval: Approval | None = None,
    ) -> int:
        """Export the product list; see :meth:`export_file`."""
        return self.export_file(path, headers=headers, approval=approval)

    def _import(self, path: Path, *, dry_run: bool, grant: Grant) -> ProductImportSummary:
        shop = self._settings.load()
        table = read_table(path)
        rows = parse_product_rows(table, shop.currency, path)
        with self._db.writing() as session:
            existing = _existing_products(session)
            problems = RowProblems(table.spelled)
            _check_against_shop(rows, existing, problems)
            problems.raise_if_any(path)
            writer = _ImportWriter(session, existing, shop.till_id, shop.internal_prefix)
            consignors_added = writer.resolve_consignors(rows)
            writer.write_products(rows)
            writer.link_variants(rows)
            stock_set = writer.set_stock(rows, reference=f"import:{Path(path).name}")
            created = sum(r.sku.lower() not in existing for r in rows)
            summary = ProductImportSummary(
                created, len(rows) - created, stock_set, dry_run, consignors_added
            )
            record_event(
                session,
                "products.imported",
                actor=grant.actor.name,
                entity="file",
                entity_ref=Path(path).name,
                details={"created": created, "updated": summary.updated, "stock_set": stock_set}
                | grant.details(),
            )
            if dry_run:
                raise _DryRunDone(summary)
        return summary


def _bad(problems: RowProblems, line: int, column: str) -> bool:
    """True when the cell in ``column`` of ``line`` has a problem."""
    prefix = _("{column}: {problem}").format(column=problems.column_name(column), problem="")
    return any(p.startswith(prefix) for p in problems.by_line.get(line, ()))


def _existing_products(session: Session) -> dict[str, _Existing]:
    rows = session.execute(
        select(
            Product.id,
            Product.sku,
            Product.barcode,
            Product.category,
            Product.stock_milli,
            Product.cost_minor,
            Product.option_axes,
            Product.one_of_a_kind,
            Product.consignor_id,
            Product.unit,
            Product.plu,
        )
    )
    return {
        sku.lower(): _Existing(
            id=pid,
            sku=sku,
            barcode=barcode,
            category=category,
            stock=stock,
            cost=cost,
            has_axes=bool(axes),
            axes=axes_from_json(axes) if axes else (),
            one_of_a_kind=unique,
            consignor_id=consignor_id,
            unit=unit_of(unit),
            plu=plu,
        )
        for pid, sku, barcode, category, stock, cost, axes, unique, consignor_id, unit, plu in rows
    }


def _check_against_shop(
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
    for column, value in (("stock", row.stock), ("low_stock", row.low_stock)):
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


def _export_rows(
    session: Session, cur: Currency, headers: HeaderLanguage
) -> Iterator[tuple[object, ...]]:
    yes, no = ("ya", "tidak") if headers is HeaderLanguage.INDONESIAN else ("yes", "no")
    consignors = {cid: name for cid, name in session.execute(select(Consignor.id, Consignor.name))}
    skus = {pid: sku for pid, sku in session.execute(select(Product.id, Product.sku))}
    for product in session.scalars(select(Product).order_by(Product.sku)):
        commission = commission_of(product.commission_kind, product.commission_value)
        commission_text = ""
        if commission is not None and commission.kind is CommissionKind.FIXED:
            commission_text = format_plain(commission.value, cur)
        elif commission is not None:
            commission_text = commission.describe(cur)
        options = ""
        if product.option_axes:
            options = format_axes(axes_from_json(product.option_axes))
        elif product.option_values:
            options = format_choice(choice_from_json(product.option_values))
        yield (
            product.sku,
            product.name,
            product.barcode or "",
            product.category,
            cur.to_decimal(product.price_minor),
            cur.to_decimal(product.cost_minor),
            quantity_decimal(product.stock_milli),
            product.unit,
            product.plu or "",
            yes if product.taxable else no,
            "" if product.low_stock_milli is None else quantity_decimal(product.low_stock_milli),
            (
                ""
                if product.online_buffer_milli is None
                else quantity_decimal(product.online_buffer_milli)
            ),
            yes if product.favourite else no,
            yes if product.active else no,
            yes if product.one_of_a_kind else no,
            consignors.get(product.consignor_id, "") if product.consignor_id else "",
            commission_text,
            skus.get(product.parent_id, "") if product.parent_id else "",
            options,
            product.notes,
        )
