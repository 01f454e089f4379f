"""A cashier on the Reports screen: sales yes, costs and files only with the owner's PIN."""

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt

from bazaar_pos.domain.periods import Period, PeriodKind
from bazaar_pos.services.demo import load_demo_shop
from bazaar_pos.ui.common import dialogs
from bazaar_pos.ui.reports.merge_dialog import MergeTillsDialog
from bazaar_pos.ui.reports.screen import ReportsScreen
from bazaar_pos.ui.reports.zreport_dialog import ZReportDialog
from tests.helpers.audit import audit
from tests.helpers.qt import NOVEMBER, WAIT, fmt_of, other_till_bundle, owner_answers, shown_screen
from tests.helpers.sales import utc
from tests.helpers.users import CASHIER, OWNER, OWNER_PIN, act_as

COST_HEADINGS = {"Cost", "Gross profit", "Margin"}


pytestmark = pytest.mark.staffed
"""Every test here runs on the shop with an owner and a cashier."""


@pytest.fixture
def demo(shop):
    act_as(shop, OWNER)
    load_demo_shop(shop, now=utc(2026, 11, 22, 12, 0))
    return shop


@pytest.fixture
def cashier_screen(qtbot, demo):
    act_as(demo, CASHIER)
    widget = shown_screen(qtbot, demo)
    yield widget
    widget.background.wait()


def visible_headings(screen):
    products = screen._tabs[0]
    return {
        products.model.headerData(column, Qt.Orientation.Horizontal)
        for column in range(products.model.columnCount())
        if not products.view.isColumnHidden(column)
    }


def test_a_cashier_sees_the_sales_without_cost_or_profit(cashier_screen, demo):
    act_as(demo, OWNER)
    figures = demo.reports.summary(Period(*NOVEMBER)).figures
    fmt = fmt_of(demo)
    screen = cashier_screen
    assert screen.cards["net"].value.text() == fmt.money(figures.net)
    assert screen.cards["sales"].value.text() == fmt.count(figures.sale_count)
    for key in ("cost", "profit", "margin"):
        assert screen.cards[key].value.text() == "—"
        assert screen.cards[key].toolTip() == "Only an owner sees costs and profit."
    assert not visible_headings(screen) & COST_HEADINGS
    assert not screen.loaded.report.costs_shown
    assert screen.show_costs_button.isVisibleTo(screen)


def test_the_owners_pin_shows_the_costs_to_a_cashier(qtbot, cashier_screen, demo):
    screen = cashier_screen
    owner_answers(qtbot, "0000", OWNER_PIN)
    with qtbot.waitSignal(screen.reportLoaded, timeout=WAIT):
        qtbot.mouseClick(screen.show_costs_button, Qt.MouseButton.LeftButton)
    act_as(demo, OWNER)
    figures = demo.reports.summary(Period(*NOVEMBER)).figures
    assert screen.cards["cost"].value.text() == fmt_of(demo).money(figures.cost)
    assert visible_headings(screen) >= COST_HEADINGS
    assert not screen.show_costs_button.isVisibleTo(screen)
    (refused,) = audit(demo, "approval.refused")
    assert refused == (CASHIER, {"failed_in_a_row": 1, "permissions": ["view_cost"]})


def test_a_cancelled_approval_keeps_the_costs_hidden(qtbot, cashier_screen):
    owner_answers(qtbot)
    qtbot.mouseClick(cashier_screen.show_costs_button, Qt.MouseButton.LeftButton)
    assert cashier_screen.status.text() == "Not approved: nothing was done."
    assert cashier_screen.cards["profit"].value.text() == "—"


def test_the_owners_figures_are_hidden_as_soon_as_a_cashier_signs_in(qtbot, demo):
    screen = shown_screen(qtbot, demo)
    assert screen.cards["cost"].value.text() != "—"
    assert visible_headings(screen) >= COST_HEADINGS
    act_as(demo, CASHIER)
    with qtbot.waitSignal(screen.reportLoaded, timeout=WAIT) as loaded:
        screen.access_changed()
        assert screen.cards["cost"].value.text() == "—"
        assert not visible_headings(screen) & COST_HEADINGS
    assert not loaded.args[0].report.costs_shown
    screen.background.wait()


def test_a_cashiers_export_asks_the_owner_first(qtbot, cashier_screen, demo, tmp_path, monkeypatch):
    asked_where = []

    def where(*args, **kwargs):
        asked_where.append(args[1])
        return tmp_path / "summary.pdf"

    monkeypatch.setattr(dialogs, "save_file", where)
    owner_answers(qtbot)
    qtbot.mouseClick(cashier_screen.pdf_button, Qt.MouseButton.LeftButton)
    assert asked_where == []
    assert cashier_screen.status.text() == "Not approved: nothing was done."
    owner_answers(qtbot, OWNER_PIN)
    with qtbot.waitSignal(cashier_screen.fileWritten, timeout=WAIT):
        qtbot.mouseClick(cashier_screen.pdf_button, Qt.MouseButton.LeftButton)
    assert asked_where == ["Save the sales summary"]
    assert (tmp_path / "summary.pdf").stat().st_size > 0
    granted = audit(demo, "approval.granted")[-1][1]
    assert granted == {"owner": OWNER, "permissions": ["export", "view_cost"]}


def test_the_owner_is_never_asked(qtbot, demo, tmp_path, monkeypatch):
    act_as(demo, OWNER)
    screen = ReportsScreen(demo)
    qtbot.addWidget(screen)
    screen.set_period(PeriodKind.CUSTOM, date(2026, 11, 20), date(2026, 11, 20))
    monkeypatch.setattr(dialogs, "save_file", lambda *args, **kwargs: tmp_path / "lines.csv")
    with qtbot.waitSignal(screen.fileWritten, timeout=WAIT):
        screen.export_actions["csv"].trigger()
    assert not screen.show_costs_button.isVisibleTo(screen)
    screen.background.wait()


def test_a_cashier_merges_tills_with_the_owners_pin(qtbot, shop, template_db, tmp_path):
    bundle = other_till_bundle(template_db, tmp_path)
    act_as(shop, CASHIER)
    dialog = MergeTillsDialog(shop)
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.waitSignal(dialog.checked, timeout=WAIT):
        dialog.add_files([bundle])
    owner_answers(qtbot)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.status.text() == "Not approved: nothing was done."
    assert dialog.summary is None
    owner_answers(qtbot, OWNER_PIN)
    with qtbot.waitSignal(dialog.imported, timeout=WAIT) as imported:
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert imported.args[0].sales_added == 1
    ((actor, details),) = audit(shop, "bundle.imported")
    assert (actor, details["approved_by"]) == (CASHIER, OWNER)
    dialog.background.wait()


def test_a_cashiers_z_report_pdf_needs_the_owner(qtbot, shop, tmp_path, monkeypatch):
    act_as(shop, CASHIER)
    dialog = ZReportDialog(shop, date(2026, 11, 20))
    qtbot.addWidget(dialog)
    dialog.show()
    monkeypatch.setattr(dialogs, "save_file", lambda *args, **kwargs: tmp_path / "z.pdf")
    owner_answers(qtbot)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.status.text() == "Not approved: nothing was done."
    owner_answers(qtbot, OWNER_PIN)
    with qtbot.waitSignal(dialog.saved, timeout=WAIT):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert (tmp_path / "z.pdf").exists()
    dialog.background.wait()


def test_the_costs_hide_again_when_the_approval_runs_out(qtbot, cashier_screen, demo):
    screen = cashier_screen
    owner_answers(qtbot, OWNER_PIN)
    with qtbot.waitSignal(screen.reportLoaded, timeout=WAIT):
        qtbot.mouseClick(screen.show_costs_button, Qt.MouseButton.LeftButton)
    assert screen.loaded.report.costs_shown
    later = demo.access.clock() + timedelta(minutes=11)
    demo.access.clock = lambda: later
    with qtbot.waitSignal(screen.reportLoaded, timeout=WAIT) as loaded:
        screen.refresh()
    assert not loaded.args[0].report.costs_shown
    assert screen.cards["margin"].value.text() == "—"
    assert screen.show_costs_button.isVisibleTo(screen)
