"""The start of the GUI: what loads before the till shows, in what order, and the collector."""

from __future__ import annotations

import gc
import json
import subprocess
import sys

import pytest
from PySide6.QtWidgets import QApplication

from bazaar_pos.app import resume_collecting
from bazaar_pos.launch import open_gui
from bazaar_pos.services.demo import load_demo_shop
from bazaar_pos.services.shop import Shop
from bazaar_pos.store.lock import DatabaseLock
from bazaar_pos.ui.app.main_window import MainWindow
from bazaar_pos.ui.app.style import STYLE_SHEET, apply_style
from bazaar_pos.ui.common.dialogs import Notice
from bazaar_pos.ui.common.translator import stop_speaking_qt_language

LOADED_LATER = (
    "bazaar_pos.ui.till.payment.dialog",
    "bazaar_pos.ui.till.payment.unconfirmed_dialog",
    "bazaar_pos.ui.customer_display.window",
    "bazaar_pos.ui.products.screen",
    "bazaar_pos.ui.reports.screen",
    "bazaar_pos.services.merging.settlement",
    "bazaar_pos.services.selling.checkout",
    "bazaar_pos.services.selling.refunds",
    "bazaar_pos.services.stock.service",
    "reportlab",
    "openpyxl",
)
"""Modules the till does not need to show: they load on first use or in the warm-up."""

START_AND_REPORT = """
import json, sys, gc, os
from pathlib import Path
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from bazaar_pos.launch import open_gui

def shown(window):
    from PySide6.QtCore import QTimer

    def poll():
        if window.till.scan.hasFocus():
            report(window)

    timer = QTimer(window)
    timer.timeout.connect(poll)
    timer.start(5)

def report(window):
    names = list(sys.modules)
    report = {
        "order": {name: names.index(name) for name in ("bazaar_pos.store.models",
                  "bazaar_pos.services.shop", "PySide6.QtCore") if name in names},
        "loaded": names,
        "collecting": gc.isenabled(),
        "frozen": gc.get_freeze_count(),
        "scan_focused": window.till.scan.hasFocus(),
    }
    print(json.dumps(report))
    sys.stdout.flush()
    os._exit(0)

database = Path(sys.argv[1])
sys.exit(open_gui(database, log_path=database.with_name("log.txt"), shown=shown))
"""


@pytest.fixture(scope="module")
def start_report(tmp_path_factory):
    """Open a shop with the demo's goods and sales in a fresh process; report what had loaded."""
    path = tmp_path_factory.mktemp("start") / "shop.sqlite"
    shop = Shop.open(path)
    try:
        load_demo_shop(shop)
        assert not shop.settings.needs_setup()
    finally:
        shop.close()
    done = subprocess.run(
        [sys.executable, "-c", START_AND_REPORT, str(path)],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.splitlines()[-1])


def test_the_core_loads_before_qt(start_report):
    order = start_report["order"]
    assert order["bazaar_pos.store.models"] < order["PySide6.QtCore"]
    assert order["bazaar_pos.services.shop"] < order["PySide6.QtCore"]


def test_the_till_shows_without_the_dialogs_screens_and_file_libraries(start_report):
    loaded = set(start_report["loaded"])
    assert start_report["scan_focused"]
    assert sorted(loaded.intersection(LOADED_LATER)) == []


def test_the_collector_runs_again_once_the_till_shows(start_report):
    assert start_report["collecting"]
    assert start_report["frozen"] > 10_000


def test_a_notice_before_the_till_is_shown_with_the_collector_running(
    qtbot, qapp, db_path, monkeypatch
):
    asked = []

    def ask(cls, parent, title, text, **options):
        asked.append((options.get("name"), gc.isenabled(), qapp.styleSheet() == STYLE_SHEET))

    monkeypatch.setattr(Notice, "ask", classmethod(ask))
    try:
        with DatabaseLock(db_path):
            assert open_gui(db_path, log_path=db_path.with_name("log.txt")) == 1
    finally:
        gc.unfreeze()
        stop_speaking_qt_language(qapp)
    assert asked == [("alreadyOpen", True, True)]
    assert gc.isenabled()


def test_resuming_a_paused_collector_leaves_out_what_exists():
    gc.disable()
    try:
        resume_collecting()
        assert gc.isenabled()
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
        gc.enable()


def test_resuming_a_collector_that_was_never_paused_changes_nothing():
    before = gc.get_freeze_count()
    resume_collecting()
    assert gc.isenabled()
    assert gc.get_freeze_count() == before


@pytest.fixture
def unstyled(qapp):
    """The application without its style sheet (as the app starts); styled again after."""
    qapp.setStyleSheet("")
    yield qapp
    apply_style(qapp)


def sizes(window: MainWindow) -> dict[str, object]:
    """What is sized by the style's fonts: the navigation, the cart's columns, the users' list."""
    header = window.till.table.horizontalHeader()
    return {
        "navigation": window.navigation.width(),
        "columns": [header.sectionSize(column) for column in range(header.count())],
        "users": window.sign_in.users.maximumHeight(),
    }


def shown(qtbot, window: MainWindow) -> MainWindow:
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_a_window_styled_after_it_is_built_fits_like_one_built_styled(qtbot, staffed, unstyled):
    late = MainWindow(staffed)
    assert QApplication.instance().styleSheet() == ""
    apply_style(unstyled)
    late.fit_to_style()
    shown(qtbot, late)
    early = MainWindow(staffed)
    shown(qtbot, early)
    assert unstyled.styleSheet() == STYLE_SHEET
    assert sizes(late) == sizes(early)
    assert sizes(late)["navigation"] > 180  # measured in the style sheet's larger font
    late.wait_for_backups()
    early.wait_for_backups()


def test_the_warm_up_loads_the_till_dialogs_and_builds_the_selling_services(qtbot, shop):
    window = MainWindow(shop)
    qtbot.addWidget(window)
    assert "checkout" not in vars(shop)
    window.warm_up()
    assert "bazaar_pos.ui.till.payment.dialog" in sys.modules
    assert "bazaar_pos.ui.till.payment.unconfirmed_dialog" in sys.modules
    assert {"checkout", "stock"} <= set(vars(shop))
    window.wait_for_backups()

