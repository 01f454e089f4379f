"""Progress: reports thinned out, stages, and a cancel that stops the work at its next step."""

import threading

import pytest

from bazaar_pos.progress import REPORT_EVERY_S, Cancelled, Progress, quiet


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def test_reports_come_at_the_start_the_end_and_a_few_times_a_second_between():
    clock, heard = Clock(), []
    progress = Progress(lambda *report: heard.append(report), clock=clock)
    progress.begin("Importing sales", 1_000)
    for _ in range(999):
        progress.advance()
    clock.now += REPORT_EVERY_S
    progress.advance()  # the last step is always said
    assert heard == [("Importing sales", 0, 1_000), ("Importing sales", 1_000, 1_000)]
    progress.begin("Writing", 0)
    clock.now += REPORT_EVERY_S
    progress.reach(40, 80)
    assert heard[-2:] == [("Writing", 0, 0), ("Writing", 40, 80)]


def test_a_cancel_from_another_thread_stops_the_next_step():
    progress = quiet()
    progress.begin("Copying", 10)
    progress.advance()
    worker = threading.Thread(target=progress.cancel)
    worker.start()
    worker.join()
    assert progress.cancelled
    with pytest.raises(Cancelled, match="Cancelled: nothing was changed"):
        progress.advance()
    with pytest.raises(Cancelled):
        progress.begin("Another stage")
