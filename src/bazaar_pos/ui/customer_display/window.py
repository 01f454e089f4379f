"""The customer window: a frameless full-screen window on the customer's screen.

It shows a :class:`DisplayState` and nothing else, so it knows no cart, no
sale and no settings. It never takes the keyboard from the till.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QScreen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from bazaar_pos.i18n import _
from bazaar_pos.ui.customer_display.state import DisplayState
from bazaar_pos.ui.till.cart.totals_panel import fit_large_text
from bazaar_pos.ui.till.payment.qris_window import AMOUNT_POINTS
from bazaar_pos.ui.widgets.fields import named
from bazaar_pos.ui.widgets.qr_code import QrCodeView

TOTAL_POINTS = (60, 54, 48, 42, 36, 30)
"""The total's font sizes, largest first: the largest at which it fits is used."""

WINDOW_STYLE = """
QWidget#customerDisplay { background: white; }
QWidget#customerDisplay QLabel { color: #111; background: transparent; }
QWidget#customerDisplay QLabel#qrisBadge { color: white; background: #b0102b; font-size: 20pt;
                   font-weight: 800; padding: 4px 18px; border-radius: 6px; }
QWidget#customerDisplay QLabel#customerShopName { font-size: 30pt; font-weight: 800;
                   color: #1c3d5a; }
QWidget#customerDisplay QLabel#customerWelcome { font-size: 40pt; font-weight: 700;
                   color: #1c7c54; }
QTableWidget#customerLines { font-size: 20pt; border: none; background: white; color: #111;
                   alternate-background-color: #f2f5f7; }
QTableWidget#customerLines::item { padding: 6px 14px; }
QWidget#customerDisplay QLabel#customerTotalCaption,
QWidget#customerDisplay QLabel#qrisAmountCaption { font-size: 20pt; color: #444; }
QLabel#customerTotal { font-size: 60pt; font-weight: 800; }
QWidget#customerDisplay QLabel#customerPaid { font-size: 22pt; color: #333; }
QWidget#customerDisplay QLabel#customerChange { font-size: 34pt; font-weight: 800;
                   color: #1c7c54; }
QLabel#qrisAmount { font-size: 54pt; font-weight: 800; }
QWidget#customerDisplay QLabel#qrisScanHint { font-size: 20pt; font-weight: 600;
                   color: #1c7c54; }
QFrame#customerTotals { border-top: 3px solid #1c3d5a; }
"""

IDLE_PAGE, CART_PAGE, QRIS_PAGE = range(3)
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class CustomerDisplayWindow(QWidget):
    """Shows the shop's name, the cart, the total, the payment and change, or the QRIS."""

    def __init__(self, parent: QWidget | None = None) -> None:
        """A hidden window; ``show_state`` fills it and ``present`` puts it on a screen."""
        super().__init__(parent, Qt.WindowType.Window | Qt.WindowType.FramelessWindowHint)
        self.setObjectName("customerDisplay")
        self.setAccessibleName(_("Customer screen"))
        self.setWindowTitle(_("Customer screen"))
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating, True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setStyleSheet(WINDOW_STYLE)
        self.state = DisplayState("")
        self._build()

    def _build(self) -> None:
        self.shop_name = _label("customerShopName", _("Shop"))
        self.shop_name.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.shop_name.setWordWrap(True)
        self.pages = QStackedWidget()
        self.pages.addWidget(self._idle_page())
        self.pages.addWidget(self._cart_page())
        self.pages.addWidget(self._qris_page())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 28, 40, 28)
        layout.setSpacing(18)
        layout.addWidget(self.shop_name)
        layout.addWidget(self.pages, 1)

    def _idle_page(self) -> QWidget:
        self.welcome = _label("customerWelcome", _("Welcome"))
        self.welcome.setText(_("Welcome!"))
        self.welcome.setAlignment(Qt.AlignmentFlag.AlignCenter)
        page = QWidget()
        QVBoxLayout(page).addWidget(self.welcome)
        return page

    def _cart_page(self) -> QWidget:
        self.lines = named(QTableWidget(0, 3), "customerLines", _("What you are buying"))
        self.lines.horizontalHeader().hide()
        self.lines.verticalHeader().hide()
        self.lines.setShowGrid(False)
        self.lines.setAlternatingRowColors(True)
        self.lines.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.lines.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.lines.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.lines.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.lines.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.lines.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.lines.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        total_caption = _label("customerTotalCaption", _("Total"))
        total_caption.setText(_("Total"))
        self.total = _label("customerTotal", _("Total"))
        self.total.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.total.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.total.installEventFilter(self)
        self.paid = _label("customerPaid", _("Paid"))
        self.paid.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.change = _label("customerChange", _("Change"))
        self.change.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        totals = QFrame()
        totals.setObjectName("customerTotals")
        grid = QGridLayout(totals)
        grid.setContentsMargins(0, 12, 0, 0)
        grid.addWidget(total_caption, 0, 0)
        grid.addWidget(self.total, 0, 1)
        grid.addWidget(self.paid, 1, 0, 1, 2)
        grid.addWidget(self.change, 2, 0, 1, 2)
        grid.setColumnStretch(1, 1)
        page = QWidget()
        stacked = QVBoxLayout(page)
        stacked.setContentsMargins(0, 0, 0, 0)
        stacked.addWidget(self.lines, 1)
        stacked.addWidget(totals)
        return page

    def _qris_page(self) -> QWidget:
        self.qr = QrCodeView()
        self.qr.setAccessibleName(_("QRIS code with the amount"))
        badge = QLabel(_("QRIS"))
        badge.setObjectName("qrisBadge")
        badge.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        caption = _label("qrisAmountCaption", _("Amount to pay"))
        caption.setText(_("Amount to pay"))
        self.qris_amount = _label("qrisAmount", _("Amount to pay"))
        self.qris_amount.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.qris_amount.installEventFilter(self)
        hint = _label("qrisScanHint", _("Scan with any QRIS app"))
        hint.setText(_("Scan with any QRIS app"))
        hint.setWordWrap(True)
        info = QVBoxLayout()
        info.addWidget(badge, 0, Qt.AlignmentFlag.AlignLeft)
        info.addStretch(1)
        info.addWidget(caption)
        info.addWidget(self.qris_amount)
        info.addSpacing(12)
        info.addWidget(hint)
        info.addStretch(2)
        page = QWidget()
        row = QHBoxLayout(page)
        row.setSpacing(40)
        row.addWidget(self.qr, 3)
        row.addLayout(info, 2)
        return page

    def show_state(self, state: DisplayState) -> None:
        """Show ``state``: the QRIS while one is given, else the cart, else the welcome."""
        self.state = state
        self.shop_name.setText(state.shop_name)
        if state.qris_payload:
            self.qr.set_data(state.qris_payload)
            self.qris_amount.setText(state.qris_amount)
            fit_large_text(self.qris_amount, AMOUNT_POINTS)
            self.pages.setCurrentIndex(QRIS_PAGE)
            return
        self.qr.set_data("")
        if state.idle:
            self.pages.setCurrentIndex(IDLE_PAGE)
            return
        self.lines.setRowCount(len(state.lines))
        for row, line in enumerate(state.lines):
            for column, text in enumerate((line.name, line.quantity, line.amount)):
                item = QTableWidgetItem(text)
                if column:
                    item.setTextAlignment(RIGHT)
                self.lines.setItem(row, column, item)
        if state.lines:
            self.lines.scrollToBottom()
        self.total.setText(state.total)
        fit_large_text(self.total, TOTAL_POINTS)
        self.paid.setText(_("Paid {amount}").format(amount=state.paid) if state.paid else "")
        self.change.setText(
            _("Change {amount}").format(amount=state.change) if state.paid else ""
        )
        self.paid.setVisible(bool(state.paid))
        self.change.setVisible(bool(state.paid))
        self.pages.setCurrentIndex(CART_PAGE)

    def present(self, screen: QScreen) -> None:
        """Show full screen on ``screen``, leaving the keyboard where it is."""
        self.setScreen(screen)
        self.setGeometry(screen.geometry())
        self.showFullScreen()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Fit the total and the QRIS amount to their width whenever that changes."""
        if event.type() == QEvent.Type.Resize:
            if watched is self.total:
                fit_large_text(self.total, TOTAL_POINTS)
            elif watched is self.qris_amount:
                fit_large_text(self.qris_amount, AMOUNT_POINTS)
        return super().eventFilter(watched, event)


def _label(name: str, accessible: str) -> QLabel:
    label = named(QLabel(), name, accessible)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    return label
