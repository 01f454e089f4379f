import threading
import zipfile
from datetime import date

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDateTimeEdit
from sqlalchemy import select

from bazaar_pos.domain.periods import Period, PeriodKind
from bazaar_pos.domain.quantity import whole
from bazaar_pos.domain.report import Dimension
from bazaar_pos.services.demo import load_demo_shop
from bazaar_pos.services.selling.refunds import RefundItem
from bazaar_pos.store.models import Sale
from bazaar_pos.ui.common import dialogs
from bazaar_pos.ui.common.progress import ProgressWindow
from bazaar_pos.ui.reports import screen as screen_module
from bazaar_pos.ui.reports.drilldown import DrillDownDialog
from bazaar_pos.ui.reports.merge_dialog import MergeTillsDialog
from bazaar_pos.ui.reports.screen import DATE_PAUSE_MS
from bazaar_pos.ui.reports.zreport_dialog import ZReportDialog
from tests.helpers.qt import NOVEMBER, WAIT, fmt_of, other_till_bundle, shown_screen
from tests.helpers.sales import TWO_DAYS, utc


@pytest.fixture
def demo(shop):
    load_demo_shop(shop, now=utc(2026, 11, 22, 12, 0))
    return shop


@pytest.fixture
def screen(qtbot, demo):
    widget = shown_screen(qtbot, demo)
    yield widget
    widget.background.wait()


def test_the_screen_shows_the_figures_the_service_computes(screen, demo, qtmodeltester):
    fmt = fmt_of(demo)
    figures = demo.reports.summary(Period(*NOVEMBER)).figures
    assert screen.cards["net"].value.text() == fmt.money(figures.net)
    assert screen.cards["gross"].value.text() == fmt.money(figures.gross)
    assert screen.cards["sales"].value.text() == fmt.count(figures.sale_count)
    assert screen.cards["margin"].value.text() == fmt.percent(figures.margin)
    assert screen.cards["net"].accessibleName() == "Net sales"
    products = screen._tabs[0]
    sold = len(demo.reports.summary(Period(*NOVEMBER)).rows(Dimension.PRODUCT))
    assert products.model.rowCount() == sold + 1
    assert products.model.index(sold, 0).data() == "Total"
    assert products.model.index(sold, 5).data() == fmt.money(figures.net)
    assert len(products.chart.bars) == 12
    days = next(t for t in screen._tabs if t.dimension is Dimension.DAY)
    assert len(days.chart.bars) == 30
    assert screen.status.text() == (
        f"1–30 Nov 2026: {figures.sale_count} sales, {fmt.money(figures.net)} net."
    )
    assert screen.turnover_model.rowCount() == 11
    assert "Gross turnover from 1 January to 30 November 2026" in screen.turnover_summary.text()
    for tab in screen._tabs:
        qtmodeltester.check(tab.model)


def test_choosing_a_period_with_the_keyboard_reloads(qtbot, screen):
    screen.period.setFocus()
    with qtbot.waitSignal(screen.reportLoaded, timeout=WAIT) as loaded:
        qtbot.keyClick(screen.period, Qt.Key.Key_Up)
    assert loaded.args[0].report.period.kind is PeriodKind.THIS_YEAR
    with qtbot.waitSignal(screen.reportLoaded, timeout=WAIT) as loaded:
        qtbot.keyClick(screen.period, Qt.Key.Key_Up)
    assert loaded.args[0].report.period.kind is PeriodKind.LAST_MONTH
    with qtbot.waitSignal(screen.reportLoaded, timeout=WAIT) as loaded:
        screen.first.setDate(screen.first.date().addDays(-1))
    assert screen.period.currentData() == PeriodKind.CUSTOM
    assert loaded.args[0].report.period.kind is PeriodKind.CUSTOM


def test_enter_on_a_row_opens_its_sales(qtbot, screen, monkeypatch):
    asked = []
    monkeypatch.setattr(screen_module.DrillDownDialog, "ask", lambda *args: asked.append(args[1:]))
    categories = next(t for t in screen._tabs if t.dimension is Dimension.CATEGORY)
    screen.tabs.setCurrentIndex(1)
    categories.view.setFocus()
    categories.view.selectRow(0)
    qtbot.keyClick(categories.view, Qt.Key.Key_Return)
    _shop, period, dimension, key, title = asked[-1]
    first = categories.model.row_object(0)
    assert (period, dimension, key, title) == (
        Period(*NOVEMBER),
        Dimension.CATEGORY,
        first.key,
        first.label,
    )
    categories.view.selectRow(categories.model.rowCount() - 1)
    qtbot.keyClick(categories.view, Qt.Key.Key_Return)
    assert asked[-1][2:] == (None, "", "All sales")


def test_the_drill_down_lists_the_sales_and_their_lines(qtbot, shop, bazaar):
    dialog = DrillDownDialog(shop, TWO_DAYS, Dimension.CATEGORY, "Kopi", "Kopi")
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.loaded, timeout=WAIT) as loaded:
        dialog.show()
    assert loaded.args == [2]
    assert dialog.count.text() == "2 sales."
    assert [dialog.sales.index(r, 0).data() for r in range(2)] == ["A-000004", "A-000002"]
    assert [dialog.lines.index(r, 0).data() for r in range(2)] == ["TAS-1", "KOP-1"]
    dialog.sales_view.selectRow(1)
    assert dialog.lines.rowCount() == 1
    assert dialog.lines.index(0, 5).data() == "Rp190.000"
    dialog.background.wait()


def test_files_are_written_off_the_gui_thread(qtbot, screen, demo, tmp_path, monkeypatch):
    names = iter(["summary.pdf", "lines.csv", "lines.xlsx", "turnover.csv", "till.zip"])
    monkeypatch.setattr(dialogs, "save_file", lambda *args, **kwargs: tmp_path / next(names))
    with qtbot.waitSignal(screen.fileWritten, timeout=WAIT) as written:
        qtbot.mouseClick(screen.pdf_button, Qt.MouseButton.LeftButton)
    assert len(PdfReader(written.args[0]).pages) >= 3
    for action in ("csv", "xlsx", "turnover", "bundle"):
        with qtbot.waitSignal(screen.fileWritten, timeout=WAIT):
            screen.export_actions[action].trigger()
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("shop")) == [
        "lines.csv",
        "lines.xlsx",
        "summary.pdf",
        "till.zip",
        "turnover.csv",
    ]
    assert screen.status.text() == f"Saved {tmp_path / 'till.zip'}"
    assert zipfile.is_zipfile(tmp_path / "till.zip")


def test_a_long_summary_shows_its_progress_and_cancel_writes_no_file(
    qtbot, screen, demo, tmp_path, monkeypatch
):
    monkeypatch.setattr(dialogs, "save_file", lambda *args, **kwargs: tmp_path / "summary.pdf")
    write = demo.report_files.write
    go_on = threading.Event()

    def slow(*args, **kwargs):
        go_on.wait(10)  # a year of sales: long enough for the window to show
        return write(*args, **kwargs)

    monkeypatch.setattr(demo.report_files, "write", slow)
    qtbot.mouseClick(screen.pdf_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.findChild(ProgressWindow) is not None, timeout=WAIT)
    shown = screen.findChild(ProgressWindow)
    qtbot.waitUntil(shown.isVisible, timeout=WAIT)
    assert (shown.windowTitle(), shown.cancel_button.isVisible()) == (
        "Writing the sales summary",
        True,
    )
    with qtbot.waitSignal(screen.failed, timeout=WAIT) as failed:
        qtbot.mouseClick(shown.cancel_button, Qt.MouseButton.LeftButton)
        go_on.set()
    assert failed.args == ["Cancelled: nothing was changed."]
    assert not (tmp_path / "summary.pdf").exists()
    qtbot.waitUntil(lambda: screen.findChild(ProgressWindow) is None)


def test_merging_tills_in_the_dialog(qtbot, shop, template_db, tmp_path):
    bundle = other_till_bundle(template_db, tmp_path)
    broken = tmp_path / "broken.zip"
    broken.write_bytes(bundle.read_bytes()[:200])
    dialog = MergeTillsDialog(shop)
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.waitSignal(dialog.checked, timeout=WAIT):
        dialog.add_files([bundle, broken])
    assert dialog.model.rowCount() == 2
    assert dialog.model.index(0, 1).data() == "B · Stall B"
    assert dialog.model.index(0, 4).data() == "1"
    assert "broken.zip" in dialog.status.text()
    assert not dialog.import_button.isEnabled()
    dialog.view.selectRow(1)
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    assert dialog.import_button.isEnabled()
    assert dialog.status.text() == "Sales new to this database: 1."
    with qtbot.waitSignal(dialog.imported, timeout=WAIT) as imported:
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert imported.args[0].sales_added == 1
    assert dialog.summary is imported.args[0]
    assert (
        dialog.status.text() == "Sales merged: 1. Stock movements merged: 1. Sales already here: 0."
    )
    assert shop.reports.summary(TWO_DAYS).figures.sale_count == 1
    dialog.background.wait()


def test_a_long_merge_shows_its_progress_and_cancel_merges_nothing(
    qtbot, shop, template_db, tmp_path, monkeypatch
):
    bundle = other_till_bundle(template_db, tmp_path)
    dialog = MergeTillsDialog(shop)
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.waitSignal(dialog.checked, timeout=WAIT):
        dialog.add_files([bundle])
    merge = shop.bundles.import_files
    go_on = threading.Event()

    def slow(*args, **kwargs):
        go_on.wait(10)  # a day of a busy bazaar: long enough for the window to show
        return merge(*args, **kwargs)

    monkeypatch.setattr(shop.bundles, "import_files", slow)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.findChild(ProgressWindow) is not None, timeout=WAIT)
    shown = dialog.findChild(ProgressWindow)
    qtbot.waitUntil(shown.isVisible, timeout=WAIT)
    assert (shown.windowTitle(), shown.cancel_button.isVisible()) == ("Merging the bundles", True)
    with qtbot.waitSignal(dialog.failed, timeout=WAIT) as failed:
        qtbot.mouseClick(shown.cancel_button, Qt.MouseButton.LeftButton)
        go_on.set()
    assert failed.args == ["Cancelled: nothing was changed."]
    assert dialog.summary is None
    assert shop.reports.summary(TWO_DAYS).figures.sale_count == 0
    assert dialog.import_button.isEnabled()
    dialog.background.wait()


def test_after_a_merge_the_screen_reloads_and_tells_others(qtbot, screen, monkeypatch):
    class Summary:
        sales_added, movements_added = 3, 0

    monkeypatch.setattr(screen_module.MergeTillsDialog, "ask", lambda *args: Summary())
    with (
        qtbot.waitSignal(screen.salesMerged, timeout=WAIT),
        qtbot.waitSignal(screen.reportLoaded, timeout=WAIT),
    ):
        qtbot.mouseClick(screen.merge_button, Qt.MouseButton.LeftButton)


def test_the_z_report_dialog(qtbot, shop, bazaar, tmp_path, monkeypatch):
    dialog = ZReportDialog(shop, date(2026, 11, 20))
    qtbot.addWidget(dialog)
    dialog.show()
    lines = dialog.text.toPlainText().splitlines()
    assert max(map(len, lines)) == 32
    assert any(line.startswith("CASH EXPECTED") and line.endswith("Rp190.000") for line in lines)
    dialog.width_choice.setCurrentIndex(dialog.width_choice.findData(48))
    assert max(map(len, dialog.text.toPlainText().splitlines())) == 48
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "No receipt printer is set up" in dialog.status.text(), timeout=WAIT)
    monkeypatch.setattr(dialogs, "save_file", lambda *args, **kwargs: tmp_path / "z.pdf")
    with qtbot.waitSignal(dialog.saved, timeout=WAIT):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert len(PdfReader(tmp_path / "z.pdf").pages) == 1
    dialog.background.wait()


def test_the_z_report_dialog_starts_at_the_printers_line_width(qtbot, shop, bazaar):
    shop.printer.configure(paper_mm=80, columns=42)
    dialog = ZReportDialog(shop, date(2026, 11, 20))
    qtbot.addWidget(dialog)
    assert dialog.width_choice.currentText() == "42 columns"
    assert max(map(len, dialog.text.toPlainText().splitlines())) == 42


def test_charts_paint_bars_and_columns(screen):
    for index in range(len(screen._tabs)):
        screen.tabs.setCurrentIndex(index)
        image = screen.grab().toImage()
        assert not image.isNull()
    products = screen._tabs[0].chart
    picture = products.grab().toImage()
    green = picture.pixelColor(picture.width() // 2, picture.height() // 8)
    assert green.name() == "#1c7c54"
    assert "Teko Keramik Glasir Hijau" in products.accessibleDescription()


def test_an_empty_period_and_a_failure_are_shown_plainly(qtbot, screen, monkeypatch):
    with qtbot.waitSignal(screen.reportLoaded, timeout=WAIT):
        screen.set_period(PeriodKind.CUSTOM, date(2020, 1, 1), date(2020, 1, 2))
    assert screen.cards["sales"].value.text() == "0"
    assert screen.cards["margin"].value.text() == "—"
    chart = screen._tabs[0].chart
    assert chart.bars == []
    assert chart.accessibleDescription() == "No sales in this period."
    chart.grab()

    def broken(period, **_options):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(screen._shop.reports, "summary", broken)
    with qtbot.waitSignal(screen.failed, timeout=WAIT) as failed:
        qtbot.keyClick(screen, Qt.Key.Key_F5)
    assert failed.args[0].startswith("Something went wrong. Details are in ")
    assert screen.status.text() == failed.args[0]


def test_typing_a_date_counts_once_when_the_date_is_done(qtbot, screen, monkeypatch):
    with qtbot.waitSignal(screen.reportLoaded, timeout=WAIT):
        screen.set_period(PeriodKind.THIS_MONTH)
    year = screen.first.date().year()
    counted = []
    refresh = screen.refresh
    monkeypatch.setattr(screen, "refresh", lambda: (counted.append(1), refresh()))
    screen.first.setFocus()
    screen.first.setSelectedSection(QDateTimeEdit.Section.DaySection)
    qtbot.keyClicks(screen.first, "05")
    screen.first.setSelectedSection(QDateTimeEdit.Section.MonthSection)
    qtbot.keyClicks(screen.first, "11")
    assert screen.first.date().toPython() == date(year, 11, 5)
    assert counted == []
    with qtbot.waitSignal(screen.reportLoaded, timeout=WAIT) as loaded:
        qtbot.keyClick(screen.first, Qt.Key.Key_Return)
    assert loaded.args[0].report.period.first == date(year, 11, 5)
    assert screen.period.currentData() == PeriodKind.CUSTOM
    qtbot.wait(DATE_PAUSE_MS + 200)
    assert counted == [1]
    screen.first.setSelectedSection(QDateTimeEdit.Section.DaySection)
    with qtbot.waitSignal(screen.reportLoaded, timeout=WAIT + DATE_PAUSE_MS):
        qtbot.keyClicks(screen.first, "06")  # a pause counts it too
    assert counted == [1, 1]


def test_every_tab_agrees_with_the_cards_after_a_refund(qtbot, screen, demo):
    products = next(t for t in screen._tabs if t.dimension is Dimension.PRODUCT)
    refund_column = products.model.refund_columns()[0]
    assert products.view.isColumnHidden(refund_column)  # nothing went back in November
    with demo.db.reading() as session:
        uuid = session.scalars(select(Sale.uuid).order_by(Sale.id)).first()
    line = demo.sales_history.detail(uuid).lines[0]
    demo.refunds.refund(uuid, [RefundItem(line.id, whole(1))])
    with qtbot.waitSignal(screen.reportLoaded, timeout=WAIT) as loaded:
        screen.set_period(PeriodKind.CUSTOM, NOVEMBER[0], demo.reports.today())
    figures = loaded.args[0].report.figures
    assert figures.refunded > 0
    fmt = fmt_of(demo)
    assert screen.cards["net"].value.text() == fmt.money(figures.net)
    assert not products.view.isColumnHidden(refund_column)
    for tab in screen._tabs:
        model = tab.model
        last = model.rowCount() - 1
        headings = [
            model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())
        ]
        if tab.dimension is Dimension.PAYMENT:
            column = headings.index("Net received")
            assert model.index(last, column).data() == fmt.money(figures.collected)
            continue
        net = model.index(last, headings.index("Net sales")).data()
        assert net == fmt.money(figures.net), tab.dimension
        if "Items" in headings:
            assert model.index(last, headings.index("Items")).data() == fmt.count(figures.items)
