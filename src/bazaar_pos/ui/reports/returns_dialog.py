"""Returns from the marketplaces: listed until the seller confirms the parcel came back."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from bazaar_pos.domain.access import Permission
from bazaar_pos.domain.formats import Formats
from bazaar_pos.domain.quantity import format_quantity, unit_of
from bazaar_pos.i18n import _, current_language
from bazaar_pos.services.merging.orders.returns import ReturnConfirmed, ReturnView
from bazaar_pos.services.reports.queries import channel_label, shop_header
from bazaar_pos.services.shop import Shop
from bazaar_pos.ui.access.approval import Approvals
from bazaar_pos.ui.common.jobs import Jobs
from bazaar_pos.ui.common.operations import run_operation
from bazaar_pos.ui.widgets.tables import cell_table


class ReturnsDialog(QDialog):
    """The returns waiting for their parcel; confirming one puts its goods back into stock.

    Signals:
        listed(): the list was read and shown.
        confirmed(object): a return was confirmed (a ReturnConfirmed).
    """

    listed = Signal()
    confirmed = Signal(object)

    def __init__(self, shop: Shop, parent: QWidget | None = None) -> None:
        """The returns of ``shop``."""
        super().__init__(parent)
        self.setObjectName("returnsDialog")
        self.setAccessibleName(_("Returns to confirm"))
        self.setWindowTitle(_("Returns to confirm"))
        self._shop = shop
        settings = shop.settings.load()
        self._locale = settings.money_locale
        self._fmt = Formats(shop_header(settings), current_language())
        self._zone = shop.zone
        self.jobs = Jobs(self)
        self.approvals = Approvals(shop.access, self)
        self.returns: list[ReturnView] = []
        explain = QLabel(
            _(
                "A marketplace says these goods were sent back. They go back into stock only "
                "when you confirm the parcel arrived: open it, check the goods, then confirm."
            )
        )
        explain.setWordWrap(True)
        self.table = cell_table(
            "returnsList",
            _("Returns to confirm"),
            [_("Channel"), _("Order"), _("Sale"), _("SKU"), _("Name"), _("Quantity")],
            stretch=4,
            rows=True,
        )
        self.status = QLabel("")
        self.status.setObjectName("returnsStatus")
        self.status.setWordWrap(True)
        self.confirm_button = QPushButton(_("&Parcel came back"))
        self.confirm_button.setObjectName("returnReceived")
        self.confirm_button.setEnabled(False)
        self.confirm_button.clicked.connect(self.confirm_selected)
        close = QPushButton(_("Close"))
        close.setObjectName("returnsClose")
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.confirm_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.resize(820, 420)
        self.table.itemSelectionChanged.connect(self._selection)
        self.reload()

    @classmethod
    def ask(cls, parent: QWidget | None, shop: Shop) -> None:
        """Show the returns until closed."""
        cls(shop, parent).exec()

    def reload(self) -> None:
        """Read the returns still waiting, off the GUI thread."""
        self.jobs.run(self._shop.marketplace_returns.listed, self._show, self.status.setText)

    def confirm_selected(self) -> None:
        """The selected return's parcel came back: refund its goods into stock."""
        row = self.table.currentRow()
        if not 0 <= row < len(self.returns):
            return
        granted = self.approvals.granted(Permission.REFUND, tell=self.status.setText)
        if granted is None:
            return
        uuid = self.returns[row].uuid
        self.confirm_button.setEnabled(False)
        run_operation(
            self.jobs,
            lambda: self._shop.marketplace_returns.confirm(uuid, approval=granted.approval),
            self._confirmed,
            self.status.setText,
        )

    def _show(self, returns: list[ReturnView]) -> None:
        self.returns = returns
        self.table.setRowCount(len(returns))
        for row, ret in enumerate(returns):
            cells = (
                channel_label(ret.channel),
                ret.order_id,
                ret.sale_number,
                ret.sku,
                ret.name,
                format_quantity(ret.quantity_milli, unit_of(ret.unit), self._locale),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(
                    _("Noted {when}").format(
                        when=self._fmt.datetime(ret.noted_at.astimezone(self._zone))
                    )
                )
                self.table.setItem(row, column, item)
        if not returns and not self.status.text():
            self.status.setText(_("No returns wait for their parcel."))
        self._selection()
        self.listed.emit()

    def _selection(self) -> None:
        self.confirm_button.setEnabled(0 <= self.table.currentRow() < len(self.returns))

    def _confirmed(self, done: ReturnConfirmed) -> None:
        self.status.setText(
            _("Return confirmed: refund {number}, the goods are back in stock.").format(
                number=done.refund_number
            )
        )
        self.confirmed.emit(done)
        self.reload()

    def done(self, result: int) -> None:
        """Close only once nothing runs."""
        self.jobs.wait()
        super().done(result)
