"""A strip in the status bar saying which receipts did not print, with Retry and Discard."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget

from bazaar_pos.i18n import _, ngettext
from bazaar_pos.ui.common import dialogs
from bazaar_pos.ui.printing.dispatcher import PrintDispatcher


class OneLineLabel(QLabel):
    """A label that keeps to one line: text too long for it ends in "…", whole in the tooltip."""

    def __init__(self, parent: QWidget | None = None) -> None:
        """An empty label that takes the width it is given, not the width of its text."""
        super().__init__(parent)
        self._full = ""
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setTextFormat(Qt.TextFormat.PlainText)

    def set_full_text(self, text: str, details: str = "") -> None:
        """Show ``text`` (shortened to fit); the tooltip has it whole, then ``details``."""
        self._full = " ".join(text.split())
        self.setToolTip("\n\n".join(part for part in (self._full, details) if part))
        self._fit()

    def full_text(self) -> str:
        """The text before shortening."""
        return self._full

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Shorten the text again to the new width."""
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        width = self.contentsRect().width()
        text = self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, width)
        super().setText(text)


class PrintStatus(QWidget):
    """Hidden while everything prints; says calmly what waits, with the ways out.

    With no printer set up it offers to set one up, or to sell without a printer;
    a printer that failed gets Retry. Discard asks first, and is only for someone
    signed in (not on the locked screen).

    Signals:
        setup_requested(): the person wants to set up the receipt printer.
        no_printer_requested(): the person wants to sell without a receipt printer.
    """

    setup_requested = Signal()
    no_printer_requested = Signal()

    def __init__(self, dispatcher: PrintDispatcher, parent: QWidget | None = None) -> None:
        """Follow ``dispatcher``'s jobs."""
        super().__init__(parent)
        self.setObjectName("printStatus")
        self.setAccessibleName(_("Printing status"))
        self._dispatcher = dispatcher
        self._locked = False
        self.message = OneLineLabel()
        self.message.setObjectName("printProblem")
        self.retry = QPushButton(_("Retr&y printing"))
        self.retry.setObjectName("retryPrinting")
        self.retry.setAccessibleName(_("Retry printing"))
        self.retry.clicked.connect(dispatcher.retry_failed)
        self.set_up = QPushButton(_("Set up a printer"))
        self.set_up.setObjectName("setUpPrinter")
        self.set_up.setAccessibleName(_("Set up a receipt printer"))
        self.set_up.clicked.connect(self.setup_requested)
        self.no_printer = QPushButton(_("No printer"))
        self.no_printer.setObjectName("sellWithoutPrinter")
        self.no_printer.setAccessibleName(_("Sell without a receipt printer"))
        self.no_printer.setToolTip(
            _(
                "Stop keeping receipts to print. A receipt can still be printed or saved "
                "as a PDF from the sales history (F9)."
            )
        )
        self.no_printer.clicked.connect(self.no_printer_requested)
        self.discard = QPushButton(_("Discard"))
        self.discard.setObjectName("discardPrinting")
        self.discard.setAccessibleName(_("Discard receipts not printed"))
        self.discard.clicked.connect(self.ask_discard)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.message, 1)
        for each in (self.retry, self.set_up, self.no_printer, self.discard):
            each.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the scan field keeps the keyboard
            layout.addWidget(each)
        dispatcher.queue_changed.connect(self.refresh)
        self.hide()  # until the dispatcher's first look at the queue, just after start-up

    def set_locked(self, locked: bool) -> None:
        """Nobody is signed in: only Retry; discarding or changing the printer needs a person."""
        self._locked = locked
        if not self.isHidden():
            self.refresh()

    def ask_discard(self) -> None:
        """Ask, then give up on the receipts not printed (the sales stay)."""
        count = len(self._dispatcher.failed_jobs())
        if self._locked or not count:
            return
        question = ngettext(
            "Discard {count} receipt not printed? The sale stays recorded; its receipt can "
            "still be printed or saved as a PDF from the sales history (F9).",
            "Discard {count} receipts not printed? The sales stay recorded; their receipts "
            "can still be printed or saved as a PDF from the sales history (F9).",
            count,
        ).format(count=count)
        if dialogs.confirm(self, _("Discard receipts"), question):
            self._dispatcher.cancel_failed()

    def refresh(self) -> None:
        """Show how many receipts wait, and why, or hide."""
        failed = self._dispatcher.failed_jobs()
        if not failed:
            self.hide()
            return
        printer = self._dispatcher.printer()
        count = len(failed)
        if not printer.set_up:
            text = ngettext(
                "No receipt printer: {count} receipt not printed.",
                "No receipt printer: {count} receipts not printed.",
                count,
            ).format(count=count)
            details = _(
                "A printer is optional. Set one up under Settings > Receipt printer, or "
                "choose No printer to stop keeping receipts to print. Any receipt can be "
                "printed or saved as a PDF from the sales history (F9)."
            )
            calm = True
        elif all(job.last_error == failed[-1].last_error for job in failed) and _no_printer_then(
            failed[-1].last_error
        ):
            text = ngettext(
                "{count} receipt waits: the printer is set up now, Retry prints it.",
                "{count} receipts wait: the printer is set up now, Retry prints them.",
                count,
            ).format(count=count)
            details = ""
            calm = True
        else:
            text = ngettext(
                "{count} receipt not printed.", "{count} receipts not printed.", count
            ).format(count=count)
            text = f"{text} {failed[-1].last_error}"
            details = ""
            calm = False
        self.message.setProperty("calm", calm)
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)
        self.message.set_full_text(text, details)
        self.retry.setVisible(printer.set_up)
        self.set_up.setVisible(not printer.set_up)
        self.no_printer.setVisible(not printer.set_up)
        for each in (self.set_up, self.no_printer, self.discard):
            each.setEnabled(not self._locked)
        self.show()


def _no_printer_then(error: str) -> bool:
    """Whether a job failed because no printer was set up at the time."""
    from bazaar_pos.services.printer.service import NO_PRINTER

    return error == _(NO_PRINTER)
