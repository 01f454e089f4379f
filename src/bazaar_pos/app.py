"""The composition root: settings -> database -> services -> main window.

The core (the database, the models and the services) loads before Qt: once
PySide6 is imported it reads the source of every module imported after it, to
see whether the module asks for its ``__feature__`` switches.
"""

from __future__ import annotations

import gc
import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path

from bazaar_pos.services.settings import speak_shop_language
from bazaar_pos.services.shop import Shop
from bazaar_pos.store.lock import DatabaseLock

# isort: split

from PySide6.QtCore import QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from bazaar_pos.errors import DatabaseInUseError, UserError
from bazaar_pos.i18n import _
from bazaar_pos.logs import LOG_FILE_NAME
from bazaar_pos.paths import log_folder
from bazaar_pos.resources import resource_path
from bazaar_pos.ui.app.errors import ErrorReporter
from bazaar_pos.ui.app.main_window import MainWindow
from bazaar_pos.ui.app.style import apply_base_style, apply_style
from bazaar_pos.ui.common.dialogs import Icon, Notice
from bazaar_pos.ui.common.translator import speak_qt_language

log = logging.getLogger(__name__)

QUIT_AFTER_ENV = "BAZAAR_POS_QUIT_AFTER_MS"
"""Smoke tests of a built bundle set this to close the app once its window has shown."""
WARM_UP_AFTER_MS = 200
"""The ORM is set up and the till's dialogs loaded this long after the till shows."""


def run_gui(
    db_path: Path,
    *,
    demo: bool = False,
    log_path: Path | None = None,
    language: str | None = None,
    shown: Callable[[MainWindow], None] | None = None,
) -> int:
    """Open the shop at ``db_path`` in the main window and run until it closes.

    Refuses, with a message, a database that another window or command has
    open. Unexpected errors are logged to ``log_path`` and shown without
    closing the window. A backup is made daily and when the window closes.
    The shop's own language is used unless ``language`` is given (``--lang``).
    ``shown`` is called with the window once the event loop has drawn it.
    """
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Bazaar POS")
    app.setOrganizationName("Bazaar POS")
    apply_base_style(app)
    speak_qt_language(app)
    app.setWindowIcon(QIcon(str(resource_path("icons", "bazaar-pos.svg"))))
    reporter = ErrorReporter(log_path or log_folder() / LOG_FILE_NAME)
    reporter.install()
    lock = DatabaseLock(db_path)
    try:
        try:
            lock.acquire()
            shop = Shop.open(db_path)
        except DatabaseInUseError as exc:
            ready_to_ask(app)
            Notice.ask(None, _("Bazaar POS is already open"), exc.message, name="alreadyOpen")
            return 1
        except UserError as exc:
            ready_to_ask(app)
            Notice.ask(
                None,
                _("Cannot open the shop"),
                exc.message,
                icon=Icon.Critical,
                name="cannotOpen",
            )
            return 1
        try:
            if demo:
                from bazaar_pos.services.demo import load_demo_shop

                load_demo_shop(shop)
            if language is None:
                speak_shop_language(shop.settings)
            window = open_main_window(shop, demo=demo)
            window.temporary_shop = demo
            window.start_automatic_backups()
            QTimer.singleShot(0, window.warn_about_location)
            QTimer.singleShot(WARM_UP_AFTER_MS, window.warm_up)
            if os.environ.get(QUIT_AFTER_ENV):
                QTimer.singleShot(int(os.environ[QUIT_AFTER_ENV]), window.close)
            QTimer.singleShot(0, lambda: till_drawn(window, shown))
            return app.exec()
        finally:
            shop.close()
    finally:
        lock.release()
        reporter.uninstall()


def open_main_window(shop: Shop, *, demo: bool = False) -> MainWindow:
    """Run the first-time setup if the shop was never set up, then show the till.

    The demo shop never asks. The window is built after the setup, so a
    language chosen there shows at once. The style sheet is set once the
    window is built, so each widget is polished by it once, not again each
    time a part of the window is put inside another.
    """
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    if not demo and shop.settings.needs_setup():
        from bazaar_pos.ui.setup.wizard import SetupWizard

        ready_to_ask(app)
        SetupWizard.ask(None, shop, first_run=True)
    window = MainWindow(shop)
    apply_style(app)
    window.fit_to_style()
    window.show_fitted()
    window.focus_till()
    return window


def ready_to_ask(app: QApplication) -> None:
    """Before a question or a notice shows ahead of the till: style the app, collect garbage."""
    apply_style(app)
    resume_collecting()


def till_drawn(window: MainWindow, shown: Callable[[MainWindow], None] | None) -> None:
    """The till has drawn: the collector runs again, and ``shown`` hears of the window."""
    resume_collecting()
    if shown is not None:
        shown(window)


def resume_collecting() -> None:
    """Let a garbage collector paused for the start (``launch.open_gui``) run again.

    All that exists so far (the modules, the models, the window) is left out of
    its searches from then on (``gc.freeze``). Does nothing when it was not paused.
    """
    if gc.isenabled():
        return
    gc.freeze()
    gc.enable()
