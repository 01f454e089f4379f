"""The till's parked carts and the cart in progress kept safe across a crash."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bazaar_pos.domain.cart import Cart
from bazaar_pos.errors import UserError
from bazaar_pos.i18n import _, ngettext
from bazaar_pos.ui.common.dialogs import ConfirmDialog, TextDialog
from bazaar_pos.ui.till.small_dialogs import ParkedCartsDialog

if TYPE_CHECKING:
    from bazaar_pos.ui.till.screen import TillScreen

    _Base = TillScreen
else:
    _Base = object


class Parking(_Base):
    """The TillScreen's parking, resuming and restoring of carts."""

    def park_cart(self) -> None:
        """F7: put the cart aside to serve the next customer."""
        if not len(self.cart):
            self.say(_("The cart is empty: there is nothing to park."), "error")
            return
        label = TextDialog.ask(
            self, _("Park cart"), _("A name to find this cart again (optional), e.g. the customer:")
        )
        self._focus_scan()
        if label is None:
            return
        self._snapshot_timer.stop()
        self.shop.parked_carts.park(self.cart, label)
        self.cart = self._new_cart()
        self._cart_changed(persist=False)
        self.say(_("The cart was parked. F8 brings it back."))

    def resume_cart(self) -> None:
        """F8: take back a parked cart; the cart in progress, if any, is parked instead."""
        parked = self.shop.parked_carts.parked()
        if not parked:
            self.say(_("There are no parked carts."), "error")
            return
        parked_id = ParkedCartsDialog.ask(self, parked, self._money)
        self._focus_scan()
        if parked_id is None:
            return
        swapped = bool(len(self.cart))
        self._snapshot_timer.stop()
        try:
            cart = self.shop.parked_carts.resume(parked_id, park_current=self.cart)
        except UserError as exc:
            self.say(exc.message, "error")
            return
        self._take_cart(cart)
        self.say(_("Cart resumed; the cart you had was parked.") if swapped else _("Cart resumed."))

    def offer_restore(self) -> None:
        """Offer the cart that was being rung up when the app stopped, if there was one."""
        saved = self.shop.parked_carts.load_current()
        if saved is None or len(self.cart):
            return
        totals = saved.totals()
        items = ngettext("{count} item", "{count} items", totals.item_count).format(
            count=totals.item_count
        )
        restore = ConfirmDialog.ask(
            self,
            _("Restore the cart?"),
            _(
                "A cart with {items} ({total}) was being rung up when Bazaar POS stopped. "
                "Restore it?"
            ).format(items=items, total=self._money(totals.total)),
            _("Restore"),
            _("Park it for later"),
        )
        self._focus_scan()
        if restore:
            self._take_cart(saved)
            self.say(_("The cart was restored."))
        else:
            self.shop.parked_carts.park(saved, _("Recovered cart"))
            self.say(_("The cart was parked. F8 brings it back."))

    def save_snapshot(self) -> None:
        """Keep the cart in progress in the database now, so a crash does not lose it."""
        self._snapshot_timer.stop()
        self.shop.parked_carts.save_current(self.cart)

    def _take_cart(self, cart: Cart) -> None:
        self.cart = cart
        self._sale_approval = None
        self._stock = {
            line.product_id: self.shop.catalogue.get(line.product_id).stock
            for line in cart
            if line.product_id is not None
        }
        self.last_sale.hide()
        last = cart.lines[-1].key if len(cart) else None
        self._cart_changed(select=last, persist=False)
