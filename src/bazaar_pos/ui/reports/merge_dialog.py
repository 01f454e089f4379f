"""Merging tills: pick bundle files, see what each holds, check or import them all or nothing.

Before merging, a person is asked to confirm the SKUs that name a product here
with another name than in a bundle, since the merge counts each pair as one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from bazaar_pos.domain.access import Permission
from bazaar_pos.domain.formats import Formats
from bazaar_pos.errors import UserError
from bazaar_pos.i18n import _, current_language
from bazaar_pos.services.merging.bundles.dry_run import describe_check
from bazaar_pos.services.merging.bundles.service import (
    BundleImportSummary,
    BundleInfo,
    describe,
    renamed_lines,
)
from bazaar_pos.services.reports.queries import shop_header
from bazaar_pos.services.shop import Shop
from bazaar_pos.ui.access.approval import Approvals
from bazaar_pos.ui.common import dialogs
from bazaar_pos.ui.common.dialogs import ConfirmDialog
from bazaar_pos.ui.common.jobs import Jobs
from bazaar_pos.ui.common.operations import announcing
from bazaar_pos.ui.common.progress import run_with_progress
from bazaar_pos.ui.reports.models import ColumnSpec, RowsModel
from bazaar_pos.ui.reports.parts import label, table

SHOWN_RENAMED = 10
"""How many products with another name the confirmation names before "and N more"."""


@dataclass(frozen=True, slots=True)
class PickedBundle:
    """A bundle file picked for merging, with what it holds or why it cannot be used."""

    path: Path
    info: BundleInfo | None
    problem: str = ""


class MergeTillsDialog(QDialog):
    """Lists picked bundles with their till, period and new sales; imports them in one go.

    Signals:
        checked(): every picked bundle has been read and verified.
        checked_only(object): the BundleImportSummary of a check that wrote nothing.
        imported(object): the BundleImportSummary of a finished import.
        failed(str): the import was refused; nothing changed.
    """

    checked = Signal()
    checked_only = Signal(object)
    imported = Signal(object)
    failed = Signal(str)

    def __init__(self, shop: Shop, parent: QWidget | None = None) -> None:
        """Merge bundles into ``shop``."""
        super().__init__(parent)
        self.setObjectName("mergeTillsDialog")
        self.setAccessibleName(_("Merge tills"))
        self.setWindowTitle(_("Merge tills"))
        self._shop = shop
        self.background = Jobs(self)
        self.summary: BundleImportSummary | None = None
        fmt = Formats(shop_header(shop.settings.load()), current_language())
        zone = shop.reports.zone
        explain = label(
            _(
                "Add the bundle files other tills exported (bazaar-pos bundle export, or "
                "Export › Till bundle). Their sales and stock movements are merged into this "
                "database. Importing a bundle again changes nothing; a damaged or altered "
                "bundle is refused and nothing is imported."
            ),
            "mergeExplanation",
            wrap=True,
        )
        self.model = RowsModel(
            [
                ColumnSpec(_("File"), lambda b: b.path.name, numeric=False),
                ColumnSpec(_("Till"), lambda b: _till(b), numeric=False),
                ColumnSpec(
                    _("Made"),
                    lambda b: fmt.datetime(b.info.created_at.astimezone(zone)) if b.info else "",
                    numeric=False,
                ),
                ColumnSpec(_("Sales"), lambda b: fmt.count(b.info.sales) if b.info else ""),
                ColumnSpec(_("New here"), lambda b: fmt.count(b.info.new_sales) if b.info else ""),
                ColumnSpec(
                    _("Other name here"), lambda b: fmt.count(len(b.info.renamed)) if b.info else ""
                ),
                ColumnSpec(_("Status"), lambda b: b.problem or _("Ready"), numeric=False),
            ]
        )
        status_column = self.model.columnCount() - 1
        self.view = table("bundleList", _("Bundles to merge"), self.model, stretch=status_column)
        self.status = QLabel("")
        self.status.setObjectName("mergeStatus")
        self.status.setWordWrap(True)
        self.add_button = QPushButton(_("&Add bundles…"))
        self.add_button.setObjectName("addBundles")
        self.remove_button = QPushButton(_("&Remove"))
        self.remove_button.setObjectName("removeBundle")
        self.check_button = QPushButton(_("&Check only"))
        self.check_button.setObjectName("checkBundles")
        self.check_button.setToolTip(
            _("Say what merging would add, keep and leave out, without writing anything")
        )
        self.check_button.setEnabled(False)
        self.import_button = QPushButton(_("&Merge"))
        self.import_button.setObjectName("importBundles")
        self.import_button.setEnabled(False)
        close = QPushButton(_("Close"))
        close.setObjectName("mergeClose")
        self.add_button.clicked.connect(self.pick_files)
        self.remove_button.clicked.connect(self.remove_selected)
        self.check_button.clicked.connect(self.check_only)
        self.import_button.clicked.connect(self.import_all)
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        buttons.addWidget(self.check_button)
        buttons.addWidget(self.import_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.resize(1000, 420)  # seven columns and a status, at 1366 px wide
        self._bundles: list[PickedBundle] = []

    @classmethod
    def ask(cls, parent: QWidget, shop: Shop) -> BundleImportSummary | None:
        """Show the dialog; return what was imported, or None if nothing was."""
        dialog = cls(shop, parent)
        dialog.exec()
        dialog.background.wait()
        return dialog.summary

    @property
    def bundles(self) -> list[PickedBundle]:
        """The bundles picked so far."""
        return list(self._bundles)

    def pick_files(self) -> None:
        """Ask for bundle files and add them."""
        paths = dialogs.open_files(
            self, _("Bundles to merge"), _("Till bundles (*.zip)"), kind=dialogs.FileKind.BUNDLE
        )
        if paths:
            self.add_files(paths)

    def add_files(self, paths: Sequence[Path]) -> None:
        """Read and verify ``paths`` off the GUI thread, then list them."""
        known = {b.path for b in self._bundles}
        fresh = [Path(p) for p in paths if Path(p) not in known]
        self.status.setText(_("Checking…"))
        self.background.run(lambda: [self._inspect(p) for p in fresh], self._added, self._problem)

    def remove_selected(self) -> None:
        """Take the selected bundle off the list."""
        rows = self.view.selectionModel().selectedRows()
        if rows:
            del self._bundles[rows[0].row()]
            self._show()

    def import_all(self) -> None:
        """Merge every listed bundle in one transaction, off the GUI thread.

        Products with another name here are confirmed first (cancel merges
        nothing). Merging moves stock: a cashier asks an owner to approve it.
        """
        paths = [b.path for b in self._bundles]
        infos = [b.info for b in self._bundles if b.info]
        renamed = {product.sku for info in infos for product in info.renamed}
        if renamed and not self._merge_renamed_anyway(infos):
            self.status.setText(_("Nothing was merged."))
            return
        granted = Approvals(self._shop.access, self).granted(
            Permission.ADJUST_STOCK, tell=self.status.setText
        )
        if granted is None:
            return
        self.import_button.setEnabled(False)
        self.check_button.setEnabled(False)
        self.status.setText(_("Merging…"))
        run_with_progress(  # one transaction: Cancel rolls it all back
            self.background,
            self,
            _("Merging the bundles"),
            lambda progress: self._shop.bundles.import_files(
                paths, approval=granted.approval, accept_renamed=renamed, progress=progress
            ),
            announcing(self._done),
            self._refused,
        )

    def check_only(self) -> None:
        """Run the merge and roll it back, off the GUI thread, and say what it would do.

        Products with another name here count as accepted for the check (Merge
        still asks about them). The check moves no stock but runs the very merge:
        a cashier asks an owner to approve, and the approval is not spent.
        """
        paths = [b.path for b in self._bundles]
        renamed = {p.sku for b in self._bundles if b.info for p in b.info.renamed}
        granted = Approvals(self._shop.access, self).granted(
            Permission.ADJUST_STOCK, tell=self.status.setText
        )
        if granted is None:
            return
        self.check_button.setEnabled(False)
        self.import_button.setEnabled(False)
        self.status.setText(_("Checking…"))
        run_with_progress(
            self.background,
            self,
            _("Checking the bundles"),
            lambda progress: self._shop.bundles.import_files(
                paths,
                approval=granted.approval,
                accept_renamed=renamed,
                dry_run=True,
                progress=progress,
            ),
            announcing(self._checked_only),
            self._refused,
        )

    def _checked_only(self, summary: BundleImportSummary) -> None:
        self.status.setText("\n".join(describe_check(summary)))
        self._enable()
        self.checked_only.emit(summary)

    def _merge_renamed_anyway(self, infos: list[BundleInfo]) -> bool:
        """Ask whether to merge although some SKUs name a product here with another name."""
        return ConfirmDialog.ask(
            self,
            _("Same SKU, another name"),
            _(
                "These SKUs name a product here with another name than in the bundle:\n"
                "{products}\n\n"
                "Merging counts each of them as one product: the other till's sales and stock "
                "are booked on the product here. If they are different products, do not merge: "
                "give the product here another SKU (Products > Edit), then merge again. If it is "
                "the same product renamed, merge anyway."
            ).format(products="\n".join(renamed_lines(infos, SHOWN_RENAMED))),
            _("Merge anyway"),
            _("Do not merge"),
            min_width=560,
        )

    def _inspect(self, path: Path) -> PickedBundle:
        try:
            return PickedBundle(path, self._shop.bundles.inspect(path))
        except UserError as exc:
            return PickedBundle(path, None, exc.message)

    def _added(self, picked: list[PickedBundle]) -> None:
        self._bundles += picked
        self._show()
        self.checked.emit()

    def _show(self) -> None:
        self.model.set_rows(self._bundles)
        problems = [b for b in self._bundles if b.problem]
        ready = bool(self._bundles) and not problems
        self._enable()
        if problems:
            self.status.setText(
                _("Remove the bundles that cannot be merged: {problem}").format(
                    problem=problems[0].problem
                )
            )
        elif ready:
            new = sum(b.info.new_sales for b in self._bundles if b.info)
            renamed = sum(len(b.info.renamed) for b in self._bundles if b.info)
            self.status.setText(
                _(
                    "Sales new to this database: {count}. Products with another name here: "
                    "{renamed}; you will be asked before merging."
                ).format(count=new, renamed=renamed)
                if renamed
                else _("Sales new to this database: {count}.").format(count=new)
            )
        else:
            self.status.setText("")

    def _done(self, summary: BundleImportSummary) -> None:
        self.summary = summary
        self.status.setText(describe(summary))
        self._bundles = []
        self.model.set_rows([])
        self._enable()
        self.imported.emit(summary)

    def _refused(self, message: str) -> None:
        self.status.setText(message)
        self._enable()
        self.failed.emit(message)

    def _enable(self) -> None:
        ready = bool(self._bundles) and not any(b.problem for b in self._bundles)
        self.import_button.setEnabled(ready)
        self.check_button.setEnabled(ready)

    def _problem(self, message: str) -> None:
        self.status.setText(message)
        self.checked.emit()


def _till(bundle: PickedBundle) -> str:
    info = bundle.info
    if info is None:
        return ""
    if info.own_till:
        return _("{code} (this till)").format(code=info.till_code)
    return f"{info.till_code} · {info.shop_name}" if info.shop_name else info.till_code
