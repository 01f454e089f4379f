"""Counting the drawer to close a shift: how many of each Rupiah note and coin, and a total."""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from bazaar_pos.domain.cash_count import CashCount, Denomination, Piece, denominations
from bazaar_pos.domain.money import Currency, MinorUnits, parse_money
from bazaar_pos.i18n import _
from bazaar_pos.ui.common.dialogs import ok_cancel
from bazaar_pos.ui.common.formatting import MoneyText
from bazaar_pos.ui.shortcuts import bind

MOST_OF_ONE = 9999


class CashCountDialog(QDialog):
    """One row per note and coin; the counted total shows as you type.

    The expected cash stays hidden until the shift is closed, so the count is honest.
    """

    def __init__(
        self, parent: QWidget, shift_number: str, currency: Currency, money: MoneyText
    ) -> None:
        """Count the drawer of ``shift_number`` in ``currency``."""
        super().__init__(parent)
        self.setObjectName("cashCountDialog")
        self.setAccessibleName(_("Count the cash"))
        self.setWindowTitle(_("Close shift {number}: count the cash").format(number=shift_number))
        self.setMinimumWidth(520)
        self._currency = currency
        self._money = money
        self.spins: dict[Denomination, QLineEdit] = {}
        self.amounts: dict[Denomination, QLabel] = {}
        intro = QLabel(
            _("Count the cash in the drawer of shift {number}, then close the shift.").format(
                number=shift_number
            )
        )
        intro.setObjectName("countIntro")
        intro.setWordWrap(True)
        grid = QGridLayout()
        grid.setHorizontalSpacing(14)
        grid.setColumnStretch(3, 1)
        notes, coins = QLabel(_("Banknotes")), QLabel(_("Coins"))
        for caption in (notes, coins):
            caption.setObjectName("sectionTitle")
        pieces = denominations(currency.code)
        row = 0
        for piece, caption in ((Piece.NOTE, notes), (Piece.COIN, coins)):
            kinds = [d for d in pieces if d.piece is piece]
            if not kinds:
                continue
            grid.addWidget(caption, row, 0, 1, 3)
            row += 1
            for denomination in kinds:
                label = QLabel(money(denomination.value))
                label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                spin = QLineEdit()
                spin.setObjectName(f"count_{denomination.piece.value}_{denomination.value}")
                spin.setAccessibleName(
                    _("How many {amount} {kind}").format(
                        amount=money(denomination.value),
                        kind=_("notes") if piece is Piece.NOTE else _("coins"),
                    )
                )
                spin.setValidator(_whole_pieces(spin))
                spin.setPlaceholderText("0")
                spin.setAlignment(Qt.AlignmentFlag.AlignRight)
                spin.setFixedWidth(90)
                spin.textChanged.connect(lambda _t: self._refresh())
                label.setBuddy(spin)
                amount = QLabel()
                amount.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                amount.setMinimumWidth(130)
                grid.addWidget(label, row, 0)
                grid.addWidget(QLabel("×"), row, 1)
                grid.addWidget(spin, row, 2)
                grid.addWidget(amount, row, 3)
                self.spins[denomination] = spin
                self.amounts[denomination] = amount
                row += 1
        self.other = QLineEdit()
        self.other.setObjectName("countOther")
        other_caption = _("Other (loose, or the whole sum)") if pieces else _("Cash counted")
        self.other.setAccessibleName(other_caption)
        self.other.setPlaceholderText(_("e.g. 750 or 1.250.000"))
        self.other.textChanged.connect(lambda _t: self._refresh())
        other_label = QLabel(other_caption)
        other_label.setBuddy(self.other)
        self.total = QLabel()
        self.total.setObjectName("countTotal")
        self.total.setAccessibleName(_("Counted"))
        self.note = QLineEdit()
        self.note.setObjectName("countNote")
        self.note.setAccessibleName(_("Note"))
        self.note.setPlaceholderText(_("Note (optional), e.g. a torn note set aside"))
        self.problem = QLabel()
        self.problem.setObjectName("dialogProblem")
        buttons = ok_cancel(self, _("Close the shift  Ctrl+Enter"))
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        bind("count.accept", self, self.accept)
        other_row = QVBoxLayout()  # the caption above: long in some languages
        other_row.setSpacing(4)
        other_row.addWidget(other_label)
        other_row.addWidget(self.other)
        total_row = QHBoxLayout()
        caption = QLabel(_("Counted"))
        caption.setObjectName("countTotalCaption")
        total_row.addWidget(caption)
        total_row.addStretch(1)
        total_row.addWidget(self.total)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(grid)
        layout.addLayout(other_row)
        layout.addLayout(total_row)
        layout.addWidget(self.note)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self._refresh()

    def count(self) -> CashCount:
        """The count as typed; ValueError when the other amount cannot be read."""
        text = self.other.text().strip()
        other = parse_money(text, self._currency) if text else 0
        return CashCount.of({d: _count(spin) for d, spin in self.spins.items()}, other)

    def accept(self) -> None:
        """Close only with a count that can be read."""
        try:
            self.count()
        except ValueError:
            self.problem.setText(_("Type the other amount as a number, e.g. 750."))
            return
        super().accept()

    def _refresh(self) -> None:
        for denomination, spin in self.spins.items():
            value = denomination.value * _count(spin)
            self.amounts[denomination].setText(self._money(value) if value else "")
        try:
            total: MinorUnits | None = self.count().total
        except ValueError:
            total = None
        self.total.setText(self._money(total) if total is not None else "?")

    @classmethod
    def ask(
        cls, parent: QWidget, shift_number: str, currency: Currency, money: MoneyText
    ) -> tuple[CashCount, str] | None:
        """The count and a note, or None when cancelled."""
        dialog = cls(parent, shift_number, currency, money)
        first = next(iter(dialog.spins.values()), dialog.other)
        first.setFocus()
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.count(), dialog.note.text().strip()


def _whole_pieces(field: QLineEdit) -> QIntValidator:
    """Digits only: no thousands separator, which the count would otherwise read as nothing."""
    validator = QIntValidator(0, MOST_OF_ONE, field)
    plain = QLocale.c()
    plain.setNumberOptions(QLocale.NumberOption.RejectGroupSeparator)
    validator.setLocale(plain)
    return validator


def _count(field: QLineEdit) -> int:
    """How many were typed in ``field`` (empty is none)."""
    text = field.text().strip()
    return int(text) if text.isdigit() else 0
