"""The composition root: settings -> database -> services -> main window."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox

from bazaar_pos.errors import UserError
from bazaar_pos.i18n import _
from bazaar_pos.services.demo import load_demo_shop
from bazaar_pos.services.shop import Shop
from bazaar_pos.ui.main_window import MainWindow
from bazaar_pos.ui.style import STYLE_SHEET

log = logging.getLogger(__name__)


def run_gui(db_path: Path, *, demo: bool = False) -> int:
    """Open the shop at ``db_path`` in the main window and run until it closes."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Bazaar POS")
    app.setOrganizationName("Bazaar POS")
    app.setStyleSheet(STYLE_SHEET)
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
        return app.exec()
    finally:
        shop.close()
