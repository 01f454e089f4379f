"""The Till screen: scan, search or pick products, adjust the cart, take payment."""

from __future__ import annotations

from datetime import date, datetime
from importlib import import_module
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from bazaar_pos.domain.cart import Cart
from bazaar_pos.domain.payment import Tender
from bazaar_pos.domain.quantity import (
    QuantityError,
    Unit,
    parse_quantity,
)
from bazaar_pos.domain.receivables import due_date
from bazaar_pos.errors import UserError
from bazaar_pos.i18n import _, ngettext
from bazaar_pos.services.customers.views import CustomerView
from bazaar_pos.services.people.access import Approval
from bazaar_pos.services.shop import Shop
from bazaar_pos.ui.access.approval import Approvals
from bazaar_pos.ui.common.dialogs import show_message
from bazaar_pos.ui.common.formatting import method_label, money_text, quantity_text
from bazaar_pos.ui.shortcuts import bind
from bazaar_pos.ui.till.adding import CartAdding
from bazaar_pos.ui.till.cart.editing import CartEditing
from bazaar_pos.ui.till.cart.model import CartTableModel
from bazaar_pos.ui.till.cart.totals_panel import LastSalePanel, TotalsPanel
from bazaar_pos.ui.till.cart.view import CartView
from bazaar_pos.ui.till.customer_bar import CustomerBar
from bazaar_pos.ui.till.customer_picker import CustomerPicker
from bazaar_pos.ui.till.parking import Parking
from bazaar_pos.ui.till.quick_pick import QuickPickGrid
from bazaar_pos.ui.till.scale_codes import add_scale_code
from bazaar_pos.ui.till.scan_field import ScanField, split_quantity
from bazaar_pos.ui.till.search_popup import SearchResults

if TYPE_CHECKING:  # the dialogs load when first opened, or in the warm-up after the till shows
    from bazaar_pos.ui.history.dialog import SalesHistoryDialog
    from bazaar_pos.ui.till.payment.dialog import PaymentDialog
    from bazaar_pos.ui.till.payment.unconfirmed_dialog import UnconfirmedPaymentsDialog

LOADED_AFTER_START = (
    "bazaar_pos.ui.till.payment.dialog",
    "bazaar_pos.ui.till.payment.unconfirmed_dialog",
)
"""The modules of the till's dialogs, loaded once the till shows (``warm_up``), not before."""
SEARCH_DELAY_MS = 40
"""Wait this long after a keystroke before searching: a scanner's burst never waits."""
SNAPSHOT_DELAY_MS = 100
"""Keep the cart in progress this soon after a change (a burst of changes writes once)."""
SEARCH_RESULTS = 8
ACTION_COLUMNS = 4
"""Buttons under the cart per row: four keep the till within 1366 pixels in Indonesian."""


class TillScreen(QWidget):
    """Rings up a sale with the scanner and keyboard first; every action has a key."""

    sale_completed = Signal(str)
    """The UUID of a sale just committed (a print queue prints its receipt)."""
    reprint_requested = Signal(str)
    """The UUID of a past sale whose receipt should be printed again."""
    payments_changed = Signal()
    """A QRIS or e-wallet payment was confirmed or marked not received."""
    shift_requested = Signal()
    """The person asked for the cash drawer and shift (F11 or its button)."""
    cart_shown = Signal(str)
    """The cart was shown again after a change; carries the key of the line changed, or ""."""
    payment_opened = Signal(object)
    """The PaymentDialog just opened for the cart."""
    weigh_requested = Signal()
    """A product sold by weight was scanned and a counter scale is set up: read it."""
    sale_paid = Signal(object, object)
    """The cart was paid: the SaleResult and all that was handed over (before a new cart)."""

    def __init__(self, shop: Shop, parent: QWidget | None = None) -> None:
        """Ring up sales into ``shop``."""
        super().__init__(parent)
        self.setObjectName("tillScreen")
        self.setAccessibleName(_("Till"))
        self.shop = shop
        self.approvals = Approvals(shop.access, self)
        self.editing = CartEditing(self, self)
        self.adding = CartAdding(self)
        self.parking = Parking(self, self)
        self._sale_approval: Approval | None = None
        self._settings = shop.settings.load()
        self._money = money_text(self._settings)
        self.cart = self._new_cart()
        self._stock: dict[int, int] = {}
        self._restore_offered = False
        self._results_for = ""
        self.payment_dialog: PaymentDialog | None = None
        self.paying_picker: CustomerPicker | None = None
        self.history_dialog: SalesHistoryDialog | None = None
        self.unconfirmed_dialog: UnconfirmedPaymentsDialog | None = None
        self._search_timer = _single_shot(self, SEARCH_DELAY_MS, self._search_now)
        self._snapshot_timer = _single_shot(self, SNAPSHOT_DELAY_MS, self.parking.save_snapshot)
        self._build()
        self._bind_keys()
        self.refresh_favourites()
        self.refresh_awaiting()
        self._cart_changed(persist=False)

    # -- building ------------------------------------------------------------

    def _build(self) -> None:
        self.scan = ScanField()
        self.scan.returnPressed.connect(self.submit_scan)
        self.scan.textEdited.connect(lambda _text: self._search_timer.start())
        self.scan.step.connect(self._step)
        self.scan.bump.connect(self.editing.bump_quantity)
        self.scan.remove.connect(self.editing.remove_line)
        self.scan.escape.connect(self._escape)
        self.message = QLabel()
        self.message.setObjectName("tillMessage")
        self.message.setAccessibleName(_("Message"))
        self.message.setWordWrap(True)
        self.message.hide()
        self.customer_bar = CustomerBar(self, self)

        self.model = CartTableModel(self._money, self.quantity_text)
        self.table = CartView(
            _("Scan a barcode or type a name to start a sale.\nF12 takes payment.")
        )
        self.hint = self.table.hint
        self.table.setObjectName("cartTable")
        self.table.setAccessibleName(_("Cart"))
        self.table.setModel(self.model)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.fit_columns(self.model.widest_texts(self.cart.totals()))

        self.buttons: dict[str, QPushButton] = {}
        actions = QGridLayout()
        actions.setSpacing(6)
        for number, (name, text, slot) in enumerate(
            (
                ("quantity", _("Quantity\nF4"), self.editing.ask_quantity),
                ("lineDiscount", _("Line discount\nF5"), self.editing.ask_line_discount),
                ("cartDiscount", _("Cart discount\nF6"), self.editing.ask_cart_discount),
                ("price", _("Price\nF2"), self.editing.ask_price),
                ("removeLine", _("Remove line\nDel"), self.editing.remove_line),
                ("clearCart", _("Clear cart\nCtrl+Del"), self.editing.clear_cart),
                ("openItem", _("Other item\nF3"), self.editing.add_open_item),
                ("park", _("Park cart\nF7"), self.parking.park_cart),
                ("resume", _("Parked carts\nF8"), self.parking.resume_cart),
                ("history", _("Sales history\nF9"), self.open_history),
                ("shift", _("Cash drawer\nF11"), self.shift_requested.emit),
                ("favourite", _("★ Favourite\nCtrl+D"), self.editing.toggle_favourite),
            )
        ):
            button = QPushButton(text)
            button.setObjectName(f"{name}Button")
            button.setAccessibleName(text.split("\n")[0])
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setMinimumHeight(52)
            button.clicked.connect(slot)
            actions.addWidget(button, *divmod(number, ACTION_COLUMNS))
            self.buttons[name] = button

        left = QVBoxLayout()
        left.addWidget(self.scan)
        left.addWidget(self.message)
        left.addWidget(self.customer_bar)
        left.addWidget(self.table, 1)
        left.addLayout(actions)

        self.totals = TotalsPanel(self._money)
        self.pay_button = QPushButton(_("Pay  F12"))
        self.pay_button.setObjectName("payButton")
        self.pay_button.setAccessibleName(_("Pay"))
        self.pay_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.pay_button.setMinimumHeight(64)
        self.pay_button.clicked.connect(self.open_payment)
        self.last_sale = LastSalePanel(self._money)
        # The change takes the empty totals' place, so the favourites keep theirs.
        self.last_sale.shown.connect(lambda shown: self.totals.setVisible(not shown))
        self.awaiting_button = QPushButton()
        self.awaiting_button.setObjectName("awaitingPayments")
        self.awaiting_button.setAccessibleName(_("Unconfirmed payments"))
        self.awaiting_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.awaiting_button.setMinimumHeight(44)
        self.awaiting_button.clicked.connect(self.open_unconfirmed)
        self.quick_pick = QuickPickGrid(self._money)
        self.quick_pick.picked.connect(lambda product: self.adding.add_product(product.id))
        picks = QScrollArea()
        picks.setObjectName("quickPickArea")
        picks.setWidgetResizable(True)
        picks.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        picks.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        picks.setWidget(self.quick_pick)
        favourites_title = QLabel(_("Favourites  Alt+1…9"))
        favourites_title.setObjectName("sectionTitle")

        right = QVBoxLayout()
        right.addWidget(self.totals)
        right.addWidget(self.pay_button)
        right.addWidget(self.last_sale)
        right.addWidget(self.awaiting_button)
        right.addWidget(favourites_title)
        right.addWidget(picks, 1)
        side = QWidget()
        side.setObjectName("tillSide")
        side.setLayout(right)
        side.setFixedWidth(350)

        layout = QHBoxLayout(self)
        layout.addLayout(left, 1)
        layout.addWidget(side)
        self.results = SearchResults(self._money, self.quantity_text, self)
        self.results.chosen.connect(lambda product: self.adding.add_product(product.id))
        self.scan.geometry_changed.connect(self._place_results)

    def _bind_keys(self) -> None:
        actions = {
            "till.price": self.editing.ask_price,
            "till.openItem": self.editing.add_open_item,
            "till.quantity": self.editing.ask_quantity,
            "till.lineDiscount": self.editing.ask_line_discount,
            "till.cartDiscount": self.editing.ask_cart_discount,
            "till.park": self.parking.park_cart,
            "till.resume": self.parking.resume_cart,
            "till.history": self.open_history,
            "till.pay": self.open_payment,
            "till.clear": self.editing.clear_cart,
            "till.favourite": self.editing.toggle_favourite,
            "till.unconfirmed": self.open_unconfirmed,
            "till.customer": self.customer_bar.open_picker,
            "till.noCustomer": self.customer_bar.clear,
        }
        for action, slot in actions.items():
            bind(action, self, slot, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)

    # -- Qt events -----------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        """Focus the scan field, recount payments to confirm, once per start offer to restore."""
        super().showEvent(event)
        self.scan.setFocus()
        if not len(self.cart):
            self._settings = self.shop.settings.load()
            customer = self.cart.customer  # chosen before the first scan: kept
            self.cart = self._new_cart()
            self.cart.customer = customer
            self.refresh_favourites()
        self.refresh_awaiting()
        if not self._restore_offered:
            self._restore_offered = True
            QTimer.singleShot(0, self.parking.offer_restore)

    # -- adding to the cart --------------------------------------------------

    def submit_scan(self) -> None:
        """Enter in the scan field: add what was scanned or chosen, or go to payment."""
        self._search_timer.stop()
        quantity, code = split_quantity(self.scan.text())
        if not code:
            self.scan.clear()
            if quantity is not None:
                self.editing.set_quantity_text(quantity)
            elif len(self.cart):
                self.open_payment()
            return
        product = self.shop.catalogue.find_by_code(code)
        if product is None and add_scale_code(self, code, quantity):
            return
        if product is None and self._results_for == code:
            product = self.results.current_product()
        if product is None:
            QApplication.beep()
            self.say(
                _(
                    "No product with the code “{code}”. Type part of its name to search, "
                    "or F3 for an item without a code."
                ).format(code=code),
                "error",
            )
            self.scan.clear()
            self.results.hide()
            return
        self.scan.clear()
        self.results.hide()
        if quantity is None:
            self.adding.add(product)  # just read by its code: no second lookup
            return
        try:
            milli = parse_quantity(quantity, product.unit)
        except QuantityError as problem:
            QApplication.beep()
            self.say(str(problem), "error")
            return
        self.adding.add_line(product, milli)

    # -- paying --------------------------------------------------------------

    def open_payment(self) -> None:
        """F12: take payment for the cart."""
        if not len(self.cart):
            self.say(_("The cart is empty: scan something first."), "error")
            return
        from bazaar_pos.ui.till.payment.dialog import PaymentDialog

        self._search_timer.stop()
        self.results.hide()
        dialog = PaymentDialog(
            self,
            self.cart.totals().total,
            currency=self._settings.currency,
            cash_rule=self._settings.cash_rule,
            money=self._money,
            qris_payload=self._settings.qris_payload,
            customer=self._customer_view(),
            kasbon_due=due_date(
                datetime.now(self.shop.zone).date(), self._settings.kasbon_due_days
            ),
        )
        dialog.customer_wanted.connect(lambda: self._choose_customer_while_paying(dialog))
        dialog.accepted.connect(lambda: self.complete_sale(dialog.tenders, dialog.due_on))
        dialog.finished.connect(lambda _result: self._payment_closed(dialog))
        self.payment_dialog = dialog
        self.payment_opened.emit(dialog)
        dialog.open()
        dialog.activateWindow()
        dialog.amount.setFocus()

    def complete_sale(self, tenders: list[Tender], due_on: date | None = None) -> None:
        """Commit the sale paid by ``tenders``, start a new cart and show the change.

        A part on the customer's account (kasbon) falls due ``due_on``.
        """
        try:
            result = self.approvals.run(
                lambda approval: self.shop.checkout.complete_sale(
                    self.cart,
                    tenders,
                    approval=approval or self._sale_approval,
                    forget_current_cart=True,
                    due_on=due_on,
                )
            )
        except UserError as exc:
            self.say(str(exc), "error")
            return
        self.sale_paid.emit(result, sum(tender.amount for tender in tenders))
        self._snapshot_timer.stop()
        self.cart = self._new_cart()
        self._stock.clear()
        self._cart_changed(persist=False)
        self.last_sale.show_sale(result)
        notes = []
        if result.awaiting:
            notes.append(
                _(
                    "{payments} awaiting confirmation: check your QRIS or e-wallet app, "
                    "then Ctrl+Q to confirm."
                ).format(
                    payments=", ".join(
                        f"{method_label(method)} {self._money(amount)}"
                        for method, amount in result.awaiting
                    )
                )
            )
            self.refresh_awaiting()
        if result.below_zero:
            notes.append(
                _("Stock is now below zero for: {skus}").format(skus=", ".join(result.below_zero))
            )
        self.say("\n".join(notes), "warn" if notes else "info")
        self.sale_completed.emit(result.uuid)

    def _customer_view(self) -> CustomerView | None:
        """The cart's customer as stored now: what they owe and their limit."""
        customer = self.cart.customer
        if customer is None:
            return None
        try:
            return self.shop.customers.get(customer.id)
        except UserError as exc:
            self.say(exc.message, "error")
            return None

    def _choose_customer_while_paying(self, dialog: PaymentDialog) -> None:
        """Ctrl+K in the payment screen: choose the customer over it, then back to paying."""
        picker = CustomerPicker(self.shop.customers, self._money, dialog)
        self.paying_picker = picker

        def chosen(customer: CustomerView) -> None:
            self.customer_bar.choose(customer)
            dialog.set_customer(self._customer_view(), self.cart.totals().total)

        def closed() -> None:
            self.paying_picker = None
            picker.deleteLater()
            dialog.activateWindow()
            dialog.amount.setFocus()

        picker.chosen.connect(chosen)
        picker.finished.connect(lambda _result: closed())
        picker.open()
        picker.activateWindow()
        picker.search.setFocus()

    def _payment_closed(self, dialog: PaymentDialog) -> None:
        if self.payment_dialog is dialog:
            self.payment_dialog = None
        dialog.deleteLater()
        self._focus_scan()

    # -- payments awaiting confirmation ---------------------------------------

    def open_unconfirmed(self) -> None:
        """Ctrl+Q: confirm QRIS and e-wallet payments, or mark them as not received."""
        if self.unconfirmed_dialog is None:
            from bazaar_pos.ui.till.payment.unconfirmed_dialog import UnconfirmedPaymentsDialog

            dialog = UnconfirmedPaymentsDialog(
                self.shop.payment_confirmation,
                self._money,
                self,
                settlement=lambda: self.shop.settlement,
            )
            dialog.payments_changed.connect(self.refresh_awaiting)
            dialog.payments_changed.connect(self.payments_changed)
            dialog.finished.connect(lambda _result: self._focus_scan())
            self.unconfirmed_dialog = dialog
        self.unconfirmed_dialog.reload()
        self.unconfirmed_dialog.open()
        self.unconfirmed_dialog.activateWindow()
        self.unconfirmed_dialog.table.setFocus()

    def refresh_awaiting(self) -> None:
        """Show how many payments await confirmation (the button hides when none do)."""
        count = self.shop.payment_confirmation.count_awaiting()
        self.awaiting_button.setText(
            ngettext(
                "{count} payment to confirm\nCtrl+Q",
                "{count} payments to confirm\nCtrl+Q",
                count,
            ).format(count=count)
        )
        self.awaiting_button.setVisible(count > 0)

    # -- history -------------------------------------------------------------

    def open_history(self) -> None:
        """F9: find past sales, reprint, refund or void; it opens on the newest sale."""
        if self.history_dialog is None:
            from bazaar_pos.ui.history.dialog import SalesHistoryDialog  # loads when first opened

            dialog = SalesHistoryDialog(self.shop, self._money, self)
            dialog.reprint_requested.connect(self.reprint_requested)
            dialog.stock_changed.connect(lambda: self._stock.clear())
            dialog.finished.connect(lambda _result: self._focus_scan())
            self.history_dialog = dialog
        self.history_dialog.start_over()
        self.history_dialog.open()
        self.history_dialog.activateWindow()

    # -- keeping things in step ----------------------------------------------

    def say(self, text: str, tone: str = "info") -> None:
        """Show a message above the cart (an empty text hides it); it never blocks."""
        show_message(self.message, text, tone)
        self.message.setVisible(bool(text))

    def warm_up(self) -> None:
        """Load the payment dialogs' modules now that the till shows, so the first F12 is quick."""
        for name in LOADED_AFTER_START:
            import_module(name)

    def fit_to_style(self) -> None:
        """Size the cart's columns and the large total again for the style's fonts."""
        totals = self.cart.totals()
        self.table.fit_columns(self.model.widest_texts(totals))
        self.totals.show_totals(totals)

    def refresh_favourites(self) -> None:
        """Reload the quick-pick grid."""
        self.quick_pick.set_products(self.shop.catalogue.favourites())

    def _cart_changed(self, *, select: str | None = None, persist: bool = True) -> None:
        self.customer_bar.reprice()
        totals = self.cart.totals()
        short = frozenset(
            line.key
            for line in self.cart
            if line.product_id is not None
            and line.product_id in self._stock
            and self.adding.in_cart(line.product_id) > self._stock[line.product_id]
        )
        self.model.set_totals(totals, short)
        self.table.fit_columns(self.model.widest_texts(totals))
        self.totals.show_totals(totals)
        row = self.model.row_of(select) if select else -1
        if row >= 0:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))
        has_lines = bool(len(self.cart))
        for name in ("quantity", "lineDiscount", "cartDiscount", "price", "removeLine"):
            self.buttons[name].setEnabled(has_lines)
        self.buttons["clearCart"].setEnabled(has_lines)
        if not has_lines:
            self._sale_approval = None
        self.buttons["park"].setEnabled(has_lines)
        self.pay_button.setEnabled(has_lines)
        self.hint.setVisible(not has_lines)
        if persist:
            self._snapshot_timer.start()
        self.cart_shown.emit(select or "")

    def _new_cart(self) -> Cart:
        return Cart(self._settings.currency, self._settings.tax_rule)

    def quantity_text(self, milli: int, unit: Unit) -> str:
        """``3`` or ``0,25 kg``, as the shop writes numbers."""
        return quantity_text(milli, unit, self._settings.money_locale)

    def _step(self, step: int) -> None:
        if self.results.isVisible():
            self.results.move_selection(step)
            return
        if not len(self.cart):
            return
        row = self.table.currentIndex().row()
        row = len(self.cart) - 1 if row < 0 else min(max(row + step, 0), len(self.cart) - 1)
        self.table.selectRow(row)

    def _focus_scan(self) -> None:
        """Give the keyboard back to the scan field once a dialog window has closed."""
        self.window().activateWindow()
        self.scan.setFocus()

    def _escape(self) -> None:
        self._search_timer.stop()
        self.results.hide()
        self.scan.clear()

    def _search_now(self) -> None:
        _quantity, text = split_quantity(self.scan.text())
        self._results_for = text
        if len(text) < 2:
            self.results.hide()
            return
        self.results.show_products(self.shop.catalogue.quick_search(text, limit=SEARCH_RESULTS))
        self._place_results()

    def _place_results(self) -> None:
        corner = self.scan.mapTo(self, self.scan.rect().bottomLeft())
        self.results.move(corner.x(), corner.y() + 2)
        self.results.setFixedWidth(self.scan.width())


def _single_shot(parent: QObject, interval: int, slot: object) -> QTimer:
    timer = QTimer(parent)
    timer.setSingleShot(True)
    timer.setInterval(interval)
    timer.timeout.connect(slot)
    return timer
