"""Qt's own buttons, file dialog, edit menus and date pickers speak the app's language."""

import pytest
from PySide6.QtCore import QCoreApplication, QDate, QPoint, QTimer
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QSpinBox,
    QTreeView,
    QWidget,
)

from bazaar_pos.i18n import set_language
from bazaar_pos.ui.common import dialogs
from bazaar_pos.ui.common.translator import qt_texts, speak_qt_language, stop_speaking_qt_language
from bazaar_pos.ui.stock.consignment import ConsignmentTab


@pytest.fixture
def qt_words(qapp):
    """The app's start-up: Qt's words and QLocale follow the app's language."""
    speak_qt_language(qapp)
    yield
    stop_speaking_qt_language(qapp)


def save_cancel_texts(qtbot):
    buttons = QDialogButtonBox.StandardButton
    box = QDialogButtonBox(buttons.Save | buttons.Cancel)
    qtbot.addWidget(box)
    return [
        box.button(buttons.Save).text(),
        box.button(buttons.Cancel).text(),
    ]


def answer_question_no(qtbot):
    """Ask ``dialogs.confirm`` for real; note the buttons it shows and press No."""
    seen = []

    def press_no():
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen.extend(button.text() for button in box.buttons())
        box.button(QMessageBox.StandardButton.No).click()

    QTimer.singleShot(0, press_no)
    parent = QWidget()
    qtbot.addWidget(parent)
    assert dialogs.confirm(parent, "Tandai lunas", "Ini tidak bisa dibatalkan.") is False
    return sorted(seen)


def file_dialog_words(qtbot, tmp_path):
    (tmp_path / "laporan.pdf").write_bytes(b"%PDF")
    dialog = QFileDialog(None, "Simpan", str(tmp_path), "PDF (*.pdf)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    qtbot.addWidget(dialog)
    dialog.show()
    labels = {label.text() for label in dialog.findChildren(QLabel) if label.isVisible()}
    buttons = {button.text() for button in dialog.findChildren(QDialogButtonBox)[0].buttons()}
    details = dialog.findChild(QTreeView, "treeView")
    model = details.model()
    header = [model.headerData(column, details.header().orientation()) for column in range(4)]
    dialog.reject()
    return labels, buttons, header


def edit_menu_texts(qtbot):
    field = QLineEdit("Kopi")
    qtbot.addWidget(field)
    menu = field.createStandardContextMenu()
    texts = [action.text().split("\t")[0] for action in menu.actions() if not action.isSeparator()]
    menu.deleteLater()
    return texts


def test_qt_words_are_indonesian_in_the_indonesian_ui(qtbot, qt_words, tmp_path):
    set_language("id")
    assert save_cancel_texts(qtbot) == ["Simpan", "Batal"]
    assert answer_question_no(qtbot) == ["&Tidak", "&Ya"]
    labels, buttons, header = file_dialog_words(qtbot, tmp_path)
    assert {"&Lihat di:", "&Nama file:", "&Jenis file:"} <= labels
    assert buttons == {"&Simpan", "Batal"}
    assert header == ["Nama", "Ukuran", "Jenis", "Tanggal diubah"]
    assert edit_menu_texts(qtbot) == [
        "&Urungkan",
        "U&langi",
        "&Potong",
        "&Salin",
        "&Tempel",
        "Hapus",
        "Pilih semua",
    ]


def test_qt_words_stay_english_in_the_english_ui(qtbot, qt_words, tmp_path):
    set_language("en")
    assert save_cancel_texts(qtbot) == ["Save", "Cancel"]
    assert answer_question_no(qtbot) == ["&No", "&Yes"]
    labels, buttons, header = file_dialog_words(qtbot, tmp_path)
    assert {"&Look in:", "File &name:", "Files of &type:"} <= labels
    assert buttons == {"&Save", "Cancel"}
    assert header == ["Name", "Size", "Type", "Date Modified"]
    assert edit_menu_texts(qtbot) == [
        "&Undo", "&Redo", "Cu&t", "&Copy", "&Paste", "Delete", "Select All"
    ]


def context_menu_texts(widget):
    """Right-click ``widget`` (its menu runs its own loop); the menu's texts without key hints."""
    seen = []

    def read_menu_and_close():
        menu = QApplication.activePopupWidget()
        seen.extend(a.text().split("\t")[0] for a in menu.actions() if not a.isSeparator())
        menu.close()

    QTimer.singleShot(0, read_menu_and_close)
    point = QPoint(2, 2)
    QApplication.sendEvent(
        widget,
        QContextMenuEvent(QContextMenuEvent.Reason.Mouse, point, widget.mapToGlobal(point)),
    )
    return seen


@pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing the keyboard)")
def test_spin_box_and_scroll_bar_menus_speak_indonesian(qtbot, qt_words):
    set_language("id")
    spin = QSpinBox()
    qtbot.addWidget(spin)
    spin.show()
    assert {"&Pilih semua", "&Naikkan", "&Turunkan"} <= set(context_menu_texts(spin))
    # A scroll bar's menu (offscreen it closes at once): the words it asks Qt for.
    scroll_bar_menu = ["Scroll here", "Top", "Bottom", "Page up", "Page down"]
    assert [QCoreApplication.translate("QScrollBar", text) for text in scroll_bar_menu] == [
        "Gulir ke sini",
        "Paling atas",
        "Paling bawah",
        "Satu halaman ke atas",
        "Satu halaman ke bawah",
    ]


def test_titip_jual_date_pickers_name_months_in_the_ui_language(qtbot, qt_words, shop):
    set_language("id")
    tab = ConsignmentTab(shop)
    qtbot.addWidget(tab)
    tab.first.setDate(QDate(2026, 12, 1))
    assert tab.first.text() == "1 Des 2026"
    assert tab.first.calendarWidget().locale().monthName(12) == "Desember"
    set_language("en")
    english = ConsignmentTab(shop)
    qtbot.addWidget(english)
    english.first.setDate(QDate(2026, 12, 1))
    assert english.first.text() == "1 Dec 2026"


def test_every_qt_text_has_an_indonesian_translation_keeping_its_marks():
    english = qt_texts()
    set_language("id")
    indonesian = qt_texts()
    assert len(english) == len(indonesian)
    untranslated_on_purpose = {"OK", "Drive", "Folder", "File", "Alias", "File Folder"}
    for source, text in zip(english, indonesian, strict=True):
        assert text, source
        assert (text != source) or source in untranslated_on_purpose, source
        assert ("&" in source) == ("&" in text), source
        assert source.count("%1") == text.count("%1"), source
        assert source.count("\n") == text.count("\n"), source
