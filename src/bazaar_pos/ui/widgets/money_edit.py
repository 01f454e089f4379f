"""A line edit for money: accepts 185000, 185.000, Rp185.000 or 185rb, shows it grouped."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLineEdit, QWidget

from bazaar_pos.domain.money import Currency, MinorUnits, format_money, parse_money


class MoneyEdit(QLineEdit):
    """Type an amount the way people write it; ``value()`` gives minor units.

    Signals:
        valueChanged(object): the amount (an int, or None when empty or unreadable).
    """

    valueChanged = Signal(object)

    def __init__(self, currency: Currency, locale: str, parent: QWidget | None = None) -> None:
        """An empty amount in ``currency``, shown with ``locale``'s grouping."""
        super().__init__(parent)
        self._currency = currency
        self._locale = locale
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.editingFinished.connect(self._tidy)
        self.textChanged.connect(lambda _text: self.valueChanged.emit(self.value()))

    def value(self) -> MinorUnits | None:
        """The amount typed, or None when the field is empty or cannot be read."""
        text = self.text().strip()
        if not text:
            return None
        try:
            return parse_money(text, self._currency)
        except ValueError:
            return None

    def is_valid(self) -> bool:
        """True when the field is empty or holds a readable amount."""
        return not self.text().strip() or self.value() is not None

    def set_value(self, minor: MinorUnits | None) -> None:
        """Show ``minor`` grouped without the symbol (``185.000``), or nothing for None."""
        self.setText("" if minor is None else self._plain(minor))

    def _plain(self, minor: MinorUnits) -> str:
        formatted = format_money(minor, self._currency, self._locale)
        return "".join(ch for ch in formatted if ch.isdigit() or ch in ".,-")

    def _tidy(self) -> None:
        value = self.value()
        if value is not None:
            self.set_value(value)
