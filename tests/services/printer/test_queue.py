from __future__ import annotations

import pytest

from bazaar_pos.errors import NotFoundError
from bazaar_pos.services.printer.queue import JobKind, JobStatus
from bazaar_pos.store.models import AuditEvent


@pytest.fixture
def printer_file(named_shop, tmp_path):
    target = tmp_path / "lp0"
    named_shop.printer.configure(uri=f"file://{target}", drawer_on_cash=True)
    return target


def test_receipt_job_prints_and_opens_the_drawer_for_cash(named_shop, make_sale, printer_file):
    sale = make_sale()
    job = named_shop.print_queue.enqueue_receipt(sale.uuid)
    assert (job.kind, job.status, job.attempts, job.sale_number) == (
        JobKind.RECEIPT,
        JobStatus.QUEUED,
        0,
        sale.number,
    )
    assert named_shop.print_queue.waiting() == [job]
    done = named_shop.print_queue.run(job.uuid)
    assert (done.status, done.attempts, done.last_error) == (JobStatus.DONE, 1, "")
    output = printer_file.read_bytes()
    assert b"\x1bp\x0022" in output
    assert b"Rp1.440.000" in output
    assert named_shop.print_queue.waiting() == []
    assert named_shop.print_queue.run(job.uuid) == named_shop.print_queue.get(job.uuid)


def test_reprint_is_audited_and_keeps_the_drawer_shut(named_shop, make_sale, printer_file):
    sale = make_sale()
    job = named_shop.print_queue.enqueue_receipt(sale.uuid, reprint=True)
    assert named_shop.print_queue.run(job.uuid).status is JobStatus.DONE
    assert b"\x1bp" not in printer_file.read_bytes()
    with named_shop.db.reading() as session:
        actions = [e.action for e in session.query(AuditEvent).filter_by(entity_ref=sale.uuid)]
    assert "receipt.reprint" in actions


def test_failed_job_waits_for_retry_or_cancel(named_shop, make_sale):
    sale = make_sale()
    first = named_shop.print_queue.enqueue_receipt(sale.uuid)
    failed = named_shop.print_queue.run(first.uuid)
    assert failed.status is JobStatus.FAILED
    assert "No receipt printer is set up" in failed.last_error
    assert named_shop.print_queue.run_queued() == []  # failed jobs wait for a person
    assert named_shop.print_queue.retry(first.uuid).status is JobStatus.QUEUED
    again = named_shop.print_queue.run_queued()
    assert [(j.status, j.attempts) for j in again] == [(JobStatus.FAILED, 2)]
    assert named_shop.print_queue.cancel(first.uuid).status is JobStatus.CANCELLED
    assert named_shop.print_queue.waiting() == []
    assert named_shop.print_queue.retry(first.uuid).status is JobStatus.CANCELLED


def test_jobs_left_over_by_a_crash_become_failed(named_shop, make_sale):
    sale = make_sale()
    job = named_shop.print_queue.enqueue_receipt(sale.uuid)
    assert named_shop.print_queue.recover_interrupted() == 1
    recovered = named_shop.print_queue.get(job.uuid)
    assert recovered.status is JobStatus.FAILED
    assert recovered.last_error == "Not printed before the app closed."


def test_bug_while_printing_fails_the_job_with_a_message(named_shop, make_sale, monkeypatch):
    sale = make_sale()
    job = named_shop.print_queue.enqueue_receipt(sale.uuid)

    def broken(*args, **kwargs):
        raise KeyError("boom")

    monkeypatch.setattr(named_shop.printer, "print_receipt", broken)
    failed = named_shop.print_queue.run(job.uuid)
    assert failed.status is JobStatus.FAILED
    assert "error in the app" in failed.last_error


def test_unknown_sale_or_job(shop):
    with pytest.raises(NotFoundError):
        shop.print_queue.enqueue_receipt("0" * 32)
    with pytest.raises(NotFoundError):
        shop.print_queue.get("nope")
