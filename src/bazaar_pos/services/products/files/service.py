"""Importing and exporting the product list as CSV or XLSX, with English or Indonesian headers."""

from __future__ import annotations

import enum
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import bindparam, func, insert, select, update
from sqlalchemy.orm import Session

from bazaar_pos.domain.access import Permission
from bazaar_pos.domain.barcodes import is_printable_code
from bazaar_pos.domain.consignment import Commission, CommissionKind, parse_commission
from bazaar_pos.domain.money import Currency, MinorUnits, format_plain
from bazaar_pos.domain.stock import StockReason
from bazaar_pos.domain.text import search_key
from bazaar_pos.domain.variants import (
    Choice,
    OptionAxis,
    choice_key,
    combinations,
    format_axes,
    format_choice,
    parse_axes,
    parse_choice,
)
from bazaar_pos.errors import UserError, ValidationError
from bazaar_pos.exports.csv_io import CsvRow, CsvTable, read_csv, write_csv
from bazaar_pos.exports.xlsx_io import read_xlsx, write_xlsx
from bazaar_pos.i18n import _
from bazaar_pos.services.audit_writer import record_event
from bazaar_pos.services.people.access import Approval, Grant
from bazaar_pos.services.products.files.csv_rules import (
    RowProblems,
    amount_parser,
    require_columns,
    whole_number,
    yes_no,
)
from bazaar_pos.services.products.variants import apply_options
from bazaar_pos.services.settings import SettingsService
from bazaar_pos.services.stock.ledger import BulkMove, record_bulk_movements
from bazaar_pos.services.views import (
    axes_from_json,
    choice_from_json,
    choice_to_json,
    commission_of,
)
from bazaar_pos.store.database import Database, execute_many, stored_value, values_of
from bazaar_pos.store.models import Consignor, Product
from bazaar_pos.store.types import new_uuids, utcnow

REQUIRED_COLUMNS = ("sku", "name", "price")
_EXTRA_COLUMNS = (
    "taxable",
    "low_stock",
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
    "taxable": "kena_pajak",
    "low_stock": "stok_minimum",
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


@dataclass(slots=True)
class ProductRow:
    """One valid product row of an import file; None means "leave as it is"."""

    line: int
    sku: str
    name: str
    price: MinorUnits
    cost: MinorUnits | None = None
    barcode: str | None = None
    category: str | None = None
    stock: int | None = None
    unit: str | None = None
    taxable: bool | None = None
    low_stock: int | None = None
    favourite: bool | None = None
    active: bool | None = None
    one_of_a_kind: bool | None = None
    consignor: str | None = None
    commission: Commission | None = None
    parent_sku: str | None = None
    axes: tuple[OptionAxis, ...] = ()
    choice: Choice = ()
    notes: str | None = None


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


@dataclass(slots=True)
class _Existing:
    """What an import needs to know about a product already in the shop."""

    id: int
    sku: str
    barcode: str | None
    category: str
    stock: int
    cost: MinorUnits
    has_axes: bool
    axes: tuple[OptionAxis, ...]
    one_of_a_kind: bool
    consignor_id: int | None


def read_table(path: Path) -> CsvTable:
    """Read a CSV or XLSX product file, renaming Indonesian and other known headers."""
    path = Path(path)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return read_xlsx(path, HEADER_ALIASES)
    if path.suffix.lower() == ".xls":
        raise UserError(
            _("{path} is an old Excel file (.xls). Save it as .xlsx or CSV first.").format(
                path=path
            )
        )
    return read_csv(path, HEADER_ALIASES)


def parse_product_rows(
    table: CsvTable, cur: Currency, path: object, problems: RowProblems | None = None
) -> list[ProductRow]:
    """Read every row; with ``problems`` given, note bad cells there, else raise ValidationError."""
    require_columns(table, REQUIRED_COLUMNS, path)
    collect = problems if problems is not None else RowProblems()
    reader = _RowReader(table, cur, collect)
    rows = [reader.read(row) for row in table.rows]
    if problems is None:
        collect.raise_if_any(path)
    return rows


class _RowReader:
    """Reads and checks rows one at a time, remembering SKUs and barcodes seen."""

    def __init__(self, table: CsvTable, cur: Currency, problems: RowProblems) -> None:
        self.header = set(table.header)
        self.cur = cur
        self.problems = problems
        self.price = amount_parser(cur, required=True)
        self.cost = amount_parser(cur, required=False)
        self.stock = whole_number(minimum=0)
        self.has_extras = not self.header.isdisjoint(_EXTRA_COLUMNS)
        self.has_category = "category" in self.header
        self.seen_sku: dict[str, int] = {}
        self.seen_barcode: dict[str, int] = {}

    def text(self, row: CsvRow, column: str) -> str | None:
        """A text cell: None when the column is absent (leave as is)."""
        return row.get(column) if column in self.header else None

    def read(self, row: CsvRow) -> ProductRow:
        """Check one row and return what could be read from it (problems in column order)."""
        problems = self.problems
        values = row.values
        sku = (values.get("sku") or "").strip()
        name = (values.get("name") or "").strip()
        barcode = (values.get("barcode") or "").strip()
        self._check_sku(row, sku)
        if barcode:
            self._check_barcode(row, barcode)
        if not name:
            problems.add(row, "name", _("the name is empty"))
        elif len(name) > 200:
            problems.add(row, "name", _("the name is longer than 200 characters"))
        price = problems.check(row, "price", self.price)
        cost = problems.check(row, "cost", self.cost)
        stock = problems.check(row, "stock", self.stock)
        category = (values.get("category") or "").strip() if self.has_category else None
        if category and len(category) > 100:
            problems.add(row, "category", _("the category is longer than 100 characters"))
        unit = (values.get("unit") or "").strip()
        if len(unit) > 20:
            problems.add(row, "unit", _("the unit is longer than 20 characters"))
        product = ProductRow(
            row.line,
            sku,
            name,
            price or 0,
            cost,
            barcode or None,
            category,
            stock,
            unit or None,
            notes=self.text(row, "notes"),
        )
        if self.has_extras:
            self._read_extras(row, product)
        return product

    def _read_extras(self, row: CsvRow, product: ProductRow) -> None:
        """The less common cells, read only when the file has such columns."""
        problems = self.problems
        stock = product.stock
        product.taxable = problems.check(row, "taxable", yes_no)
        product.low_stock = problems.check(row, "low_stock", self.stock)
        product.favourite = problems.check(row, "favourite", yes_no)
        product.active = problems.check(row, "active", yes_no)
        product.one_of_a_kind = problems.check(row, "one_of_a_kind", yes_no)
        if product.one_of_a_kind and stock is not None and stock > 1:
            problems.add(row, "stock", _("a one-of-a-kind piece has a stock of 1 at most"))
        product.consignor = row.get("consignor") or None
        product.commission = problems.check(
            row, "commission", lambda text: parse_commission(text, self.cur)
        )
        if product.commission is not None and not product.consignor:
            problems.add(row, "commission", _("a commission needs a consignor"))
        product.parent_sku = row.get("parent_sku") or None
        if product.parent_sku:
            product.choice = problems.check(row, "options", parse_choice) or ()
            if not product.choice:
                problems.add(row, "options", _("a variant needs its options, like 'Size: M'"))
        else:
            product.axes = problems.check(row, "options", parse_axes) or ()
        if product.axes and stock:
            problems.add(row, "stock", _("stock is kept on each variant, not on the product"))

    def _check_sku(self, row: CsvRow, sku: str) -> None:
        if not sku:
            self.problems.add(row, "sku", _("the SKU is empty"))
        elif len(sku) > 64:
            self.problems.add(row, "sku", _("the SKU is longer than 64 characters"))
        elif sku.lower() in self.seen_sku:
            self.problems.add(
                row,
                "sku",
                _("SKU {sku} repeats line {line}").format(sku=sku, line=self.seen_sku[sku.lower()]),
            )
        else:
            self.seen_sku[sku.lower()] = row.line

    def _check_barcode(self, row: CsvRow, barcode: str) -> None:
        if not is_printable_code(barcode):
            self.problems.add(
                row, "barcode", _("a barcode is up to 48 letters, digits or signs, no spaces")
            )
        elif barcode in self.seen_barcode:
            self.problems.add(
                row,
                "barcode",
                _("barcode {barcode} repeats line {line}").format(
                    barcode=barcode, line=self.seen_barcode[barcode]
                ),
            )
        else:
            self.seen_barcode[barcode] = row.line


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
            problems = tuple(missing.problems) or (missing.message,)
            rows = tuple(
                PreviewRow(r.line, r.get("sku"), r.get("name"), None, None, "", ())
                for r in table.rows
            )
            return ImportPreview(Path(path), rows, problems)
        problems = RowProblems()
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
        rows = parse_product_rows(read_table(path), shop.currency, path)
        with self._db.writing() as session:
            existing = _existing_products(session)
            problems = RowProblems()
            _check_against_shop(rows, existing, problems)
            problems.raise_if_any(path)
            writer = _ImportWriter(session, existing, shop.till_id)
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
    prefix = _("{column}: {problem}").format(column=column, problem="")
    return any(p.startswith(prefix) for p in problems.by_line.get(line, ()))


def _existing_products(session: Session) -> dict[str, _Existing]:
    rows = session.execute(
        select(
            Product.id,
            Product.sku,
            Product.barcode,
            Product.category,
            Product.stock_on_hand,
            Product.cost_minor,
            Product.option_axes,
            Product.one_of_a_kind,
            Product.consignor_id,
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
        )
        for pid, sku, barcode, category, stock, cost, axes, unique, consignor_id in rows
    }


def _check_against_shop(
    rows: list[ProductRow], existing: dict[str, _Existing], problems: RowProblems
) -> None:
    """Problems only the shop's data shows: barcodes taken, variants of unknown products."""
    barcode_owner = {e.barcode: e.sku for e in existing.values() if e.barcode}
    in_file = {r.sku.lower(): r for r in rows}
    for row in rows:
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


NEW_COLUMNS = (
    "uuid",
    "sku",
    "name",
    "barcode",
    "category",
    "price_minor",
    "cost_minor",
    "stock_on_hand",
    "active",
    "created_at",
    "updated_at",
    "favourite",
    "search_key",
    "taxable",
    "unit",
    "photo",
    "low_stock_level",
    "notes",
    "one_of_a_kind",
    "option_axes",
    "option_values",
    "consignor_id",
    "commission_kind",
    "commission_value",
)
"""The columns an import writes for a new product, in the order ``_ImportWriter._new`` gives."""


class _ImportWriter:
    """Writes checked rows in bulk inside the import's transaction."""

    def __init__(self, session: Session, existing: dict[str, _Existing], till_id: str) -> None:
        self.session = session
        self.existing = existing
        self.till_id = till_id
        self.consignor_ids: dict[str, int] = {}
        self.ids: dict[str, int] = {key: e.id for key, e in existing.items()}

    def resolve_consignors(self, rows: list[ProductRow]) -> int:
        """Find the consignors the file names, adding those the shop does not know yet."""
        names = {r.consignor for r in rows if r.consignor}
        if not names:
            return 0
        known = {c.name.lower(): c.id for c in self.session.scalars(select(Consignor))}
        added = 0
        for name in sorted(names):
            if name.lower() not in known:
                consignor = Consignor(name=name, commission_kind="percent", commission_value=0)
                self.session.add(consignor)
                self.session.flush()
                known[name.lower()] = consignor.id
                added += 1
        self.consignor_ids = known
        return added

    def write_products(self, rows: list[ProductRow]) -> None:
        """Insert the new products and update the others, one statement for many rows."""
        products = Product.__table__
        now = utcnow()
        stamp = stored_value(self.session, products.c.created_at, now)
        fresh = [r for r in rows if r.sku.lower() not in self.existing]
        if fresh:
            before = self.session.scalar(select(func.max(Product.id))) or 0
            uuids = new_uuids(len(fresh))
            execute_many(
                self.session,
                insert(products).values(values_of(products, NEW_COLUMNS)),
                [self._new(r, uuid, stamp) for r, uuid in zip(fresh, uuids, strict=True)],
                order=[f"v_{c}" for c in NEW_COLUMNS],
            )
            self._learn_ids(fresh, before)
        groups: dict[tuple[str, ...], list[dict[str, object]]] = {}
        for row in rows:
            if row.sku.lower() in self.existing:
                values = self._changed(row, stamp)
                groups.setdefault(tuple(values), []).append(
                    {f"v_{k}": v for k, v in values.items()}
                )
        for columns, params in groups.items():
            changed = [c for c in columns if c != "id"]
            execute_many(
                self.session,
                update(products)
                .where(products.c.id == bindparam("v_id"))
                .values(values_of(products, changed)),
                params,
            )

    def _learn_ids(self, fresh: list[ProductRow], before: int) -> None:
        """The ids the new products got: SQLite numbers rows inserted together in order."""
        last, count = self.session.execute(
            select(func.max(Product.id), func.count(Product.id)).where(Product.id > before)
        ).one()
        if count == len(fresh) and last == before + len(fresh):
            for offset, row in enumerate(fresh, start=before + 1):
                self.ids[row.sku.lower()] = offset
            return
        created = select(Product.id, Product.sku).where(Product.id > before)
        for pid, sku in self.session.execute(created):
            self.ids[sku.lower()] = pid

    def link_variants(self, rows: list[ProductRow]) -> None:
        """Attach variant rows to their parents and give parents their options."""
        variants = [r for r in rows if r.parent_sku]
        parents = [r for r in rows if r.axes]
        if not variants and not parents:
            return
        for row in variants:
            assert row.parent_sku is not None
            variant = self.session.get(Product, self.ids[row.sku.lower()])
            assert variant is not None
            variant.parent_id = self.ids[row.parent_sku.lower()]
            variant.option_values = choice_to_json(row.choice)
        self.session.flush()
        highest = None
        for row in parents:
            parent = self.session.get(Product, self.ids[row.sku.lower()])
            assert parent is not None
            apply_options(self.session, parent, row.axes, highest)
            highest = _highest_in_session(self.session)
        self.session.flush()

    def set_stock(self, rows: list[ProductRow], *, reference: str) -> int:
        """Record each row's stock in the ledger; return how many products' stock moved.

        New products were inserted holding their stock, so only their ledger
        rows are written; existing ones move from what they hold now.
        """
        opening: list[BulkMove] = []
        moves: list[BulkMove] = []
        for row in rows:
            if row.stock is None:
                continue
            known = self.existing.get(row.sku.lower())
            if known is None:
                if row.stock:
                    product_id = self.ids[row.sku.lower()]
                    opening.append(
                        BulkMove(product_id, row.stock, StockReason.OPENING, row.cost or 0)
                    )
                continue
            if row.stock == known.stock:
                continue
            reason = StockReason.OPENING if not known.stock else StockReason.COUNT
            cost = known.cost if row.cost is None else row.cost
            moves.append(BulkMove(known.id, row.stock - known.stock, reason, cost))
        record_bulk_movements(
            self.session,
            opening,
            till_id=self.till_id,
            reference=reference,
            move_cached_stock=False,
        )
        record_bulk_movements(self.session, moves, till_id=self.till_id, reference=reference)
        return len(opening) + len(moves)

    def _new(self, row: ProductRow, uuid: str, stamp: object) -> tuple[object, ...]:
        """A new product's values in NEW_COLUMNS order; its stock is the file's from the start."""
        category = row.category or ""
        consignor_id = self.consignor_ids[row.consignor.lower()] if row.consignor else None
        commission = row.commission
        return (
            uuid,
            row.sku,
            row.name,
            row.barcode,
            category,
            row.price,
            row.cost or 0,
            row.stock or 0,
            True if row.active is None else row.active,
            stamp,
            stamp,
            bool(row.favourite),
            search_key(row.name, row.sku, row.barcode, category),
            True if row.taxable is None else row.taxable,
            row.unit or "pcs",
            "",
            row.low_stock,
            row.notes or "",
            bool(row.one_of_a_kind),
            "",
            "",
            consignor_id,
            commission.kind.value if commission else "",
            commission.value if commission else 0,
        )

    def _changed(self, row: ProductRow, stamp: object) -> dict[str, object]:
        known = self.existing[row.sku.lower()]
        values: dict[str, object] = {
            "id": known.id,
            "name": row.name,
            "price_minor": row.price,
            "updated_at": stamp,
        }
        optional = {
            "cost_minor": row.cost,
            "barcode": row.barcode,
            "category": row.category,
            "unit": row.unit,
            "taxable": row.taxable,
            "low_stock_level": row.low_stock,
            "favourite": row.favourite,
            "active": row.active,
            "one_of_a_kind": row.one_of_a_kind,
            "notes": row.notes,
        }
        values.update({k: v for k, v in optional.items() if v is not None})
        if row.consignor:
            values["consignor_id"] = self.consignor_ids[row.consignor.lower()]
        if row.commission is not None:
            values["commission_kind"] = row.commission.kind.value
            values["commission_value"] = row.commission.value
        barcode = row.barcode if row.barcode is not None else known.barcode
        category = known.category if row.category is None else row.category
        values["search_key"] = search_key(row.name, known.sku, barcode, category)
        return values


def _highest_in_session(session: Session) -> str | None:
    codes = session.scalars(
        select(Product.barcode)
        .where(Product.barcode.like("20" + "_" * 11))
        .order_by(Product.barcode.desc())
    )
    return next((c for c in codes if c and c.isdigit()), None)


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
            product.stock_on_hand,
            product.unit,
            yes if product.taxable else no,
            "" if product.low_stock_level is None else product.low_stock_level,
            yes if product.favourite else no,
            yes if product.active else no,
            yes if product.one_of_a_kind else no,
            consignors.get(product.consignor_id, "") if product.consignor_id else "",
            commission_text,
            skus.get(product.parent_id, "") if product.parent_id else "",
            options,
            product.notes,
        )
