"""Running slow work (PDFs, imports, exports) off the GUI thread and reporting back by signal."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)


class Job(QObject):
    """One piece of work on the thread pool; ``finished`` or ``failed`` fires on the GUI thread.

    Signals:
        finished(object): the work's result.
        failed(object): the exception it raised.
    """

    finished = Signal(object)
    failed = Signal(object)

    def __init__(self, work: Callable[[], Any], parent: QObject | None = None) -> None:
        """Prepare ``work``; call :meth:`start` to run it."""
        super().__init__(parent)
        self._work = work
        self.running = False

    def start(self) -> None:
        """Run the work on the global thread pool."""
        self.running = True
        QThreadPool.globalInstance().start(_Runner(self))

    def _run(self) -> None:
        try:
            result = self._work()
        except Exception as exc:  # reported to the GUI, which shows or logs it
            if not getattr(exc, "message", None):
                log.exception("background work failed")
            self.running = False
            self.failed.emit(exc)
        else:
            self.running = False
            self.finished.emit(result)


class _Runner(QRunnable):
    def __init__(self, job: Job) -> None:
        super().__init__()
        self._job = job

    def run(self) -> None:
        self._job._run()


def run_in_background(
    parent: QObject,
    work: Callable[[], Any],
    on_done: Callable[[Any], None],
    on_error: Callable[[Exception], None],
) -> Job:
    """Run ``work`` off the GUI thread; ``on_done`` or ``on_error`` is called back on it."""
    job = Job(work, parent)
    job.finished.connect(on_done)
    job.failed.connect(on_error)
    job.start()
    return job
