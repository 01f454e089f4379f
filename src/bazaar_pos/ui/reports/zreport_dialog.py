"""The Z report dialog: a day's closing as the receipt printer prints it, to save or print."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from bazaar_pos.domain.access import Permission
from bazaar_pos.i18n import _
from bazaar_pos.services.reports.files import RECEIPT_WIDTHS
from bazaar_pos.services.shop import Shop
from bazaar_pos.ui.access.approval import Approvals
from bazaar_pos.ui.common import dialogs
from bazaar_pos.ui.common.jobs import Jobs
from bazaar_pos.ui.reports.parts import label
from bazaar_pos.ui.widgets.fields import date_edit, picked_day


class ZReportDialog(QDialog):
    """Shows the Z report of a day at this till, with Save PDF and Print.

    Signals:
        saved(str): the PDF was written to this path.
    """

    saved = Signal(str)

    def __init__(self, shop: Shop, day: date | None = None, parent: QWidget | None = None) -> None:
        """Show the Z report of ``day`` (default: today)."""
        super().__init__(parent)
        self.setObjectName("zReportDialog")
        self.setAccessibleName(_("Z report"))
        self.setWindowTitle(_("Z report"))
        self._shop = shop
        self.background = Jobs(self)
        day = day or shop.zreports.today()
        self.day = date_edit("zReportDay", _("Day"), day)
        self.width_choice = QComboBox()
        self.width_choice.setObjectName("zReportWidth")
        self.width_choice.setAccessibleName(_("Receipt width"))
        for width in RECEIPT_WIDTHS:
            self.width_choice.addItem(_("{count} columns").format(count=width), width)
        printed = self.width_choice.findData(shop.printer.settings().columns)
        self.width_choice.setCurrentIndex(max(0, printed))
        self.text = QPlainTextEdit()
        self.text.setObjectName("zReportText")
        self.text.setAccessibleName(_("Z report text"))
        self.text.setReadOnly(True)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.status = QLabel("")
        self.status.setObjectName("zReportStatus")
        self.status.setWordWrap(True)
        self.save_button = QPushButton(_("Save PD&F…"))
        self.save_button.setObjectName("zReportSave")
        self.print_button = QPushButton(_("&Print"))
        self.print_button.setObjectName("zReportPrint")
        close = QPushButton(_("Close"))
        close.setObjectName("zReportClose")
        self.save_button.clicked.connect(self.save_pdf)
        self.print_button.clicked.connect(self.print_report)
        close.clicked.connect(self.reject)
        self.day.dateChanged.connect(self.show_text)
        self.width_choice.currentIndexChanged.connect(self.show_text)
        top = QHBoxLayout()
        top.addWidget(label(_("&Day"), "zReportDayLabel", self.day))
        top.addWidget(self.day)
        top.addWidget(label(_("&Width"), "zReportWidthLabel", self.width_choice))
        top.addWidget(self.width_choice)
        top.addStretch(1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.save_button)
        bottom.addWidget(self.print_button)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.text, 1)
        layout.addLayout(bottom)
        self.resize(520, 640)
        self.show_text()

    @classmethod
    def ask(cls, parent: QWidget, shop: Shop) -> None:
        """Show the Z report of today until the dialog is closed."""
        dialog = cls(shop, parent=parent)
        dialog.exec()
        dialog.background.wait()

    def selected_day(self) -> date:
        """The day shown."""
        return picked_day(self.day)

    def selected_width(self) -> int:
        """Characters per line."""
        return int(self.width_choice.currentData())

    def show_text(self) -> None:
        """Show the Z report of the selected day as it prints."""
        lines = self._shop.report_files.zreport_text(self.selected_day(), self.selected_width())
        self.text.setPlainText("\n".join(lines))

    def save_pdf(self) -> None:
        """Ask where, then write the Z report PDF off the GUI thread (a cashier asks the owner)."""
        day = self.selected_day()
        granted = Approvals(self._shop.access, self).granted(
            Permission.EXPORT, tell=self.status.setText
        )
        if granted is None:
            return
        path = dialogs.save_file(
            self,
            _("Save the Z report"),
            _("z-report-{day}.pdf").format(day=day),
            _("PDF (*.pdf)"),
            kind=dialogs.FileKind.DOCUMENT,
        )
        if path is None:
            return
        self.status.setText(_("Saving…"))
        self.background.run(
            lambda: self._shop.report_files.write_zreport_pdf(day, path, approval=granted.approval),
            lambda written: self._saved(str(written.path)),
            self.status.setText,
        )

    def print_report(self) -> None:
        """Print on the receipt printer off the GUI thread, or say why not."""
        day, width = self.selected_day(), self.selected_width()
        self.status.setText(_("Printing…"))
        self.background.run(
            lambda: self._shop.report_files.print_zreport(day, width),
            lambda _lines: self.status.setText(_("Printed.")),
            self.status.setText,
        )

    def _saved(self, path: str) -> None:
        self.status.setText(_("Saved {path}").format(path=path))
        self.saved.emit(path)
