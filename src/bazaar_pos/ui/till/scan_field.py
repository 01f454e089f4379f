"""The scan field: a barcode scanner or the keyboard types here, Enter adds."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QMoveEvent, QResizeEvent
from PySide6.QtWidgets import QWidget

from bazaar_pos.i18n import _
from bazaar_pos.ui.widgets.step_line_edit import StepLineEdit

MAX_QUANTITY = 9999
"""The most of one line, in its unit: 9999 pieces, 9999 kg."""
_QUANTITY_PREFIX = re.compile(r"^\s*(\d{1,4}(?:[.,]\d{1,3})?\s*[a-zA-Z]{0,5})\s*\*\s*(.*)$")


def too_much_text() -> str:
    """What the till says to a quantity beyond what one line takes."""
    return _("A line takes at most {most} of its unit.").format(most=MAX_QUANTITY)


def split_quantity(text: str) -> tuple[str | None, str]:
    """Split ``3*8991234500010`` into ("3", "8991234500010"); (None, text) without a prefix.

    The quantity is read once the product (and so its unit) is known:
    ``0,25*``, ``250 g*`` and ``1,5 m*`` work as well as ``3*``.
    """
    match = _QUANTITY_PREFIX.match(text)
    if not match:
        return None, text.strip()
    return match[1].strip(), match[2].strip()


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
