"""The keyboard in both languages: every screen's and dialog's underlined letters and shortcuts.

Each screen and dialog is built for real in English and in Indonesian; the
test collects what is in effect together (the menu bar, the visible page of
each stack or tab widget, the shortcuts bound there) and fails on two things
answering one key, on a key shown in a label that nothing binds there, on an
``&`` shown literally and on a text field that would take a shortcut's key for
itself. Other tests: every key bound comes from ui/shortcuts.py, keys pressed
in fields reach the shortcuts, and the guide names the keys and labels the
screens have, in each page's language.
"""

from __future__ import annotations

import importlib.util
import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QMainWindow,
    QMenu,
    QMenuBar,
    QPlainTextEdit,
    QStackedWidget,
    QTabBar,
    QTextEdit,
    QWidget,
    QWizardPage,
)

from bazaar_pos.domain.payment import CashRule
from bazaar_pos.i18n import _, set_language
from bazaar_pos.services.customers.views import CustomerDraft
from bazaar_pos.services.shop import Shop
from bazaar_pos.ui.access.approval import ApprovalDialog, Approvals
from bazaar_pos.ui.app.main_window import MainWindow
from bazaar_pos.ui.common.formatting import money_text
from bazaar_pos.ui.shortcuts import SHORTCUTS, claimed_keys, shortcut
from tests.helpers.users import OWNER, act_as

PORTABLE = QKeySequence.SequenceFormat.PortableText
SHOWN_KEY = re.compile(
    r"(?<![\w+])((?:Ctrl|Alt|Shift)\+)+(Backspace|Delete|Del|Enter|Return|\w)\b|\bF\d{1,2}\b"
)
"""A key named in a widget's text: Ctrl+P, Alt+1, Ctrl+Shift+V, F12."""


def key_name(sequence: QKeySequence | str) -> str:
    """A key in one spelling: Del for Delete."""
    return QKeySequence(sequence).toString(PORTABLE)


def pieces(widget: QWidget) -> list[list[QWidget]]:
    """The sets of widgets under ``widget`` in effect together: one per page of each stack.

    Hidden widgets count (a status bar button shows when a receipt fails); the
    pages of a stack, tab or wizard are alternatives; windows (popups, menus,
    dialogs) are separate.
    """
    if isinstance(widget, QStackedWidget):
        return [
            [widget, *piece]
            for index in range(widget.count())
            for piece in pieces(widget.widget(index))
        ]
    together: list[list[QWidget]] = [[widget]]
    pages = []
    for child in widget.children():
        if not isinstance(child, QWidget) or child.isWindow():
            continue
        if isinstance(child, QWizardPage):
            pages.extend(pieces(child))
            continue
        below = pieces(child)
        together = [piece + more for piece in together for more in below]
    if pages:
        together = [piece + page for piece in together for page in pages]
    return together


def windows_under(root: QWidget) -> Iterator[QWidget]:
    """``root`` and the windows (menus, popups, built dialogs) that are its children."""
    yield root
    for child in root.findChildren(QWidget):
        if child.isWindow() and child is not root:
            yield child


def texts(widget: QWidget) -> list[tuple[str, str]]:
    """(text, what) pairs whose ``&`` makes an underlined letter."""
    if isinstance(widget, QAbstractButton):
        return [(widget.text(), f"button “{widget.text()}”")]
    if isinstance(widget, QGroupBox):
        return [(widget.title(), f"group “{widget.title()}”")]
    if isinstance(widget, QLabel) and widget.buddy() is not None:
        return [(widget.text(), f"label “{widget.text()}”")]
    if isinstance(widget, QTabBar):
        return [(widget.tabText(i), f"tab “{widget.tabText(i)}”") for i in range(widget.count())]
    if isinstance(widget, QMenuBar):
        return [(a.text(), f"menu “{a.text()}”") for a in widget.actions()]
    return []


def shown_texts(widget: QWidget) -> list[str]:
    """What ``widget`` shows as text, where a key could be named."""
    if isinstance(widget, QAbstractButton):
        return [widget.text()]
    if isinstance(widget, QLabel) and widget.textFormat() != Qt.TextFormat.RichText:
        return [widget.text()]
    if isinstance(widget, QListWidget):
        return [widget.item(i).text() for i in range(widget.count())]
    if isinstance(widget, QTabBar):
        return [widget.tabText(i) for i in range(widget.count())]
    return []


def bound(widget: QWidget) -> list[tuple[str, str]]:
    """(key, what) of the shortcuts and actions bound on ``widget``."""
    found = []
    for made in widget.findChildren(QShortcut, options=Qt.FindChildOption.FindDirectChildrenOnly):
        found.append((key_name(made.key()), f"shortcut {made.objectName() or '(unnamed)'}"))
    for action in widget.actions():
        for sequence in action.shortcuts():
            found.append((key_name(sequence), f"menu item “{action.text()}”"))
    return found


def problems_in(window: QWidget, where: str) -> set[str]:
    """Every keyboard problem of ``window`` and the menus and popups it holds."""
    problems: set[str] = set()
    for each in windows_under(window):
        if isinstance(each, QMenu):
            problems |= _collisions(
                [(a.text(), f"menu item “{a.text()}”") for a in each.actions()], [], where
            )
            continue
        for piece in pieces(each):
            letters = [pair for widget in piece for pair in texts(widget)]
            keys = [pair for widget in piece for pair in bound(widget)]
            problems |= _collisions(letters, keys, where)
            problems |= _unbound_hints(piece, {key for key, _what in keys}, where)
            problems |= _literal_ampersands(piece, where)
            problems |= _fields_taking(piece, {key for key, _what in keys}, where)
    return problems


def _collisions(
    letters: list[tuple[str, str]], keys: list[tuple[str, str]], where: str
) -> set[str]:
    by_key: dict[str, set[str]] = defaultdict(set)
    for text, what in letters:
        mnemonic = QKeySequence.mnemonic(text).toString(PORTABLE)
        if mnemonic:
            by_key[mnemonic.upper().replace("ALT", "Alt")].add(what)
    for key, what in keys:
        by_key[key].add(what)
    return {
        f"{where}: {key} is {' and '.join(sorted(whats))}"
        for key, whats in by_key.items()
        if len(whats) > 1
    }


TABLE_KEYS = {key_name(key) for row in SHORTCUTS for key in row.keys}
HINT_AT_END = re.compile(r"(?:\s{2,}|\n)(\S+?)(?:…\d)?$")
"""A key hint as the screens write one: ``Pay  F12``, ``Open a shift\nF2``, ``Alt+1…9``."""


def _names(text: str) -> set[str]:
    """The keys named in ``text`` (Ctrl+Enter is Ctrl+Return)."""
    return {key_name(match[0].replace("Enter", "Return")) for match in SHOWN_KEY.finditer(text)}


def _unbound_hints(piece: list[QWidget], keys: set[str], where: str) -> set[str]:
    """A key hint at the end of a text that nothing binds here; a key named in passing that
    the app binds nowhere."""
    found = set()
    for widget in piece:
        for text in shown_texts(widget):
            plain = text.replace("&", "")
            hint = HINT_AT_END.search(plain)
            for key in _names(hint[1]) if hint else set():
                if key not in keys:
                    found.add(f"{where}: “{text}” names {key}, which nothing binds there")
            for key in _names(plain) - TABLE_KEYS:
                found.add(f"{where}: “{text}” names {key}, which the app binds nowhere")
    return found


def _literal_ampersands(piece: list[QWidget], where: str) -> set[str]:
    return {
        f"{where}: the label “{widget.text()}” shows its & (it is nobody's buddy)"
        for widget in piece
        if isinstance(widget, QLabel)
        and widget.buddy() is None
        and widget.textFormat() != Qt.TextFormat.RichText
        and not re.search(r"<\w+[^>]*>", widget.text())
        and re.search(r"(?<!&)&(?!&)\w", widget.text())
    }


TEXT_FIELDS = (QLineEdit, QAbstractSpinBox, QComboBox, QTextEdit, QPlainTextEdit)


def _fields_taking(piece: list[QWidget], keys: set[str], where: str) -> set[str]:
    """A field that would take a table key for itself (Ctrl+A selecting its text...)."""
    found = set()
    claimed = {key_name(QKeySequence(c)) for c in claimed_keys()}
    for widget in piece:
        if not isinstance(widget, TEXT_FIELDS):
            continue
        for key in keys & claimed:
            combination = QKeySequence(key)[0]
            event = QKeyEvent(
                QEvent.Type.ShortcutOverride, combination.key(), combination.keyboardModifiers()
            )
            event.ignore()
            QApplication.sendEvent(widget, event)
            if event.isAccepted():
                found.add(f"{where}: {widget.objectName() or type(widget).__name__} takes {key}")
    return found


# -- the screens and dialogs -------------------------------------------------------


def main_window(qtbot, shop: Shop) -> QMainWindow:
    window = MainWindow(shop)
    qtbot.addWidget(window)
    screens = (
        window.products,
        window.stock,
        window.reports,
        window.settings_screen,
        window.customers,
    )
    for screen in screens:
        assert screen is not None
    return window


def dialogs(qtbot, shop: Shop, sale_uuid: str, product_id: int) -> dict[str, Callable[[], QWidget]]:
    """Each dialog of the app, built over ``shop`` by a function of no arguments."""
    from bazaar_pos.ui.app.errors import UnexpectedErrorDialog
    from bazaar_pos.ui.audit.dialog import AuditDialog
    from bazaar_pos.ui.backups.restore_dialog import RestoreDialog
    from bazaar_pos.ui.common.dialogs import TextDialog
    from bazaar_pos.ui.customers.dialog import CustomerDialog
    from bazaar_pos.ui.customers.groups_dialog import GroupsDialog
    from bazaar_pos.ui.customers.repay_dialog import RepayDialog
    from bazaar_pos.ui.customers.write_off_dialog import WriteOffDialog
    from bazaar_pos.ui.events.dialog import EventsDialog
    from bazaar_pos.ui.history.dialog import SalesHistoryDialog
    from bazaar_pos.ui.history.refund_dialog import RefundDialog
    from bazaar_pos.ui.orders.dialog import OrdersDialog
    from bazaar_pos.ui.orders.money_dialogs import CancelDialog, DepositDialog
    from bazaar_pos.ui.orders.new_order import NewOrderDialog
    from bazaar_pos.ui.products.dialog import ProductDialog
    from bazaar_pos.ui.products.import_dialog import ImportDialog
    from bazaar_pos.ui.products.labels_dialog import LabelsDialog
    from bazaar_pos.ui.products.variants_dialog import VariantsDialog
    from bazaar_pos.ui.reports.merge_dialog import MergeTillsDialog
    from bazaar_pos.ui.reports.orders_dialog import OrderImportDialog
    from bazaar_pos.ui.reports.returns_dialog import ReturnsDialog
    from bazaar_pos.ui.reports.zreport_dialog import ZReportDialog
    from bazaar_pos.ui.settings.user_dialogs import UserDialog
    from bazaar_pos.ui.setup.wizard import SetupWizard
    from bazaar_pos.ui.shifts.amount_dialog import AmountDialog
    from bazaar_pos.ui.shifts.count_dialog import CashCountDialog
    from bazaar_pos.ui.shifts.reports_dialog import ShiftReportsDialog
    from bazaar_pos.ui.shifts.shift_dialog import ShiftDialog
    from bazaar_pos.ui.stock.consignment import ConsignorDialog
    from bazaar_pos.ui.stock.dialogs import Move, StockMoveDialog
    from bazaar_pos.ui.till.payment.dialog import PaymentDialog
    from bazaar_pos.ui.till.payment.settlement_dialog import SettlementDialog
    from bazaar_pos.ui.till.payment.unconfirmed_dialog import UnconfirmedPaymentsDialog
    from bazaar_pos.ui.till.small_dialogs import DiscountDialog, OpenItemDialog, ParkedCartsDialog

    parent = QWidget()
    qtbot.addWidget(parent)
    settings = shop.settings.load()
    money = money_text(settings)
    currency = settings.currency
    approvals = Approvals(shop.access, parent)
    product = shop.catalogue.get(product_id)
    customer = shop.customers.add(CustomerDraft("Ani"))
    made: dict[str, Callable[[], QWidget]] = {
        "payment": lambda: PaymentDialog(
            parent,
            95_000,
            currency=currency,
            cash_rule=CashRule(),
            money=money,
            qris_payload="00020101021126",
        ),
        "unconfirmed payments": lambda: UnconfirmedPaymentsDialog(
            shop.payment_confirmation, money, parent, settlement=lambda: shop.settlement
        ),
        "settlement report": lambda: SettlementDialog(shop.settlement, money, parent),
        "open item": lambda: OpenItemDialog(parent, currency),
        "discount": lambda: DiscountDialog(parent, _("Discount"), currency, ""),
        "parked carts": lambda: ParkedCartsDialog(parent, [], money),
        "sales history": lambda: SalesHistoryDialog(shop, money, parent),
        "refund": lambda: RefundDialog(parent, shop.sales_history.detail(sale_uuid), money),
        "shift": lambda: ShiftDialog(shop, approvals, parent),
        "shift reports": lambda: ShiftReportsDialog(shop, approvals, money, parent),
        "cash count": lambda: CashCountDialog(parent, "S-1", currency, money),
        "pay in": lambda: AmountDialog(
            parent, _("Pay in"), _("&Amount:"), _("&Why:"), currency, reason_required=True
        ),
        "events": lambda: EventsDialog(shop, approvals, parent),
        "audit log": lambda: AuditDialog(shop, approvals, parent),
        "orders": lambda: OrdersDialog(shop, approvals, parent),
        "new order": lambda: NewOrderDialog(shop, parent),
        "down payment": lambda: DepositDialog(parent, shop.settings.load(), 100_000, 50_000),
        "cancel order": lambda: CancelDialog(parent, "PO-A-0001", "Rp50.000"),
        "owner approval": lambda: ApprovalDialog(parent, shop.access, frozenset()),
        "new product": lambda: ProductDialog(shop, None, parent),
        "edit product": lambda: ProductDialog(shop, product, parent),
        "variants": lambda: VariantsDialog(shop, product, parent),
        "import": lambda: ImportDialog(shop, parent),
        "labels": lambda: LabelsDialog(shop, [product_id], parent),
        "consignor": lambda: ConsignorDialog(shop, None, parent),
        "add user": lambda: UserDialog(parent),
        "new PIN": lambda: UserDialog(parent, name="Budi"),
        "restore": lambda: RestoreDialog(shop.backups, parent),
        "Z report": lambda: ZReportDialog(shop, parent=parent),
        "merge tills": lambda: MergeTillsDialog(shop, parent),
        "marketplace orders": lambda: OrderImportDialog(shop, parent),
        "marketplace returns": lambda: ReturnsDialog(shop, parent),
        "unexpected error": lambda: UnexpectedErrorDialog(Path("bazaar.log"), "x", parent),
        "first-time setup": lambda: SetupWizard(shop, first_run=True, parent=parent),
        "text": lambda: TextDialog(parent, _("No sale"), _("Why?"), "", required=False),
        "customer": lambda: CustomerDialog(parent, settings, [], lambda _draft: None),
        "customer groups": lambda: GroupsDialog(shop, approvals, parent),
        "receive payment": lambda: RepayDialog(parent, settings, customer, lambda *_a: None),
        "write off": lambda: WriteOffDialog(parent, settings, customer, lambda *_a: None),
    }
    for move in Move:
        made[f"stock: {move.value}"] = lambda move=move: StockMoveDialog(
            shop, product, move, parent
        )
    return made


LANGUAGES = ("en", "id")


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_two_things_answer_one_key_on_any_screen_or_dialog(
    qtbot, shop, add_product, sell, language
):
    set_language(language)
    coffee = add_product("KOP-1", "Kopi Gayo", 95_000, barcode="8991234500164", stock=10)
    sale = sell((coffee, 2))
    problems = problems_in(main_window(qtbot, shop), f"[{language}] main window")
    for name, make in dialogs(qtbot, shop, sale.uuid, coffee.id).items():
        dialog = make()
        qtbot.addWidget(dialog)
        problems |= problems_in(dialog, f"[{language}] {name}")
    assert not problems, "\n".join(sorted(problems))


def test_every_shortcut_bound_comes_from_the_table(qtbot, shop):
    window = main_window(qtbot, shop)
    table = {key_name(key) for row in SHORTCUTS for key in row.keys}
    names = {row.action for row in SHORTCUTS}
    for made in window.findChildren(QShortcut):
        assert made.objectName() in names, made.key().toString()
        assert key_name(made.key()) in map(key_name, shortcut(made.objectName()).keys)
    for action in window.findChildren(QAction):
        for sequence in action.shortcuts():
            assert key_name(sequence) in table, action.text()


def test_the_table_has_no_key_twice_in_one_scope():
    seen: dict[tuple[str, str], str] = {}
    for row in SHORTCUTS:
        for key in row.keys:
            assert (row.scope, key_name(key)) not in seen, (row.action, seen)
            seen[row.scope, key_name(key)] = row.action
    window_keys = {key for scope, key in seen if scope == "window"}
    for scope in ("till", "products", "stock", "reports", "customers", "printer"):  # screens
        assert not window_keys & {key for other, key in seen if other == scope}, scope


BINDING = r"QShortcut\(|setShortcut\((?!sequence\()|QKeySequence\("
"""A key bound in the source without the table (a QAction takes ``sequence(action)``)."""


def test_the_source_binds_no_key_outside_the_table():
    source = Path(__file__).parents[2] / "src" / "bazaar_pos"
    offenders = [
        str(path.relative_to(source))
        for path in source.rglob("*.py")
        if path.name != "shortcuts.py"
        and re.search(BINDING, path.read_text("utf-8"))
    ]
    assert offenders == []


# -- a field never loses its text to a shortcut -------------------------------------


class LinuxLineEdit(QLineEdit):
    """A line edit that claims Ctrl+U as Qt's does under Linux desktops (it deletes the line)."""

    def event(self, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.keyCombination() == QKeySequence("Ctrl+U")[0]
        ):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.keyCombination() == QKeySequence("Ctrl+U")[0]:
            self.clear()
            return
        super().keyPressEvent(event)


@pytest.mark.staffed
def test_ctrl_u_in_a_field_switches_user_and_keeps_the_text(qtbot, shop):
    act_as(shop, OWNER)
    window = MainWindow(shop)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    settings = window.settings_screen
    field = LinuxLineEdit("10")
    settings.layout().addWidget(field)
    field.show()
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    qtbot.keyClick(field, Qt.Key.Key_U, Qt.KeyboardModifier.ControlModifier)
    assert field.text() == "10"
    assert window.pages.currentWidget() is window.sign_in



def shown_window(qtbot, shop: Shop) -> MainWindow:
    window = MainWindow(shop)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return window


@pytest.mark.staffed
def test_ctrl_l_locks_on_the_products_screen_and_ctrl_shift_l_prints_labels(
    qtbot, shop, monkeypatch
):
    from bazaar_pos.ui.products.labels_dialog import LabelsDialog

    asked = []
    monkeypatch.setattr(LabelsDialog, "ask", classmethod(lambda cls, *args: asked.append(args)))
    act_as(shop, OWNER)
    window = shown_window(qtbot, shop)
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    products = window.products
    products.filter.setFocus()
    qtbot.waitUntil(products.filter.hasFocus)
    shift_control = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(products.filter, Qt.Key.Key_L, shift_control)
    assert len(asked) == 1
    assert window.pages.currentWidget() is not window.sign_in
    qtbot.keyClick(products.filter, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.pages.currentWidget() is window.sign_in
    assert len(asked) == 1


def test_ctrl_a_in_a_quantity_box_refunds_everything(qtbot, shop, add_product, sell):
    from bazaar_pos.ui.history.refund_dialog import RefundDialog

    coffee = add_product("KOP-1", "Kopi Gayo", 95_000, stock=10)
    glass = add_product("KRM-1", "Gelas Keramik", 55_000, stock=10)
    sale = sell((coffee, 2), (glass, 3))
    parent = QWidget()
    qtbot.addWidget(parent)
    money = money_text(shop.settings.load())
    dialog = RefundDialog(parent, shop.sales_history.detail(sale.uuid), money)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    box = dialog.quantities[0]
    box.setFocus()
    qtbot.waitUntil(box.hasFocus)
    qtbot.keyClick(box, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert [spin.value() for spin in dialog.quantities] == [2_000, 3_000]


def test_alt_b_adds_a_consignor_in_indonesian(qtbot, shop, monkeypatch):
    from bazaar_pos.ui.stock.consignment import ConsignorDialog

    set_language("id")
    asked = []
    monkeypatch.setattr(ConsignorDialog, "ask", classmethod(lambda cls, *args: asked.append(1)))
    window = shown_window(qtbot, shop)
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window.stock, Qt.Key.Key_5, Qt.KeyboardModifier.AltModifier)
    assert window.stock.tabs.currentWidget() is window.stock.consignment
    qtbot.keyClick(window.stock, Qt.Key.Key_B, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: asked == [1])  # a button pressed by its letter clicks after a flash


# -- the guide says the keys the app has ------------------------------------------

DOCS = Path(__file__).parents[2] / "docs"
GUIDE_PAGES = {
    "en": [*sorted((DOCS / "guide" / "en").glob("*.md")), *sorted(DOCS.glob("*.md"))],
    "id": sorted((DOCS / "guide" / "id").glob("*.md")),
}
LABELLED = re.compile(r"\*\*([^*]+)\*\*\s*\(([^)]*)\)")
"""``**Save PDF…** (Alt+D)``: a label of the app and the keys that press it."""


def plain(label: str) -> str:
    """A label as the guide writes it: no ``&``, key hint, trailing dots or colon; lower case."""
    label = re.split(r"\s{2,}|\n", label.replace("&", ""))[0]
    return label.split(">")[-1].strip().rstrip(".…:").strip().lower()


def labelled_keys(window: QWidget) -> set[tuple[str, str]]:
    """(label, key) for every key the app shows beside a label in ``window``: underlined
    letters, hints after a label, tooltips naming a key, menu items' shortcuts."""
    found: set[tuple[str, str]] = set()

    def add(label: str, keys: str) -> None:
        for key in _names(keys.replace("&", "")):
            found.add((plain(label), key))
        mnemonic = QKeySequence.mnemonic(label).toString(PORTABLE)
        if mnemonic:
            found.add((plain(label), mnemonic[:-1] + mnemonic[-1].upper()))

    for each in windows_under(window):
        for widget in [each, *each.findChildren(QWidget)]:
            if isinstance(widget, QAbstractButton):
                add(widget.text(), widget.text().split("  ")[-1] + " " + widget.toolTip())
            elif isinstance(widget, QLabel) and widget.buddy() is not None:
                add(widget.text(), "")
            elif isinstance(widget, QTabBar):
                for i in range(widget.count()):
                    add(widget.tabText(i), widget.tabText(i))
            elif isinstance(widget, QListWidget):
                for i in range(widget.count()):
                    add(widget.item(i).text(), widget.item(i).text())
            for action in widget.actions():
                keys = " ".join(s.toString(PORTABLE) for s in action.shortcuts())
                add(action.text(), keys)
                if action.menu() is not None:
                    for item in action.menu().actions():
                        add(item.text(), " ".join(s.toString(PORTABLE) for s in item.shortcuts()))
    return found


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_guide_names_the_keys_and_labels_the_app_has(
    qtbot, shop, add_product, sell, language
):
    set_language(language)
    coffee = add_product("KOP-1", "Kopi Gayo", 95_000, barcode="8991234500164", stock=10)
    sale = sell((coffee, 2))
    known = labelled_keys(main_window(qtbot, shop))
    for make in dialogs(qtbot, shop, sale.uuid, coffee.id).values():
        dialog = make()
        qtbot.addWidget(dialog)
        known |= labelled_keys(dialog)
    known |= {(plain(_(row.description)), key_name(key)) for row in SHORTCUTS for key in row.keys}
    letters = {key for _label, key in known if key.startswith("Alt+")}
    wrong = []
    for page in GUIDE_PAGES[language]:
        text = page.read_text("utf-8")
        for label, inside in LABELLED.findall(text):
            said = plain(" ".join(label.split()))
            for key in _names(inside):
                if not any(
                    key == shown and (said == name or name.startswith(f"{said} ("))
                    for name, shown in known
                ):
                    wrong.append(f"{page.name}: **{label}** ({key}) is not on the screen")
        for key in _names(text) - TABLE_KEYS - letters:
            wrong.append(f"{page.name}: the app has no {key}")
    assert not wrong, "\n".join(wrong)


def test_the_guides_shortcut_pages_are_made_from_the_table():
    """After changing the table: ``python scripts/shortcuts_page.py``."""
    spec = importlib.util.spec_from_file_location(
        "shortcuts_page", DOCS.parent / "scripts" / "shortcuts_page.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for language in LANGUAGES:
        written = (DOCS / "guide" / language / "shortcuts.md").read_text("utf-8")
        assert written == module.page(language), language
    assert "| Ctrl+Shift+L | Label |" in module.page("id")
