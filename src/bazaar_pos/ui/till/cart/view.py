"""The cart's table view: a hint over it while empty, number columns sized without measuring."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPalette, QResizeEvent
from PySide6.QtWidgets import QHeaderView, QLabel, QTableView, QWidget

from bazaar_pos.ui.app.style import INK

ITEM_COLUMN = 1
ROW_HEIGHT = 30
"""Pixels a cart line is high: room around 13-point text, easy to tap."""
SELECTED = "#cfe8dc"
"""The selected line's background, as in every other table."""
CELL_ROOM = 20
"""Pixels around a cell's text: the style's padding, the grid line and the focus margin."""


class CartView(QTableView):
    """A table that keeps its empty-cart hint covering the viewport.

    Its number columns are sized from the widest text each holds, which the
    till knows without asking every cell (Qt's sizing to contents asked each
    cell many times per scan: most of the time a scan took to reach the screen).
    """

    def __init__(self, hint: str, parent: QWidget | None = None) -> None:
        """Show ``hint`` over the rows while there are none."""
        super().__init__(parent)
        # Its look comes from the palette, not style-sheet rules (see the app's style sheet).
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Highlight, QColor(SELECTED))
        palette.setColor(QPalette.ColorRole.HighlightedText, QColor(INK))
        self.setPalette(palette)
        self.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
        self.hint = QLabel(hint, self.viewport())
        self.hint.setObjectName("emptyCartHint")
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Resize the hint with the viewport."""
        super().resizeEvent(event)
        self.hint.setGeometry(self.viewport().rect())

    def fit_columns(self, widest: Mapping[int, str]) -> None:
        """Size each column of ``widest`` to its text or its title; the item column has the rest."""
        self.ensurePolished()
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(ITEM_COLUMN, QHeaderView.ResizeMode.Stretch)
        cells = self.fontMetrics()
        bold = QFont(header.font())
        bold.setWeight(QFont.Weight.DemiBold)
        titles = QFontMetrics(bold)
        model = self.model()
        for column, text in widest.items():
            title = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
            width = max(cells.horizontalAdvance(text), titles.horizontalAdvance(title)) + CELL_ROOM
            if header.sectionSize(column) != width:
                header.resizeSection(column, width)
