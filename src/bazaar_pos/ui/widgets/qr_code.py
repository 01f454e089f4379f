"""QR codes on screen: made with the qrcode package, drawn crisp at any size."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QImage, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

QUIET_ZONE = 4
"""White modules around the code, as the QR standard asks, so phones find its edges."""
BLACK, WHITE = 0, 255


def qr_modules(data: str) -> QImage:
    """The QR code of ``data`` with one pixel per module (black on white), quiet zone included."""
    import qrcode  # with Pillow: loads when the first code is drawn, not at start

    code = qrcode.QRCode(border=QUIET_ZONE, error_correction=qrcode.constants.ERROR_CORRECT_M)
    code.add_data(data)
    code.make(fit=True)
    matrix = code.get_matrix()
    side = len(matrix)
    pixels = bytes(BLACK if dark else WHITE for row in matrix for dark in row)
    # copy(): the image then owns its pixels instead of borrowing the bytes above.
    return QImage(pixels, side, side, side, QImage.Format.Format_Grayscale8).copy()


class QrCodeView(QWidget):
    """Shows a QR code as large as the widget allows, every module the same whole pixel size."""

    def __init__(self, parent: QWidget | None = None) -> None:
        """An empty view; ``set_data`` gives it a code."""
        super().__init__(parent)
        self.setObjectName("qrCode")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._data = ""
        self._modules = QImage()

    def set_data(self, data: str) -> None:
        """Show the QR code of ``data`` (empty shows nothing)."""
        if data == self._data:
            return
        self._data = data
        self._modules = qr_modules(data) if data else QImage()
        self.setAccessibleDescription(data)
        self.update()

    def data(self) -> str:
        """The text the code shown carries."""
        return self._data

    def code_rect(self) -> QRect:
        """Where the code is drawn: centred, a whole number of pixels per module."""
        if self._modules.isNull():
            return QRect()
        side = self._modules.width()
        scale = max(1, min(self.width(), self.height()) // side)
        drawn = side * scale
        return QRect((self.width() - drawn) // 2, (self.height() - drawn) // 2, drawn, drawn)

    def minimumSizeHint(self) -> QSize:
        """Two pixels a module at least."""
        side = 2 * (self._modules.width() or 45)
        return QSize(side, side)

    def paintEvent(self, event: QPaintEvent) -> None:
        """Draw the modules scaled without smoothing, so edges stay sharp."""
        if self._modules.isNull():
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
        painter.drawImage(self.code_rect(), self._modules)
        painter.end()
