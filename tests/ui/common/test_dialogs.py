from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox, QWidget

from bazaar_pos.ui.common.dialogs import ConfirmDialog, TextDialog


def answer_when_shown(qtbot, act):
    """Run ``act`` on the modal dialog as soon as it is on screen."""

    def attempt():
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(10, attempt)
            return
        act(dialog)

    QTimer.singleShot(0, attempt)


def test_text_dialog_returns_what_was_typed(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)

    def type_and_enter(dialog):
        qtbot.keyClicks(dialog.field, " Ibu Sari ")
        qtbot.keyClick(dialog.field, Qt.Key.Key_Return)

    answer_when_shown(qtbot, type_and_enter)
    assert TextDialog.ask(parent, "Park cart", "Name", "x") == "Ibu Sari"
    answer_when_shown(qtbot, lambda dialog: dialog.reject())
    assert TextDialog.ask(parent, "Park cart", "Name") is None


def test_a_required_answer_cannot_be_empty(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    dialog = TextDialog(parent, "Void", "Why?", "", required=True)
    ok_button = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    assert not ok_button.isEnabled()
    dialog.field.setText("wrong items")
    assert ok_button.isEnabled()


def test_confirm_dialog_is_yes_only_when_yes_is_chosen(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)

    def click(label):
        def act(box: QMessageBox):
            (button,) = [b for b in box.buttons() if b.text() == label]
            button.click()

        return act

    answer_when_shown(qtbot, click("Clear"))
    assert ConfirmDialog.ask(parent, "Clear?", "Clear the cart?", "Clear", "Keep") is True
    answer_when_shown(qtbot, click("Keep"))
    assert ConfirmDialog.ask(parent, "Clear?", "Clear the cart?", "Clear", "Keep") is False
