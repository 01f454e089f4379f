"""How screens tell people what happened: messages, problems in words, confirmations, files.

The functions here are the only places that open modal boxes or file dialogs,
so tests patch them instead of clicking through real ones.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QLabel, QMessageBox, QWidget

from bazaar_pos.errors import UserError, ValidationError
from bazaar_pos.i18n import _
from bazaar_pos.paths import log_folder


def show_message(label: QLabel, text: str, tone: str = "info") -> None:
    """Put ``text`` in ``label`` with the ``tone`` property the style sheet colours by."""
    label.setText(text)
    label.setProperty("tone", tone)
    label.style().unpolish(label)
    label.style().polish(label)


def describe(error: BaseException) -> str:
    """A problem in words for a person: the message and each listed problem, or where the log is."""
    if isinstance(error, ValidationError):
        return "\n".join([error.message, *(f"• {p}" for p in error.problems)])
    if isinstance(error, UserError):
        return error.message
    return _("Something went wrong. Details are in the log in {path}").format(path=log_folder())


def confirm(parent: QWidget, title: str, text: str) -> bool:
    """Ask a yes/no question; True for yes."""
    answer = QMessageBox.question(parent, title, text)
    return answer == QMessageBox.StandardButton.Yes


def open_file(parent: QWidget, title: str, filters: str) -> Path | None:
    """Ask for a file to read; None when the person cancels."""
    name, _selected = QFileDialog.getOpenFileName(parent, title, "", filters)
    return Path(name) if name else None


def save_file(parent: QWidget, title: str, suggested: str, filters: str) -> Path | None:
    """Ask where to write a file; None when the person cancels."""
    name, _selected = QFileDialog.getSaveFileName(parent, title, suggested, filters)
    return Path(name) if name else None
