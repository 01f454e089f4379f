"""The print queue: receipts wait in the database until printed, so a sale never waits on paper."""

from __future__ import annotations

import enum
import logging
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bazaar_pos.errors import NotFoundError, UserError
from bazaar_pos.i18n import _
from bazaar_pos.services.audit_writer import record_event
from bazaar_pos.services.printer.receipts import ReceiptService
from bazaar_pos.services.printer.service import PrinterService
from bazaar_pos.services.printer.settings import PrinterSettings
from bazaar_pos.store.database import Database
from bazaar_pos.store.models import PrintJob, Sale
from bazaar_pos.store.types import utcnow

log = logging.getLogger(__name__)


class JobKind(enum.StrEnum):
    """A receipt printed right after its sale (may open the drawer), or a reprint."""

    RECEIPT = "receipt"
    REPRINT = "reprint"


class JobStatus(enum.StrEnum):
    """Where a print job stands; failed jobs stay in the queue until retried or cancelled."""

    QUEUED = "queued"
    PRINTING = "printing"
    DONE = "done"
    FAILED = "failed"
    CANCELLED = "cancelled"


WAITING = (JobStatus.QUEUED, JobStatus.PRINTING, JobStatus.FAILED)


@dataclass(frozen=True, slots=True)
class PrintJobView:
    """A print job as screens and commands see it."""

    uuid: str
    kind: JobKind
    sale_uuid: str
    sale_number: str
    status: JobStatus
    attempts: int
    last_error: str
    created_at: datetime
    updated_at: datetime


class PrintQueue:
    """Queues receipts, prints them one at a time and keeps the ones that failed for a retry."""

    def __init__(self, db: Database, receipts: ReceiptService, printer: PrinterService) -> None:
        """Keep jobs in ``db``; build receipts with ``receipts``; print with ``printer``."""
        self._db = db
        self._receipts = receipts
        self._printer = printer

    def printer(self) -> PrinterSettings:
        """The receipt printer's settings: whether one is set up, whether sales queue receipts."""
        return self._printer.settings()

    def enqueue_receipt(self, sale_uuid: str, *, reprint: bool = False) -> PrintJobView:
        """Queue the receipt of a sale (a reprint never opens the drawer)."""
        with self._db.writing() as session:
            sale = session.scalar(select(Sale).where(Sale.uuid == sale_uuid))
            if sale is None:
                raise NotFoundError(_("There is no sale {ref}.").format(ref=sale_uuid))
            kind = JobKind.REPRINT if reprint else JobKind.RECEIPT
            job = PrintJob(kind=kind.value, sale_uuid=sale.uuid, status=JobStatus.QUEUED.value)
            session.add(job)
            if reprint:
                record_event(
                    session,
                    "receipt.reprint",
                    entity="sale",
                    entity_ref=sale.uuid,
                    details={"number": sale.number},
                )
            session.flush()
            return _view(job, sale.number)

    def run(self, job_uuid: str) -> PrintJobView:
        """Print a queued or failed job now; on failure it stays in the queue with the reason."""
        with self._db.writing() as session:
            job = _job(session, job_uuid)
            if job.status not in (JobStatus.QUEUED, JobStatus.FAILED):
                return _view(job, _number(session, job))
            job.status = JobStatus.PRINTING.value
            job.attempts += 1
        try:
            receipt = self._receipts.for_sale(job.sale_uuid)
            drawer = (
                job.kind == JobKind.RECEIPT
                and receipt.paid_in_cash
                and self._printer.settings().drawer_on_cash
            )
            self._printer.print_receipt(receipt, open_drawer=drawer)
        except UserError as exc:
            return self._finish(job_uuid, JobStatus.FAILED, exc.message)
        except Exception:
            log.exception("print job %s failed", job_uuid)
            return self._finish(
                job_uuid, JobStatus.FAILED, _("Printing failed because of an error in the app.")
            )
        return self._finish(job_uuid, JobStatus.DONE, "")

    def run_queued(self) -> list[PrintJobView]:
        """Print every queued job, oldest first (failed jobs wait for a retry)."""
        return [self.run(job.uuid) for job in self.waiting() if job.status is JobStatus.QUEUED]

    def retry(self, job_uuid: str) -> PrintJobView:
        """Put a failed job back in line; run it with :meth:`run`."""
        return self._move(job_uuid, (JobStatus.FAILED,), JobStatus.QUEUED)

    def cancel(self, job_uuid: str) -> PrintJobView:
        """Give up on a job that has not printed."""
        return self._move(job_uuid, (JobStatus.QUEUED, JobStatus.FAILED), JobStatus.CANCELLED)

    def get(self, job_uuid: str) -> PrintJobView:
        """One job."""
        with self._db.reading() as session:
            job = _job(session, job_uuid)
            return _view(job, _number(session, job))

    def waiting(self) -> list[PrintJobView]:
        """Jobs not yet printed (queued, printing or failed), oldest first."""
        with self._db.reading() as session:
            rows = session.execute(
                select(PrintJob, Sale.number)
                .join(Sale, Sale.uuid == PrintJob.sale_uuid)
                .where(PrintJob.status.in_([s.value for s in WAITING]))
                .order_by(PrintJob.created_at, PrintJob.id)
            ).all()
            return [_view(job, number) for job, number in rows]

    def recover_interrupted(self, *, before: datetime | None = None) -> int:
        """After a restart, mark jobs left queued or printing as failed, to retry by hand.

        ``before`` (when the app started) leaves alone the jobs of this run's sales,
        so the recovery can wait until the till shows.
        """
        query = select(PrintJob).where(
            PrintJob.status.in_([JobStatus.QUEUED.value, JobStatus.PRINTING.value])
        )
        if before is not None:
            query = query.where(PrintJob.created_at < before)
        with self._db.writing() as session:
            jobs = session.scalars(query).all()
            for job in jobs:
                job.status = JobStatus.FAILED.value
                job.last_error = _("Not printed before the app closed.")
            return len(jobs)

    def _finish(self, job_uuid: str, status: JobStatus, error: str) -> PrintJobView:
        with self._db.writing() as session:
            job = _job(session, job_uuid)
            job.status = status.value
            job.last_error = error
            job.updated_at = utcnow()
            session.flush()
            return _view(job, _number(session, job))

    def _move(
        self, job_uuid: str, allowed: tuple[JobStatus, ...], status: JobStatus
    ) -> PrintJobView:
        with self._db.writing() as session:
            job = _job(session, job_uuid)
            if job.status in allowed:
                job.status = status.value
            session.flush()
            return _view(job, _number(session, job))


def _job(session: Session, job_uuid: str) -> PrintJob:
    job = session.scalar(select(PrintJob).where(PrintJob.uuid == job_uuid))
    if job is None:
        raise NotFoundError(_("There is no print job {ref}.").format(ref=job_uuid))
    return job


def _number(session: Session, job: PrintJob) -> str:
    return session.scalar(select(Sale.number).where(Sale.uuid == job.sale_uuid)) or ""


def _view(job: PrintJob, sale_number: str) -> PrintJobView:
    return PrintJobView(
        uuid=job.uuid,
        kind=JobKind(job.kind),
        sale_uuid=job.sale_uuid,
        sale_number=sale_number,
        status=JobStatus(job.status),
        attempts=job.attempts,
        last_error=job.last_error,
        created_at=job.created_at,
        updated_at=job.updated_at,
    )
