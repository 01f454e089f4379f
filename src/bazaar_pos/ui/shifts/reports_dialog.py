"""Shift reports: each shift's Z report (X while open) as printed, to print again or save as PDF."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from bazaar_pos.domain.access import Permission
from bazaar_pos.domain.receipt_layout import PAPER_COLUMNS
from bazaar_pos.domain.shift_report import difference_label
from bazaar_pos.i18n import _
from bazaar_pos.services.shifts.shifts import ShiftView
from bazaar_pos.services.shop import Shop
from bazaar_pos.ui.access.approval import Approvals
from bazaar_pos.ui.common import dialogs
from bazaar_pos.ui.common.dialogs import show_message
from bazaar_pos.ui.common.formatting import MoneyText, local_time
from bazaar_pos.ui.common.jobs import Jobs
from bazaar_pos.ui.printing.preview import ReceiptPaper
from bazaar_pos.ui.widgets.fields import button


def shift_line(shift: ShiftView, money: MoneyText) -> str:
    """A shift in a list: number and who on one line, times and the count on the next."""
    times = local_time(shift.opened_at)
    if shift.closed_at is not None:
        times += " – " + local_time(shift.closed_at)[-5:]
    who = shift.opened_by or _("owner")
    difference = shift.difference
    if shift.is_open:
        state = _("open")
    elif difference:
        state = f"{difference_label(difference)} {money(abs(difference))}"
    else:
        state = _("count exact")
    return f"{shift.number}   ·   {who}\n{times}   ·   {state}"


class ShiftReportsDialog(QDialog):
    """The shifts of this till, newest first, and the report of the one selected."""

    def __init__(
        self, shop: Shop, approvals: Approvals, money: MoneyText, parent: QWidget | None = None
    ) -> None:
        """Show the shifts of ``shop``."""
        super().__init__(parent)
        self.setObjectName("shiftReports")
        self.setAccessibleName(_("Shift reports"))
        self.setWindowTitle(_("Shift reports"))
        self.resize(980, 700)
        self._shop = shop
        self._approvals = approvals
        self._money = money
        self._background = Jobs(self)
        self.list = QListWidget()
        self.list.setObjectName("shiftList")
        self.list.setAccessibleName(_("Shifts"))
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.currentRowChanged.connect(lambda _row: self._show_current())
        self.paper = ReceiptPaper()
        scroll = QScrollArea()
        scroll.setObjectName("shiftReportScroll")
        scroll.setWidget(self.paper)
        scroll.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        scroll.setStyleSheet("QScrollArea { background: #d9d9d9; }")
        self.print_button = button(
            "printReport",
            _("Print  Ctrl+P"),
            self.print,
            shortcut="shiftreports.print",
            shortcuts_on=self,
            focus=False,
        )
        self.pdf_button = button(
            "savePdf",
            _("Save PDF...  Ctrl+S"),
            self.save_pdf,
            shortcut="shiftreports.pdf",
            shortcuts_on=self,
            focus=False,
        )
        close = button("closeReports", _("Close  Esc"), self.reject, focus=False)
        self.message = QLabel()
        self.message.setObjectName("historyMessage")
        self.message.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.pdf_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        right = QVBoxLayout()
        right.addWidget(scroll, 1)
        right.addWidget(self.message)
        right.addLayout(buttons)
        columns = QHBoxLayout()
        columns.addWidget(self.list, 2)
        columns.addLayout(right, 3)
        layout = QVBoxLayout(self)
        layout.addLayout(columns)

    def reload(self, select: str | None = None) -> None:
        """List the shifts; select the one with UUID ``select`` (or the newest)."""
        self.shifts = self._shop.shifts.shifts()
        self.list.clear()
        for shift in self.shifts:
            item = QListWidgetItem(shift_line(shift, self._money))
            item.setData(Qt.ItemDataRole.UserRole, shift.uuid)
            self.list.addItem(item)
        uuids = [shift.uuid for shift in self.shifts]
        self.list.setCurrentRow(uuids.index(select) if select in uuids else 0)
        self._show_current()
        self.list.setFocus()

    def current(self) -> ShiftView | None:
        """The shift selected."""
        row = self.list.currentRow()
        return self.shifts[row] if 0 <= row < len(self.shifts) else None

    def text(self) -> str:
        """The report as shown (for screen readers and tests)."""
        return self.paper.accessibleDescription()

    def print(self) -> None:
        """Print the report shown on the receipt printer, in the background."""
        shift = self.current()
        if shift is None:
            return
        show_message(self.message, _("Printing..."))
        self._background.run(
            lambda: self._shop.shifts.print_report(shift.uuid),
            lambda _r: show_message(self.message, _("Printed.")),
            lambda message: show_message(self.message, message, "error"),
        )

    def save_pdf(self) -> None:
        """Save the report shown as an A4 PDF off the GUI thread; a cashier asks the owner."""
        shift = self.current()
        if shift is None:
            return
        granted = self._approvals.granted(
            Permission.EXPORT, tell=lambda message: show_message(self.message, message, "error")
        )
        if granted is None:
            return
        path = self.ask_path(self, f"{shift.number}.pdf")
        if path is None:
            return
        show_message(self.message, _("Saving…"))
        self._background.run(
            lambda: self._shop.shifts.write_pdf(shift.uuid, path, approval=granted.approval),
            lambda _r: show_message(self.message, _("Saved {file}.").format(file=path)),
            lambda message: show_message(self.message, message, "error"),
        )

    def wait(self, msecs: int = 30_000) -> bool:
        """Block until printing is done (for tests)."""
        return self._background.wait(msecs)

    @staticmethod
    def ask_path(parent: QWidget, suggested: str) -> Path | None:
        """Where to save the PDF (tests replace this)."""
        return dialogs.save_file(
            parent,
            _("Save the report as PDF"),
            suggested,
            _("PDF files (*.pdf)"),
            kind=dialogs.FileKind.DOCUMENT,
        )

    def _show_current(self) -> None:
        shift = self.current()
        has_shift = shift is not None
        self.print_button.setEnabled(has_shift)
        self.pdf_button.setEnabled(has_shift)
        show_message(self.message, "")
        if shift is None:
            self.paper.set_lines((), PAPER_COLUMNS[58])
            return
        columns = self._shop.printer.settings().columns
        report = self._shop.shifts.report(shift.uuid)
        self.paper.set_lines(self._shop.shifts.report_lines(report, columns), columns)
