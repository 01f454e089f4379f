"""The till's cart editing: quantities, discounts, removing lines, items without a code."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from bazaar_pos.domain.access import Permission, describe, discount_above_limit
from bazaar_pos.domain.cart import CartLine
from bazaar_pos.domain.money import format_plain, parse_money
from bazaar_pos.domain.pricing import Discount, DiscountKind
from bazaar_pos.domain.quantity import QuantityError, Unit, parse_quantity, typed_quantity, whole
from bazaar_pos.i18n import _
from bazaar_pos.services.views import ProductView
from bazaar_pos.ui.access.approval import ApprovalDialog
from bazaar_pos.ui.common.dialogs import ConfirmDialog, TextDialog
from bazaar_pos.ui.common.formatting import uses_decimal_comma
from bazaar_pos.ui.till.host import TillHost
from bazaar_pos.ui.till.scan_field import MAX_QUANTITY, too_much_text
from bazaar_pos.ui.till.small_dialogs import DiscountDialog, OpenItemDialog


class CartEditing:
    """The TillScreen's actions on the lines already in the cart."""

    def __init__(self, till: TillHost, parent: QWidget) -> None:
        """Serve ``till``; the questions asked open over ``parent``."""
        self._till = till
        self._parent = parent

    def add_open_item(self) -> None:
        """Add an item without a code, with a typed name and price."""
        answer = OpenItemDialog.ask(self._parent, self._till._settings.currency)
        self._till._focus_scan()
        if answer is None:
            return
        name, price = answer
        line = self._till.cart.append(CartLine(sku="", name=name, unit_price=price))
        self._till.last_sale.hide()
        self._till.say("")
        self._till._cart_changed(select=line.key)

    def current_key(self) -> str | None:
        """The key of the selected cart line (the last one when none is selected)."""
        if not len(self._till.cart):
            return None
        row = self._till.table.currentIndex().row()
        return self._till.model.key(row if row >= 0 else len(self._till.cart) - 1)

    def _selected_key(self) -> str | None:
        """The selected line's key; None, after saying the cart is empty, when there is none."""
        key = self.current_key()
        if key is None:
            self._till.say(_("The cart is empty: scan something first."), "error")
        return key

    def set_quantity_text(self, text: str) -> None:
        """Set the selected line's quantity from what was typed: ``3``, ``0,25``, ``250 g``."""
        key = self._selected_key()
        if key is None:
            return
        milli = self._read_quantity(text, self._till.cart.line(key).unit)
        if milli is not None:
            self.set_quantity(milli)

    def set_quantity(self, quantity_milli: int) -> None:
        """Set the selected line's quantity, in thousandths of its unit (``3*`` Enter, or F4)."""
        key = self._selected_key()
        if key is None:
            return
        line = self._till.cart.line(key)
        if not 0 < quantity_milli <= whole(MAX_QUANTITY):
            self._till.say(too_much_text(), "error")
            return
        if line.product_id is not None:
            adding = self._till.adding
            wanted = adding.in_cart(line.product_id) - line.quantity_milli + quantity_milli
            if not adding.stock_allows(self._till.shop.catalogue.get(line.product_id), wanted):
                return
        try:
            self._till.cart.set_quantity(key, quantity_milli)
        except QuantityError:
            self._till.say(
                _("{name} is sold by the piece: type whole pieces.").format(name=line.name),
                "error",
            )
            return
        self._till.say("")
        self._till._cart_changed(select=key)
        if line.product_id is not None:
            self._till.adding.warn_if_short(line.product_id, line.name)

    def bump_quantity(self, step: int) -> None:
        """One more (+) or one fewer (-) of the selected line; never below one.

        Goods sold by weight or length are not counted up: the till asks how much.
        """
        key = self.current_key()
        if key is None:
            return
        line = self._till.cart.line(key)
        if not line.unit.counted:
            self.ask_quantity()
            return
        self.set_quantity(max(line.quantity_milli + whole(step), whole(1)))

    def ask_quantity(self) -> None:
        """F4: type the selected line's quantity."""
        key = self._selected_key()
        if key is None:
            return
        line = self._till.cart.line(key)
        milli = self._ask_how_much(line.name, line.unit, line.quantity_milli)
        if milli is not None:
            self.set_quantity(milli)

    def ask_measure(self, product: ProductView) -> int | None:
        """How much of a product sold by weight or length to add, in thousandths; None if not."""
        return self._ask_how_much(product.name, product.unit, None)

    def _ask_how_much(self, name: str, unit: Unit, now: int | None) -> int | None:
        """Ask for a quantity of ``name`` until it reads, or the person cancels."""
        if unit.counted:
            question = _("How many of {name}?").format(name=name)
        else:
            question = _("How much of {name}? ({unit}; 0,25 or 250 g)").format(
                name=name, unit=unit.value
            )
        comma = uses_decimal_comma(self._till._settings.money_locale)
        shown = "" if now is None else typed_quantity(now, comma)
        text = TextDialog.ask(self._parent, _("Quantity"), question, shown)
        self._till._focus_scan()
        if text is None:
            return None
        return self._read_quantity(text, unit)

    def _read_quantity(self, text: str, unit: Unit) -> int | None:
        """``text`` as thousandths of ``unit``, or None after saying what is wrong with it."""
        try:
            milli = parse_quantity(text, unit)
        except QuantityError as problem:
            self._till.say(str(problem), "error")
            return None
        if milli > whole(MAX_QUANTITY):
            self._till.say(too_much_text(), "error")
            return None
        return milli

    def ask_line_discount(self) -> None:
        """F5: a discount on the selected line."""
        key = self._selected_key()
        if key is None:
            return
        line = self._till.cart.line(key)
        answer = DiscountDialog.ask(
            self._parent,
            _("Discount on {name}").format(name=line.name),
            self._till._settings.currency,
            _discount_text(line.discount),
        )
        self._till._focus_scan()
        if answer is not None:
            before = line.discount
            self._till.cart.set_line_discount(key, answer[0])
            if self.owner_approves_cart(lambda: self._till.cart.set_line_discount(key, before)):
                self._till._cart_changed(select=key)

    def ask_cart_discount(self) -> None:
        """F6: a discount on the whole cart."""
        if not len(self._till.cart):
            self._till.say(_("The cart is empty: scan something first."), "error")
            return
        answer = DiscountDialog.ask(
            self._parent,
            _("Cart discount"),
            self._till._settings.currency,
            _discount_text(self._till.cart.discount),
        )
        self._till._focus_scan()
        if answer is not None:
            before = self._till.cart.discount
            self._till.cart.discount = answer[0]
            if self.owner_approves_cart(lambda: setattr(self._till.cart, "discount", before)):
                self._till._cart_changed(select=self.current_key())

    def ask_open_price(self, product: ProductView) -> int | None:
        """The price of a product the catalogue has at Rp0 (an open price), typed for this sale.

        Such a product (a service, goods priced by the piece at the counter)
        is sold at the price typed, with no owner needed; None when cancelled.
        """
        question = (
            _("{name} has no fixed price. Its price in this sale:")
            if product.unit.counted
            else _("{name} has no fixed price. Its price per {unit} in this sale:")
        )
        text = TextDialog.ask(
            self._parent,
            _("Price"),
            question.format(name=product.name, unit=product.unit.value),
            required=True,
        )
        self._till._focus_scan()
        if text is None:
            return None
        try:
            price = parse_money(text, self._till._settings.currency)
        except ValueError:
            price = 0
        if price <= 0:
            self._till.say(_("Type a price such as 85000 or 85rb."), "error")
            return None
        return price

    def ask_price(self) -> None:
        """F2: sell the selected line at another price than the catalogue's (the owner's)."""
        key = self._selected_key()
        if key is None:
            return
        line = self._till.cart.line(key)
        text = TextDialog.ask(
            self._parent,
            _("Price"),
            _("Price of one {name} in this sale:").format(name=line.name),
            format_plain(line.unit_price, self._till._settings.currency),
        )
        self._till._focus_scan()
        if text is None:
            return
        try:
            price = parse_money(text, self._till._settings.currency)
        except ValueError:
            price = -1
        if price < 0:
            self._till.say(_("Type a price such as 85000 or 85rb."), "error")
            return
        self._till.cart.set_unit_price(key, price)
        if self.owner_approves_cart(lambda: self._till.cart.set_unit_price(key, line.unit_price)):
            self._till._cart_changed(select=key)
            if line.product_id is not None and price != line.unit_price:
                self._till.say(
                    _("{name} sold at {price} in this sale.").format(
                        name=line.name, price=self._till._money(price)
                    )
                )

    def owner_approves_cart(self, undo: Callable[[], object]) -> bool:
        """Ask an owner now if the cart needs one (a discount above the limit, a changed price).

        Their approval is kept for the payment. When nobody approves, ``undo``
        puts the cart back as it was and False is returned.
        """
        needed = self.cart_needs()
        approved = self._till._sale_approval
        if not needed or (approved is not None and needed <= approved.permissions):
            return True
        limit = self._till.shop.access.settings().discount_limit_percent
        reason = _(
            "Only an owner may {what} (a cashier may give up to {limit}% off). "
            "An owner can approve it here with their PIN."
        ).format(what=describe(needed), limit=limit)
        approval = ApprovalDialog.ask(self._parent, self._till.shop.access, needed, reason)
        self._till._focus_scan()
        if approval is None:
            undo()
            self._till._cart_changed(select=self.current_key())
            self._till.say(_("Not approved: the cart is as it was."), "error")
            return False
        self._till._sale_approval = approval
        return True

    def cart_needs(self) -> frozenset[Permission]:
        """What the person signed in may not do in this cart without an owner."""
        access = self._till.shop.access
        needed = set()
        limit = access.settings().discount_limit_percent
        if discount_above_limit(self._till.cart.totals(), limit):
            needed.add(Permission.DISCOUNT_ABOVE_LIMIT)
        for line in self._till.cart:
            if line.product_id is not None:
                product = self._till.shop.catalogue.get(line.product_id)
                if product.price not in (0, line.unit_price):  # 0: an open price
                    needed.add(Permission.CHANGE_PRICE)
        return frozenset(p for p in needed if not access.may(p))

    def remove_line(self) -> None:
        """Del: take the selected line out of the cart."""
        key = self.current_key()
        if key is None:
            return
        row = self._till.model.row_of(key)
        self._till.cart.remove(key)
        self._till.say("")
        lines = self._till.cart.lines
        self._till._cart_changed(select=lines[min(row, len(lines) - 1)].key if lines else None)

    def clear_cart(self) -> None:
        """Ctrl+Del: empty the cart, after asking."""
        if not len(self._till.cart):
            return
        sure = ConfirmDialog.ask(
            self._parent,
            _("Clear the cart?"),
            _("Take every line out of the cart? The sale is not recorded."),
            _("Clear the cart"),
            _("Keep it"),
        )
        self._till._focus_scan()
        if sure:
            self._till.cart.clear()
            self._till.say(_("The cart was cleared."))
            self._till._cart_changed()

    def toggle_favourite(self) -> None:
        """Ctrl+D: put the selected line's product on the quick-pick grid, or take it off."""
        key = self.current_key()
        line = self._till.cart.line(key) if key else None
        if line is None or line.product_id is None:
            self._till.say(_("Select a line with a product to make it a favourite."), "error")
            return
        product = self._till.shop.catalogue.get(line.product_id)
        self._till.shop.catalogue.set_favourite(product.id, not product.favourite)
        self._till.refresh_favourites()
        self._till.say(
            _("{name} was taken off the favourites.").format(name=product.name)
            if product.favourite
            else _("{name} is now a favourite.").format(name=product.name)
        )


def _discount_text(discount: Discount | None) -> str:
    """The text a discount dialog starts from: ``10%`` or ``5000``."""
    if discount is None:
        return ""
    if discount.kind is DiscountKind.PERCENT:
        return f"{discount.value.normalize():f}%"
    return str(int(discount.value))
