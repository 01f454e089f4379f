"""The composition root: settings -> database -> services -> main window."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from bazaar_pos.errors import UserError
from bazaar_pos.i18n import _
from bazaar_pos.resources import resource_path
from bazaar_pos.services.demo import load_demo_shop
from bazaar_pos.services.shop import Shop
from bazaar_pos.ui.main_window import MainWindow
from bazaar_pos.ui.style import STYLE_SHEET

log = logging.getLogger(__name__)

QUIT_AFTER_ENV = "BAZAAR_POS_QUIT_AFTER_MS"
"""Smoke tests of a built bundle set this to close the app once its window has shown."""


def run_gui(db_path: Path, *, demo: bool = False) -> int:
    """Open the shop at ``db_path`` in the main window and run until it closes."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Bazaar POS")
    app.setOrganizationName("Bazaar POS")
    app.setStyleSheet(STYLE_SHEET)
    app.setWindowIcon(QIcon(str(resource_path("icons", "bazaar-pos.svg"))))
    try:
        shop = Shop.open(db_path)
    except UserError as exc:
        QMessageBox.critical(None, _("Cannot open the shop"), exc.message)
        return 1
    try:
        if demo:
            load_demo_shop(shop)
        window = MainWindow(shop)
        window.resize(1280, 760)
        window.show()
        if os.environ.get(QUIT_AFTER_ENV):
            QTimer.singleShot(int(os.environ[QUIT_AFTER_ENV]), app.quit)
        return app.exec()
    finally:
        shop.close()
