"""Customer groups: each one's name and percentage off, and its own prices for some products."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from bazaar_pos.domain.pricing import BASIS_POINTS
from bazaar_pos.errors import UserError
from bazaar_pos.i18n import _
from bazaar_pos.services.customers.views import GroupView
from bazaar_pos.services.shop import Shop
from bazaar_pos.services.views import ProductView
from bazaar_pos.ui.access.approval import Approvals
from bazaar_pos.ui.common.dialogs import describe, show_message
from bazaar_pos.ui.common.formatting import Formats
from bazaar_pos.ui.widgets.fields import button, combo, line_edit, named
from bazaar_pos.ui.widgets.money_edit import MoneyEdit
from bazaar_pos.ui.widgets.table_model import ListTableModel
from bazaar_pos.ui.widgets.tables import list_table

PERCENT = Decimal(BASIS_POINTS) / 100
"""Basis points in one percent."""


def percent_text(discount_bp: int) -> str:
    """Basis points as a percentage people read: ``1000`` as ``10 %``, ``1250`` as ``12,5 %``."""
    value = (Decimal(discount_bp) / PERCENT).normalize()
    return f"{value:f}".replace(".", ",") + " %"


def read_percent(text: str) -> int | None:
    """A typed percentage (``10``, ``12,5``, ``12.5 %``) in basis points; None if unreadable."""
    cleaned = text.replace("%", "").replace(",", ".").strip() or "0"
    try:
        value = Decimal(cleaned) * PERCENT
    except InvalidOperation:
        return None
    return int(value) if value == value.to_integral_value() else None


class GroupModel(ListTableModel[GroupView]):
    """The groups: name and percentage off."""

    numeric_columns = frozenset({1})

    def __init__(self) -> None:
        """An empty list."""
        super().__init__([_("Group"), _("% off")])

    def text(self, item: GroupView, row: int, column: int) -> str:
        """The group's name (saying when it is no longer used) or its percentage off."""
        if column == 0:
            return item.name if item.active else _("{name} (inactive)").format(name=item.name)
        return percent_text(item.discount_bp)


class PriceModel(ListTableModel[tuple[ProductView, int]]):
    """A group's own prices: the product, its usual price and the group's."""

    numeric_columns = frozenset({1, 2})

    def __init__(self, formats: Formats) -> None:
        """An empty list of prices."""
        super().__init__([_("Product"), _("Price"), _("Group price")])
        self._formats = formats

    def text(self, item: tuple[ProductView, int], row: int, column: int) -> str:
        """The product's name, usual price or the group's price."""
        product, price = item
        if column == 0:
            return product.name
        return self._formats.money(product.price if column == 1 else price)


class GroupsDialog(QDialog):
    """Add and change customer groups, and give a group its own price for a product.

    ``changed`` is True once anything was saved.
    """

    def __init__(self, shop: Shop, approvals: Approvals, parent: QWidget | None = None) -> None:
        """The groups of ``shop``; the owner approves where a cashier may not."""
        super().__init__(parent)
        self.setObjectName("groupsDialog")
        title = _("Customer groups")
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.resize(860, 520)
        self.shop = shop
        self.approvals = approvals
        self.changed = False
        settings = shop.settings.load()
        self.formats = Formats(settings)
        self.groups = GroupModel()
        self.table = list_table("groupTable", _("Customer groups"), self.groups)
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._show_group())
        self.name = line_edit("groupName", _("Group name"))
        self.percent = line_edit("groupPercent", _("Percentage off"))
        self.percent.setPlaceholderText("10")
        form = QFormLayout()
        for text, field in ((_("&Name:"), self.name), (_("% &off:"), self.percent)):
            label = QLabel(text)
            label.setBuddy(field)
            form.addRow(label, field)
        group_buttons = QHBoxLayout()
        self.new_button = button("groupNew", _("Ne&w"), self.new_group)
        self.save_button = button("groupSave", _("&Save group"), self.save_group)
        self.active_button = button("groupActive", _("Stop &using"), self.toggle_active)
        for widget in (self.new_button, self.save_button, self.active_button):
            group_buttons.addWidget(widget)
        left = QVBoxLayout()
        left.addWidget(self.table, 1)
        left.addLayout(form)
        left.addLayout(group_buttons)

        self.prices = PriceModel(self.formats)
        self.price_table = list_table("groupPrices", _("Group prices"), self.prices)
        self.price_table.horizontalHeader().setStretchLastSection(False)
        self.price_table.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.Stretch
        )
        self.search = line_edit("groupProductSearch", _("Find a product"))
        self.search.setPlaceholderText(_("Type a name or SKU, then Enter"))
        self.search.returnPressed.connect(self._find_products)
        self.product = combo("groupProduct", _("Product"))
        self.price = named(
            MoneyEdit(settings.currency, settings.money_locale), "groupPrice", _("Group price")
        )
        price_form = QFormLayout()
        price_fields: tuple[tuple[str, QWidget], ...] = (
            (_("&Find:"), self.search),
            (_("&Product:"), self.product),
            (_("Group p&rice:"), self.price),
        )
        for text, field_widget in price_fields:
            label = QLabel(text)
            label.setBuddy(field_widget)
            price_form.addRow(label, field_widget)
        price_buttons = QHBoxLayout()
        self.set_button = button("groupPriceSet", _("Se&t price"), self.set_price)
        self.remove_button = button("groupPriceRemove", _("Re&move price"), self.remove_price)
        price_buttons.addWidget(self.set_button)
        price_buttons.addWidget(self.remove_button)
        self.prices_box = QGroupBox(_("The group's own prices"))
        right = QVBoxLayout(self.prices_box)
        right.addWidget(self.price_table, 1)
        right.addLayout(price_form)
        right.addLayout(price_buttons)

        columns = QHBoxLayout()
        columns.addLayout(left, 2)
        columns.addWidget(self.prices_box, 3)
        self.message = named(QLabel(), "dialogProblem", _("Message"))
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Close  Esc"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        for each in self.findChildren(QPushButton):  # Enter in a field is for the field
            each.setAutoDefault(False)
        self.reload()

    def reload(self, select: int | None = None) -> None:
        """Read the groups again, keeping (or choosing) one."""
        current = self.current()
        keep = select if select is not None else (current.id if current else None)
        self.groups.set_items(self.shop.customers.groups(include_inactive=True))
        row = self.groups.row_where(lambda g: g.id == keep) if keep is not None else -1
        if self.groups.rowCount():
            self.table.selectRow(max(row, 0))
        self._show_group()

    def current(self) -> GroupView | None:
        """The group selected."""
        row = self.table.currentIndex().row()
        return self.groups.item(row) if 0 <= row < self.groups.rowCount() else None

    def new_group(self) -> None:
        """Clear the fields for a new group."""
        self.table.clearSelection()
        self.table.setCurrentIndex(self.groups.index(-1, -1))
        self._show_group()
        self.name.setFocus()

    def save_group(self) -> None:
        """Save the name and percentage as a new group, or the selected group's."""
        discount = read_percent(self.percent.text())
        if discount is None:
            self._say(_("Type the percentage off as a number, e.g. 10 or 12,5."), error=True)
            return
        group = self.current()
        try:
            saved = self.shop.customers.save_group(
                group.id if group else None,
                self.name.text(),
                discount,
                active=group.active if group else True,
            )
        except UserError as exc:
            self._say(describe(exc), error=True)
            return
        self.changed = True
        self.reload(select=saved.id)
        self._say(_("Group {name} saved.").format(name=saved.name))

    def toggle_active(self) -> None:
        """Stop using the selected group (its customers keep it, without prices), or use again."""
        group = self.current()
        if group is None:
            return
        try:
            saved = self.shop.customers.save_group(
                group.id, group.name, group.discount_bp, active=not group.active
            )
        except UserError as exc:
            self._say(describe(exc), error=True)
            return
        self.changed = True
        self.reload(select=saved.id)

    def set_price(self) -> None:
        """Give the selected group its own price for the product chosen."""
        group, product = self.current(), self.product.currentData()
        price = self.price.value()
        if group is None or product is None:
            self._say(_("Choose a group and a product first."), error=True)
            return
        if price is None:
            self._say(_("Type the group's price."), error=True)
            return
        self._set(group, product, price)

    def remove_price(self) -> None:
        """The selected product goes back to the group's percentage off."""
        group = self.current()
        row = self.price_table.currentIndex().row()
        if group is None or row < 0:
            return
        self._set(group, self.prices.item(row)[0], None)

    def _set(self, group: GroupView, product: ProductView, price: int | None) -> None:
        try:
            self.shop.customers.set_group_price(group.id, product.id, price)
        except UserError as exc:
            self._say(describe(exc), error=True)
            return
        self.changed = True
        self._show_prices(group)
        self._say(_("Price of {product} for {group} saved.").format(
            product=product.name, group=group.name
        ))

    def _find_products(self) -> None:
        text = self.search.text().strip()
        found = self.shop.catalogue.quick_search(text) if text else []
        self.product.clear()
        for product in found:
            self.product.addItem(
                f"{product.name} ({product.sku}) {self.formats.money(product.price)}", product
            )
        if not found:
            self._say(_("No product matches {text}.").format(text=text), error=True)
            return
        self.product.setCurrentIndex(0)
        self._say("")
        self.product.setFocus()

    def _show_group(self) -> None:
        group = self.current()
        self.name.setText(group.name if group else "")
        self.percent.setText(percent_text(group.discount_bp).removesuffix(" %") if group else "")
        self.active_button.setEnabled(group is not None)
        self.active_button.setText(
            _("Use &again") if group is not None and not group.active else _("Stop &using")
        )
        self.prices_box.setEnabled(group is not None)
        self._show_prices(group)

    def _show_prices(self, group: GroupView | None) -> None:
        if group is None:
            self.prices.set_items([])
            return
        own = self.shop.customers.group_prices(group.id)
        self.prices.set_items(
            sorted(
                ((self.shop.catalogue.get(pid), price) for pid, price in own.items()),
                key=lambda pair: pair[0].name,
            )
        )

    def _say(self, text: str, *, error: bool = False) -> None:
        show_message(self.message, text, "error" if error else "info")
