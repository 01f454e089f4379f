"""Unexpected errors in the GUI: logged to the log file and shown, while the app keeps running.

:class:`ErrorReporter` installs ``sys.excepthook`` (errors in slots and event
handlers), ``threading.excepthook`` (background work) and a Qt message
handler (Qt's own warnings). Nothing is closed or reset when an error is
reported, so the open sale stays on the till.
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Any

from PySide6.QtCore import (
    QMessageLogContext,
    QObject,
    Qt,
    QtMsgType,
    QUrl,
    Signal,
    qInstallMessageHandler,
)
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from bazaar_pos.errors import UserError
from bazaar_pos.i18n import _
from bazaar_pos.ui.common.dialogs import Notice

log = logging.getLogger(__name__)

ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], Any]
_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


class UnexpectedErrorDialog(QDialog):
    """Says that something went wrong, that the app goes on, and where the details are."""

    def __init__(self, log_path: Path, summary: str, parent: QWidget | None = None) -> None:
        """Explain the error ``summary`` and point to ``log_path``."""
        super().__init__(parent)
        self.setObjectName("unexpectedErrorDialog")
        self.setWindowTitle(_("Something went wrong"))
        self.setAccessibleName(_("Something went wrong"))
        self.log_path = log_path
        heading = QLabel(_("Something went wrong, but Bazaar POS is still running."))
        heading.setObjectName("dialogHeading")
        heading.setWordWrap(True)
        body = QLabel(
            _(
                "Completed sales are saved and the open sale is still on the till. "
                "If this happens again, send the log file to whoever helps you with "
                "the app."
            )
        )
        body.setWordWrap(True)
        self.summary = QLabel(_("What happened: {summary}").format(summary=summary))
        self.summary.setObjectName("errorSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        path_label = QLabel(_("&Log file:"))
        self.path = QLineEdit(str(log_path))
        self.path.setObjectName("logPath")
        self.path.setAccessibleName(_("Log file"))
        self.path.setReadOnly(True)
        path_label.setBuddy(self.path)
        self.copy_button = QPushButton(_("&Copy path"))
        self.copy_button.setObjectName("copyLogPath")
        self.copy_button.setAccessibleName(_("Copy the log file's path"))
        self.copy_button.clicked.connect(self.copy_path)
        self.open_button = QPushButton(_("&Open log folder"))
        self.open_button.setObjectName("openLogFolder")
        self.open_button.setAccessibleName(_("Open the folder of the log file"))
        self.open_button.clicked.connect(self.open_folder)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.setObjectName("errorButtons")
        buttons.rejected.connect(self.reject)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setObjectName("closeErrorDialog")
        close.setDefault(True)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(self.copy_button)
        row.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(body)
        layout.addWidget(self.summary)
        layout.addWidget(path_label)
        layout.addLayout(row)
        layout.addWidget(buttons)
        self.setMinimumWidth(640)
        close.setFocus()

    def copy_path(self) -> None:
        """Put the log file's path on the clipboard."""
        QGuiApplication.clipboard().setText(str(self.log_path))

    def open_folder(self) -> None:
        """Show the log folder in the file manager."""
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.log_path.parent)))

    @classmethod
    def ask(cls, parent: QWidget | None, log_path: Path, summary: str) -> None:
        """Show the dialog and wait until it is closed (tests patch this)."""
        cls(log_path, summary, parent).exec()


class ErrorReporter(QObject):
    """Logs every unexpected error and shows it once, in the GUI thread, without stopping."""

    reported = Signal(str)
    """An unexpected error was logged; carries a one-line summary (queued to the GUI thread)."""

    def __init__(self, log_path: Path, parent: QObject | None = None) -> None:
        """Report errors with a pointer to ``log_path``."""
        super().__init__(parent)
        self.setObjectName("errorReporter")
        self.log_path = log_path
        self._showing = False
        self._installed = False
        self._previous_hook: ExceptHook = sys.excepthook
        self._previous_thread_hook = threading.excepthook
        self._previous_qt_handler: Any = None
        self.reported.connect(self._show)

    def install(self) -> None:
        """Become the handler of uncaught errors and of Qt's messages."""
        if self._installed:
            return
        self._previous_hook = sys.excepthook
        self._previous_thread_hook = threading.excepthook
        sys.excepthook = self.handle
        threading.excepthook = self._handle_thread
        self._previous_qt_handler = qInstallMessageHandler(self._qt_message)
        self._installed = True

    def uninstall(self) -> None:
        """Put back the handlers that were there before :meth:`install`."""
        if not self._installed:
            return
        sys.excepthook = self._previous_hook
        threading.excepthook = self._previous_thread_hook
        qInstallMessageHandler(self._previous_qt_handler)
        self._installed = False

    def handle(
        self,
        kind: type[BaseException],
        error: BaseException,
        trace: TracebackType | None,
    ) -> None:
        """Report an error nobody caught: a UserError as a notice, anything else as a bug."""
        if issubclass(kind, KeyboardInterrupt | SystemExit):
            self._previous_hook(kind, error, trace)
            return
        if isinstance(error, UserError):
            log.info("not handled where it happened: %s", error.message)
            Notice.ask(QApplication.activeWindow(), _("Bazaar POS"), str(error))
            return
        log.critical("unexpected error", exc_info=(kind, error, trace))
        self.reported.emit(_summary(kind, error))

    def _handle_thread(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None or isinstance(args.exc_value, UserError):
            log.warning("background task: %s", args.exc_value)
            return
        log.critical(
            "unexpected error in %s",
            args.thread.name if args.thread else "a thread",
            exc_info=(args.exc_type, args.exc_value, args.exc_traceback),
        )
        self.reported.emit(_summary(args.exc_type, args.exc_value))

    def _qt_message(self, mode: QtMsgType, context: QMessageLogContext, message: str) -> None:
        logging.getLogger("qt").log(_QT_LEVELS.get(mode, logging.WARNING), "%s", message)
        if self._previous_qt_handler is not None:
            self._previous_qt_handler(mode, context, message)

    def _show(self, summary: str) -> None:
        if self._showing:  # one dialog at a time; every error is in the log anyway
            return
        self._showing = True
        try:
            UnexpectedErrorDialog.ask(QApplication.activeWindow(), self.log_path, summary)
        finally:
            self._showing = False


def _summary(kind: type[BaseException], error: BaseException) -> str:
    """One line about an error: its type and message."""
    return "".join(traceback.format_exception_only(kind, error)).strip().splitlines()[-1]
