"""The QRIS shown full screen to the customer: the code with the amount, the amount and the shop."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication, QKeyEvent, QResizeEvent, QScreen
from PySide6.QtWidgets import QBoxLayout, QFrame, QLabel, QSizePolicy, QVBoxLayout, QWidget

from bazaar_pos.domain.money import MinorUnits
from bazaar_pos.domain.qris import QrisMerchant
from bazaar_pos.i18n import _
from bazaar_pos.ui.common.formatting import MoneyText
from bazaar_pos.ui.till.cart.totals_panel import fit_large_text
from bazaar_pos.ui.widgets.fields import named
from bazaar_pos.ui.widgets.qr_code import QrCodeView

WIDE = 1.0
"""Screens this much wider than tall show the code and the text side by side."""
AMOUNT_POINTS = (54, 48, 42, 36, 30, 26)
"""The amount's font sizes, largest first: the largest at which it fits is used."""

WINDOW_STYLE = """
QWidget#qrisCustomerWindow { background: white; }
QWidget#qrisCustomerWindow QLabel { color: #111; background: transparent; }
QWidget#qrisCustomerWindow QLabel#qrisBadge { color: white; background: #b0102b; font-size: 20pt;
                   font-weight: 800; padding: 4px 18px; border-radius: 6px; }
QLabel#qrisMerchantName { font-size: 28pt; font-weight: 700; }
QLabel#qrisNmid { font-size: 15pt; color: #444; }
QLabel#qrisAmountCaption { font-size: 18pt; color: #444; }
QLabel#qrisAmount { font-size: 54pt; font-weight: 800; }
QLabel#qrisScanHint { font-size: 20pt; font-weight: 600; color: #1c7c54; }
QLabel#qrisCashierHint { font-size: 11pt; color: #3d4650; }
QFrame#qrisInfo { background: transparent; }
"""


class QrisCustomerWindow(QWidget):
    """A window of its own, full screen (on a second screen when there is one), for the customer.

    Esc (or Enter) closes it and gives the keyboard back to the payment screen.

    Signals:
        closed(): the window was closed.
    """

    closed = Signal()

    def __init__(self, parent: QWidget | None, money: MoneyText) -> None:
        """A hidden window; ``show_payment`` fills it and shows it."""
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("qrisCustomerWindow")
        self.setAccessibleName(_("QRIS for the customer"))
        self.setWindowTitle(_("Pay by QRIS"))
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setStyleSheet(WINDOW_STYLE)
        self._money = money
        self.amount: MinorUnits = 0
        self._build()

    def _build(self) -> None:
        self.qr = QrCodeView()
        self.qr.setAccessibleName(_("QRIS code with the amount"))
        badge = QLabel(_("QRIS"))
        badge.setObjectName("qrisBadge")
        badge.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self._badge = badge
        self.merchant_name = _label("qrisMerchantName", _("Merchant"))
        self.merchant_name.setWordWrap(True)
        self.nmid = _label("qrisNmid", _("NMID"))
        amount_caption = _label("qrisAmountCaption", _("Amount to pay"))
        amount_caption.setText(_("Amount to pay"))
        self.amount_label = _label("qrisAmount", _("Amount to pay"))
        self.amount_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.amount_label.installEventFilter(self)
        self._amount_caption = amount_caption
        self.scan_hint = _label("qrisScanHint", _("Scan with any QRIS app"))
        self.scan_hint.setText(_("Scan with any QRIS app"))
        self.scan_hint.setWordWrap(True)
        self.cashier_hint = _label("qrisCashierHint", _("For the cashier"))
        self.cashier_hint.setText(_("Cashier: Esc goes back to the payment screen."))
        self.cashier_hint.setWordWrap(True)
        for label in (self.merchant_name, self.nmid, self.scan_hint, self.cashier_hint):
            label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

        info = QFrame()
        info.setObjectName("qrisInfo")
        column = QVBoxLayout(info)
        column.setSpacing(10)
        column.addWidget(badge, 0, Qt.AlignmentFlag.AlignLeft)
        column.addWidget(self.merchant_name)
        column.addWidget(self.nmid)
        column.addStretch(1)
        column.addWidget(amount_caption)
        column.addWidget(self.amount_label)
        column.addSpacing(12)
        column.addWidget(self.scan_hint)
        column.addStretch(2)
        column.addWidget(self.cashier_hint)
        self._info = info

        self._layout = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self._layout.setContentsMargins(40, 32, 40, 24)
        self._layout.setSpacing(40)
        self._layout.addWidget(self.qr, 3)
        self._layout.addWidget(info, 2)

    def show_payment(self, payload: str, amount: MinorUnits, merchant: QrisMerchant) -> None:
        """Show the QRIS ``payload`` (already carrying ``amount``) for ``merchant``."""
        self.amount = amount
        self.qr.set_data(payload)
        self.merchant_name.setText(merchant.name)
        self.nmid.setText(_("NMID {nmid}").format(nmid=merchant.nmid) if merchant.nmid else "")
        self.nmid.setVisible(bool(merchant.nmid))
        self.amount_label.setText(self._money(amount))
        fit_large_text(self.amount_label, AMOUNT_POINTS)

    def present(self) -> None:
        """Show full screen, on a screen other than the cashier's when there is one."""
        screen = _customer_screen(self.parentWidget())
        if screen is not None:
            self.setScreen(screen)
            self.setGeometry(screen.geometry())
        self.showFullScreen()
        self.activateWindow()
        self.setFocus()

    def payload(self) -> str:
        """The QRIS text in the code shown."""
        return self.qr.data()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Esc or Enter closes the window."""
        if event.key() in (Qt.Key.Key_Escape, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.close()
            return
        super().keyPressEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Side by side on a wide screen, one above the other (centred) on a tall one."""
        wide = event.size().width() >= WIDE * event.size().height()
        self._layout.setDirection(
            QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        )
        side = Qt.AlignmentFlag.AlignLeft if wide else Qt.AlignmentFlag.AlignHCenter
        for label in (
            self.merchant_name,
            self.nmid,
            self._amount_caption,
            self.amount_label,
            self.scan_hint,
            self.cashier_hint,
        ):
            label.setAlignment(side | Qt.AlignmentFlag.AlignVCenter)
        info_layout = self._info.layout()
        if info_layout is not None:
            info_layout.setAlignment(self._badge, side)
        self._layout.setStretchFactor(self._info, 2 if wide else 0)
        super().resizeEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Fit the amount to its width whenever that changes."""
        if watched is self.amount_label and event.type() == QEvent.Type.Resize:
            fit_large_text(self.amount_label, AMOUNT_POINTS)
        return super().eventFilter(watched, event)

    def closeEvent(self, event: QCloseEvent) -> None:
        """Tell the payment screen the customer window is gone."""
        super().closeEvent(event)
        self.closed.emit()


def _label(name: str, accessible: str) -> QLabel:
    label = named(QLabel(), name, accessible)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    return label


def _customer_screen(owner: QWidget | None) -> QScreen | None:
    """A screen other than the one the cashier works on, else the cashier's own."""
    mine = owner.window().screen() if owner is not None else QGuiApplication.primaryScreen()
    others = [screen for screen in QGuiApplication.screens() if screen is not mine]
    return others[0] if others else mine
