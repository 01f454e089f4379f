"""The sales history: find a sale by number, date or product; view, reprint, refund or void it."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from bazaar_pos.domain.payment import PaymentMethod
from bazaar_pos.errors import UserError
from bazaar_pos.i18n import _
from bazaar_pos.services.selling.sales_history import SaleDetail, local_days
from bazaar_pos.services.shop import Shop
from bazaar_pos.ui.access.approval import Approvals
from bazaar_pos.ui.common import dialogs, whatsapp
from bazaar_pos.ui.common.dialogs import TextDialog, show_message
from bazaar_pos.ui.common.formatting import MoneyText, method_label, uses_decimal_comma
from bazaar_pos.ui.history.detail import sale_html
from bazaar_pos.ui.history.model import SalesListModel, refund_amount_text
from bazaar_pos.ui.history.refund_dialog import RefundDialog
from bazaar_pos.ui.widgets.fields import button, date_edit, picked_day
from bazaar_pos.ui.widgets.step_line_edit import StepLineEdit
from bazaar_pos.ui.widgets.tables import list_table

DEFAULT_DAYS = 30
SEARCH_DELAY_MS = 200


class SalesHistoryDialog(QDialog):
    """Past sales newest first; the selected one is shown in full with what can be done to it."""

    reprint_requested = Signal(str)
    """The UUID of a sale whose receipt should be printed again."""
    stock_changed = Signal()
    """A refund or void put goods back in stock."""

    def __init__(self, shop: Shop, money: MoneyText, parent: QWidget | None = None) -> None:
        """Show the sales of ``shop``."""
        super().__init__(parent)
        self.setObjectName("salesHistory")
        self.setAccessibleName(_("Sales history"))
        self.setWindowTitle(_("Sales history"))
        self.resize(1280, 680)
        self.shop = shop
        self.approvals = Approvals(shop.access, self)
        self._money = money
        self.detail: SaleDetail | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.reload)

        self.search = StepLineEdit()
        self.search.setObjectName("historySearch")
        self.search.setAccessibleName(_("Find a sale"))
        self.search.setPlaceholderText(_("Sale number or product name, SKU or barcode"))
        self.search.setClearButtonEnabled(True)
        self.search.textEdited.connect(lambda _text: self._timer.start())
        self.search.returnPressed.connect(self.reload)
        self.search.step.connect(self._step)
        today = date.today()
        self.date_from = date_edit("historyFrom", _("From"), today - timedelta(days=DEFAULT_DAYS))
        self.date_to = date_edit("historyTo", _("To"), today)
        for edit in (self.date_from, self.date_to):
            edit.dateChanged.connect(lambda _date: self.reload())

        self.model = SalesListModel(money)
        self.table = list_table("historyTable", _("Sales"), self.model)
        self.table.selectionModel().currentRowChanged.connect(lambda *_args: self._show_current())
        self.view = QTextBrowser()
        self.view.setObjectName("saleDetail")
        self.view.setAccessibleName(_("Sale"))
        self.view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.message = QLabel()
        self.message.setObjectName("historyMessage")
        self.message.setWordWrap(True)

        self.reprint = button(
            "reprintButton",
            _("Reprint receipt  Ctrl+P"),
            self._reprint,
            shortcut="history.reprint",
            shortcuts_on=self,
            focus=False,
        )
        self.refund = button(
            "refundButton",
            _("Refund  Ctrl+R"),
            self.refund_current,
            shortcut="history.refund",
            shortcuts_on=self,
            focus=False,
        )
        self.void = button(
            "voidButton",
            _("Void sale  Ctrl+Shift+V"),
            self.void_current,
            shortcut="history.void",
            shortcuts_on=self,
            focus=False,
        )
        self.whatsapp = button(
            "whatsappButton",
            _("Send by WhatsApp  Ctrl+Shift+W"),
            self.send_whatsapp,
            shortcut="history.whatsapp",
            shortcuts_on=self,
            focus=False,
        )
        close = button("closeButton", _("Close  Esc"), self.reject, focus=False)

        filters = QHBoxLayout()
        filters.addWidget(self.search, 1)
        filters.addWidget(QLabel(_("From")))
        filters.addWidget(self.date_from)
        filters.addWidget(QLabel(_("To")))
        filters.addWidget(self.date_to)
        actions = QHBoxLayout()
        actions.addWidget(self.reprint)
        actions.addWidget(self.refund)
        actions.addWidget(self.void)
        actions.addWidget(self.whatsapp)
        actions.addStretch(1)
        actions.addWidget(close)
        split = QSplitter()
        split.addWidget(self.table)
        split.addWidget(self.view)
        split.setSizes([750, 510])  # the list's Status column whole: "Refunded Rp332.047"
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(split, 1)
        # Below both halves: under the sale alone, the buttons pushed the list narrow.
        layout.addWidget(self.message)
        layout.addLayout(actions)

    def _step(self, step: int) -> None:
        """Up and Down in the search field move through the sales."""
        row = min(max(self.table.currentIndex().row() + step, 0), self.model.rowCount() - 1)
        self.table.selectRow(row)

    def reload(self, select: str | None = None) -> None:
        """Find the sales matching the search and dates; keep or pick the selection."""
        self._timer.stop()
        keep = select or (self.detail.uuid if self.detail else None)
        first, last = picked_day(self.date_from), picked_day(self.date_to)
        start, end = local_days(min(first, last), max(first, last))
        self.model.set_sales(self.shop.sales_history.find(self.search.text(), start=start, end=end))
        row = self.model.row_of(keep) if keep else -1
        if self.model.rowCount():
            self.table.selectRow(max(row, 0))
        self._show_current()
        self.search.setFocus()

    def start_over(self) -> None:
        """Forget the last search, dates and selection: show the last 30 days, newest selected.

        Each time the history opens: the sale just rung up is the one to reprint or refund.
        """
        self._timer.stop()
        self.search.clear()
        today = date.today()
        start = today - timedelta(days=DEFAULT_DAYS)
        for edit, day in ((self.date_from, start), (self.date_to, today)):
            edit.blockSignals(True)  # one reload below, not one per date
            edit.setDate(QDate(day.year, day.month, day.day))
            edit.blockSignals(False)
        self.detail = None
        self.reload()

    def select_sale(self, sale_uuid: str) -> None:
        """Show the sale with ``sale_uuid`` if it is in the list."""
        row = self.model.row_of(sale_uuid)
        if row >= 0:
            self.table.selectRow(row)

    def refund_current(self) -> None:
        """Refund some or all lines of the sale shown."""
        if self.detail is None or not self.detail.refundable:
            return
        sale = self.detail.uuid
        request = RefundDialog.ask(
            self,
            self.detail,
            self._money,
            lambda items, to_cash: self.shop.refunds.pay_back(sale, items, to_cash=to_cash),
            decimal_comma=uses_decimal_comma(self.shop.settings.load().money_locale),
        )
        if request is None:
            return
        try:
            result = self.approvals.run(
                lambda approval: self.shop.refunds.refund(
                    sale,
                    request.items,
                    to_cash=request.to_cash,
                    reason=request.reason,
                    approval=approval,
                )
            )
        except UserError as exc:
            self._say(str(exc), error=True)
            return
        self._done(result.number, result.paid_back, result.total)

    def void_current(self) -> None:
        """Void the sale shown, if it is the one just rung up; a reason is required."""
        if self.detail is None or not self.detail.can_void:
            return
        reason = TextDialog.ask(
            self,
            _("Void sale {number}").format(number=self.detail.number),
            _("Why is this sale voided? Every item goes back to stock and every payment back."),
            required=True,
        )
        if not reason:
            return
        sale = self.detail.uuid
        try:
            result = self.approvals.run(
                lambda approval: self.shop.refunds.void(sale, reason, approval=approval)
            )
        except UserError as exc:
            self._say(str(exc), error=True)
            return
        self._done(result.number, result.paid_back, result.total)

    def _done(self, number: str, paid_back: tuple[tuple[str, int], ...], total: int) -> None:
        kasbon = sum(a for m, a in paid_back if m == PaymentMethod.ACCOUNT)
        money_back = [(m, a) for m, a in paid_back if m != PaymentMethod.ACCOUNT]
        given = ", ".join(f"{method_label(m)} {self._money(a)}" for m, a in money_back)
        amount = refund_amount_text(total, sum(a for _m, a in paid_back), self._money)
        self.reload()
        if kasbon:
            text = _(
                "{number} recorded: {amount}. {kasbon} comes off the customer's kasbon; "
                "give back: {given}."
            ).format(
                number=number,
                amount=amount,
                kasbon=self._money(kasbon),
                given=given or self._money(0),
            )
        else:
            text = _("{number} recorded: {amount}. Give back: {given}.").format(
                number=number, amount=amount, given=given or self._money(0)
            )
        self._say(text)
        self.stock_changed.emit()

    def _reprint(self) -> None:
        """Queue the receipt for the printer; with none set up, offer it as a PDF instead."""
        if self.detail is None:
            return
        number = self.detail.number
        if not self.shop.printer.settings().set_up:
            self._say(_("No receipt printer is set up, so nothing was printed."), error=True)
            question = _(
                "No receipt printer is set up. Save the receipt of {number} as a PDF instead?"
            ).format(number=number)
            if dialogs.confirm(self, _("Reprint receipt"), question):
                self._save_pdf(self.detail.uuid, number)
            return
        self.reprint_requested.emit(self.detail.uuid)
        self._say(_("Receipt of {number} sent to the printer.").format(number=number))

    def send_whatsapp(self) -> None:
        """Ctrl+Shift+W: the receipt as a WhatsApp message, to the sale's customer if it has one."""
        if self.detail is None:
            return
        try:
            phone, text = self.shop.receipts.for_whatsapp(self.detail.uuid)
        except UserError as exc:
            self._say(exc.message, error=True)
            return
        if whatsapp.send_by_whatsapp(self, phone, text) is not None:
            self._say(
                _("WhatsApp opened with the receipt of {number}: press Send there.").format(
                    number=self.detail.number
                )
            )

    def _save_pdf(self, sale_uuid: str, number: str) -> None:
        path = dialogs.save_file(
            self,
            _("Save the receipt as a PDF"),
            f"{number}.pdf",
            _("PDF files (*.pdf)"),
            kind=dialogs.FileKind.DOCUMENT,
        )
        if path is None:
            return
        try:
            receipt = self.shop.receipts.for_sale(sale_uuid)
            saved = self.shop.receipts.write_pdf(receipt, path)
        except UserError as exc:
            self._say(exc.message, error=True)
            return
        self._say(_("Receipt of {number} saved as {path}.").format(number=number, path=saved))

    def _show_current(self) -> None:
        row = self.table.currentIndex().row()
        if row < 0 or not self.model.rowCount():
            self.detail = None
            self.view.setHtml("<p>" + _("No sales match.") + "</p>")
        else:
            self.detail = self.shop.sales_history.detail(self.model.sale(row).uuid)
            locale = self.shop.settings.load().money_locale
            self.view.setHtml(sale_html(self.detail, self._money, locale))
        detail = self.detail
        self.reprint.setEnabled(detail is not None)
        self.whatsapp.setEnabled(detail is not None)
        self.refund.setEnabled(detail is not None and detail.refundable)
        self.void.setEnabled(detail is not None and detail.can_void)
        self._say("")

    def _say(self, text: str, *, error: bool = False) -> None:
        show_message(self.message, text, "error" if error else "info")
