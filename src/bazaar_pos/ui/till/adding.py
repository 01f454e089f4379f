"""The till's adding to the cart: a product in its unit, weighed on the scale, within stock."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication

from bazaar_pos.domain.cart import CartLine
from bazaar_pos.domain.quantity import PER_UNIT
from bazaar_pos.i18n import _
from bazaar_pos.services.views import ProductView
from bazaar_pos.ui.till.weighing import GRAMS_AS_MILLI, weighed_quantity, weight_not_used

if TYPE_CHECKING:
    from bazaar_pos.ui.till.screen import TillScreen


class CartAdding:
    """Adds products to the TillScreen's cart: pieces, weights and lengths, within stock.

    With a counter scale set up (``scale_ready``), a product sold by weight
    waits for the scale's reading instead of asking how much.
    """

    def __init__(self, till: TillScreen) -> None:
        """Serve ``till``."""
        self._till = till
        self.scale_ready = False
        """True when a counter scale is set up: weighed goods are read off it when scanned."""
        self._to_weigh: ProductView | None = None

    def add_product(self, product_id: int, quantity_milli: int | None = None) -> None:
        """Add a product picked from a tile or the search results, read afresh (its stock now)."""
        self.add(self._till.shop.catalogue.get(product_id), quantity_milli)

    def add(self, product: ProductView, quantity_milli: int | None = None) -> None:
        """Add ``product`` (as just looked up by a scan).

        Without a quantity, one piece; for goods sold by weight or length the
        till asks how much (or reads the scale).
        """
        till = self._till
        self._to_weigh = None
        if quantity_milli is None and self.scale_ready and product.unit in GRAMS_AS_MILLI:
            self._to_weigh = product
            till.say(_("Weighing {name}… (or type its weight: 0,25*)").format(name=product.name))
            till.weigh_requested.emit()
            return
        if quantity_milli is None and not product.unit.counted:
            quantity_milli = till.editing.ask_measure(product)
            if quantity_milli is None:
                return
        self.add_line(product, PER_UNIT if quantity_milli is None else quantity_milli)

    def add_line(
        self, product: ProductView, quantity_milli: int, priced: int | None = None
    ) -> None:
        """Add ``quantity_milli`` of ``product`` (coming to ``priced`` when a label priced it)."""
        till = self._till
        till.scan.clear()
        till.results.hide()
        if not self.stock_allows(product, self.in_cart(product.id) + quantity_milli):
            return
        price = product.price
        if not price and priced is None:  # an open price: asked each time
            typed = till.editing.ask_open_price(product)
            if typed is None:
                return
            price = typed
        line = till.cart.add(
            CartLine(
                sku=product.sku,
                name=product.name,
                unit_price=price,
                quantity_milli=quantity_milli,
                unit_cost=product.cost,
                product_id=product.id,
                unit=product.unit,
                priced=priced,
            )
        )
        till._stock[product.id] = product.stock_milli
        till.last_sale.hide()
        till._cart_changed(select=line.key)
        self.warn_if_short(product.id, product.name)
        self.warn_if_reserved(product)

    def apply_weight_grams(self, grams: int) -> None:
        """The counter scale read ``grams``: the product being weighed, or the selected line.

        A product sold by weight scanned with a scale set up waits for its
        weight; otherwise a selected line sold by weight takes it (Ctrl+W).
        """
        till = self._till
        waiting, self._to_weigh = self._to_weigh, None
        if waiting is not None:
            probe = CartLine(waiting.sku, waiting.name, waiting.price, unit=waiting.unit)
            quantity = weighed_quantity(probe, grams)
            if quantity is None:
                self._to_weigh = waiting
                till.say(_("Nothing on the scale. Put the goods on it and press Ctrl+W."), "warn")
                return
            self.add_line(waiting, quantity)
            return
        key = till.editing.current_key()
        line = till.cart.line(key) if key is not None else None
        quantity = weighed_quantity(line, grams) if line is not None else None
        if quantity is None:
            till.say(weight_not_used(line, grams), "warn")
            return
        till.editing.set_quantity(quantity)

    def in_cart(self, product_id: int) -> int:
        """Thousandths of the product already in the cart."""
        return sum(
            line.quantity_milli for line in self._till.cart if line.product_id == product_id
        )

    def stock_allows(self, product: ProductView, quantity_milli: int) -> bool:
        """False (with a message) when the shop blocks selling ``quantity_milli`` beyond stock."""
        till = self._till
        if quantity_milli <= product.stock_milli or till._settings.oversell != "block":
            return True
        QApplication.beep()
        till.say(
            _("Only {count} of {name} in stock: the shop does not sell beyond stock.").format(
                count=till.quantity_text(product.stock_milli, product.unit), name=product.name
            ),
            "error",
        )
        return False

    def warn_if_reserved(self, product: ProductView) -> None:
        """Warn when the cart takes goods kept for a pre-order (a one-of-a-kind piece above all)."""
        till = self._till
        reserved = till.shop.stock.reserved([product.id]).get(product.id, 0)
        if not reserved or self.in_cart(product.id) <= product.stock_milli - reserved:
            return
        if product.one_of_a_kind:
            text = _(
                "{name} is one of a kind and kept for a pre-order. Sell it only if it is "
                "that customer's."
            ).format(name=product.name)
        else:
            text = _(
                "{count} of {name} kept for pre-orders: this sells goods a customer ordered."
            ).format(count=till.quantity_text(reserved, product.unit), name=product.name)
        till.say(text, "warn")

    def warn_if_short(self, product_id: int, name: str) -> None:
        """Warn when the cart holds more of a product than is in stock (else clear the message)."""
        till = self._till
        stock = till._stock.get(product_id)
        if stock is not None and self.in_cart(product_id) > stock:
            unit = next(line.unit for line in till.cart if line.product_id == product_id)
            till.say(
                _("Only {count} of {name} in stock. Selling more anyway.").format(
                    count=till.quantity_text(stock, unit), name=name
                ),
                "warn",
            )
        else:
            till.say("")
