"""The totals beside the cart, and the change of the last sale until the next scan."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from bazaar_pos.domain.cart import CartTotals
from bazaar_pos.i18n import _, ngettext
from bazaar_pos.services.views import SaleResult
from bazaar_pos.ui.common.formatting import MoneyText

TOTAL_POINTS = (34, 30, 26, 22, 18)
"""The large total's font sizes, largest first: the largest that fits is used."""


def fit_large_text(label: QLabel, points: tuple[int, ...] = TOTAL_POINTS) -> None:
    """Give ``label`` the largest of ``points`` at which its text fits its width."""
    width = label.contentsRect().width()
    font = label.font()
    chosen = points[-1]
    for size in points:
        font.setPointSize(size)
        if QFontMetrics(font).horizontalAdvance(label.text()) <= width:
            chosen = size
            break
    wanted = f"font-size: {chosen}pt;"
    if label.styleSheet() != wanted:  # a new style sheet polishes the label again: not per scan
        label.setStyleSheet(wanted)


def _value_label(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return label


class TotalsPanel(QFrame):
    """Subtotal, discounts, tax (only when charged) and a large total."""

    def __init__(self, money: MoneyText, parent: QWidget | None = None) -> None:
        """Show amounts with ``money``."""
        super().__init__(parent)
        self.setObjectName("totalsPanel")
        self.setAccessibleName(_("Totals"))
        self._money = money
        self.items = QLabel()
        self.items.setObjectName("itemCount")
        self.subtotal = _value_label("subtotal")
        self.discount = _value_label("discountTotal")
        self.tax = _value_label("taxTotal")
        self.total = _value_label("tillTotal")
        self.total.setAccessibleName(_("Total"))
        self._discount_caption = QLabel(_("Discount"))
        self._tax_caption = QLabel()
        total_caption = QLabel(_("TOTAL"))
        total_caption.setObjectName("tillTotalCaption")
        grid = QGridLayout()
        grid.setVerticalSpacing(2)
        grid.addWidget(QLabel(_("Subtotal")), 0, 0)
        grid.addWidget(self.subtotal, 0, 1)
        grid.addWidget(self._discount_caption, 1, 0)
        grid.addWidget(self.discount, 1, 1)
        grid.addWidget(self._tax_caption, 2, 0)
        grid.addWidget(self.tax, 2, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.items)
        layout.addLayout(grid)
        layout.addWidget(total_caption)
        layout.addWidget(self.total)

    def show_totals(self, totals: CartTotals) -> None:
        """Show the cart's totals; rows with nothing to say are hidden."""
        count = totals.item_count
        self.items.setText(
            ngettext("{count} item", "{count} items", count).format(count=count)
            if count
            else _("Cart is empty")
        )
        self.subtotal.setText(self._money(totals.subtotal))
        self.discount.setText(self._money(-totals.discount))
        for widget in (self.discount, self._discount_caption):
            widget.setVisible(bool(totals.discount))
        rule = totals.tax_rule
        if rule is not None:
            caption = _("Tax included") if rule.inclusive else _("Tax")
            self._tax_caption.setText(caption)
            self.tax.setText(self._money(totals.tax))
        for widget in (self.tax, self._tax_caption):
            widget.setVisible(rule is not None)
        self.total.setText(self._money(totals.total))
        fit_large_text(self.total)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Fit the large total again to the new width."""
        super().resizeEvent(event)
        fit_large_text(self.total)


class LastSalePanel(QFrame):
    """The change to hand back for the sale just completed, large, until the next scan.

    Signals:
        shown(bool): the panel was shown (True) or hidden (False); while it shows the
            cart is empty, so the till hides the empty totals in its place.
    """

    shown = Signal(bool)

    def __init__(self, money: MoneyText, parent: QWidget | None = None) -> None:
        """Show amounts with ``money``."""
        super().__init__(parent)
        self.setObjectName("lastSale")
        self.setAccessibleName(_("Last sale"))
        self._money = money
        self.caption = QLabel()
        self.caption.setObjectName("lastSaleCaption")
        self.caption.setWordWrap(True)
        self.change = QLabel()
        self.change.setObjectName("lastChange")
        self.change.setAccessibleName(_("Change to give"))
        self.change.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        layout = QVBoxLayout(self)
        layout.addWidget(self.caption)
        layout.addWidget(self.change)
        self.hide()

    def show_sale(self, sale: SaleResult) -> None:
        """Show the change of ``sale`` (or that no change is due)."""
        self.caption.setText(
            _("Sale {number} done. Change to give:").format(number=sale.number)
            if sale.change
            else _("Sale {number} done. No change due.").format(number=sale.number)
        )
        self.change.setText(self._money(sale.change))
        self.change.setVisible(bool(sale.change))
        self.show()

    def setVisible(self, visible: bool) -> None:
        """Show or hide, and say so."""
        super().setVisible(visible)
        self.shown.emit(visible)
