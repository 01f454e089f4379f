"""The cart's table view, with a hint shown over it while the cart is empty."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QTableView, QWidget


class CartView(QTableView):
    """A table that keeps its empty-cart hint covering the viewport."""

    def __init__(self, hint: str, parent: QWidget | None = None) -> None:
        """Show ``hint`` over the rows while there are none."""
        super().__init__(parent)
        self.hint = QLabel(hint, self.viewport())
        self.hint.setObjectName("emptyCartHint")
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Resize the hint with the viewport."""
        super().resizeEvent(event)
        self.hint.setGeometry(self.viewport().rect())
