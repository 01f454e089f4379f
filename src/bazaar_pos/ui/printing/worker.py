"""Run slow work (printing, finding printers) off the GUI thread and report back by signal."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from bazaar_pos.errors import UserError
from bazaar_pos.i18n import _

log = logging.getLogger(__name__)


class _Signals(QObject):
    """Lives in the GUI thread, so what the worker emits arrives there."""

    finished = Signal(object)
    failed = Signal(str)


class Task(QRunnable):
    """One call of ``work`` on a pool thread; ``finished(result)`` or ``failed(message)``."""

    def __init__(self, work: Callable[[], Any]) -> None:
        """Wrap ``work``; connect to ``signals`` before starting it."""
        super().__init__()
        self._work = work
        self.signals = _Signals()

    def run(self) -> None:
        """Do the work; a UserError's message, or a generic one for bugs, goes to ``failed``."""
        try:
            result = self._work()
        except UserError as exc:
            self.signals.failed.emit(str(exc))
        except Exception:
            log.exception("background task failed")
            self.signals.failed.emit(_("Something went wrong; the details are in the log file."))
        else:
            self.signals.finished.emit(result)


class Background(QObject):
    """A pool of workers; with one thread, tasks run one after the other in order."""

    def __init__(self, threads: int = 1, parent: QObject | None = None) -> None:
        """Run at most ``threads`` tasks at once."""
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(threads)
        self._running: set[Task] = set()

    def start(
        self,
        work: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[str], None],
    ) -> None:
        """Run ``work`` in the pool, then ``on_done(result)`` or ``on_error(message)`` here."""
        task = Task(work)
        self._running.add(task)
        task.signals.finished.connect(lambda result: self._end(task, on_done, result))
        task.signals.failed.connect(lambda message: self._end(task, on_error, message))
        self._pool.start(task)

    def wait(self, msecs: int = 30_000) -> bool:
        """Block until every task has finished (for shutting down and for tests)."""
        return self._pool.waitForDone(msecs)

    def _end(self, task: Task, callback: Callable[[Any], None], value: Any) -> None:
        self._running.discard(task)
        callback(value)
