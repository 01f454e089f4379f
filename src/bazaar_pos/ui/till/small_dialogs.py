"""The till's small questions: an item without a code, a discount, a parked cart to resume."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from bazaar_pos.domain.money import Currency, MinorUnits, parse_money
from bazaar_pos.domain.pricing import Discount
from bazaar_pos.i18n import _, ngettext
from bazaar_pos.services.views import ParkedCartView
from bazaar_pos.ui.common.dialogs import ok_cancel
from bazaar_pos.ui.common.formatting import MoneyText, local_time


def parse_discount(text: str, currency: Currency) -> Discount | None:
    """``10%`` is a percentage, ``5000`` or ``5rb`` an amount, empty or 0 no discount.

    Raises ValueError for anything else.
    """
    text = text.strip()
    if text.endswith("%"):
        try:
            percent = Decimal(text[:-1].strip().replace(",", "."))
        except InvalidOperation:
            raise ValueError(text) from None
        return Discount.percent(percent) if percent else None
    amount = parse_money(text, currency) if text else 0
    return Discount.amount(amount) if amount else None


class OpenItemDialog(QDialog):
    """An item without a code ("barang lain-lain"): a typed name and price."""

    def __init__(self, parent: QWidget, currency: Currency) -> None:
        """Ask for a name and a price in ``currency``."""
        super().__init__(parent)
        self.setObjectName("openItemDialog")
        self.setAccessibleName(_("Other item"))
        self.setWindowTitle(_("Other item"))
        self.setMinimumWidth(440)
        self._currency = currency
        self.name = QLineEdit(_("Other item"))
        self.name.setObjectName("openItemName")
        self.name.setAccessibleName(_("Name"))
        self.price = QLineEdit()
        self.price.setObjectName("openItemPrice")
        self.price.setAccessibleName(_("Price"))
        self.price.setPlaceholderText(_("e.g. 25000 or 25rb"))
        self.problem = QLabel()
        self.problem.setObjectName("dialogProblem")
        form = QFormLayout()
        form.addRow(_("&Name"), self.name)
        form.addRow(_("&Price"), self.price)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(ok_cancel(self, _("Add  Enter")))

    def accept(self) -> None:
        """Close only with a name and a price."""
        try:
            price = parse_money(self.price.text(), self._currency)
        except ValueError:
            price = -1
        if not self.name.text().strip() or price <= 0:
            self.problem.setText(_("Type a name and a price above zero."))
            return
        super().accept()

    @classmethod
    def ask(cls, parent: QWidget, currency: Currency) -> tuple[str, MinorUnits] | None:
        """The name and price typed, or None when cancelled."""
        dialog = cls(parent, currency)
        dialog.price.setFocus()
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.name.text().strip(), parse_money(dialog.price.text(), currency)


class DiscountDialog(QDialog):
    """A discount typed as an amount (5000, 5rb) or a percentage (10%)."""

    def __init__(self, parent: QWidget, title: str, currency: Currency, current: str) -> None:
        """Ask for a discount, starting from ``current``."""
        super().__init__(parent)
        self.setObjectName("discountDialog")
        self.setAccessibleName(title)
        self.setWindowTitle(title)
        self.setMinimumWidth(440)
        self._currency = currency
        self.discount: Discount | None = None
        self.field = QLineEdit(current)
        self.field.setObjectName("discountField")
        self.field.setAccessibleName(title)
        self.field.setPlaceholderText(_("10% or 5000; empty for none"))
        self.problem = QLabel()
        self.problem.setObjectName("dialogProblem")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_("Discount as an amount (5000, 5rb) or a percentage (10%):")))
        layout.addWidget(self.field)
        layout.addWidget(self.problem)
        layout.addWidget(ok_cancel(self))

    def accept(self) -> None:
        """Close only with a discount that can be read."""
        try:
            self.discount = parse_discount(self.field.text(), self._currency)
        except ValueError:
            self.problem.setText(_("Type an amount such as 5000 or a percentage such as 10%."))
            return
        super().accept()

    @classmethod
    def ask(
        cls, parent: QWidget, title: str, currency: Currency, current: str = ""
    ) -> tuple[Discount | None] | None:
        """A one-tuple with the discount (None to take it away), or None when cancelled."""
        dialog = cls(parent, title, currency, current)
        dialog.field.selectAll()
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return (dialog.discount,)


class ParkedCartsDialog(QDialog):
    """The parked carts, oldest first; Enter resumes the one selected."""

    def __init__(self, parent: QWidget, parked: list[ParkedCartView], money: MoneyText) -> None:
        """List ``parked``."""
        super().__init__(parent)
        self.setObjectName("parkedCartsDialog")
        self.setAccessibleName(_("Parked carts"))
        self.setWindowTitle(_("Parked carts"))
        self.setMinimumSize(520, 360)
        self.list = QListWidget()
        self.list.setObjectName("parkedCartsList")
        self.list.setAccessibleName(_("Parked carts"))
        # A long label wraps onto a second line instead of scrolling the row sideways.
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for cart in parked:
            items = ngettext("{count} item", "{count} items", cart.item_count).format(
                count=cart.item_count
            )
            label = cart.label or _("Parked cart")
            text = (
                f"{local_time(cart.created_at)}   {label}   ·   {items}   ·   {money(cart.total)}"
            )
            item = QListWidgetItem(text)
            item.setToolTip(text)
            item.setData(Qt.ItemDataRole.UserRole, cart.id)
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        self.list.itemActivated.connect(lambda _item: self.accept())
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        layout.addWidget(ok_cancel(self, _("Resume  Enter")))

    @classmethod
    def ask(cls, parent: QWidget, parked: list[ParkedCartView], money: MoneyText) -> int | None:
        """The id of the parked cart to resume, or None when cancelled."""
        dialog = cls(parent, parked, money)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.list.currentItem() is None:
            return None
        return int(dialog.list.currentItem().data(Qt.ItemDataRole.UserRole))
