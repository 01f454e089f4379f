"""The scan field: a barcode scanner or the keyboard types here, Enter adds."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QMoveEvent, QResizeEvent
from PySide6.QtWidgets import QWidget

from bazaar_pos.i18n import _
from bazaar_pos.ui.widgets.step_line_edit import StepLineEdit

MAX_QUANTITY = 9999
_QUANTITY_PREFIX = re.compile(r"^\s*(\d{1,4})\s*\*\s*(.*)$")


def split_quantity(text: str) -> tuple[int | None, str]:
    """Split ``3*8991234500010`` into (3, "8991234500010"); (None, text) without a prefix."""
    match = _QUANTITY_PREFIX.match(text)
    if not match:
        return None, text.strip()
    return int(match[1]), match[2].strip()


class ScanField(StepLineEdit):
    """A line edit that also steers the cart: arrows (``step``), +/-, Delete and Esc.

    Tab does not leave it: the scanner's next code would go to whatever took the keyboard.
    """

    bump = Signal(int)
    """+ or - on an empty field: one more or one fewer of the selected line."""
    remove = Signal()
    """Delete on an empty field: remove the selected line."""
    escape = Signal()
    """Esc: close the search results and clear the field."""
    geometry_changed = Signal()
    """The field moved or changed size (search results follow it)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        """A large field with a hint of what to type."""
        super().__init__(parent)
        self.setObjectName("scanField")
        self.setAccessibleName(_("Scan or search"))
        self.setPlaceholderText(
            _("Scan a barcode, or type a code or a name  (3* before a scan: 3 of it)")
        )
        self.setClearButtonEnabled(True)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Tell followers the field changed size."""
        super().resizeEvent(event)
        self.geometry_changed.emit()

    def moveEvent(self, event: QMoveEvent) -> None:
        """Tell followers the field moved."""
        super().moveEvent(event)
        self.geometry_changed.emit()

    def focusNextPrevChild(self, forward: bool) -> bool:
        """Keep the keyboard on Tab and Shift+Tab: a scan after a stray Tab must not vanish."""
        return True

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Turn the cart keys into signals; everything else types."""
        key = event.key()
        empty = not self.text()
        if key == Qt.Key.Key_Escape:
            self.escape.emit()
        elif empty and key in (Qt.Key.Key_Plus, Qt.Key.Key_Minus):
            self.bump.emit(1 if key == Qt.Key.Key_Plus else -1)
        elif empty and key == Qt.Key.Key_Delete:
            self.remove.emit()
        else:
            super().keyPressEvent(event)
