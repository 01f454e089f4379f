"""What the till's helpers for editing and parking carts need from the till screen they serve."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QTimer

from bazaar_pos.domain.cart import Cart
from bazaar_pos.services.people.access import Approval
from bazaar_pos.services.settings import ShopSettings
from bazaar_pos.services.shop import Shop
from bazaar_pos.ui.common.formatting import MoneyText
from bazaar_pos.ui.till.cart.model import CartTableModel
from bazaar_pos.ui.till.cart.totals_panel import LastSalePanel
from bazaar_pos.ui.till.cart.view import CartView

if TYPE_CHECKING:
    from bazaar_pos.ui.till.adding import CartAdding


class TillHost(Protocol):
    """The till screen as :class:`CartEditing` and :class:`Parking` see it.

    The underscored members are the screen's own state and steps, shared with
    these helpers only: the settings read when the cart was started, the owner's
    approval kept for the sale, the stock figures of products in the cart, and
    the timer that keeps the cart in progress safe.
    """

    shop: Shop
    cart: Cart
    model: CartTableModel
    table: CartView
    last_sale: LastSalePanel
    _settings: ShopSettings
    _money: MoneyText
    _sale_approval: Approval | None
    _stock: dict[int, int]
    _snapshot_timer: QTimer

    def say(self, text: str, tone: str = "info") -> None:
        """Show a message above the cart."""

    def refresh_favourites(self) -> None:
        """Reload the quick-pick grid."""

    def _cart_changed(self, *, select: str | None = None, persist: bool = True) -> None:
        """Show the cart again after a change, selecting the line ``select``."""

    def _focus_scan(self) -> None:
        """Give the keyboard back to the scan field."""

    def _new_cart(self) -> Cart:
        """An empty cart under the shop's settings."""

    @property
    def adding(self) -> CartAdding:
        """Adding to the cart: how much of a product it holds, whether stock allows more."""
