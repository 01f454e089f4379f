"""A horizontal bar chart drawn with QPainter (the Essentials wheel has no QtCharts)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from bazaar_pos.i18n import _

BAR = QColor("#1c7c54")
TRACK = QColor("#eef1f4")
INK = QColor("#111111")
MUTED = QColor("#3d4650")


class BarChart(QWidget):
    """Labelled bars with their values: rows of bars, or columns (``vertical``) for time."""

    def __init__(
        self, name: str, accessible: str, parent: QWidget | None = None, *, vertical: bool = False
    ) -> None:
        """An empty chart; ``name`` becomes its object name."""
        super().__init__(parent)
        self.vertical = vertical
        self.setObjectName(name)
        self.setAccessibleName(accessible)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._bars: list[tuple[str, int]] = []
        self._format: Callable[[int], str] = str
        self.empty_text = ""
        self.setMinimumHeight(120)

    def set_bars(self, bars: Sequence[tuple[str, int]], format_value: Callable[[int], str]) -> None:
        """Show ``bars`` (label, value), in the order given."""
        self._bars = list(bars)
        self._format = format_value
        summary = "; ".join(f"{label}: {format_value(value)}" for label, value in self._bars[:12])
        self.setAccessibleDescription(summary or self.empty_text)
        self.update()

    @property
    def bars(self) -> list[tuple[str, int]]:
        """The bars shown."""
        return list(self._bars)

    def sizeHint(self) -> QSize:
        """Room for a dozen bars."""
        return QSize(480, 200)

    def paintEvent(self, event: QPaintEvent) -> None:
        """Draw the bars to fit the widget, however many there are."""
        del event
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = QFontMetrics(self.font())
        area = QRectF(self.rect()).adjusted(4, 4, -4, -4)
        if not self._bars:
            painter.setPen(MUTED)
            painter.drawText(area, Qt.AlignmentFlag.AlignCenter, self.empty_text)
            painter.end()
            return
        if self.vertical:
            self._paint_columns(painter, area, metrics)
            painter.end()
            return
        fits = max(1, int(area.height() // (metrics.height() + 4)))
        bars = self._bars[:fits]
        row = area.height() / len(bars)
        label_width = min(
            area.width() * 0.35, max(metrics.horizontalAdvance(b[0]) for b in bars) + 8
        )
        value_width = max(metrics.horizontalAdvance(self._format(b[1])) for b in bars) + 10
        track = area.width() - label_width - value_width
        largest = max(max(value for _label, value in bars), 1)
        for index, (label, value) in enumerate(bars):
            top = area.top() + index * row
            height = min(row - 4, metrics.height() + 6)
            middle = top + (row - height) / 2
            text_box = QRectF(area.left(), top, label_width - 8, row)
            painter.setPen(INK)
            painter.drawText(
                text_box,
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                metrics.elidedText(label, Qt.TextElideMode.ElideRight, int(label_width - 8)),
            )
            left = area.left() + label_width
            painter.fillRect(QRectF(left, middle, track, height), TRACK)
            length = track * max(value, 0) / largest
            painter.fillRect(QRectF(left, middle, length, height), BAR)
            painter.setPen(MUTED)
            painter.drawText(
                QRectF(left + length + 6, top, value_width + track - length, row),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                self._format(value),
            )
        painter.end()

    def _paint_columns(self, painter: QPainter, area: QRectF, metrics: QFontMetrics) -> None:
        """Columns left to right, labels under them, the largest value written above its column."""
        bars = self._bars
        label_height = metrics.height() + 4
        top_room = metrics.height() + 4
        plot = area.adjusted(0, top_room, 0, -label_height)
        slot = plot.width() / len(bars)
        width = max(2.0, slot * 0.7)
        largest = max(max(value for _label, value in bars), 1)
        every = max(
            1, int((metrics.horizontalAdvance("00 ") * len(bars)) // max(plot.width(), 1)) + 1
        )
        painter.setPen(MUTED)
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())
        for index, (label, value) in enumerate(bars):
            left = plot.left() + index * slot + (slot - width) / 2
            height = plot.height() * max(value, 0) / largest
            painter.fillRect(QRectF(left, plot.bottom() - height, width, height), BAR)
            if index % every == 0:
                painter.setPen(MUTED)
                painter.drawText(
                    QRectF(
                        plot.left() + index * slot - slot, plot.bottom() + 2, slot * 3, label_height
                    ),
                    Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                    label,
                )
        peak = max(range(len(bars)), key=lambda i: bars[i][1])
        painter.setPen(INK)
        painter.drawText(
            QRectF(plot.left(), area.top(), plot.width(), top_room),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            _("Highest: {label} · {value}").format(
                label=bars[peak][0], value=self._format(bars[peak][1])
            ),
        )
