from datetime import date

from PIL import Image
from PySide6.QtCore import QDate, QStringListModel
from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QWidget

from bazaar_pos.domain.money import currency
from bazaar_pos.ui.widgets.fields import button, date_edit
from bazaar_pos.ui.widgets.money_edit import MoneyEdit
from bazaar_pos.ui.widgets.tables import list_table
from bazaar_pos.ui.widgets.thumbnails import thumbnail


def test_thumbnails_fit_a_square_and_are_cached(qtbot, tmp_path):
    photo = tmp_path / "tall.jpg"
    Image.new("RGB", (300, 600), (20, 120, 60)).save(photo)
    first = thumbnail(photo, 64)
    assert (first.width(), first.height()) == (64, 64)
    assert first.toImage().pixelColor(32, 32).green() > 100  # the photo, centred
    assert first.toImage().pixelColor(2, 32).alpha() == 0  # transparent at the sides
    assert thumbnail(photo, 64).cacheKey() == first.cacheKey()
    assert thumbnail(None, 64) is None
    assert thumbnail(tmp_path / "gone.jpg", 64) is None
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"not a picture")
    assert thumbnail(broken, 64) is None


def test_money_edit_reads_what_people_type(qtbot):
    edit = MoneyEdit(currency("IDR"), "id_ID")
    qtbot.addWidget(edit)
    seen = []
    edit.valueChanged.connect(seen.append)
    qtbot.keyClicks(edit, "Rp 185.000")
    assert edit.value() == 185_000
    edit.editingFinished.emit()
    assert edit.text() == "185.000"
    edit.setText("1,5jt")
    assert edit.value() == 1_500_000
    edit.setText("mahal")
    assert (edit.value(), edit.is_valid()) == (None, False)
    edit.set_value(None)
    assert (edit.text(), edit.is_valid()) == ("", True)
    assert seen[-1] is None


def test_date_fields_are_named_and_pick_from_a_calendar(qtbot):
    edit = date_edit("someDay", "Some day", date(2025, 3, 9))
    qtbot.addWidget(edit)
    assert (edit.objectName(), edit.accessibleName()) == ("someDay", "Some day")
    assert edit.date() == QDate(2025, 3, 9)
    assert edit.text() == "2025-03-09"
    assert edit.calendarPopup()
    unset = date_edit("unset", "Unset")
    qtbot.addWidget(unset)
    assert unset.date() == QDate(2000, 1, 1)


def test_list_tables_are_named_read_only_and_chosen_by_rows(qtbot):
    model = QStringListModel(["a", "b"])
    view = list_table("things", "Things", model)
    qtbot.addWidget(view)
    assert (view.objectName(), view.accessibleName(), view.model()) == ("things", "Things", model)
    assert view.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers
    assert view.selectionBehavior() == QAbstractItemView.SelectionBehavior.SelectRows
    assert view.selectionMode() == QAbstractItemView.SelectionMode.SingleSelection
    assert not view.alternatingRowColors()
    assert view.verticalHeader().isHidden()
    header = view.horizontalHeader()
    assert header.sectionResizeMode(0) == QHeaderView.ResizeMode.ResizeToContents
    assert header.stretchLastSection()
    many = list_table("many", "Many", model, single=False, alternating=True)
    qtbot.addWidget(many)
    assert many.selectionMode() == QAbstractItemView.SelectionMode.ExtendedSelection
    assert many.alternatingRowColors()


def test_a_buttons_shortcut_presses_it_only_while_it_is_enabled(qtbot):
    window = QWidget()
    qtbot.addWidget(window)
    pressed = []
    made = button(
        "openEvent",
        "Sell at this event  Ctrl+O",
        lambda: pressed.append(1),
        shortcut="events.open",
        shortcuts_on=window,
    )
    (shortcut,) = window.findChildren(QShortcut)
    assert shortcut.key().toString() == "Ctrl+O"
    assert made.toolTip() == "Ctrl+O"
    made.setEnabled(False)
    shortcut.activated.emit()
    assert pressed == []
    made.setEnabled(True)
    shortcut.activated.emit()
    assert pressed == [1]
