"""How screens tell people what happened: messages, problems in words, confirmations, files.

The functions here are the only places that open modal boxes or file dialogs,
so tests patch them instead of clicking through real ones.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QLabel, QMessageBox, QWidget

from bazaar_pos.ui.common.jobs import describe as describe


def show_message(label: QLabel, text: str, tone: str = "info") -> None:
    """Put ``text`` in ``label`` with the ``tone`` property the style sheet colours by."""
    label.setText(text)
    label.setProperty("tone", tone)
    label.style().unpolish(label)
    label.style().polish(label)


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
