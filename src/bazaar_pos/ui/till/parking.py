"""The till's parked carts and the cart in progress kept safe across a crash."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from bazaar_pos.domain.cart import Cart
from bazaar_pos.errors import UserError
from bazaar_pos.i18n import _, ngettext
from bazaar_pos.ui.common.dialogs import ConfirmDialog, TextDialog
from bazaar_pos.ui.till.host import TillHost
from bazaar_pos.ui.till.small_dialogs import ParkedCartsDialog


class Parking:
    """The TillScreen's parking, resuming and restoring of carts."""

    def __init__(self, till: TillHost, parent: QWidget) -> None:
        """Serve ``till``; the questions asked open over ``parent``."""
        self._till = till
        self._parent = parent

    def park_cart(self) -> None:
        """F7: put the cart aside to serve the next customer."""
        if not len(self._till.cart):
            self._till.say(_("The cart is empty: there is nothing to park."), "error")
            return
        customer = self._till.cart.customer
        label = TextDialog.ask(
            self._parent,
            _("Park cart"),
            _("A name to find this cart again (optional), e.g. the customer:"),
            customer.name if customer else "",
        )
        self._till._focus_scan()
        if label is None:
            return
        self._till._snapshot_timer.stop()
        self._till.shop.parked_carts.park(self._till.cart, label)
        self._till.cart = self._till._new_cart()
        self._till._cart_changed(persist=False)
        self._till.say(_("The cart was parked. F8 brings it back."))

    def resume_cart(self) -> None:
        """F8: take back a parked cart; the cart in progress, if any, is parked instead."""
        parked = self._till.shop.parked_carts.parked()
        if not parked:
            self._till.say(_("There are no parked carts."), "error")
            return
        parked_id = ParkedCartsDialog.ask(self._parent, parked, self._till._money)
        self._till._focus_scan()
        if parked_id is None:
            return
        swapped = bool(len(self._till.cart))
        self._till._snapshot_timer.stop()
        try:
            cart = self._till.shop.parked_carts.resume(parked_id, park_current=self._till.cart)
        except UserError as exc:
            self._till.say(exc.message, "error")
            return
        self._take_cart(cart)
        self._till.say(
            _("Cart resumed; the cart you had was parked.") if swapped else _("Cart resumed.")
        )

    def offer_restore(self) -> None:
        """Offer the cart that was being rung up when the app stopped, if there was one."""
        saved = self._till.shop.parked_carts.load_current()
        if saved is None or len(self._till.cart):
            return
        totals = saved.totals()
        items = ngettext("{count} item", "{count} items", totals.item_count).format(
            count=totals.item_count
        )
        restore = ConfirmDialog.ask(
            self._parent,
            _("Restore the cart?"),
            _(
                "A cart with {items} ({total}) was being rung up when Bazaar POS stopped. "
                "Restore it?"
            ).format(items=items, total=self._till._money(totals.total)),
            _("Restore"),
            _("Park it for later"),
        )
        self._till._focus_scan()
        if restore:
            self._take_cart(saved)
            self._till.say(_("The cart was restored."))
        else:
            self._till.shop.parked_carts.park(saved, _("Recovered cart"))
            self._till.say(_("The cart was parked. F8 brings it back."))

    def may_quit(self, *, temporary: bool) -> bool:
        """Whether the app may close now: asked first (keep selling by default) with a cart.

        The cart is kept for the next start, unless the shop is ``temporary`` (the demo).
        """
        if not len(self._till.cart):
            return True
        totals = self._till.cart.totals()
        items = ngettext("{count} item", "{count} items", totals.item_count).format(
            count=totals.item_count
        )
        if temporary:
            text = _(
                "The cart with {items} ({total}) is not paid yet. This demo shop is in a "
                "temporary folder: the cart is lost when you quit.\n\nQuit anyway?"
            )
        else:
            text = _(
                "The cart with {items} ({total}) is not paid yet. It is kept, and offered "
                "again when Bazaar POS next starts.\n\nQuit now?"
            )
        leave = ConfirmDialog.ask(
            self._parent,
            _("Quit with a cart in progress?"),
            text.format(items=items, total=self._till._money(totals.total)),
            _("Quit"),
            _("Keep selling"),
        )
        if leave:
            self.save_snapshot()
        else:
            self._till._focus_scan()
        return leave

    def save_snapshot(self) -> None:
        """Keep the cart in progress in the database now, so a crash does not lose it."""
        self._till._snapshot_timer.stop()
        self._till.shop.parked_carts.save_current(self._till.cart)

    def _take_cart(self, cart: Cart) -> None:
        self._till.cart = cart
        self._till._sale_approval = None
        self._till._stock = {
            line.product_id: self._till.shop.catalogue.get(line.product_id).stock_milli
            for line in cart
            if line.product_id is not None
        }
        self._till.last_sale.hide()
        last = cart.lines[-1].key if len(cart) else None
        self._till._cart_changed(select=last, persist=False)
