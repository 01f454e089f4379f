"""The Stock screen: a tab each for a product's stock, low stock, counting, value, consignment."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from bazaar_pos.domain.access import Permission
from bazaar_pos.i18n import _
from bazaar_pos.services.shop import Shop
from bazaar_pos.services.views import Changes
from bazaar_pos.ui.access.approval import Approvals
from bazaar_pos.ui.access.looking import LookingApproval
from bazaar_pos.ui.shortcuts import bind_each, key_text
from bazaar_pos.ui.stock.consignment import ConsignmentTab
from bazaar_pos.ui.stock.count import CountTab
from bazaar_pos.ui.stock.movements import MovementsTab
from bazaar_pos.ui.stock.overview import LowStockTab, ValueTab


class StockScreen(QWidget):
    """Everything about stock; every change goes through the stock ledger.

    Alt+1 to Alt+5 switch tabs. Costs show to someone who may see them; a
    cashier sees them once an owner approves with their PIN (on the Value
    tab), for the approval's few minutes, in every tab (``cost_sight``).

    Signals:
        stock_changed(object): a Changes after stock moved here (received, adjusted, counted).
    """

    stock_changed = Signal(object)

    def __init__(self, shop: Shop, parent: QWidget | None = None) -> None:
        """Show the stock of ``shop``."""
        super().__init__(parent)
        self.setObjectName("stockScreen")
        self.setAccessibleName(_("Stock"))
        title = QLabel(_("Stock"))
        title.setObjectName("screenTitle")
        self.approvals = Approvals(shop.access, self)
        self.cost_sight = LookingApproval(shop.access, Permission.VIEW_COST, self)
        self.movements = MovementsTab(shop, self.cost_sight)
        self.low_stock = LowStockTab(shop)
        self.count = CountTab(shop, self.cost_sight, self.approvals)
        self.value = ValueTab(shop, self.cost_sight, self.approvals)
        self.consignment = ConsignmentTab(shop)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("stockTabs")
        self.tabs.setAccessibleName(_("Stock sections"))
        for number, (tab, label) in enumerate(
            (
                (self.movements, _("Stock")),
                (self.low_stock, _("Low stock")),
                (self.count, _("Stock count")),
                (self.value, _("Value")),
                (self.consignment, _("Consignment")),
            )
        ):  # no underlined letters: Alt+1 to Alt+5 choose the tab, and the tab says so
            self.tabs.addTab(tab, f"{label}  {key_text('stock.tab', number)}")
        bind_each("stock.tab", self, self.tabs.setCurrentIndex)
        self.tabs.currentChanged.connect(self._tab_shown)
        for tab in (self.movements, self.count):
            tab.stock_changed.connect(self._stock_moved)
        self.consignment.consignment_changed.connect(lambda _c: self.movements.refresh())
        self.low_stock.open_product.connect(self.show_product)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.tabs, 1)

    def refresh(self, _changes: object = None) -> None:
        """Read everything again (after products changed elsewhere).

        The low-stock list and the stock value read every product, so they are
        read again only when they are the tab shown, and whenever they are shown.
        """
        self.movements.refresh()
        self.count.refresh()
        self.consignment.refresh()
        self._refresh_overviews()

    def access_changed(self) -> None:
        """The person signed in changed: forget the owner's approval kept, hide or show costs.

        Cheap: it reads only the product shown in the Stock tab again.
        """
        self.movements.message.clear()
        self.count.access_changed()
        self.cost_sight.drop()

    def show_product(self, product_id: int) -> None:
        """Open the Stock tab on one product."""
        self.tabs.setCurrentWidget(self.movements)
        self.movements.choose(product_id)

    def showEvent(self, event: QShowEvent) -> None:
        """Read the tab shown again: sales at the till move stock while the screen is away."""
        super().showEvent(event)
        self._tab_shown(self.tabs.currentIndex())

    def _tab_shown(self, index: int) -> None:
        widget = self.tabs.widget(index)
        if widget in (self.movements, self.low_stock, self.value, self.consignment):
            widget.refresh()

    def _refresh_overviews(self) -> None:
        current = self.tabs.currentWidget()
        for tab in (self.low_stock, self.value):
            if tab is current:
                tab.refresh()

    def _stock_moved(self, changes: Changes) -> None:
        self._refresh_overviews()
        if self.sender() is self.count:
            self.movements.refresh()
        self.stock_changed.emit(changes)
