"""The cash drawer and shift (F11): open a shift with a float, pay in and out, count and close."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from bazaar_pos.errors import UserError
from bazaar_pos.i18n import _
from bazaar_pos.services.shop import Shop
from bazaar_pos.ui.access.approval import Approvals
from bazaar_pos.ui.common.dialogs import show_message
from bazaar_pos.ui.common.formatting import local_time, money_text
from bazaar_pos.ui.shifts.amount_dialog import AmountDialog
from bazaar_pos.ui.shifts.count_dialog import CashCountDialog
from bazaar_pos.ui.shifts.reports_dialog import ShiftReportsDialog
from bazaar_pos.ui.shortcuts import bind


class ShiftDialog(QDialog):
    """The state of the drawer and every action on it, each with a key.

    Signals:
        changed(): a shift was opened or closed, or cash went in or out.
        no_sale_requested(): the person asked to open the drawer without a sale.
    """

    changed = Signal()
    no_sale_requested = Signal()

    def __init__(self, shop: Shop, approvals: Approvals, parent: QWidget | None = None) -> None:
        """Work on the shifts of ``shop``."""
        super().__init__(parent)
        self.setObjectName("shiftDialog")
        self.setAccessibleName(_("Cash drawer and shift"))
        self.setWindowTitle(_("Cash drawer and shift"))
        self.setMinimumWidth(640)
        self._shop = shop
        self._approvals = approvals
        self._money = money_text(shop.settings.load())
        self.reports: ShiftReportsDialog | None = None
        self.state = QLabel()
        self.state.setObjectName("shiftState")
        self.details = QLabel()
        self.details.setObjectName("shiftDetails")
        self.details.setWordWrap(True)
        panel = QFrame()
        panel.setObjectName("shiftPanel")
        inner = QVBoxLayout(panel)
        inner.addWidget(self.state)
        inner.addWidget(self.details)
        self.buttons: dict[str, QPushButton] = {}
        grid = QGridLayout()
        for number, (name, text, key, slot) in enumerate(
            (
                ("openShift", _("Open a shift\nF2"), "shift.open", self.open_shift),
                ("payIn", _("Pay in\nF3"), "shift.payIn", self.pay_in),
                ("payOut", _("Pay out\nF4"), "shift.payOut", self.pay_out),
                ("closeShift", _("Count and close\nF5"), "shift.close", self.close_shift),
                ("shiftReports", _("Shift reports\nF6"), "shift.reports", self.show_reports),
                (
                    "noSale",
                    _("No sale: open drawer\nF7"),
                    "shift.noSale",
                    self.no_sale_requested.emit,
                ),
            )
        ):
            button = QPushButton(text)
            button.setObjectName(f"{name}Button")
            button.setAccessibleName(text.split("\n")[0])
            button.setMinimumHeight(56)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(slot)
            bind(key, self, button.click)  # click() does nothing on a disabled button
            grid.addWidget(button, number // 3, number % 3)
            self.buttons[name] = button
        self.message = QLabel()
        self.message.setObjectName("historyMessage")
        self.message.setWordWrap(True)
        close = QPushButton(_("Close  Esc"))
        close.setObjectName("closeShiftDialog")
        close.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        close.clicked.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.message, 1)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(panel)
        layout.addLayout(grid)
        layout.addLayout(bottom)

    def reload(self) -> None:
        """Show the shift as it stands."""
        shift = self._shop.shifts.current()
        if shift is None:
            self.state.setText(_("No shift is open"))
            self.details.setText(
                _("Open a shift with the change in the drawer before the first sale.")
            )
        else:
            self.state.setText(_("Shift {number} is open").format(number=shift.number))
            expected = self._shop.shifts.expected_cash() or 0
            self.details.setText(
                _(
                    "Opened {time} by {who} with a float of {float}.\n"
                    "Cash that should be in the drawer now: {expected}."
                ).format(
                    time=local_time(shift.opened_at),
                    who=shift.opened_by or _("the owner"),
                    float=self._money(shift.float_amount),
                    expected=self._money(expected),
                )
            )
        is_open = shift is not None
        self.buttons["openShift"].setEnabled(not is_open)
        for name in ("payIn", "payOut", "closeShift"):
            self.buttons[name].setEnabled(is_open)

    def open_shift(self) -> None:
        """F2: open a shift with the float counted into the drawer."""
        currency = self._shop.settings.load().currency
        answer = AmountDialog.ask(
            self,
            _("Open a shift"),
            _("&Float (change in the drawer):"),
            _("&Note:"),
            currency,
            reason_required=False,
            zero_allowed=True,
        )
        if answer is not None:
            amount, note = answer
            self._try(lambda: self._shop.shifts.open(amount, note=note), _("Shift opened."))

    def pay_in(self) -> None:
        """F3: cash put into the drawer, with a reason."""
        self._move(_("Pay in"), self._shop.shifts.pay_in, _("Paid in."))

    def pay_out(self) -> None:
        """F4: cash taken out of the drawer, with a reason."""
        self._move(_("Pay out"), self._shop.shifts.pay_out, _("Paid out."))

    def close_shift(self) -> None:
        """F5: count the drawer and close the shift; then show its Z report."""
        shift = self._shop.shifts.current()
        if shift is None:
            return
        currency = self._shop.settings.load().currency
        answer = CashCountDialog.ask(self, shift.number, currency, self._money)
        if answer is None:
            return
        count, note = answer
        try:
            report = self._shop.shifts.close(count, note=note)
        except UserError as exc:
            show_message(self.message, str(exc), "error")
            return
        self.reload()
        self.changed.emit()
        difference = report.difference or 0
        show_message(
            self.message,
            _("Shift {number} closed. Counted {counted}, expected {expected}.").format(
                number=report.number,
                counted=self._money(report.counted or 0),
                expected=self._money(report.expected),
            ),
            "warn" if difference else "info",
        )
        self.show_reports(shift.uuid)

    def show_reports(self, select: str | None = None) -> None:
        """F6: every shift's report, to read, print or save as PDF."""
        if self.reports is None:
            self.reports = ShiftReportsDialog(self._shop, self._approvals, self._money, self)
        self.reports.reload(select if isinstance(select, str) else None)
        self.reports.open()

    def _move(self, title: str, call: Callable[[int, str], object], done: str) -> None:
        currency = self._shop.settings.load().currency
        answer = AmountDialog.ask(
            self, title, _("&Amount:"), _("&Why:"), currency, reason_required=True
        )
        if answer is not None:
            amount, reason = answer
            self._try(lambda: call(amount, reason), done)

    def _try(self, work: Callable[[], object], done: str) -> None:
        try:
            work()
        except UserError as exc:
            show_message(self.message, str(exc), "error")
            return
        self.reload()
        self.changed.emit()
        show_message(self.message, done)
