"""The GUI's side of the print queue: queue a sale's receipt, print it off the GUI thread."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from bazaar_pos.i18n import _
from bazaar_pos.services.printer.queue import JobStatus, PrintJobView, PrintQueue
from bazaar_pos.services.printer.settings import PrinterSettings
from bazaar_pos.ui.common.jobs import Jobs

RECOVER_AFTER_MS = 1000
"""Receipts a previous run left unprinted are looked for this long after start-up."""


class PrintDispatcher(QObject):
    """Prints receipts one at a time in a worker thread; a sale never waits for the printer.

    Connect the till's ``sale_completed(str)`` to :meth:`print_sale` and its
    ``reprint_requested(str)`` to :meth:`reprint_sale`.

    Signals:
        job_done(str): a receipt printed; the job's UUID.
        job_failed(str): a receipt did not print; the message says why. The job
            stays in the queue for :meth:`retry_failed`.
        queue_changed(): jobs were added, printed, failed, retried or cancelled.
    """

    job_done = Signal(str)
    job_failed = Signal(str)
    queue_changed = Signal()

    def __init__(self, queue: PrintQueue, parent: QObject | None = None) -> None:
        """Serve ``queue``; jobs left over from a previous run are marked failed.

        That is done just after start-up (:data:`RECOVER_AFTER_MS`), so it never
        holds up the till; a job of this run is never taken for a left-over one.
        """
        super().__init__(parent)
        self.setObjectName("printDispatcher")
        self._queue = queue
        self._background = Jobs(self)
        self._started = datetime.now(UTC)
        QTimer.singleShot(RECOVER_AFTER_MS, self, self.recover_interrupted)

    @Slot()
    def recover_interrupted(self) -> None:
        """Mark the jobs a previous run left unprinted as failed; the status strip looks then."""
        self._queue.recover_interrupted(before=self._started)
        self.queue_changed.emit()

    @Slot(str)
    def print_sale(self, sale_uuid: str) -> None:
        """Queue and print the receipt of a sale just completed (may open the drawer).

        A shop that chose to sell without a receipt printer queues nothing.
        """
        if self._queue.printer().queues_receipts:
            self._run(self._queue.enqueue_receipt(sale_uuid).uuid)

    @Slot(str)
    def reprint_sale(self, sale_uuid: str) -> None:
        """Queue and print another copy of any sale's receipt."""
        self._run(self._queue.enqueue_receipt(sale_uuid, reprint=True).uuid)

    @Slot()
    def retry_failed(self) -> None:
        """Try every failed job again, oldest first."""
        for job in self.failed_jobs():
            self._run(self._queue.retry(job.uuid).uuid)

    @Slot()
    def cancel_failed(self) -> None:
        """Give up on every failed job (the sales stay; receipts can be reprinted)."""
        for job in self.failed_jobs():
            self._queue.cancel(job.uuid)
        self.queue_changed.emit()

    def printer(self) -> PrinterSettings:
        """The receipt printer's settings as stored now."""
        return self._queue.printer()

    @Slot()
    def printer_changed(self) -> None:
        """The printer's settings were saved: say again what the waiting receipts wait for."""
        self.queue_changed.emit()

    def failed_jobs(self) -> list[PrintJobView]:
        """Jobs that did not print and wait for a retry."""
        return [job for job in self._queue.waiting() if job.status is JobStatus.FAILED]

    def wait(self, msecs: int = 30_000) -> bool:
        """Block until the worker is idle (on closing, and in tests)."""
        return self._background.wait(msecs)

    def _run(self, job_uuid: str) -> None:
        self.queue_changed.emit()
        self._background.run(lambda: self._queue.run(job_uuid), self._finished, self._crashed)

    def _finished(self, job: PrintJobView) -> None:
        if job.status is JobStatus.DONE:
            self.job_done.emit(job.uuid)
        elif job.status is JobStatus.FAILED:
            self.job_failed.emit(
                _("Receipt {number} was not printed. {reason}").format(
                    number=job.sale_number, reason=job.last_error
                )
            )
        self.queue_changed.emit()

    def _crashed(self, message: str) -> None:
        self.job_failed.emit(message)
        self.queue_changed.emit()
