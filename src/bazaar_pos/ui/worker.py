"""Running slow work (reports, PDFs, bundles) off the GUI thread, with results by signal."""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from bazaar_pos.errors import UserError
from bazaar_pos.i18n import _
from bazaar_pos.logs import LOG_FILE_NAME
from bazaar_pos.paths import log_folder

log = logging.getLogger(__name__)


class _Job(QRunnable):
    def __init__(self, owner: Background, number: int, work: Callable[[], Any]) -> None:
        super().__init__()
        self._owner = owner
        self._number = number
        self._work = work

    def run(self) -> None:
        try:
            result = self._work()
        except Exception as exc:  # the GUI thread decides what to show
            outcome, value = False, exc
        else:
            outcome, value = True, result
        try:
            self._owner.finished.emit(self._number, outcome, value)
        except RuntimeError:  # the owner was deleted while the job ran; nobody is waiting
            log.debug("background job %s finished after its owner was deleted", self._number)


class Background(QObject):
    """Runs jobs one after another on a worker thread; callbacks run on the GUI thread.

    Owners call :meth:`wait` before they go, so no job outlives them.

    Signals:
        busyChanged(bool): a job started (True) or the last one ended (False).
        finished(int, bool, object): internal; a job's number, success, and result or error.
    """

    busyChanged = Signal(bool)
    finished = Signal(int, bool, object)

    def __init__(self, parent: QObject | None = None) -> None:
        """Own a single worker thread."""
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._numbers = itertools.count(1)
        self._waiting: dict[int, tuple[Callable[[Any], None], Callable[[str], None]]] = {}
        self.finished.connect(self._finish)

    def run(
        self,
        work: Callable[[], Any],
        done: Callable[[Any], None],
        failed: Callable[[str], None],
    ) -> None:
        """Run ``work`` off the GUI thread; then ``done(result)`` or ``failed(message)``."""
        number = next(self._numbers)
        self._waiting[number] = (done, failed)
        if len(self._waiting) == 1:
            self.busyChanged.emit(True)
        self._pool.start(_Job(self, number, work))

    @property
    def busy(self) -> bool:
        """Whether a job is queued or running."""
        return bool(self._waiting)

    def wait(self, msecs: int = -1) -> bool:
        """Block until every job has run (for closing windows and for tests)."""
        return self._pool.waitForDone(msecs)

    def _finish(self, number: int, succeeded: bool, value: object) -> None:
        done, failed = self._waiting.pop(number)
        if not self._waiting:
            self.busyChanged.emit(False)
        if succeeded:
            done(value)
        else:
            failed(error_message(value))


def error_message(exc: object) -> str:
    """What to tell a person about a failed job: a UserError's message, else where the log is."""
    if isinstance(exc, UserError):
        return str(exc)
    log.error("background job failed", exc_info=exc if isinstance(exc, BaseException) else None)
    return _("Something went wrong. Details are in {path}").format(
        path=log_folder() / LOG_FILE_NAME
    )
