"""Importing and exporting the product list as CSV."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from bazaar_pos.domain.access import Permission
from bazaar_pos.domain.money import Currency, MinorUnits, format_plain
from bazaar_pos.domain.stock import StockReason
from bazaar_pos.errors import ValidationError
from bazaar_pos.exports.csv_io import CsvTable, read_csv, write_csv
from bazaar_pos.i18n import _
from bazaar_pos.services.access import Approval
from bazaar_pos.services.audit import record_event
from bazaar_pos.services.csv_rules import RowProblems, amount_parser, require_columns, whole_number
from bazaar_pos.services.settings import SettingsService
from bazaar_pos.services.stock import record_movement
from bazaar_pos.store.database import Database
from bazaar_pos.store.models import Product

REQUIRED_COLUMNS = ("sku", "name", "price")
EXPORT_COLUMNS = ("sku", "name", "barcode", "category", "price", "cost", "stock")
INDONESIAN_HEADERS = {
    "kode": "sku",
    "nama": "name",
    "kategori": "category",
    "harga": "price",
    "modal": "cost",
    "stok": "stock",
}


@dataclass(frozen=True, slots=True)
class ProductRow:
    """One valid product row of an import file."""

    line: int
    sku: str
    name: str
    price: MinorUnits
    cost: MinorUnits | None
    barcode: str | None
    category: str | None
    stock: int | None


class _DryRunDone(Exception):
    """Raised inside the import transaction to roll a dry run back."""

    def __init__(self, summary: ProductImportSummary) -> None:
        super().__init__()
        self.summary = summary


@dataclass(frozen=True, slots=True)
class ProductImportSummary:
    """What an import did (or, for a dry run, would do)."""

    created: int
    updated: int
    stock_set: int
    dry_run: bool


def parse_product_rows(table: CsvTable, cur: Currency, path: object) -> list[ProductRow]:
    """Validate every row; raise ValidationError listing each bad cell if any is bad."""
    require_columns(table, REQUIRED_COLUMNS, path)
    problems = RowProblems()
    price = amount_parser(cur, required=True)
    cost = amount_parser(cur, required=False)
    stock = whole_number(minimum=0)
    seen_sku: dict[str, int] = {}
    seen_barcode: dict[str, int] = {}
    rows = []
    for row in table.rows:
        sku, name, barcode = row.get("sku"), row.get("name"), row.get("barcode")
        if not sku:
            problems.add(row, "sku", _("the SKU is empty"))
        elif sku.lower() in seen_sku:
            problems.add(
                row,
                "sku",
                _("SKU {sku} repeats line {line}").format(sku=sku, line=seen_sku[sku.lower()]),
            )
        else:
            seen_sku[sku.lower()] = row.line
        if barcode and barcode in seen_barcode:
            problems.add(
                row,
                "barcode",
                _("barcode {barcode} repeats line {line}").format(
                    barcode=barcode, line=seen_barcode[barcode]
                ),
            )
        elif barcode:
            seen_barcode[barcode] = row.line
        if not name:
            problems.add(row, "name", _("the name is empty"))
        values = (
            problems.check(row, "price", price),
            problems.check(row, "cost", cost),
            problems.check(row, "stock", stock),
        )
        rows.append(
            ProductRow(
                row.line,
                sku,
                name,
                values[0] or 0,
                values[1],
                barcode or None,
                row.get("category") if "category" in table.header else None,
                values[2],
            )
        )
    problems.raise_if_any(path)
    return rows


class ProductFileService:
    """Imports products from CSV (updating existing SKUs) and exports them."""

    def __init__(self, db: Database, settings: SettingsService) -> None:
        """Import into and export from ``db``."""
        self._db = db
        self._settings = settings

    def import_csv(
        self, path: Path, *, dry_run: bool = False, approval: Approval | None = None
    ) -> ProductImportSummary:
        """Import ``path`` whole, or change nothing and raise ValidationError.

        With ``dry_run`` every check runs and the summary is returned, but the
        transaction is rolled back. An import sets prices and stock, so a
        cashier needs an owner's ``approval``.
        """
        needed = (Permission.CHANGE_PRICE, Permission.ADJUST_STOCK)
        with self._settings.access.permit(*needed, approval=approval) as grant:
            try:
                return self._import(path, dry_run=dry_run, actor=grant.actor.name)
            except _DryRunDone as done:
                return done.summary

    def _import(self, path: Path, *, dry_run: bool, actor: str) -> ProductImportSummary:
        shop = self._settings.load()
        rows = parse_product_rows(read_csv(path, INDONESIAN_HEADERS), shop.currency, path)
        with self._db.writing() as session:
            all_products = session.scalars(select(Product)).all()
            existing = {p.sku.lower(): p for p in all_products}
            barcode_owner = {p.barcode: p.sku for p in all_products if p.barcode}
            problems = [
                _("Line {line}, column barcode: {barcode} already belongs to {sku}").format(
                    line=r.line, barcode=r.barcode, sku=barcode_owner[r.barcode]
                )
                for r in rows
                if r.barcode in barcode_owner and barcode_owner[r.barcode].lower() != r.sku.lower()
            ]
            if problems:
                raise ValidationError(
                    _("{path} was not imported: nothing was changed.").format(path=path), problems
                )
            created = updated = stock_set = 0
            for row in rows:
                product = existing.get(row.sku.lower())
                if product is None:
                    product = Product(sku=row.sku, stock_on_hand=0, category="", cost_minor=0)
                    session.add(product)
                    created += 1
                else:
                    updated += 1
                product.name, product.price_minor = row.name, row.price
                if row.cost is not None:
                    product.cost_minor = row.cost
                if row.barcode is not None:
                    product.barcode = row.barcode
                if row.category is not None:
                    product.category = row.category
                if row.stock is not None and row.stock != product.stock_on_hand:
                    session.flush()
                    reason = StockReason.OPENING if not product.stock_on_hand else StockReason.COUNT
                    record_movement(
                        session,
                        product,
                        row.stock - product.stock_on_hand,
                        reason,
                        till_id=shop.till_id,
                        reference=f"import:{Path(path).name}",
                        unit_cost=product.cost_minor,
                    )
                    stock_set += 1
            record_event(
                session,
                "products.imported",
                actor=actor,
                entity="file",
                entity_ref=Path(path).name,
                details={"created": created, "updated": updated, "stock_set": stock_set},
            )
            summary = ProductImportSummary(created, updated, stock_set, dry_run)
            if dry_run:
                raise _DryRunDone(summary)
        return summary

    def export_csv(self, path: Path, *, approval: Approval | None = None) -> int:
        """Write every product with its stock on hand now; return how many.

        The file carries costs, so exporting is an owner's job; a cashier needs
        an owner's ``approval``.
        """
        cur = self._settings.load().currency
        with (
            self._settings.access.permit(Permission.EXPORT, approval=approval),
            self._db.reading() as session,
        ):
            products = session.scalars(select(Product).order_by(Product.sku)).all()
            return write_csv(path, EXPORT_COLUMNS, (_export_row(p, cur) for p in products))


def _export_row(product: Product, cur: Currency) -> tuple[object, ...]:
    return (
        product.sku,
        product.name,
        product.barcode or "",
        product.category,
        format_plain(product.price_minor, cur),
        format_plain(product.cost_minor, cur),
        product.stock_on_hand,
    )
