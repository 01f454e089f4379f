"""Product photo thumbnails, scaled once and cached (the till's quick-pick grid uses these too)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QImageReader, QPainter, QPixmap, QPixmapCache


def thumbnail(path: Path | None, size: int) -> QPixmap | None:
    """The photo at ``path`` fitted into a ``size`` x ``size`` square, or None without one.

    Large photos are decoded at the small size directly, so a grid of
    thumbnails stays quick; results are cached by file, size and change time.
    """
    if path is None:
        return None
    try:
        stamp = path.stat().st_mtime_ns
    except OSError:
        return None
    key = f"bazaar-thumb:{path}:{size}:{stamp}"
    cached = QPixmap()
    if QPixmapCache.find(key, cached):
        return cached
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)
    original = reader.size()
    if original.isValid():
        reader.setScaledSize(original.scaled(QSize(size, size), Qt.AspectRatioMode.KeepAspectRatio))
    image = reader.read()
    if image.isNull():
        return None
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(0, 0, 0, 0))
    painter = QPainter(pixmap)
    painter.drawImage((size - image.width()) // 2, (size - image.height()) // 2, image)
    painter.end()
    QPixmapCache.insert(key, pixmap)
    return pixmap
