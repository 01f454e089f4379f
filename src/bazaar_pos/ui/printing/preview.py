"""The receipt on screen, drawn as the thermal printer prints it, for the till and sales history."""

from __future__ import annotations

import qrcode
from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QFontMetrics, QImage, QPainter, QPaintEvent
from PySide6.QtWidgets import QScrollArea, QVBoxLayout, QWidget

from bazaar_pos.domain.receipt import Receipt
from bazaar_pos.domain.receipt_layout import PAPER_COLUMNS, LaidLine, LineStyle, layout_receipt
from bazaar_pos.i18n import _

PADDING = 14
QR_SHARE = 0.5
LOGO_MAX_HEIGHT_SHARE = 0.5


class ReceiptPaper(QWidget):
    """A strip of white paper with the laid-out receipt drawn on it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        """An empty strip of paper."""
        super().__init__(parent)
        self.setObjectName("receiptPaper")
        self.setAccessibleName(_("Receipt"))
        self.lines: tuple[LaidLine, ...] = ()
        self.columns = PAPER_COLUMNS[58]
        self._font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self._font.setPointSize(10)
        self._bold = QFont(self._font)
        self._bold.setBold(True)
        self._images: dict[str, QImage] = {}

    def set_lines(self, lines: tuple[LaidLine, ...], columns: int) -> None:
        """Draw ``lines`` on paper ``columns`` characters wide."""
        self.lines, self.columns = lines, columns
        self._images = {line.text: self._picture(line) for line in lines if line.style.is_picture}
        self.setAccessibleDescription("\n".join(x.text for x in lines if not x.style.is_picture))
        self.setFixedSize(self.sizeHint())
        self.update()

    def sizeHint(self) -> QSize:
        """As wide as the paper, as tall as the receipt."""
        height = sum(self._height(line) for line in self.lines)
        return QSize(self._text_width() + 2 * PADDING, height + 2 * PADDING)

    def paintEvent(self, event: QPaintEvent) -> None:
        """Paint the paper and every line."""
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("white"))
        painter.setPen(QColor("black"))
        y = PADDING
        for line in self.lines:
            height = self._height(line)
            if line.style.is_picture:
                self._draw_picture(painter, line, y, height)
            else:
                self._draw_text(painter, line, y, height)
            y += height
        painter.end()

    def _metrics(self) -> QFontMetrics:
        return QFontMetrics(self._font)

    def _text_width(self) -> int:
        return self._metrics().horizontalAdvance("0" * self.columns)

    def _height(self, line: LaidLine) -> int:
        if line.style.is_picture:
            image = self._images.get(line.text)
            return image.height() + self._metrics().lineSpacing() // 2 if image else 0
        tall = line.style in (LineStyle.TITLE, LineStyle.STRONG)
        return self._metrics().lineSpacing() * (2 if tall else 1)

    def _draw_text(self, painter: QPainter, line: LaidLine, y: int, height: int) -> None:
        tall = line.style in (LineStyle.TITLE, LineStyle.STRONG)
        painter.setFont(self._bold if tall else self._font)
        painter.save()
        painter.translate(PADDING, y)
        if tall:
            painter.scale(1, 2)
        painter.drawText(0, self._metrics().ascent(), line.text)
        painter.restore()

    def _draw_picture(self, painter: QPainter, line: LaidLine, y: int, height: int) -> None:
        image = self._images.get(line.text)
        if image is not None:
            x = PADDING + (self._text_width() - image.width()) // 2
            painter.drawImage(x, y, image)

    def _picture(self, line: LaidLine) -> QImage:
        width = self._text_width()
        if line.style is LineStyle.QR:
            return _qr_image(line.text, int(width * QR_SHARE))
        image = QImage(line.text)
        if image.isNull():
            return image
        return image.convertToFormat(QImage.Format.Format_Grayscale8).scaled(
            width,
            int(width * LOGO_MAX_HEIGHT_SHARE),
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )


def _qr_image(data: str, side: int) -> QImage:
    """A QR code of ``data`` about ``side`` pixels square."""
    code = qrcode.QRCode(border=1, error_correction=qrcode.constants.ERROR_CORRECT_M)
    code.add_data(data)
    code.make(fit=True)
    matrix = code.get_matrix()
    box = max(1, side // len(matrix))
    image = QImage(box * len(matrix), box * len(matrix), QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    for row, cells in enumerate(matrix):
        for column, dark in enumerate(cells):
            if dark:
                painter.fillRect(QRectF(column * box, row * box, box, box), QColor("black"))
    painter.end()
    return image


class ReceiptPreview(QWidget):
    """A scrollable receipt preview; call :meth:`show_receipt` with any receipt."""

    def __init__(self, parent: QWidget | None = None, columns: int = PAPER_COLUMNS[58]) -> None:
        """An empty preview for paper ``columns`` characters wide."""
        super().__init__(parent)
        self.setObjectName("receiptPreview")
        self.setAccessibleName(_("Receipt preview"))
        self.columns = columns
        self.paper = ReceiptPaper()
        self.scroll_area = QScrollArea()
        self.scroll_area.setObjectName("receiptPreviewScroll")
        self.scroll_area.setWidget(self.paper)
        self.scroll_area.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.scroll_area.setStyleSheet("QScrollArea { background: #d9d9d9; }")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scroll_area)

    def show_receipt(self, receipt: Receipt, columns: int | None = None) -> None:
        """Show ``receipt`` on paper ``columns`` characters wide (32 for 58 mm, 48 for 80 mm)."""
        self.columns = columns or self.columns
        self.paper.set_lines(layout_receipt(receipt, self.columns), self.columns)

    def text(self) -> str:
        """The receipt's text as shown (for screen readers and tests)."""
        return self.paper.accessibleDescription()

    def sizeHint(self) -> QSize:
        """Wide enough for the paper and a scroll bar."""
        paper = self.paper.sizeHint()
        return QSize(paper.width() + 40, min(paper.height(), 640))
