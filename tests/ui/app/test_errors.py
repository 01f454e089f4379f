"""Unexpected errors in the GUI: logged, shown with the log path, and the window goes on."""

import logging
import threading

import pytest
from PySide6.QtCore import Qt, QTimer, qInfo
from PySide6.QtGui import QGuiApplication

from bazaar_pos.errors import ValidationError
from bazaar_pos.logs import setup_logging
from bazaar_pos.ui.app.errors import ErrorReporter, UnexpectedErrorDialog
from bazaar_pos.ui.app.main_window import MainWindow
from bazaar_pos.ui.common.dialogs import Notice


@pytest.fixture
def log_file(tmp_path):
    path = setup_logging(tmp_path / "logs")
    yield path
    root = logging.getLogger()
    for handler in root.handlers[:]:
        if getattr(handler, "baseFilename", None) == str(path):
            root.removeHandler(handler)
            handler.close()


@pytest.fixture
def reporter(log_file):
    installed = ErrorReporter(log_file)
    installed.install()
    yield installed
    installed.uninstall()


@pytest.fixture
def shown(monkeypatch):
    calls = []
    monkeypatch.setattr(
        UnexpectedErrorDialog, "ask", classmethod(lambda cls, *args: calls.append(args))
    )
    return calls


@pytest.fixture
def notices(monkeypatch):
    calls = []
    monkeypatch.setattr(Notice, "ask", classmethod(lambda cls, *args, **kw: calls.append(args)))
    return calls


def test_an_error_in_a_slot_is_logged_and_shown_and_the_window_goes_on(
    qtbot, shop, reporter, shown, log_file
):
    window = MainWindow(shop)
    qtbot.addWidget(window)
    window.show()

    def broken_slot():
        raise ZeroDivisionError("division by zero")

    QTimer.singleShot(0, broken_slot)
    qtbot.waitUntil(lambda: len(shown) == 1)
    _parent, path, summary = shown[0]
    assert path == log_file
    assert summary == "ZeroDivisionError: division by zero"
    text = log_file.read_text()
    assert "CRITICAL bazaar_pos.ui.app.errors: unexpected error" in text
    assert "in broken_slot" in text  # the traceback is in the log
    assert window.isVisible()
    window.show_screen(1)  # and it still works
    assert window.stack.currentWidget().objectName() == "productsScreen"


def test_a_user_error_nobody_caught_is_a_notice_not_a_bug(qtbot, reporter, shown, notices):
    def slot():
        raise ValidationError("The cart is empty.")

    QTimer.singleShot(0, slot)
    qtbot.waitUntil(lambda: len(notices) == 1)
    assert notices[0][2] == "The cart is empty."
    assert shown == []


def test_errors_in_background_threads_are_shown_in_the_gui_thread(qtbot, reporter, shown, log_file):
    def work():
        raise OSError("printer went away")

    thread = threading.Thread(target=work, name="printing")
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: len(shown) == 1)
    assert shown[0][2] == "OSError: printer went away"
    assert "unexpected error in printing" in log_file.read_text()


def test_one_dialog_at_a_time(qtbot, reporter, monkeypatch):
    opened = []

    def ask(cls, parent, path, summary):
        opened.append(summary)
        reporter.handle(RuntimeError, RuntimeError("again"), None)  # while the first is open

    monkeypatch.setattr(UnexpectedErrorDialog, "ask", classmethod(ask))
    reporter.handle(RuntimeError, RuntimeError("first"), None)
    assert opened == ["RuntimeError: first"]


def test_qt_messages_go_to_the_log_and_on_to_the_previous_handler(qtbot, reporter, qtlog, log_file):
    qInfo("printer queue: 2 receipts waiting")
    assert "INFO qt: printer queue: 2 receipts waiting" in log_file.read_text()
    assert any("printer queue" in record.message for record in qtlog.records)


def test_uninstall_puts_the_previous_hooks_back(log_file):
    import sys

    before = (sys.excepthook, threading.excepthook)
    reporter = ErrorReporter(log_file)
    reporter.install()
    assert sys.excepthook == reporter.handle
    reporter.uninstall()
    assert (sys.excepthook, threading.excepthook) == before


def test_the_dialog_shows_the_log_path_and_copies_it(qtbot, log_file):
    dialog = UnexpectedErrorDialog(log_file, "KeyError: 'qris'")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.path.text() == str(log_file)
    assert dialog.path.isReadOnly()
    assert "KeyError: 'qris'" in dialog.summary.text()
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == str(log_file)
    for widget in (dialog.path, dialog.copy_button, dialog.open_button):
        assert widget.objectName()
        assert widget.accessibleName()
