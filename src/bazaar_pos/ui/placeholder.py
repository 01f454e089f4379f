"""A screen that says honestly what is coming, instead of pretending to work."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


class ComingScreen(QWidget):
    """A titled page explaining what this part of the app will do."""

    def __init__(self, name: str, title: str, text: str, parent: QWidget | None = None) -> None:
        """Show ``title`` and ``text``; ``name`` becomes the object name."""
        super().__init__(parent)
        self.setObjectName(name)
        self.setAccessibleName(title)
        heading = QLabel(title)
        heading.setObjectName("screenTitle")
        body = QLabel(text)
        body.setWordWrap(True)
        body.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(body)
        layout.addStretch(1)
