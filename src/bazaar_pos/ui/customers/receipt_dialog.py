"""A repayment's receipt on screen, as the printer prints it, to print again or save as PDF."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from bazaar_pos.domain.repayment_receipt import RepaymentReceipt
from bazaar_pos.errors import UserError
from bazaar_pos.i18n import _
from bazaar_pos.services.printer.repayments import RepaymentReceipts
from bazaar_pos.ui.common import dialogs
from bazaar_pos.ui.common.dialogs import describe, show_message
from bazaar_pos.ui.common.jobs import Jobs
from bazaar_pos.ui.printing.preview import ReceiptPreview
from bazaar_pos.ui.widgets.fields import button, named


class RepaymentReceiptDialog(QDialog):
    """The receipt of one repayment: print it (off the GUI thread) or save it as a PDF."""

    def __init__(
        self,
        parent: QWidget | None,
        receipts: RepaymentReceipts,
        entry_uuid: str,
        columns: int,
    ) -> None:
        """Show the receipt of the repayment ``entry_uuid`` on paper ``columns`` wide."""
        super().__init__(parent)
        self.setObjectName("repaymentReceipt")
        title = _("Repayment receipt")
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self._receipts = receipts
        self._entry_uuid = entry_uuid
        self.receipt: RepaymentReceipt = receipts.for_entry(entry_uuid)
        self.jobs = Jobs(self)
        self.preview = ReceiptPreview(self, columns)
        self.preview.paper.set_lines(receipts.lines(self.receipt, columns), columns)
        self.message = named(QLabel(), "screenMessage", _("Message"))
        self.message.setWordWrap(True)
        self.print_button = button("repaymentPrint", _("&Print"), self.print_receipt)
        self.pdf_button = button("repaymentPdf", _("Save P&DF…"), self.save_pdf)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Close  Esc"))
        buttons.rejected.connect(self.reject)
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.pdf_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.jobs.hold(self.print_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        paper = self.preview.paper.sizeHint()
        self.resize(paper.width() + 80, min(paper.height() + 130, 700))

    def print_receipt(self) -> None:
        """Send the receipt to the receipt printer, in the background."""
        show_message(self.message, _("Printing…"))
        self.jobs.run(
            lambda: self._receipts.print(self._entry_uuid),
            lambda _r: show_message(self.message, _("The receipt was printed.")),
            lambda text: show_message(self.message, text, "error"),
        )

    def save_pdf(self) -> None:
        """Save the receipt as a PDF where the person chooses."""
        path = dialogs.save_file(
            self,
            _("Save the receipt as a PDF"),
            f"{self.receipt.number}.pdf",
            _("PDF files (*.pdf)"),
            kind=dialogs.FileKind.DOCUMENT,
        )
        if path is None:
            return
        try:
            saved = self._receipts.write_pdf(self.receipt, path)
        except UserError as exc:
            show_message(self.message, describe(exc), "error")
            return
        show_message(self.message, _("Saved as {path}.").format(path=saved))

    def done(self, result: int) -> None:
        """Wait for a receipt being printed before going."""
        self.jobs.wait()
        super().done(result)
