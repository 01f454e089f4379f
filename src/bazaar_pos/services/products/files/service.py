"""Importing and exporting the product list as CSV or XLSX, with English or Indonesian headers."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from bazaar_pos.domain.access import Permission
from bazaar_pos.domain.column_mapping import ColumnMapping, guess_mapping, match_mapping
from bazaar_pos.domain.consignment import CommissionKind
from bazaar_pos.domain.money import Currency, format_plain
from bazaar_pos.domain.quantity import quantity_decimal, unit_of
from bazaar_pos.domain.variants import (
    format_axes,
    format_choice,
)
from bazaar_pos.errors import ValidationError
from bazaar_pos.exports.csv_io import write_csv
from bazaar_pos.exports.xlsx_io import write_xlsx
from bazaar_pos.i18n import _
from bazaar_pos.services.audit_writer import record_event
from bazaar_pos.services.column_presets import ColumnPresets, read_mapping_file
from bazaar_pos.services.people.access import Approval, Grant
from bazaar_pos.services.products.files.checks import check_against_shop
from bazaar_pos.services.products.files.columns import (
    EXPORT_COLUMNS,
    HEADER_ALIASES,
    INDONESIAN_COLUMNS,
    REQUIRED_COLUMNS,
    HeaderLanguage,
)
from bazaar_pos.services.products.files.csv_rules import (
    RowProblems,
    require_columns,
)
from bazaar_pos.services.products.files.presets import (
    FIELD_LABELS,
    PRESET_KIND,
    PRODUCT_PRESETS,
    fitting_preset,
)
from bazaar_pos.services.products.files.previews import (
    ImportPreview,
    PreviewRow,
    preview_rows,
    unread_rows,
)
from bazaar_pos.services.products.files.reader import parse_product_rows
from bazaar_pos.services.products.files.sources import FileShape, ProductSource, open_source
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


__all__ = ["ImportPreview", "PreviewRow", "ProductFileService", "ProductImportSummary"]


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

    def preview(
        self, path: Path, *, store: str | None = None, mapping: ColumnMapping | None = None
    ) -> ImportPreview:
        """Check a file against the shop without changing anything: every row and its problems.

        A Loyverse export with several stores is read for ``store`` (the first
        when none is given); a file of other columns is read through
        ``mapping``, or a preset that fits it. Raises UserError only when the
        file cannot be read at all.
        """
        cur = self._settings.load().currency
        source, preset = self._source(path, store=store, mapping=mapping, any_store=True)
        base = ImportPreview(
            Path(path),
            (),
            (),
            source.shape,
            source.headers,
            source.stores,
            source.store,
            source.mapping,
            preset,
        )
        if source.shape is FileShape.UNKNOWN:
            guess = guess_mapping(source.headers, {**HEADER_ALIASES, **_field_names()})
            base = replace(base, mapping=guess)
            if not _has_own_columns(source):
                problem = _("The columns are not recognised: map each one onto a product field.")
                return replace(base, rows=unread_rows(source), problems=(problem,))
        if source.errors:
            return replace(base, rows=unread_rows(source), problems=tuple(source.errors))
        try:
            require_columns(source.table, REQUIRED_COLUMNS, path)
        except ValidationError as missing:
            lacking = tuple(missing.problems) or (missing.message,)
            return replace(base, rows=unread_rows(source), problems=lacking)
        problems = _problems_of(source)
        rows = parse_product_rows(
            source.table, cur, path, problems, decimal_point=source.decimal_point
        )
        with self._db.reading() as session:
            existing = _existing_products(session)
            check_against_shop(rows, existing, problems)
        shown = preview_rows(rows, existing, problems, source)
        return replace(base, rows=shown, problems=tuple(problems.messages))

    def _source(
        self,
        path: Path,
        *,
        store: str | None,
        mapping: ColumnMapping | None,
        any_store: bool = False,
    ) -> tuple[ProductSource, str | None]:
        """The file read in the app's columns, and the preset that fitted it, if one did."""
        source = open_source(path, store=store, mapping=mapping, any_store=any_store)
        if source.shape is not FileShape.UNKNOWN:
            return source, None
        preset = fitting_preset(self.presets, source.headers)
        if preset is None:
            return source, None
        mapping = self.presets.get(PRESET_KIND, preset)
        return open_source(path, mapping=match_mapping(mapping, source.headers)), preset

    @property
    def presets(self) -> ColumnPresets:
        """The product files' column presets, shipped and saved."""
        return ColumnPresets(self._db, {PRESET_KIND: PRODUCT_PRESETS})

    def mapping_named(self, text: str) -> ColumnMapping:
        """A preset by its name, or a mapping file (``header,field`` rows) by its path."""
        path = Path(text)
        if path.is_file() or path.suffix.lower() == ".csv":
            return read_mapping_file(path)
        return self.presets.get(PRESET_KIND, text)

    def import_file(
        self,
        path: Path,
        *,
        dry_run: bool = False,
        approval: Approval | None = None,
        store: str | None = None,
        mapping: ColumnMapping | None = None,
    ) -> ProductImportSummary:
        """Import a CSV or XLSX file whole, or change nothing and raise ValidationError.

        Rows update the product with the same SKU or add a new one; empty
        cells leave a value as it is. A stock cell sets the stock on hand
        through the ledger (an opening or count movement). With ``dry_run``
        every check runs and the summary is returned, but nothing is kept.
        An import sets prices and stock, so a cashier needs an owner's ``approval``.
        A Loyverse export with several stores needs ``store``; a file of other
        columns needs ``mapping`` (or a preset that fits it), else
        UnrecognisedColumns.
        """
        needed = (Permission.CHANGE_PRICE, Permission.ADJUST_STOCK)
        with self._settings.access.permit(*needed, approval=approval) as grant:
            source, _preset = self._source(path, store=store, mapping=mapping)
            if source.shape is FileShape.UNKNOWN:
                missing = [c for c in REQUIRED_COLUMNS if c not in source.table.header]
                raise UnrecognisedColumns(path, source.headers, missing)
            try:
                return self._import(path, source, dry_run=dry_run, grant=grant)
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

    def _import(
        self, path: Path, source: ProductSource, *, dry_run: bool, grant: Grant
    ) -> ProductImportSummary:
        shop = self._settings.load()
        if source.errors:
            raise ValidationError(
                _("{path} cannot be read with this mapping.").format(path=path), source.errors
            )
        require_columns(source.table, REQUIRED_COLUMNS, path)
        problems = _problems_of(source)
        rows = parse_product_rows(
            source.table, shop.currency, path, problems, decimal_point=source.decimal_point
        )
        problems.raise_if_any(path)
        with self._db.writing() as session:
            existing = _existing_products(session)
            problems = RowProblems(source.table.spelled)
            check_against_shop(rows, existing, problems)
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


class UnrecognisedColumns(ValidationError):
    """A file whose columns are neither the app's, nor Loyverse's, nor a preset's."""

    def __init__(self, path: Path, headers: tuple[str, ...], missing: list[str]) -> None:
        """Say which headers ``path`` has, and which of the app's ``missing``."""
        super().__init__(
            _("The columns of {path} are not recognised: {headers}.").format(
                path=path, headers=", ".join(headers)
            ),
            [_("Missing column: {column}").format(column=c) for c in missing],
        )
        self.headers = headers


def _has_own_columns(source: ProductSource) -> bool:
    """True when a file has some of the app's required columns: it lacks the others."""
    return any(c in source.table.header for c in REQUIRED_COLUMNS)


def _problems_of(source: ProductSource) -> RowProblems:
    """A RowProblems naming columns as the file does, holding what reading its shape found."""
    problems = RowProblems(source.table.spelled)
    for line, column, problem in source.problems:
        problems.add_at(line, column, problem)
    return problems


def _field_names() -> dict[str, str]:
    """Each field's name for people, in English and in the language shown, as an alias."""
    return {
        **{label: name for name, label in FIELD_LABELS.items()},
        **{_(label): name for name, label in FIELD_LABELS.items()},
    }


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
            Product.name,
            Product.price_minor,
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
            name=name,
            price=price,
        )
        for (
            pid,
            sku,
            barcode,
            category,
            stock,
            cost,
            axes,
            unique,
            consignor_id,
            unit,
            plu,
            name,
            price,
        ) in rows
    }


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
