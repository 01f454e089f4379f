"""A line edit whose Up and Down keys step through a list beside it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit


class StepLineEdit(QLineEdit):
    """Typing goes into the field; Up and Down emit ``step`` (-1 or +1) instead.

    Signals:
        step(int): Up (-1) or Down (+1) was pressed.
    """

    step = Signal(int)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Turn Up and Down into ``step``; everything else types."""
        if event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.step.emit(-1 if event.key() == Qt.Key.Key_Up else 1)
            return
        super().keyPressEvent(event)
