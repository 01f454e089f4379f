"""Choosing what to refund: how many of each line, damaged or not, and how to pay back."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from bazaar_pos.domain.money import MinorUnits
from bazaar_pos.domain.payment import PaymentMethod
from bazaar_pos.domain.pricing import prorate
from bazaar_pos.domain.quantity import typed_quantity
from bazaar_pos.i18n import _
from bazaar_pos.services.selling.refunds import RefundItem
from bazaar_pos.services.selling.sales_history import SaleDetail, SaleLineView
from bazaar_pos.ui.common.dialogs import ok_cancel
from bazaar_pos.ui.common.formatting import MoneyText, method_label
from bazaar_pos.ui.history.model import refund_amount_text
from bazaar_pos.ui.shortcuts import bind
from bazaar_pos.ui.widgets.quantity_box import MilliSpinBox


class QuantityBox(MilliSpinBox):
    """A refund quantity; Ctrl+A is left to the dialog ("Refund everything"), not select-all."""

    def event(self, event: QEvent) -> bool:
        """Let Ctrl+A through to the dialog's shortcut."""
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.matches(QKeySequence.StandardKey.SelectAll)
        ):
            event.ignore()
            return False
        return super().event(event)


PayBack = Callable[[list[RefundItem], bool], tuple[MinorUnits, tuple[tuple[str, MinorUnits], ...]]]
"""(items, to cash) -> what they come to, and what each method pays out after cash rounding."""


@dataclass(frozen=True, slots=True)
class RefundRequest:
    """What the person chose to refund."""

    items: list[RefundItem]
    to_cash: bool
    reason: str


def refund_amount(detail: SaleDetail, line: SaleLineView, quantity_milli: int) -> MinorUnits:
    """What refunding ``quantity_milli`` more of ``line`` pays back (as the service counts)."""
    payable = line.total + (0 if detail.tax_inclusive else line.tax)
    before, after = line.refunded, line.refunded + quantity_milli
    sold = line.quantity_milli
    return prorate(payable, after, sold) - prorate(payable, before, sold)


class RefundDialog(QDialog):
    """One row per line that can still be refunded, with a quantity and a damaged box.

    Tab walks the quantity boxes, then the damaged boxes; Ctrl+A refunds everything.
    """

    def __init__(
        self,
        parent: QWidget,
        detail: SaleDetail,
        money: MoneyText,
        pay_back: PayBack | None = None,
        *,
        decimal_comma: bool = True,
    ) -> None:
        """Offer the lines of ``detail`` that can still be refunded.

        ``pay_back`` tells what the chosen lines come to and what is paid out (after
        cash rounding); without it the lines' amounts are shown as they are.
        """
        super().__init__(parent)
        self._pay_back = pay_back
        self.setObjectName("refundDialog")
        self.setAccessibleName(_("Refund"))
        self.setWindowTitle(_("Refund sale {number}").format(number=detail.number))
        self.setMinimumSize(720, 440)
        self._detail = detail
        self._money = money
        self.lines = [line for line in detail.lines if line.refundable]
        self.table = QTableWidget(len(self.lines), 4)
        self.table.setObjectName("refundLines")
        self.table.setAccessibleName(_("Lines to refund"))
        self.table.setHorizontalHeaderLabels(
            [_("Item"), _("Can refund"), _("Refund"), _("Damaged\n(not back to stock)")]
        )
        self.table.verticalHeader().hide()
        # The keyboard goes from quantity box to quantity box, never into a cell to edit it.
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.quantities: list[MilliSpinBox] = []
        self.damaged: list[QCheckBox] = []
        for row, line in enumerate(self.lines):
            left = typed_quantity(line.refundable, decimal_comma)
            if not line.unit.counted:
                left = f"{left} {line.unit.value}"
            for column, text in enumerate((line.name, left)):
                item = QTableWidgetItem(text)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                self.table.setItem(row, column, item)
            spin = QuantityBox(line.unit, decimal_comma)
            spin.setObjectName(f"refundQuantity{row}")
            spin.setAccessibleName(_("Refund how many of {name}").format(name=line.name))
            spin.setRange(0, line.refundable)
            spin.valueChanged.connect(lambda _value: self._refresh())
            box = QCheckBox()
            box.setObjectName(f"refundDamaged{row}")
            box.setAccessibleName(_("{name} is damaged").format(name=line.name))
            centred = QWidget()  # the box in the middle of its wide column, clear of the spin box
            centred_layout = QHBoxLayout(centred)
            centred_layout.setContentsMargins(0, 0, 0, 0)
            centred_layout.addWidget(box, 0, Qt.AlignmentFlag.AlignCenter)
            self.table.setCellWidget(row, 2, spin)
            self.table.setCellWidget(row, 3, centred)
            self.quantities.append(spin)
            self.damaged.append(box)

        methods = ", ".join(method_label(p.method) for p in detail.payments) or _("cash")
        self.to_paid = QRadioButton(
            _("Pay back by the method paid ({methods})").format(methods=methods)
        )
        self.to_paid.setObjectName("refundToPaid")
        self.to_paid.setChecked(True)
        self.to_cash = QRadioButton(_("Pay back in cash"))
        self.to_cash.setObjectName("refundToCash")
        self.to_cash.toggled.connect(lambda _checked: self._refresh())
        self.reason = QLineEdit()
        self.reason.setObjectName("refundReason")
        self.reason.setAccessibleName(_("Reason"))
        self.reason.setPlaceholderText(_("Reason (optional), e.g. wrong size"))
        self.total = QLabel()
        self.total.setObjectName("refundTotal")
        self.total.setWordWrap(True)
        everything = QPushButton(_("Refund everything  Ctrl+A"))
        everything.setObjectName("refundEverything")
        everything.clicked.connect(self.select_everything)
        bind("refund.everything", self, self.select_everything)
        buttons = ok_cancel(self, _("Refund  Ctrl+Enter"))
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        bind("refund.accept", self, self.accept)
        top = QHBoxLayout()
        top.addWidget(QLabel(_("Choose how many of each line come back.")), 1)
        top.addWidget(everything)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.to_paid)
        layout.addWidget(self.to_cash)
        layout.addWidget(self.reason)
        layout.addWidget(self.total)
        layout.addWidget(buttons)
        order = [*self.quantities, *self.damaged, self.to_paid, self.to_cash, self.reason]
        for before, after in pairwise(order):
            QWidget.setTabOrder(before, after)
        self.resize(self._width_for_names(layout), self.minimumHeight())
        self._refresh()

    def _width_for_names(self, layout: QVBoxLayout) -> int:
        """Wide enough to show every item's name whole, as far as the screen allows."""
        columns = self.table.sizeHintForColumn(0) + sum(
            max(self.table.sizeHintForColumn(c), self.table.horizontalHeader().sectionSizeHint(c))
            for c in range(1, self.table.columnCount())
        )
        margins = layout.contentsMargins()
        chrome = margins.left() + margins.right() + 2 * self.table.frameWidth()
        slack = 16  # the header's grid lines and rounding
        wanted = columns + chrome + self.table.verticalScrollBar().sizeHint().width() + slack
        screen = self.screen()
        room = screen.availableGeometry().width() if screen is not None else wanted
        return max(self.minimumWidth(), min(wanted, room))

    def select_everything(self) -> None:
        """Refund every unit still refundable."""
        for spin in self.quantities:
            spin.setValue(spin.maximum())

    def request(self) -> RefundRequest:
        """The refund as chosen now."""
        items = [
            RefundItem(line.id, spin.value(), damaged=box.isChecked())
            for line, spin, box in zip(self.lines, self.quantities, self.damaged, strict=True)
            if spin.value()
        ]
        return RefundRequest(items, self.to_cash.isChecked(), self.reason.text().strip())

    def accept(self) -> None:
        """Close only when something is chosen."""
        if self.request().items:
            super().accept()

    def _refresh(self) -> None:
        amount = sum(
            refund_amount(self._detail, line, spin.value())
            for line, spin in zip(self.lines, self.quantities, strict=True)
        )
        paid_out = amount
        kasbon = 0
        if self._pay_back is not None:
            chosen = self.request()
            amount, parts = self._pay_back(chosen.items, chosen.to_cash)
            paid_out = sum(part for _method, part in parts)
            kasbon = sum(part for method, part in parts if method == PaymentMethod.ACCOUNT)
        text = _("To pay back: {amount}").format(
            amount=refund_amount_text(amount, paid_out, self._money)
        )
        if kasbon:
            text = _(
                "To pay back: {amount}, of which {kasbon} comes off the customer's kasbon "
                "(no money paid out for it)"
            ).format(
                amount=refund_amount_text(amount, paid_out, self._money),
                kasbon=self._money(kasbon),
            )
        self.total.setText(text)
        self.ok.setEnabled(bool(amount) or any(spin.value() for spin in self.quantities))

    @classmethod
    def ask(
        cls,
        parent: QWidget,
        detail: SaleDetail,
        money: MoneyText,
        pay_back: PayBack | None = None,
        *,
        decimal_comma: bool = True,
    ) -> RefundRequest | None:
        """The refund chosen, or None when cancelled."""
        dialog = cls(parent, detail, money, pay_back, decimal_comma=decimal_comma)
        if dialog.quantities:
            dialog.quantities[0].setFocus()
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.request()
