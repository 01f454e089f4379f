"""The one runner of background work, its one wording of failures, and the change hub."""

import logging
import threading

from PySide6.QtWidgets import QPushButton

from bazaar_pos.errors import UserError, ValidationError
from bazaar_pos.services.views import Changes
from bazaar_pos.ui.app.main_window import MainWindow
from bazaar_pos.ui.common.jobs import Jobs, describe
from bazaar_pos.ui.common.operations import change_hub, changes_of, run_operation


def test_work_runs_off_the_gui_thread_and_answers_on_it(qtbot):
    jobs = Jobs()
    threads, results = [], []

    def work():
        threads.append(threading.current_thread())
        return 6 * 7

    jobs.run(work, lambda result: results.append((result, threading.current_thread())), print)
    qtbot.waitUntil(lambda: bool(results))
    assert results == [(42, threading.main_thread())]
    assert threads != [threading.main_thread()]


def test_failures_come_back_as_words_with_one_wording(qtbot, caplog):
    jobs = Jobs()
    failures = []

    def refuse():
        raise ValidationError("The file cannot be used.", ["Line 2: bad price"])

    def closed():
        raise UserError("The printer is switched off.")

    def broken():
        raise RuntimeError("disk on fire")

    for work in (refuse, closed, broken):
        jobs.run(work, print, failures.append)
    qtbot.waitUntil(lambda: len(failures) == 3)
    assert failures[:2] == [
        "The file cannot be used.\n• Line 2: bad price",
        "The printer is switched off.",
    ]
    assert failures[2].startswith("Something went wrong. Details are in ")
    assert failures[2].endswith("bazaar-pos.log")
    (record,) = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert "disk on fire" in record.getMessage() or "disk on fire" in str(record.exc_info[1])
    assert describe(UserError("Only the message.")) == "Only the message."


def test_buttons_held_while_busy_get_their_state_back(qtbot):
    jobs = Jobs()
    save, other = QPushButton("Save"), QPushButton("Other")
    other.setEnabled(False)
    jobs.hold(save, other)
    busy = []
    jobs.busy_changed.connect(busy.append)
    gate = threading.Event()
    jobs.run(lambda: gate.wait(10), print, print)
    assert jobs.busy
    assert not save.isEnabled()
    gate.set()
    qtbot.waitUntil(lambda: not jobs.busy)
    assert busy == [True, False]
    assert save.isEnabled()
    assert not other.isEnabled()


def test_an_operation_tells_the_hub_what_changed_before_its_caller(qtbot):
    jobs = Jobs()
    heard = []
    change_hub().changed.connect(lambda changes: heard.append(("hub", changes)))
    run_operation(jobs, lambda: Changes(stock=True), lambda r: heard.append(("done", r)), print)
    qtbot.waitUntil(lambda: len(heard) == 2)
    assert heard == [("hub", Changes(stock=True)), ("done", Changes(stock=True))]
    assert changes_of(object()) == Changes()


def test_the_window_refreshes_the_screens_an_operation_changed(qtbot, shop, add_product):
    window = MainWindow(shop)
    qtbot.addWidget(window)
    products = window.products
    assert products.model.rowCount() == 0
    add_product(stock=3)
    jobs = Jobs()
    with qtbot.waitSignal(change_hub().changed, timeout=5_000):
        run_operation(jobs, lambda: Changes(products=True, stock=True), print, print)
    assert products.model.rowCount() == 1
