"""A strip in the status bar saying which receipts did not print, with Retry and Discard."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from bazaar_pos.i18n import _, ngettext
from bazaar_pos.ui.printing.dispatcher import PrintDispatcher


class PrintStatus(QWidget):
    """Hidden while everything prints; shows the problem and a Retry button when not."""

    def __init__(self, dispatcher: PrintDispatcher, parent: QWidget | None = None) -> None:
        """Follow ``dispatcher``'s jobs."""
        super().__init__(parent)
        self.setObjectName("printStatus")
        self.setAccessibleName(_("Printing status"))
        self._dispatcher = dispatcher
        self.message = QLabel()
        self.message.setObjectName("printProblem")
        self.message.setWordWrap(True)
        self.retry = QPushButton(_("Retr&y printing"))
        self.retry.setObjectName("retryPrinting")
        self.retry.setAccessibleName(_("Retry printing"))
        self.retry.clicked.connect(dispatcher.retry_failed)
        self.discard = QPushButton(_("Discard"))
        self.discard.setObjectName("discardPrinting")
        self.discard.setAccessibleName(_("Discard receipts not printed"))
        self.discard.clicked.connect(dispatcher.cancel_failed)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.message, 1)
        layout.addWidget(self.retry)
        layout.addWidget(self.discard)
        dispatcher.queue_changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        """Show how many receipts wait for a retry, or hide."""
        failed = self._dispatcher.failed_jobs()
        if not failed:
            self.hide()
            return
        count = ngettext(
            "{count} receipt not printed.", "{count} receipts not printed.", len(failed)
        ).format(count=len(failed))
        self.message.setText(f"{count} {failed[-1].last_error}")
        self.show()
