"""Slow work off the GUI thread: one runner for every screen, and one way a job fails.

A screen owns a :class:`Jobs` and hands it plain calls into the services. Each
call runs on the runner's own thread pool (one thread by default, so calls run
in the order given); its result or failure comes back to the GUI thread as a
callback. A failure reaches the screen as words for a person, from
``dialogs.describe``: a ``UserError``'s message, or, for anything unexpected, a
line saying where the log is, after the error was written to it.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QWidget

from bazaar_pos.ui.common.dialogs import describe

log = logging.getLogger(__name__)

Done = Callable[[Any], object]
"""Called on the GUI thread with the work's result."""
Failed = Callable[[str], object]
"""Called on the GUI thread with what to tell a person about the failure."""


class Jobs(QObject):
    """Runs calls off the GUI thread and calls back on it; owners wait for it before they go.

    Signals:
        busy_changed(bool): a call was queued while none was (True) or the last one ended (False).
    """

    busy_changed = Signal(bool)
    _ended = Signal(int, bool, object)  # a call's number, success, and result or error

    def __init__(self, parent: QObject | None = None, *, threads: int = 1) -> None:
        """Run at most ``threads`` calls at once (one: in the order given)."""
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(threads)
        self._numbers = itertools.count(1)
        self._waiting: dict[int, tuple[Done, Failed]] = {}
        self._held: dict[QWidget, bool] = {}
        self._holding: list[QWidget] = []
        self._ended.connect(self._end)

    def run(self, work: Callable[[], Any], done: Done, failed: Failed) -> None:
        """Run ``work`` off the GUI thread; then ``done(result)`` or ``failed(words)`` here."""
        number = next(self._numbers)
        self._waiting[number] = (done, failed)
        if len(self._waiting) == 1:
            self._set_busy(True)
        self._pool.start(lambda: self._work(number, work))

    def hold(self, *widgets: QWidget) -> None:
        """Grey out ``widgets`` while a call runs, and give them back their state after."""
        self._holding.extend(widgets)

    @property
    def busy(self) -> bool:
        """Whether a call is queued or running."""
        return bool(self._waiting)

    def wait(self, msecs: int = -1) -> bool:
        """Block until every call has run (for closing windows and for tests)."""
        return self._pool.waitForDone(msecs)

    def settle(self) -> None:
        """Wait for every call, then deliver the callbacks now rather than from the event loop."""
        self.wait()
        QCoreApplication.sendPostedEvents(self)

    def _work(self, number: int, work: Callable[[], Any]) -> None:
        """On a pool thread: do the work and send what came of it to the GUI thread."""
        try:
            result = work()
        except Exception as exc:  # the GUI thread says what went wrong
            succeeded, value = False, exc
        else:
            succeeded, value = True, result
        try:
            self._ended.emit(number, succeeded, value)
        except RuntimeError:  # the owner was deleted while the call ran; nobody is waiting
            log.debug("background call %s ended after its owner was deleted", number)

    @Slot(int, bool, object)  # a declared slot: PySide6 delivers cross-thread calls to it safely
    def _end(self, number: int, succeeded: bool, value: object) -> None:
        done, failed = self._waiting.pop(number)
        if not self._waiting:
            self._set_busy(False)
        if succeeded:
            done(value)
        else:
            failed(describe(value))

    def _set_busy(self, busy: bool) -> None:
        if busy:
            self._held = {widget: widget.isEnabled() for widget in self._holding}
            for widget in self._held:
                widget.setEnabled(False)
        else:
            for widget, enabled in self._held.items():
                widget.setEnabled(enabled)
            self._held = {}
        self.busy_changed.emit(busy)
