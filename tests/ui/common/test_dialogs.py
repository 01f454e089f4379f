import ast
import re
from pathlib import Path
from typing import ClassVar

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox, QWidget

import bazaar_pos
from bazaar_pos.ui.common import dialogs
from bazaar_pos.ui.common.dialogs import ConfirmDialog, TextDialog
from bazaar_pos.ui.products.labels_dialog import LabelsDialog


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


@pytest.fixture
def file_questions(monkeypatch):
    """Answer file dialogs with the next of ``answers`` (none: cancel); keep the questions."""

    class Asked:
        questions: ClassVar[list[dialogs.FileQuestion]] = []
        answers: ClassVar[list[Path]] = []

    def ask_file(parent, question):
        Asked.questions.append(question)
        return [Asked.answers.pop(0)] if Asked.answers else []

    dialogs.forget_folders()
    monkeypatch.setattr(dialogs, "ask_file", ask_file)
    Asked.questions = []
    Asked.answers = []
    yield Asked
    dialogs.forget_folders()


def test_labels_start_where_reports_do_and_each_kind_keeps_its_folder(
    qtbot, shop, add_product, file_questions, tmp_path
):
    kopi = add_product(barcode="4006381333931")
    labels = LabelsDialog(shop, [kopi.id])
    qtbot.addWidget(labels)
    qtbot.mouseClick(labels.save_button, Qt.MouseButton.LeftButton)
    (question,) = file_questions.questions
    assert question.mode is dialogs.FileMode.SAVE
    assert question.start == Path.home() / "labels.pdf"

    stick = tmp_path / "stick"
    file_questions.answers = [stick / "report.pdf"]
    assert dialogs.save_file(None, "Report", "r.pdf", "PDF", kind=dialogs.FileKind.DOCUMENT)
    qtbot.mouseClick(labels.save_button, Qt.MouseButton.LeftButton)
    assert file_questions.questions[-1].start == stick / "labels.pdf"
    dialogs.open_file(None, "Photo", "Pictures", kind=dialogs.FileKind.PICTURE)
    assert file_questions.questions[-1].start == Path.home()
    dialogs.open_files(None, "Bundles", "Zip", kind=dialogs.FileKind.BUNDLE)
    assert file_questions.questions[-1].mode is dialogs.FileMode.OPEN_MANY
    dialogs.open_file(None, "Backup", "DB", kind=dialogs.FileKind.BACKUP, start=tmp_path)
    assert file_questions.questions[-1].start == tmp_path


STATIC_FUNCTIONS = re.compile(r"^(get[A-Z]\w*|question|information|warning|critical|about\w*)$")


def test_only_the_dialogs_module_opens_message_boxes_and_file_dialogs():
    package = Path(bazaar_pos.__file__).parent
    home = Path(dialogs.__file__)
    offending = []
    for path in sorted(package.rglob("*.py")):
        if path == home:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and any(
                alias.name == "QFileDialog" for alias in node.names
            ):
                offending.append(f"{path.relative_to(package)} imports QFileDialog")
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name | ast.Attribute)
                and (getattr(node.value, "id", None) or getattr(node.value, "attr", None))
                in ("QFileDialog", "QMessageBox")
                and STATIC_FUNCTIONS.match(node.attr)
            ):
                offending.append(f"{path.relative_to(package)}:{node.lineno} calls {node.attr}")
    assert offending == []
