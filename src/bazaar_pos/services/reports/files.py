"""Report files: the sales summary PDF, sale lines as CSV or XLSX, the Z report, turnover."""

from __future__ import annotations

import enum
import heapq
from collections.abc import Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Select, case, func, select

from bazaar_pos.domain.access import Permission
from bazaar_pos.domain.money import Currency, MinorUnits, format_plain
from bazaar_pos.domain.periods import Period
from bazaar_pos.domain.quantity import Unit, plain_quantity, quantity_decimal, unit_of
from bazaar_pos.exports.csv_io import write_csv
from bazaar_pos.exports.xlsx_io import write_xlsx
from bazaar_pos.exports.zreport_text import WIDTHS, zreport_lines
from bazaar_pos.i18n import _, current_language
from bazaar_pos.progress import Progress, quiet
from bazaar_pos.services.customers.accounts import AccountService
from bazaar_pos.services.customers.files import receivables_paper
from bazaar_pos.services.people.access import Approval
from bazaar_pos.services.printer.service import PrinterService
from bazaar_pos.services.reports.queries import till_names, within
from bazaar_pos.services.reports.service import ReportService
from bazaar_pos.services.reports.turnover import TurnoverService
from bazaar_pos.services.reports.zreport import ZReportService
from bazaar_pos.services.settings import SettingsService
from bazaar_pos.store.database import Database
from bazaar_pos.store.models import (
    Payment,
    Product,
    Refund,
    RefundLine,
    RefundPayment,
    Sale,
    SaleLine,
)
from bazaar_pos.store.quantities import share_of

if TYPE_CHECKING:  # ReportLab loads only when a PDF is written
    from bazaar_pos.exports.receivables_pdf import Receivables

LINE_COLUMNS = (
    "sale_number",
    "datetime",
    "sku",
    "name",
    "qty",
    "unit_price",
    "discount",
    "line_total",
    "payment_method",
    "channel",
    "tax",
    "category",
    "cashier",
    "till",
    "unit",
)
"""The columns of a sale lines export; the first ten are the ones every file has.

``qty`` is in ``unit`` (pcs, kg, g, m, cm or l), with a point before any decimals."""
LINE_WIDTHS = (12, 20, 16, 36, 8, 12, 10, 12, 14, 10, 10, 16, 14, 8, 6)
TURNOVER_COLUMNS = (
    "year",
    "month",
    "gross_sales",
    "discounts",
    "refunds",
    "gross_turnover",
    "year_to_date",
    "est_tax_individual",
    "est_tax_business",
)
STREAM_BATCH = 5000
RECEIPT_WIDTHS = WIDTHS
"""Receipt widths the Z report can be laid out for: 32 columns (58 mm), 48 (80 mm)."""


class FileFormat(enum.StrEnum):
    """The kinds of report file."""

    PDF = "pdf"
    CSV = "csv"
    XLSX = "xlsx"


@dataclass(frozen=True, slots=True)
class WrittenFile:
    """A report file written: where, and how many pages (PDF) or rows (CSV, XLSX)."""

    path: Path
    format: FileFormat
    count: int


@dataclass(frozen=True, slots=True)
class _LineRow:
    """One sale line with its sale's details, as the export files show it."""

    number: str
    at: datetime
    sku: str
    name: str
    quantity_milli: int
    unit_price: MinorUnits
    discount: MinorUnits
    total: MinorUnits
    methods: str
    channel: str
    tax: MinorUnits
    category: str
    cashier: str
    till: str
    unit: Unit


class ReportFileService:
    """Writes report files; each appears whole at its path or not at all."""

    def __init__(
        self,
        db: Database,
        settings: SettingsService,
        reports: ReportService,
        printer: PrinterService,
        turnover: TurnoverService | None = None,
        zreports: ZReportService | None = None,
    ) -> None:
        """Write files about ``db`` with the figures of ``reports``; print on ``printer``."""
        self._db = db
        self._printer = printer
        self._settings = settings
        self._reports = reports
        self._turnover = turnover or TurnoverService(db, settings, reports.zone)
        self._zreports = zreports or ZReportService(db, settings, reports.zone)

    def write(
        self,
        period: Period,
        path: Path,
        file_format: FileFormat,
        *,
        approval: Approval | None = None,
        progress: Progress | None = None,
    ) -> WrittenFile:
        """Write the report of ``period`` to ``path`` in ``file_format``.

        ``progress`` hears each stage; a cancel leaves no file (nor half a file).
        """
        if file_format is FileFormat.PDF:
            return self.write_summary_pdf(period, path, approval=approval, progress=progress)
        return self.write_sale_lines(
            period, path, file_format, approval=approval, progress=progress
        )

    def write_summary_pdf(
        self,
        period: Period,
        path: Path,
        *,
        approval: Approval | None = None,
        progress: Progress | None = None,
    ) -> WrittenFile:
        """The sales summary of ``period`` with the year's UMKM turnover up to its last day.

        ``progress`` hears the stages (reading the sales, the year, writing each
        page); a cancel stops at the next of them and leaves no file.
        """
        with self._exporting(approval, Permission.VIEW_COST):
            return self._write_summary_pdf(period, path, approval, progress or quiet())

    def _write_summary_pdf(
        self, period: Period, path: Path, approval: Approval | None, progress: Progress
    ) -> WrittenFile:
        progress.begin(_("Reading sales"))
        report = self._reports.summary(period, approval=approval)
        progress.begin(_("Adding up the year's turnover"))
        turnover = self._turnover.year(period.last.year, period.last)
        progress.begin(_("Reading what customers owe"))
        receivables = self._receivables()
        from bazaar_pos.exports.pdf_summary import write_sales_summary  # ReportLab, when needed

        progress.begin(_("Writing pages"))
        pages = write_sales_summary(
            path, report, turnover, current_language(), receivables, progress=progress
        )
        return WrittenFile(Path(path), FileFormat.PDF, pages)

    def _receivables(self) -> Receivables | None:
        """What customers owe today, by age, for the summary (no phone numbers), if anything."""
        zone = self._reports.zone
        accounts = AccountService(self._db, self._settings, self._settings.access, zone)
        today = self._reports.today()
        found = accounts.receivables(today)
        if not found:
            return None
        return receivables_paper(found, self._settings.load(), today, zone, phones=False)

    def write_sale_lines(
        self,
        period: Period,
        path: Path,
        file_format: FileFormat,
        *,
        approval: Approval | None = None,
        progress: Progress | None = None,
    ) -> WrittenFile:
        """One row per sale line of ``period``, amounts as plain numbers.

        ``progress`` hears each line written; a cancel leaves no file.
        """
        with self._exporting(approval):
            return self._write_sale_lines(period, path, file_format, progress or quiet())

    def _write_sale_lines(
        self, period: Period, path: Path, file_format: FileFormat, progress: Progress
    ) -> WrittenFile:
        settings = self._settings.load()
        cur = settings.currency
        progress.begin(_("Reading sales"))
        total = self._line_count(period)
        progress.begin(_("Writing sale lines"), total)
        if file_format is FileFormat.CSV:
            count = write_csv(path, LINE_COLUMNS, self._csv_rows(period, cur, progress))
        else:
            count = write_xlsx(
                path,
                LINE_COLUMNS,
                self._xlsx_rows(period, cur, progress),
                title="sale lines",
                widths=LINE_WIDTHS,
            )
        return WrittenFile(Path(path), file_format, count)

    def write_zreport_pdf(
        self, day: date, path: Path, *, approval: Approval | None = None
    ) -> WrittenFile:
        """The Z report of ``day`` at this till as PDF."""
        from bazaar_pos.exports.pdf_zreport import write_zreport_pdf  # ReportLab, when needed

        with self._exporting(approval):
            pages = write_zreport_pdf(path, self._zreports.build(day), current_language())
        return WrittenFile(Path(path), FileFormat.PDF, pages)

    def _exporting(
        self, approval: Approval | None, *also: Permission
    ) -> AbstractContextManager[object]:
        """Files carry takings (the summary also costs): writing one is an owner's job."""
        return self._settings.access.permit(Permission.EXPORT, *also, approval=approval)

    def zreport_text(self, day: date, width: int = 32) -> list[str]:
        """The Z report of ``day`` as lines for a ``width``-column receipt printer."""
        return zreport_lines(self._zreports.build(day), width, current_language())

    def print_zreport(self, day: date, width: int | None = None) -> list[str]:
        """Print the Z report of ``day`` on the receipt printer and return the lines printed.

        ``width`` defaults to the printer's line (32, 42 or 48 columns). Raises a
        PrinterError (a UserError) naming the problem when it cannot print.
        """
        lines = self.zreport_text(day, width or self._printer.settings().columns)
        self._printer.print_text(lines)
        return lines

    def write_turnover_csv(
        self, year: int, path: Path, *, approval: Approval | None = None
    ) -> WrittenFile:
        """The UMKM turnover of ``year`` month by month, with the estimated final tax."""
        with self._exporting(approval):
            return self._write_turnover_csv(year, path)

    def _write_turnover_csv(self, year: int, path: Path) -> WrittenFile:
        turnover = self._turnover.year(year)
        cur = self._settings.load().currency
        rows = [
            [
                year,
                e.month.month,
                format_plain(e.month.gross, cur),
                format_plain(e.month.discounts, cur),
                format_plain(e.month.refunds, cur),
                format_plain(e.month.turnover, cur),
                format_plain(e.year_to_date, cur),
                format_plain(e.tax_individual, cur),
                format_plain(e.tax_business, cur),
            ]
            for e in turnover.estimates()
        ]
        count = write_csv(path, TURNOVER_COLUMNS, rows)
        return WrittenFile(Path(path), FileFormat.CSV, count)

    # -- sale lines ----------------------------------------------------------------------

    def _lines(self, period: Period) -> Iterator[_LineRow]:
        """Every line of the period's sales, and of its refunds and voids, in time order.

        A line given back is a row of its own under the refund's (or void's)
        number, with negative quantity, discount, total and tax, so the rows
        add up to the report's net sales, items sold and tax.
        """
        return heapq.merge(self._sold(period), self._given_back(period), key=lambda r: r.at)

    def _line_count(self, period: Period) -> int:
        """How many rows the period's sale lines export has."""
        with self._db.reading() as session:
            return sum(
                session.scalar(query.with_only_columns(func.count()).order_by(None)) or 0
                for query in (self._sold_query(period), self._given_back_query(period))
            )

    def _given_back_query(self, period: Period) -> Select[Any]:
        """The lines of refunds and voids made in the period, with their sale's details."""
        start, end = period.utc_range(self._reports.zone)
        methods = (
            select(func.aggregate_strings(RefundPayment.method, "+"))
            .where(RefundPayment.refund_id == Refund.id)
            .scalar_subquery()
        )
        added_tax = case((Sale.tax_inclusive, 0), else_=RefundLine.tax_minor)
        amount = RefundLine.amount_minor - added_tax
        query = (
            select(
                Refund.number,
                Refund.created_at,
                SaleLine.sku,
                SaleLine.name,
                RefundLine.quantity_milli,
                SaleLine.unit_price_minor,
                share_of(
                    SaleLine.line_total_minor + SaleLine.discount_minor,
                    RefundLine.quantity_milli,
                    SaleLine.quantity_milli,
                )
                - amount,
                amount,
                methods,
                Sale.channel,
                RefundLine.tax_minor,
                Product.category,
                Refund.cashier,
                Refund.till_id,
                SaleLine.unit,
            )
            .select_from(Refund)
            .join(RefundLine, RefundLine.refund_id == Refund.id)
            .join(SaleLine, SaleLine.id == RefundLine.sale_line_id)
            .join(Sale, Sale.id == Refund.sale_id)
            .outerjoin(Product, Product.id == SaleLine.product_id)
            .where(Refund.created_at >= start, Refund.created_at < end)
            .order_by(Refund.created_at, Refund.id, RefundLine.id)
            .execution_options(yield_per=STREAM_BATCH)
        )
        return query

    def _given_back(self, period: Period) -> Iterator[_LineRow]:
        """The lines of refunds and voids made in the period, streamed in batches."""
        settings = self._settings.load()
        zone = self._reports.zone
        query = self._given_back_query(period)
        with self._db.reading() as session:
            codes = {till_id: name.code for till_id, name in till_names(session, settings).items()}
            for row in session.execute(query):
                number, created, sku, name, quantity, price, discount, total = row[:8]
                paid_by, channel, tax, category, cashier, till_id, unit = row[8:]
                yield _LineRow(
                    number=number,
                    at=created.astimezone(zone).replace(tzinfo=None),
                    sku=sku,
                    name=name,
                    quantity_milli=-quantity,
                    unit_price=price,
                    discount=-discount,
                    total=-total,
                    methods="+".join(sorted(set((paid_by or "").split("+")) - {""})),
                    channel=channel,
                    tax=-tax,
                    category=category or "",
                    cashier=cashier,
                    till=codes.get(till_id, till_id[:8]),
                    unit=unit_of(unit),
                )

    def _sold_query(self, period: Period) -> Select[Any]:
        """Every line of the period's sales with its sale's details, in time order."""
        start, end = period.utc_range(self._reports.zone)
        methods = (
            select(func.aggregate_strings(Payment.method, "+"))
            .where(Payment.sale_id == Sale.id)
            .scalar_subquery()
        )
        query = (
            within(
                select(
                    Sale.number,
                    Sale.created_at,
                    SaleLine.sku,
                    SaleLine.name,
                    SaleLine.quantity_milli,
                    SaleLine.unit_price_minor,
                    SaleLine.discount_minor,
                    SaleLine.line_total_minor,
                    methods,
                    Sale.channel,
                    SaleLine.tax_minor,
                    Product.category,
                    Sale.cashier,
                    Sale.till_id,
                    SaleLine.unit,
                )
                .select_from(Sale)
                .join(SaleLine, SaleLine.sale_id == Sale.id)
                .outerjoin(Product, Product.id == SaleLine.product_id),
                start,
                end,
            )
            .order_by(Sale.created_at, Sale.id, SaleLine.position)
            .execution_options(yield_per=STREAM_BATCH)
        )
        return query

    def _sold(self, period: Period) -> Iterator[_LineRow]:
        """Every line of the period's sales with its sale's details, streamed in batches."""
        settings = self._settings.load()
        zone = self._reports.zone
        query = self._sold_query(period)
        with self._db.reading() as session:
            codes = {till_id: name.code for till_id, name in till_names(session, settings).items()}
            for (
                number,
                created,
                sku,
                name,
                quantity,
                unit_price,
                discount,
                total,
                paid_by,
                channel,
                tax,
                category,
                cashier,
                till_id,
                unit,
            ) in session.execute(query):
                yield _LineRow(
                    number=number,
                    at=created.astimezone(zone).replace(tzinfo=None),
                    sku=sku,
                    name=name,
                    quantity_milli=quantity,
                    unit_price=unit_price,
                    discount=discount,
                    total=total,
                    methods="+".join(sorted(set((paid_by or "").split("+")) - {""})),
                    channel=channel,
                    tax=tax,
                    category=category or "",
                    cashier=cashier,
                    till=codes.get(till_id, till_id[:8]),
                    unit=unit_of(unit),
                )

    def _csv_rows(
        self, period: Period, cur: Currency, progress: Progress
    ) -> Iterator[list[object]]:
        for line in self._lines(period):
            progress.advance()
            yield [
                line.number,
                line.at.isoformat(sep=" ", timespec="seconds"),
                line.sku,
                line.name,
                plain_quantity(line.quantity_milli),
                format_plain(line.unit_price, cur),
                format_plain(line.discount, cur),
                format_plain(line.total, cur),
                line.methods,
                line.channel,
                format_plain(line.tax, cur),
                line.category,
                line.cashier,
                line.till,
                line.unit.value,
            ]

    def _xlsx_rows(
        self, period: Period, cur: Currency, progress: Progress
    ) -> Iterator[list[object]]:
        for line in self._lines(period):
            progress.advance()
            yield [
                line.number,
                line.at,
                line.sku,
                line.name,
                quantity_decimal(line.quantity_milli),
                cur.to_decimal(line.unit_price),
                cur.to_decimal(line.discount),
                cur.to_decimal(line.total),
                line.methods,
                line.channel,
                cur.to_decimal(line.tax),
                line.category,
                line.cashier,
                line.till,
                line.unit.value,
            ]
