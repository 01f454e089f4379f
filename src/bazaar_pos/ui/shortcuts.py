"""Every keyboard shortcut the app binds, in one table, and the helpers that bind them.

The screens and dialogs never write a key themselves: they bind an action of
``SHORTCUTS`` by name (``bind``, ``bind_each``, ``sequence``), so this table is
what the app does, what the guide's shortcut pages list, and what the tests
check for collisions with the underlined letters of each screen.

A shortcut of the table wins over a text field's own use of the same key:
Ctrl+U (switch user) pressed in a field switches the user and leaves the
field's text alone, although Qt's line edit on Linux would delete the line.
The field keeps its own binding where no shortcut of the table is active.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QKeyCombination, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QWidget

from bazaar_pos.i18n import N_


@dataclass(frozen=True)
class Shortcut:
    """One action and the keys that do it: ``keys[i]`` for the i-th of a family."""

    action: str
    """``scope.name``: the scope is a screen or dialog (``SCOPES``)."""
    keys: tuple[str, ...]
    """Portable key text, as QKeySequence reads it: ``Ctrl+Shift+V``, ``F12``."""
    description: str
    """What it does, in English: translate with ``_()`` when shown."""

    @property
    def scope(self) -> str:
        """The screen or dialog where the keys work."""
        return self.action.split(".", 1)[0]


SCOPES: dict[str, str] = {
    "window": N_("Everywhere in the main window"),
    "till": N_("Till"),
    "customer": N_("Customer for the sale"),
    "payment": N_("Payment"),
    "unconfirmed": N_("Unconfirmed payments"),
    "history": N_("Sales history"),
    "refund": N_("Refund"),
    "shift": N_("Cash drawer and shift"),
    "count": N_("Closing a shift: counting the cash"),
    "shiftreports": N_("Shift reports"),
    "events": N_("Bazaar events"),
    "orders": N_("Orders"),
    "neworder": N_("New order"),
    "audit": N_("Audit log"),
    "products": N_("Products"),
    "stock": N_("Stock"),
    "reports": N_("Reports"),
    "customers": N_("Customers"),
    "printer": N_("Settings: receipt printer"),
    "devices": N_("Settings: devices"),
}
"""The screens and dialogs, in the order the reference lists them."""


def _row(action: str, keys: str | tuple[str, ...], description: str) -> Shortcut:
    return Shortcut(action, (keys,) if isinstance(keys, str) else keys, description)


SHORTCUTS: tuple[Shortcut, ...] = (
    _row(
        "window.screen",
        tuple(f"Ctrl+{number}" for number in range(1, 7)),
        N_("Go to the Till, Products, Stock, Reports, Settings or Customers screen"),
    ),
    _row("window.switchUser", "Ctrl+U", N_("Switch user (the cart is kept)")),
    _row("window.lock", "Ctrl+L", N_("Lock the till (the cart is kept)")),
    _row("window.auditLog", "Ctrl+Shift+A", N_("Audit log")),
    _row("window.backUp", "Ctrl+Shift+B", N_("Back up now")),
    _row("window.cashShift", "F11", N_("Cash drawer and shift")),
    _row("window.noSale", "Ctrl+Shift+D", N_("No sale: open the drawer")),
    _row("window.events", "F10", N_("Bazaar events")),
    _row("window.orders", "Ctrl+Shift+O", N_("Orders (pre-orders with a down payment)")),
    _row("till.customer", "F1", N_("Choose the customer (find by name or phone, or add one)")),
    _row("till.noCustomer", "Shift+F1", N_("No customer: back to the shop's prices")),
    _row("till.price", "F2", N_("Change the price of the selected line")),
    _row("till.openItem", "F3", N_("Add an item without a code")),
    _row("till.quantity", "F4", N_("Type the quantity of the selected line")),
    _row("till.lineDiscount", "F5", N_("Discount on the selected line")),
    _row("till.cartDiscount", "F6", N_("Discount on the whole cart")),
    _row("till.park", "F7", N_("Park the cart")),
    _row("till.resume", "F8", N_("Take back a parked cart")),
    _row("till.history", "F9", N_("Sales history: reprint, refund, void")),
    _row("till.pay", "F12", N_("Pay")),
    _row("till.clear", "Ctrl+Del", N_("Empty the cart (after asking)")),
    _row("till.favourite", "Ctrl+D", N_("Make the selected line's product a favourite, or not")),
    _row("till.unconfirmed", "Ctrl+Q", N_("Payments to confirm")),
    _row("till.weigh", "Ctrl+W", N_("Read the weight from the counter scale")),
    _row(
        "till.pick",
        tuple(f"Alt+{number}" for number in range(1, 10)),
        N_("Add favourite 1 to 9"),
    ),
    _row("customer.new", "Ctrl+N", N_("New customer: name, phone and group")),
    _row(
        "payment.method",
        tuple(f"F{number}" for number in range(1, 7)),
        N_("Pay by cash, QRIS, transfer, card, e-wallet or kasbon"),
    ),
    _row("payment.customer", "Ctrl+K", N_("Choose the customer (for kasbon)")),
    _row("payment.received", "Ctrl+M", N_("Money received (non-cash payments)")),
    _row("payment.qris", "F11", N_("Show the QRIS code full screen")),
    _row("payment.exact", "Ctrl+1", N_("Exact cash")),
    _row(
        "payment.note",
        ("Ctrl+2", "Ctrl+3", "Ctrl+4"),
        N_("Cash: the likely notes shown on the buttons"),
    ),
    _row("payment.undo", "Ctrl+Backspace", N_("Remove the last payment")),
    _row("unconfirmed.confirm", ("Return", "Enter"), N_("Money received: confirm the payment")),
    _row("unconfirmed.missing", "Ctrl+N", N_("Not received")),
    _row("history.reprint", "Ctrl+P", N_("Reprint the receipt")),
    _row("history.refund", "Ctrl+R", N_("Refund")),
    _row("history.void", "Ctrl+Shift+V", N_("Void the latest sale")),
    _row("history.whatsapp", "Ctrl+Shift+W", N_("Send the receipt by WhatsApp")),
    _row("refund.everything", "Ctrl+A", N_("Refund everything")),
    _row("refund.accept", "Ctrl+Return", N_("Refund")),
    _row("shift.open", "F2", N_("Open a shift")),
    _row("shift.payIn", "F3", N_("Pay in")),
    _row("shift.payOut", "F4", N_("Pay out")),
    _row("shift.close", "F5", N_("Count and close")),
    _row("shift.reports", "F6", N_("Shift reports")),
    _row("shift.noSale", "F7", N_("No sale: open the drawer")),
    _row("count.accept", "Ctrl+Return", N_("Close the shift")),
    _row("shiftreports.print", "Ctrl+P", N_("Print")),
    _row("shiftreports.pdf", "Ctrl+S", N_("Save PDF")),
    _row("events.new", "Ctrl+N", N_("New event")),
    _row("events.save", "Ctrl+S", N_("Save")),
    _row("events.open", "Ctrl+O", N_("Sell at this event")),
    _row("events.close", "Ctrl+E", N_("End selling here")),
    _row("events.report", "Ctrl+R", N_("Show the report")),
    _row("orders.new", "Ctrl+N", N_("New order")),
    _row("orders.deposit", "Ctrl+D", N_("Take more down payment")),
    _row("orders.ready", "Ctrl+R", N_("Mark the order ready")),
    _row("orders.pickUp", "F12", N_("Pick up: the rest is paid, the order becomes a sale")),
    _row("orders.cancel", "Ctrl+Del", N_("Cancel the order (the owner: refund or keep the DP)")),
    _row("orders.print", "Ctrl+P", N_("Print the order slip")),
    _row("orders.pdf", "Ctrl+S", N_("Save the order slip as PDF")),
    _row("orders.whatsapp", "Ctrl+W", N_("Send by WhatsApp")),
    _row("neworder.save", "Ctrl+S", N_("Save the order")),
    _row("audit.export", "Ctrl+E", N_("Export CSV")),
    _row("products.new", "Ctrl+N", N_("New product")),
    _row("products.edit", "Ctrl+E", N_("Edit the selected product")),
    _row("products.archive", "Ctrl+Del", N_("Archive the selected product, or bring it back")),
    _row("products.favourite", "Ctrl+D", N_("Make the selected product a favourite, or not")),
    _row("products.variants", "Ctrl+Shift+V", N_("Variants")),
    _row("products.labels", "Ctrl+Shift+L", N_("Labels")),
    _row("products.import", "Ctrl+I", N_("Import")),
    _row("products.export", "Ctrl+Shift+E", N_("Export")),
    _row("products.find", "Ctrl+F", N_("Go to the filter")),
    _row("products.table", "Down", N_("From the filter to the list")),
    _row(
        "stock.tab",
        tuple(f"Alt+{number}" for number in range(1, 6)),
        N_("Stock, Low stock, Stock count, Value or Consignment tab"),
    ),
    _row("stock.receive", "Ctrl+R", N_("Receive goods")),
    _row("stock.adjust", "Ctrl+J", N_("Adjust stock")),
    _row("stock.consignIn", "Ctrl+Shift+R", N_("Goods from a consignor")),
    _row("stock.consignReturn", "Ctrl+Shift+T", N_("Return goods to a consignor")),
    _row("reports.refresh", "F5", N_("Refresh")),
    _row("reports.drill", "Ctrl+Return", N_("Show the sales behind the selected row")),
    _row("customers.new", "Ctrl+N", N_("New customer")),
    _row("customers.edit", "Ctrl+E", N_("Change the selected customer")),
    _row("customers.deactivate", "Ctrl+Del", N_("Deactivate the selected customer, or activate")),
    _row("customers.repay", "Ctrl+R", N_("Receive payment: kasbon paid back")),
    _row("customers.writeOff", "Ctrl+Shift+X", N_("Write off the customer's debt (owner)")),
    _row("customers.remind", "Ctrl+Shift+W", N_("Send a kasbon reminder by WhatsApp")),
    _row("customers.groups", "Ctrl+G", N_("Customer groups and their prices")),
    _row("customers.find", "Ctrl+F", N_("Go to the search field")),
    _row("customers.table", "Down", N_("From the search field to the list")),
    _row("printer.save", "Ctrl+S", N_("Save")),
    _row("devices.save", "Ctrl+S", N_("Save")),
)
"""Every shortcut of the app, grouped by scope in ``SCOPES`` order."""

_BY_ACTION = {row.action: row for row in SHORTCUTS}


def shortcut(action: str) -> Shortcut:
    """The table's row for ``action``; a KeyError names an action that is not in the table."""
    return _BY_ACTION[action]


def sequence(action: str, index: int = 0) -> QKeySequence:
    """The key sequence of ``action`` (its ``index``-th key for a family), for a QAction."""
    table_keys_first()
    return QKeySequence(shortcut(action).keys[index])


def key_text(action: str, index: int = 0) -> str:
    """The ``index``-th key of ``action`` as the keyboard shows it, e.g. for a tooltip."""
    return QKeySequence(shortcut(action).keys[index]).toString(
        QKeySequence.SequenceFormat.NativeText
    )


def bind(
    action: str,
    parent: QWidget,
    slot: Callable[[], object],
    *,
    context: Qt.ShortcutContext = Qt.ShortcutContext.WindowShortcut,
) -> list[QShortcut]:
    """Every key of ``action`` calls ``slot`` while ``parent``'s window has the keyboard."""
    return bind_each(action, parent, lambda _index: slot(), context=context)


def bind_each(
    action: str,
    parent: QWidget,
    slot: Callable[[int], object],
    *,
    context: Qt.ShortcutContext = Qt.ShortcutContext.WindowShortcut,
) -> list[QShortcut]:
    """The i-th key of ``action`` calls ``slot(i)``; the shortcuts are named after ``action``."""
    table_keys_first()
    made = []
    for index, key in enumerate(shortcut(action).keys):
        made_one = QShortcut(QKeySequence(key), parent)
        made_one.setObjectName(action)
        made_one.setContext(context)
        made_one.activated.connect(lambda index=index: slot(index))
        made.append(made_one)
    return made


def _combination(key: str) -> QKeyCombination:
    return QKeySequence(key)[0]  # type: ignore[index]  # PySide6 has it, its stubs do not


_MODIFIERS = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier


def claimed_keys() -> frozenset[QKeyCombination]:
    """The table's keys with Ctrl or Alt: a text field's own binding never takes one of these."""
    return frozenset(
        combination
        for row in SHORTCUTS
        for combination in map(_combination, row.keys)
        if combination.keyboardModifiers() & _MODIFIERS
    )


class TableKeysFirst(QObject):
    """An application event filter: a table key goes to the shortcuts, not to a field.

    Qt first offers a key to the focused widget (a ShortcutOverride event); a
    line edit claims its editing keys there (Ctrl+U deletes the line on Linux,
    Ctrl+A selects all, Ctrl+Backspace deletes a word). For the table's keys
    the offer is withheld, so an active shortcut of the table fires; where none
    is active, Qt delivers the key to the field as usual.
    """

    def __init__(self, parent: QObject) -> None:
        """Claim the table's keys with Ctrl or Alt."""
        super().__init__(parent)
        self.setObjectName("tableKeysFirst")
        self.keys = claimed_keys()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Withhold a ShortcutOverride of a table key from every widget."""
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            return event.keyCombination() in self.keys
        return False


def table_keys_first() -> None:
    """Install ``TableKeysFirst`` on the application once (done by every ``bind``)."""
    app = QApplication.instance()
    if app is None or app.findChild(TableKeysFirst, "tableKeysFirst") is not None:
        return
    app.installEventFilter(TableKeysFirst(app))
