"""Dialogs that move stock: receive, adjust with a reason, goods from or back to a consignor."""

from __future__ import annotations

import enum

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from bazaar_pos.domain.access import Permission
from bazaar_pos.domain.quantity import PER_UNIT, format_quantity, whole
from bazaar_pos.domain.stock import ADJUSTMENT_REASONS, OUTGOING_ONLY, StockReason, reason_label
from bazaar_pos.errors import UserError
from bazaar_pos.i18n import _
from bazaar_pos.services.shop import Shop
from bazaar_pos.services.views import ProductView
from bazaar_pos.ui.access.approval import Approvals
from bazaar_pos.ui.common import dialogs
from bazaar_pos.ui.common.formatting import uses_decimal_comma
from bazaar_pos.ui.widgets.money_edit import MoneyEdit
from bazaar_pos.ui.widgets.quantity_box import MilliSpinBox

LIMIT = 1_000_000
"""The most stock one movement moves, in the product's unit."""


class Move(enum.Enum):
    """What a stock dialog does."""

    RECEIVE = "receive"
    ADJUST = "adjust"
    CONSIGN_IN = "consign_in"
    CONSIGN_RETURN = "consign_return"


class StockMoveDialog(QDialog):
    """One stock movement for one product; the service call happens on OK.

    An adjustment by a cashier asks for the owner's PIN on the spot. Receiving
    is open to everyone, but the cost is filled in only for someone who may see
    costs: left empty, the product's cost stays as it is.
    """

    def __init__(
        self, shop: Shop, product: ProductView, move: Move, parent: QWidget | None = None
    ) -> None:
        """Move the stock of ``product`` as ``move`` says."""
        super().__init__(parent)
        self.setObjectName("stockMoveDialog")
        titles = {
            Move.RECEIVE: _("Receive goods"),
            Move.ADJUST: _("Adjust stock"),
            Move.CONSIGN_IN: _("Goods from the consignor"),
            Move.CONSIGN_RETURN: _("Return goods to the consignor"),
        }
        self.setWindowTitle(titles[move])
        self.setAccessibleName(titles[move])
        self._shop = shop
        self._product = product
        self._move = move
        self.approvals = Approvals(shop.access, self)
        self.result_stock: int | None = None
        settings = shop.settings.load()
        self._least = PER_UNIT if product.unit.counted else 1
        stock = format_quantity(product.stock_milli, product.unit, settings.money_locale)
        heading = QLabel(
            _("{name} ({sku}) — {stock} in stock").format(
                name=product.name, sku=product.sku, stock=stock
            )
        )
        heading.setWordWrap(True)
        heading.setObjectName("stockMoveProduct")
        self.reason = QComboBox()
        self.reason.setObjectName("stockReason")
        self.reason.setAccessibleName(_("Reason"))
        for reason in ADJUSTMENT_REASONS:
            self.reason.addItem(reason_label(reason), reason)
        self.reason.currentIndexChanged.connect(self._reason_changed)
        self.quantity = MilliSpinBox(product.unit, uses_decimal_comma(settings.money_locale))
        self.quantity.setObjectName("stockQuantity")
        self.quantity.setAccessibleName(_("Quantity"))
        self.quantity.setRange(self._least, whole(LIMIT))
        self.quantity_label = QLabel(_("&Quantity"))
        self.quantity_label.setBuddy(self.quantity)
        self.cost = MoneyEdit(settings.currency, settings.money_locale)
        self.cost.setObjectName("stockUnitCost")
        if product.unit.counted:
            cost_label = _("&Cost per item")
            self.cost.setAccessibleName(_("Cost per item"))
        else:  # goods sold by weight or length cost so much a kg or a metre
            cost_label = _("&Cost per {unit}").format(unit=product.unit.value)
            self.cost.setAccessibleName(_("Cost per {unit}").format(unit=product.unit.value))
        if shop.access.may(Permission.VIEW_COST):
            self.cost.set_value(product.cost or None)
        else:
            self.cost.setPlaceholderText(_("empty: the cost stays as it is"))
        self.note = QLineEdit()
        self.note.setObjectName("stockNote")
        self.note.setAccessibleName(_("Note"))
        self.note.setPlaceholderText(_("supplier, invoice, what happened…"))
        form = QFormLayout()
        if move is Move.ADJUST:
            form.addRow(_("&Reason"), self.reason)
        form.addRow(self.quantity_label, self.quantity)
        if move is Move.RECEIVE:
            form.addRow(cost_label, self.cost)
        form.addRow(_("&Note"), self.note)
        if move is Move.CONSIGN_RETURN:
            self.quantity.setRange(self._least, max(product.stock_milli, self._least))
        self.problems = QLabel()
        self.problems.setObjectName("dialogProblems")
        self.problems.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(self.problems)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)
        self._reason_changed()
        self.quantity.setFocus()
        self.quantity.selectAll()

    @classmethod
    def ask(
        cls, parent: QWidget | None, shop: Shop, product: ProductView, move: Move
    ) -> int | None:
        """Show the dialog; the stock after the movement, or None when cancelled."""
        dialog = cls(shop, product, move, parent)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            return dialog.result_stock
        return None

    def change(self) -> int:
        """The signed change in stock the fields describe."""
        if self._move is Move.ADJUST:
            reason = self.reason.currentData()
            if reason in OUTGOING_ONLY:
                return -self.quantity.value()
            return self.quantity.value() - self._product.stock_milli
        if self._move is Move.CONSIGN_RETURN:
            return -self.quantity.value()
        return self.quantity.value()

    def save(self) -> None:
        """Record the movement; problems stay in the dialog."""
        note = self.note.text()
        try:
            if self._move is Move.RECEIVE:
                if not self.cost.is_valid():
                    raise UserError(_("The cost is not an amount."))
                self.result_stock = self._shop.stock.receive(
                    self._product.id, self.change(), unit_cost=self.cost.value(), note=note
                )
            elif self._move is Move.ADJUST:
                change, reason = self.change(), StockReason(self.reason.currentData())
                self.result_stock = self.approvals.run(
                    lambda approval: self._shop.stock.adjust(
                        self._product.id, change, reason=reason, note=note, approval=approval
                    )
                )
            elif self._move is Move.CONSIGN_IN:
                self.result_stock = self._shop.consignment.receive(
                    self._product.id, self.change(), note=note
                )
            else:
                self.result_stock = self._shop.consignment.return_goods(
                    self._product.id, -self.change(), note=note
                )
        except UserError as problem:
            self.problems.setText(dialogs.describe(problem))
            return
        self.accept()

    def _reason_changed(self, _index: int = 0) -> None:
        if self._move is not Move.ADJUST:
            return
        if self.reason.currentData() == StockReason.CORRECTION:
            self.quantity_label.setText(_("&Stock should be"))
            self.quantity.setRange(0, whole(LIMIT))
            self.quantity.setValue(max(self._product.stock_milli, 0))
        else:
            self.quantity_label.setText(_("&How many to take out"))
            self.quantity.setRange(self._least, whole(LIMIT))
            self.quantity.setValue(self._least if self._least == PER_UNIT else PER_UNIT)
