"""The Reports screen's files: the summary PDF, sale lines, UMKM turnover, kasbon, till bundles."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QWidget

from bazaar_pos.domain.access import Permission
from bazaar_pos.domain.periods import Period
from bazaar_pos.i18n import _
from bazaar_pos.progress import Progress
from bazaar_pos.services.customers.files import ReceivablesFormat
from bazaar_pos.services.merging.bundles.service import BundleExportSummary
from bazaar_pos.services.people.access import Approval
from bazaar_pos.services.reports.files import FileFormat, WrittenFile
from bazaar_pos.services.shop import Shop
from bazaar_pos.ui.access.approval import Approvals
from bazaar_pos.ui.common import dialogs
from bazaar_pos.ui.common.jobs import Jobs
from bazaar_pos.ui.common.progress import run_with_progress


def file_name_part(name: str) -> str:
    """A customer's name as part of a file name: letters and digits joined by dashes."""
    words = "".join(c if c.isalnum() else " " for c in name.lower()).split()
    return "-".join(words) or "customer"


Write = Callable[[Path, Approval | None, Progress], WrittenFile | BundleExportSummary]
"""Writes a file to a path, with the owner's approval when one was needed, telling ``Progress``."""


class ReportFiles:
    """The Reports screen's files: approval if needed, where to, then written off the GUI thread.

    A file still being written after a moment gets a progress window; the sales
    summary and the sale lines say each stage and offer Cancel (a cancelled file
    is not written at all). ``tell`` shows what is going on, ``written`` gets the
    path of each file written, and ``failed`` the reason a file could not be written.
    """

    def __init__(
        self,
        parent: QWidget,
        shop: Shop,
        approvals: Approvals,
        jobs: Jobs,
        *,
        tell: Callable[[str], None],
        written: Callable[[str], None],
        failed: Callable[[str], None],
    ) -> None:
        """Write files of ``shop`` on ``jobs``, asking where over ``parent``."""
        self._parent = parent
        self._shop = shop
        self._approvals = approvals
        self._jobs = jobs
        self._tell = tell
        self._written_to = written
        self._failed = failed

    def save_pdf(self, period: Period) -> None:
        """Ask where, then write ``period``'s sales summary PDF off the GUI thread."""
        files = self._shop.report_files
        self._export(
            _("Save the sales summary"),
            _("sales-summary-{first}-{last}.pdf").format(first=period.first, last=period.last),
            _("PDF (*.pdf)"),
            lambda path, approval, progress: files.write(
                period, path, FileFormat.PDF, approval=approval, progress=progress
            ),
            needs=(Permission.EXPORT, Permission.VIEW_COST),
            doing=_("Writing the PDF…"),
            working=_("Writing the sales summary"),
            cancellable=True,
        )

    def export_lines(self, period: Period, kind: str) -> None:
        """Ask where, then write ``period``'s sale lines as CSV or XLSX."""
        files = self._shop.report_files
        file_format = FileFormat(kind)
        self._export(
            _("Export the sale lines"),
            _("sale-lines-{first}-{last}.{kind}").format(
                first=period.first, last=period.last, kind=kind
            ),
            _("CSV (*.csv)") if file_format is FileFormat.CSV else _("Excel (*.xlsx)"),
            lambda path, approval, progress: files.write(
                period, path, file_format, approval=approval, progress=progress
            ),
            working=_("Exporting the sale lines"),
            cancellable=True,
        )

    def export_turnover(self, year: int) -> None:
        """Ask where, then write ``year``'s UMKM turnover as CSV."""
        files = self._shop.report_files
        self._export(
            _("Export the UMKM turnover"),
            _("turnover-{year}.csv").format(year=year),
            _("CSV (*.csv)"),
            lambda path, approval, _progress: files.write_turnover_csv(
                year, path, approval=approval
            ),
        )

    def export_receivables(self, kind: str) -> None:
        """Ask where, then write what customers owe today, by age, as CSV, XLSX or PDF."""
        files = self._shop.account_files
        file_format = ReceivablesFormat(kind)
        filters = {
            ReceivablesFormat.CSV: _("CSV (*.csv)"),
            ReceivablesFormat.XLSX: _("Excel (*.xlsx)"),
            ReceivablesFormat.PDF: _("PDF (*.pdf)"),
        }

        def write(path: Path, approval: Approval | None, _progress: Progress) -> WrittenFile:
            count = files.write_receivables(path, file_format, approval=approval)
            return WrittenFile(path, FileFormat(kind), count)

        self._export(
            _("Export the kasbon receivables"),
            _("receivables-{day}.{kind}").format(day=self._shop.reports.today(), kind=kind),
            filters[file_format],
            write,
        )

    def save_statement(self, customer_id: int, name: str) -> None:
        """Ask where, then write the customer's kasbon statement, every entry up to today."""
        files = self._shop.account_files
        today = self._shop.reports.today()

        def write(path: Path, approval: Approval | None, _progress: Progress) -> WrittenFile:
            pages = files.write_statement(customer_id, path, approval=approval)
            return WrittenFile(path, FileFormat.PDF, pages)

        self._export(
            _("Save the kasbon statement"),
            _("kasbon-{name}-{day}.pdf").format(name=file_name_part(name), day=today),
            _("PDF (*.pdf)"),
            write,
            doing=_("Writing the PDF…"),
        )

    def export_bundle(self, period: Period) -> None:
        """Ask where, then write this till's bundle of ``period`` for merging."""
        bundles = self._shop.bundles
        code = self._shop.settings.load().till_code
        self._export(
            _("Export this till's bundle"),
            _("till-{code}-{first}-{last}.zip").format(
                code=code, first=period.first, last=period.last
            ),
            _("Till bundles (*.zip)"),
            lambda path, approval, _progress: bundles.export(
                path, period.first, period.last, approval=approval
            ),
        )

    def _export(
        self,
        title: str,
        name: str,
        filters: str,
        write: Write,
        *,
        needs: tuple[Permission, ...] = (Permission.EXPORT,),
        doing: str = "",
        working: str = "",
        cancellable: bool = False,
    ) -> None:
        """Get the owner's approval if needed, ask where, then ``write`` off the GUI thread.

        A long write gets a progress window titled ``working`` (else ``title``),
        with Cancel when ``cancellable``.
        """
        granted = self._approvals.granted(*needs, tell=self._tell)
        if granted is None:
            return
        path = dialogs.save_file(self._parent, title, name, filters, kind=dialogs.FileKind.DOCUMENT)
        if path is None:
            return
        self._tell(doing or _("Exporting…"))
        run_with_progress(
            self._jobs,
            self._parent,
            working or title,
            lambda progress: write(path, granted.approval, progress),
            self._written,
            self._failed,
            cancellable=cancellable,
        )

    def _written(self, written: WrittenFile | BundleExportSummary) -> None:
        self._tell(_("Saved {path}").format(path=written.path))
        self._written_to(str(written.path))
