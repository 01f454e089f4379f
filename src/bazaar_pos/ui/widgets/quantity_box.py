"""A spin box for a quantity in thousandths of its unit, shown as ``0,25 kg`` or ``3``."""

from __future__ import annotations

import re

from PySide6.QtGui import QValidator
from PySide6.QtWidgets import QSpinBox, QWidget

from bazaar_pos.domain.quantity import (
    PER_UNIT,
    QuantityError,
    Unit,
    parse_quantity,
    typed_quantity,
)

_TYPING = re.compile(r"^\s*[0-9]*(?:[.,][0-9]{0,3})?\s*[a-zA-Z]*\s*$")
MEASURE_STEP = 100
"""Arrow keys move goods sold by measure in tenths of their unit (100 g of a kg, 10 cm of a m)."""


class MilliSpinBox(QSpinBox):
    """Holds thousandths of ``unit`` as its integer value; never a float.

    Pieces step by one piece and show whole numbers; goods sold by weight or
    length step by a tenth and show decimals with the locale's comma or point.
    """

    def __init__(
        self, unit: Unit, decimal_comma: bool = True, parent: QWidget | None = None
    ) -> None:
        """A box for ``unit``; ``decimal_comma`` writes ``0,25`` (Indonesian) not ``0.25``."""
        super().__init__(parent)
        self.unit = unit
        self._comma = decimal_comma
        self.setSingleStep(PER_UNIT if unit.counted else MEASURE_STEP)
        if not unit.counted:
            self.setSuffix(f" {unit.value}")

    def textFromValue(self, value: int) -> str:
        """Thousandths as the number people read: ``1500`` is ``1,5``."""
        return typed_quantity(value, self._comma)

    def valueFromText(self, text: str) -> int:
        """What was typed (``0,25``, ``250 g``) as thousandths; the value so far if unreadable."""
        try:
            return parse_quantity(text.removesuffix(self.suffix()).strip() or "0", self.unit)
        except QuantityError:
            return 0 if text.strip() in ("", "0") else self.value()

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        """Accept digits with up to three decimals and a unit while typing."""
        bare = text.removesuffix(self.suffix())
        if not _TYPING.match(bare):
            return QValidator.State.Invalid, text, pos
        try:
            parse_quantity(bare.strip(), self.unit)
        except QuantityError:
            return QValidator.State.Intermediate, text, pos
        return QValidator.State.Acceptable, text, pos
