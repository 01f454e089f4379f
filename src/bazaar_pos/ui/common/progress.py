"""A progress window for long jobs: what is being done, how far it got, and Cancel.

:func:`run_with_progress` runs work that takes a :class:`~bazaar_pos.progress.Progress`
on a :class:`~bazaar_pos.ui.common.jobs.Jobs` runner. The window shows only when
the work is still running after a moment, so quick jobs do not flash one; its
Cancel button asks the work to stop at its next safe step (it is left out for
work that cannot stop safely).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QDialog, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from bazaar_pos.i18n import _
from bazaar_pos.progress import Progress
from bazaar_pos.ui.common.jobs import Done, Failed, Jobs

SHOW_AFTER_MS = 600
"""Work still running after this long gets the window."""


class Reports(QObject):
    """Carries reports from the worker thread to the GUI thread."""

    reported = Signal(str, int, int)


class ProgressWindow(QDialog):
    """Says what a long job is doing and how far it got; Cancel asks it to stop."""

    def __init__(
        self, parent: QWidget | None, title: str, progress: Progress, *, cancellable: bool
    ) -> None:
        """Watch ``progress``; with ``cancellable``, offer a Cancel button."""
        super().__init__(parent)
        self.setObjectName("progressWindow")
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumWidth(420)
        self._progress = progress
        self.what = QLabel(title)
        self.what.setObjectName("progressWhat")
        self.what.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setObjectName("progressBar")
        self.bar.setAccessibleName(title)
        self.bar.setRange(0, 0)
        self.cancel_button = QPushButton(_("Cancel"))
        self.cancel_button.setObjectName("progressCancel")
        self.cancel_button.setVisible(cancellable)
        self.cancel_button.clicked.connect(self.cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(self.what)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel_button, alignment=Qt.AlignmentFlag.AlignRight)

    @Slot(str, int, int)
    def show_report(self, what: str, done: int, total: int) -> None:
        """Show the latest report."""
        if what:
            self.what.setText(what)
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(min(done, total))
        else:
            self.bar.setRange(0, 0)

    def cancel(self) -> None:
        """Ask the work to stop; the window stays until it has."""
        self._progress.cancel()
        self.cancel_button.setEnabled(False)
        self.what.setText(_("Stopping…"))

    def reject(self) -> None:
        """Escape cancels (when the work may stop) rather than hiding the window."""
        if self.cancel_button.isVisible() and self.cancel_button.isEnabled():
            self.cancel()

    def closeEvent(self, event: QCloseEvent) -> None:
        """The window closes only when the work is over."""
        self.reject()
        event.ignore()


class _Watch(QObject):
    """One job's progress: the latest report, and its window once the job ran long enough."""

    def __init__(
        self, parent: QWidget | None, title: str, cancellable: bool, show_after_ms: int
    ) -> None:
        super().__init__()
        self.reports = Reports(self)
        self.progress = Progress(self.reports.reported.emit)
        self.window: ProgressWindow | None = None
        self._parent, self._title, self._cancellable = parent, title, cancellable
        self._last: tuple[str, int, int] = ("", 0, 0)
        self.reports.reported.connect(self._reported)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self._show)
        self.timer.start(show_after_ms)

    @Slot(str, int, int)
    def _reported(self, what: str, done: int, total: int) -> None:
        self._last = (what, done, total)
        if self.window is not None:
            self.window.show_report(what, done, total)

    def _show(self) -> None:
        """Made only now: a quick job never makes a window (nor moves the focus)."""
        self.window = ProgressWindow(
            self._parent, self._title, self.progress, cancellable=self._cancellable
        )
        self.window.show_report(*self._last)
        self.window.show()

    def end(self) -> None:
        self.timer.stop()
        if self.window is not None:
            self.window.hide()
            self.window.deleteLater()
            self.window = None


def run_with_progress(
    jobs: Jobs,
    parent: QWidget | None,
    title: str,
    work: Callable[[Progress], Any],
    done: Done,
    failed: Failed,
    *,
    cancellable: bool = True,
    show_after_ms: int = SHOW_AFTER_MS,
) -> Progress:
    """Run ``work(progress)`` off the GUI thread with a progress window; then ``done``/``failed``.

    The window shows only if the work is still running after ``show_after_ms``.
    A cancelled job ends in ``failed`` with the words of ``Cancelled``. Returns
    the job's Progress (its ``cancel`` stops the work, as the window's button does).
    """
    watch = _Watch(parent, title, cancellable, show_after_ms)

    def finish(then: Callable[[Any], object]) -> Callable[[Any], None]:
        def end(value: Any) -> None:
            watch.end()
            then(value)

        return end

    jobs.run(lambda: work(watch.progress), finish(done), finish(failed))
    return watch.progress
