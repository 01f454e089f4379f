"""Running slow work (reports, PDFs, bundles) off the GUI thread, with results by signal."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from bazaar_pos.errors import UserError
from bazaar_pos.i18n import _
from bazaar_pos.logs import LOG_FILE_NAME
from bazaar_pos.paths import log_folder

log = logging.getLogger(__name__)


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, work: Callable[[], Any], signals: _Signals) -> None:
        super().__init__()
        self._work = work
        self._signals = signals

    def run(self) -> None:
        try:
            result = self._work()
        except Exception as exc:  # reported to the GUI thread, which decides what to show
            self._signals.failed.emit(exc)
        else:
            self._signals.done.emit(result)


class Background(QObject):
    """Runs jobs one after another on a worker thread; callbacks run on the GUI thread.

    Signals:
        busyChanged(bool): a job started (True) or the last one ended (False).
    """

    busyChanged = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        """Own a single worker thread."""
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._running: set[_Signals] = set()

    def run(
        self,
        work: Callable[[], Any],
        done: Callable[[Any], None],
        failed: Callable[[str], None],
    ) -> None:
        """Run ``work`` off the GUI thread; then ``done(result)`` or ``failed(message)``."""
        signals = _Signals(self)
        self._running.add(signals)

        def finish() -> None:
            self._running.discard(signals)
            signals.deleteLater()
            if not self._running:
                self.busyChanged.emit(False)

        def on_done(result: object) -> None:
            finish()
            done(result)

        def on_failed(exc: object) -> None:
            finish()
            failed(error_message(exc))

        signals.done.connect(on_done)
        signals.failed.connect(on_failed)
        if len(self._running) == 1:
            self.busyChanged.emit(True)
        self._pool.start(_Job(work, signals))

    @property
    def busy(self) -> bool:
        """Whether a job is queued or running."""
        return bool(self._running)

    def wait(self, msecs: int = -1) -> bool:
        """Block until every job has run (for shutting down and tests)."""
        return self._pool.waitForDone(msecs)


def error_message(exc: object) -> str:
    """What to tell a person about a failed job: a UserError's message, else where the log is."""
    if isinstance(exc, UserError):
        return str(exc)
    log.error("background job failed", exc_info=exc if isinstance(exc, BaseException) else None)
    return _("Something went wrong. Details are in {path}").format(
        path=log_folder() / LOG_FILE_NAME
    )
