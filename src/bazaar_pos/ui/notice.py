"""A message a person must read before going on: a warning or a reason the app stops."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

Icon = QMessageBox.Icon


class Notice(QMessageBox):
    """A titled message with one OK button."""

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
