"""Every message box and file dialog of the app, each behind an ``ask()``-style entry point.

No other module opens a ``QMessageBox`` or a ``QFileDialog`` (a test checks it),
so a test drives or patches these: ``ConfirmDialog.ask``, ``TextDialog.ask``,
``Notice.ask``, ``confirm``, and for files ``open_file``, ``open_files`` and
``save_file``, which all go through :func:`ask_file`. File dialogs start in the
folder last used for the same :class:`FileKind` in this run (the home folder,
or the given start, the first time), so labels and reports start alike.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from bazaar_pos.errors import UserError, ValidationError
from bazaar_pos.i18n import _
from bazaar_pos.logs import LOG_FILE_NAME
from bazaar_pos.paths import log_folder

log = logging.getLogger(__name__)


class ConfirmDialog:
    """A yes-or-no question."""

    @classmethod
    def ask(
        cls, parent: QWidget, title: str, text: str, yes: str, no: str, *, min_width: int = 0
    ) -> bool:
        """Ask ``text``; True when the person chooses ``yes``. Esc means no.

        A ``min_width`` (pixels) keeps a long text, such as a list, from wrapping narrow.
        """
        box = QMessageBox(parent)
        box.setObjectName("confirmDialog")
        box.setAccessibleName(title)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(title)
        box.setTextFormat(Qt.TextFormat.PlainText)  # names typed by people are never markup
        box.setText(text)
        if min_width:
            box.setStyleSheet(f"QLabel#qt_msgbox_label {{ min-width: {min_width}px; }}")
        yes_button = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
        no_button = box.addButton(no, QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(no_button)
        box.setEscapeButton(no_button)
        box.exec()
        return box.clickedButton() is yes_button


class TextDialog(QDialog):
    """One line of text typed in answer to a question."""

    def __init__(
        self, parent: QWidget, title: str, label: str, text: str, *, required: bool
    ) -> None:
        """Ask ``label``, starting from ``text``; a ``required`` answer cannot be empty."""
        super().__init__(parent)
        self.setObjectName("textDialog")
        self.setAccessibleName(title)
        self.setWindowTitle(title)
        self.setMinimumWidth(420)
        prompt = QLabel(label)
        prompt.setWordWrap(True)
        self.field = QLineEdit(text)
        self.field.setObjectName("textDialogField")
        self.field.setAccessibleName(label)
        prompt.setBuddy(self.field)
        buttons = ok_cancel(self)
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        if required:
            self.field.textChanged.connect(lambda value: ok.setEnabled(bool(value.strip())))
            ok.setEnabled(bool(text.strip()))
        layout = QVBoxLayout(self)
        layout.addWidget(prompt)
        layout.addWidget(self.field)
        layout.addWidget(buttons)

    @classmethod
    def ask(
        cls, parent: QWidget, title: str, label: str, text: str = "", *, required: bool = False
    ) -> str | None:
        """The text typed, or None when cancelled."""
        dialog = cls(parent, title, label, text, required=required)
        dialog.field.selectAll()
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.field.text().strip()


def ok_cancel(dialog: QDialog, ok_text: str = "") -> QDialogButtonBox:
    """OK and Cancel buttons accepting or rejecting ``dialog``; OK says ``ok_text`` if given."""
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text or _("OK  Enter"))
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel  Esc"))
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


# -- messages -------------------------------------------------------------------------------

Icon = QMessageBox.Icon


class Notice(QMessageBox):
    """A message a person must read before going on: a warning or a reason the app stops."""

    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        text: str,
        *,
        icon: QMessageBox.Icon = Icon.Warning,
        name: str = "notice",
    ) -> None:
        """Show ``text`` under ``title``; ``name`` becomes the object name."""
        super().__init__(icon, title, title, QMessageBox.StandardButton.Ok, parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setInformativeText(text)
        # Long paths make Qt's default box tall and thin; give the text room.
        self.setStyleSheet("QLabel#qt_msgbox_informativelabel { min-width: 420px; }")
        self.setObjectName(name)
        self.setAccessibleName(title)
        self.setAccessibleDescription(text)

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        title: str,
        text: str,
        *,
        icon: QMessageBox.Icon = Icon.Warning,
        name: str = "notice",
    ) -> None:
        """Show the notice and wait until it is closed (tests patch this)."""
        cls(parent, title, text, icon=icon, name=name).exec()


def confirm(parent: QWidget, title: str, text: str) -> bool:
    """Ask a yes/no question; True for yes."""
    box = QMessageBox(
        QMessageBox.Icon.Question,
        title,
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        parent,
    )
    return box.exec() == QMessageBox.StandardButton.Yes


def show_message(label: QLabel, text: str, tone: str = "info") -> None:
    """Put ``text`` in ``label`` with the ``tone`` property the style sheet colours by."""
    label.setText(text)
    label.setProperty("tone", tone)
    label.style().unpolish(label)
    label.style().polish(label)


def describe(error: BaseException | object) -> str:
    """A problem in words for a person: the message and each listed problem, or where the log is.

    Anything that is not a ``UserError`` is a bug or a broken computer: it is
    logged with its traceback, and the person is told where the log file is.
    """
    if isinstance(error, ValidationError):
        return "\n".join([error.message, *(f"• {p}" for p in error.problems)])
    if isinstance(error, UserError):
        return error.message
    log.error(
        "unexpected error: %r",
        error,
        exc_info=error if isinstance(error, BaseException) else None,
    )
    return _("Something went wrong. Details are in {path}").format(
        path=log_folder() / LOG_FILE_NAME
    )


# -- files ----------------------------------------------------------------------------------


class FileKind(StrEnum):
    """Kinds of file, each with the folder its dialogs start in."""

    PICTURE = "picture"
    """Product photos, the receipt logo, the QRIS sticker."""
    PRODUCT_FILE = "product file"
    """Product lists read or written as CSV or XLSX."""
    DOCUMENT = "document"
    """PDFs and CSVs written for people: reports, labels, slips, the audit log."""
    BACKUP = "backup"
    """Copies of the shop's database."""
    BUNDLE = "bundle"
    """Till bundles to merge."""


class FileMode(StrEnum):
    """What a file dialog asks for."""

    OPEN = "open"
    OPEN_MANY = "open many"
    SAVE = "save"


@dataclass(frozen=True, slots=True)
class FileQuestion:
    """One question for a file dialog."""

    mode: FileMode
    title: str
    filters: str
    start: Path
    """The folder to start in, with the suggested file name when saving."""


_folders: dict[FileKind, Path] = {}


def start_folder(kind: FileKind, start: Path | None = None) -> Path:
    """Where a dialog for ``kind`` starts: the last folder used for it, else ``start`` or home."""
    return _folders.get(kind) or start or Path.home()


def forget_folders() -> None:
    """Forget the folders used so far (each kind starts again from home)."""
    _folders.clear()


def ask_file(parent: QWidget | None, question: FileQuestion) -> list[Path]:
    """Show a file dialog: the one place one opens. Empty when the person cancels."""
    asked = (parent, question.title, str(question.start), question.filters)
    if question.mode is FileMode.OPEN_MANY:
        names, _filter = QFileDialog.getOpenFileNames(*asked)
        return [Path(name) for name in names]
    if question.mode is FileMode.OPEN:
        name, _filter = QFileDialog.getOpenFileName(*asked)
    else:
        name, _filter = QFileDialog.getSaveFileName(*asked)
    return [Path(name)] if name else []


def _asked(
    parent: QWidget | None, mode: FileMode, title: str, filters: str, kind: FileKind, start: Path
) -> list[Path]:
    paths = ask_file(parent, FileQuestion(mode, title, filters, start))
    if paths:
        _folders[kind] = paths[0].parent
    return paths


def open_file(
    parent: QWidget | None, title: str, filters: str, *, kind: FileKind, start: Path | None = None
) -> Path | None:
    """Ask for a file to read; None when the person cancels."""
    paths = _asked(parent, FileMode.OPEN, title, filters, kind, start_folder(kind, start))
    return paths[0] if paths else None


def open_files(parent: QWidget | None, title: str, filters: str, *, kind: FileKind) -> list[Path]:
    """Ask for files to read; empty when the person cancels."""
    return _asked(parent, FileMode.OPEN_MANY, title, filters, kind, start_folder(kind))


def save_file(
    parent: QWidget | None, title: str, suggested: str, filters: str, *, kind: FileKind
) -> Path | None:
    """Ask where to write a file, suggesting the name ``suggested``; None when cancelled."""
    start = start_folder(kind) / suggested
    paths = _asked(parent, FileMode.SAVE, title, filters, kind, start)
    return paths[0] if paths else None
