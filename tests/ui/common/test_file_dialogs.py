"""File dialogs start where the last file of their kind went; only dialogs.py opens them."""

import ast
import re
from pathlib import Path
from typing import ClassVar

import pytest
from PySide6.QtCore import Qt

import bazaar_pos
from bazaar_pos.ui.common import dialogs
from bazaar_pos.ui.products.labels_dialog import LabelsDialog


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
