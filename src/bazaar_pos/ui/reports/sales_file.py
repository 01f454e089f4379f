"""A sales CSV imported from the Reports screen: checked whole, then written with progress."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from bazaar_pos.i18n import N_, _, ngettext
from bazaar_pos.progress import Cancelled
from bazaar_pos.services.merging.sales_import import SalesImportSummary
from bazaar_pos.services.shop import Shop
from bazaar_pos.ui.common import dialogs
from bazaar_pos.ui.common.jobs import Jobs
from bazaar_pos.ui.common.progress import run_with_progress

SALES_FILES = N_("Sales files (*.csv)")


def describe_sales(summary: SalesImportSummary) -> str:
    """What an import did, or (checked only) would do: sales, lines, skipped, below zero."""
    counted = ngettext(
        "{count} sale ({lines} lines)", "{count} sales ({lines} lines)", summary.imported
    ).format(count=f"{summary.imported:,}", lines=f"{summary.lines:,}")
    text = (_("{sales} will be imported.") if summary.dry_run else _("{sales} imported.")).format(
        sales=counted
    )
    if summary.skipped:
        text += " " + ngettext(
            "{count} was imported before and is skipped.",
            "{count} were imported before and are skipped.",
            summary.skipped,
        ).format(count=f"{summary.skipped:,}")
    if summary.below_zero:
        text += "\n" + _("Stock goes below zero for: {skus}").format(
            skus=", ".join(summary.below_zero)
        )
    return text


class SalesFileImport:
    """Asks for a sales CSV, checks it, asks to go on, then imports it in a progress window."""

    def __init__(
        self, parent: QWidget, shop: Shop, jobs: Jobs, changed: Callable[[], None]
    ) -> None:
        """Import into ``shop`` on ``jobs``; ``changed`` is called when sales may be added."""
        self._parent = parent
        self._shop = shop
        self._jobs = jobs
        self._changed = changed

    def start(self) -> None:
        """Ask for the file, then check it."""
        path = dialogs.open_file(
            self._parent, _("Import a sales file"), _(SALES_FILES), kind=dialogs.FileKind.DOCUMENT
        )
        if path is not None:
            self.check(path)

    def check(self, path: Path) -> None:
        """Check ``path`` whole (nothing written), then ask before importing it."""
        run_with_progress(
            self._jobs,
            self._parent,
            _("Checking the sales file"),
            lambda progress: self._shop.sales_import.import_csv(
                path, dry_run=True, progress=progress
            ),
            lambda summary: self._checked(path, summary),
            self._failed,
        )

    def write(self, path: Path) -> None:
        """Import ``path``; Cancel stops after the sales being written, each kept whole."""
        run_with_progress(
            self._jobs,
            self._parent,
            _("Importing sales"),
            lambda progress: self._shop.sales_import.import_csv(path, progress=progress),
            self._done,
            self._failed,
        )

    def _checked(self, path: Path, summary: SalesImportSummary) -> None:
        if not summary.imported:
            self._tell(_("Nothing to import"), describe_sales(summary), "salesFileNothingNotice")
            return
        if dialogs.confirm(
            self._parent, _("Import {file}?").format(file=path.name), describe_sales(summary)
        ):
            self.write(path)

    def _done(self, summary: SalesImportSummary) -> None:
        self._changed()
        self._tell(_("Sales imported"), describe_sales(summary), "salesFileDoneNotice")

    def _failed(self, reason: str) -> None:
        self._changed()  # a stopped import keeps the sales it wrote whole
        if reason == Cancelled().message:
            return
        dialogs.Notice.ask(
            self._parent, _("The sales file was not imported"), reason, name="salesFileNotice"
        )

    def _tell(self, title: str, text: str, name: str) -> None:
        dialogs.Notice.ask(self._parent, title, text, icon=QMessageBox.Icon.Information, name=name)
