"""The Consignment tab ("titip jual"): makers, what of theirs sold, and settling up."""

from __future__ import annotations

import re
from datetime import date, timedelta

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from bazaar_pos.domain.consignment import parse_commission
from bazaar_pos.errors import UserError
from bazaar_pos.i18n import _
from bazaar_pos.services.shop import Shop
from bazaar_pos.services.stock.consignment.views import (
    ConsignorDraft,
    ConsignorView,
    SettlementView,
)
from bazaar_pos.services.views import Changes
from bazaar_pos.ui.common import dialogs
from bazaar_pos.ui.common.formatting import Formats, local_day_bounds
from bazaar_pos.ui.common.jobs import Jobs
from bazaar_pos.ui.widgets.fields import picked_day

_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class ConsignorDialog(QDialog):
    """A consignor's name, phone, usual commission and notes."""

    def __init__(
        self, shop: Shop, consignor: ConsignorView | None, parent: QWidget | None = None
    ) -> None:
        """Edit ``consignor``, or add one when it is None."""
        super().__init__(parent)
        self.setObjectName("consignorDialog")
        self.setAccessibleName(_("Consignor"))
        self.setWindowTitle(_("New consignor") if consignor is None else _("Edit consignor"))
        self._shop = shop
        self._consignor = consignor
        self._currency = shop.settings.load().currency
        self.result_consignor: ConsignorView | None = None
        self.name = QLineEdit()
        self.name.setObjectName("consignorName")
        self.name.setAccessibleName(_("Name"))
        self.phone = QLineEdit()
        self.phone.setObjectName("consignorPhone")
        self.phone.setAccessibleName(_("Phone"))
        self.commission = QLineEdit()
        self.commission.setObjectName("consignorCommission")
        self.commission.setAccessibleName(_("Usual commission"))
        self.commission.setPlaceholderText(_("e.g. 20% or 5.000 per item"))
        self.active = QCheckBox(_("Active"))
        self.active.setObjectName("consignorActive")
        self.active.setChecked(True)
        self.notes = QPlainTextEdit()
        self.notes.setObjectName("consignorNotes")
        self.notes.setAccessibleName(_("Notes"))
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(60)
        if consignor is not None:
            self.name.setText(consignor.name)
            self.phone.setText(consignor.phone)
            self.commission.setText(consignor.commission.describe(self._currency))
            self.active.setChecked(consignor.active)
            self.notes.setPlainText(consignor.notes)
        form = QFormLayout()
        form.addRow(_("&Name"), self.name)
        form.addRow(_("&Phone"), self.phone)
        form.addRow(_("Usual &commission"), self.commission)
        form.addRow("", self.active)
        form.addRow(_("N&otes"), self.notes)
        self.problems = QLabel()
        self.problems.setObjectName("dialogProblems")
        self.problems.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problems)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)

    @classmethod
    def ask(
        cls, parent: QWidget | None, shop: Shop, consignor: ConsignorView | None = None
    ) -> ConsignorView | None:
        """Show the dialog; the consignor saved, or None when cancelled."""
        dialog = cls(shop, consignor, parent)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            return dialog.result_consignor
        return None

    def save(self) -> None:
        """Save through the consignment service; problems stay in the dialog."""
        try:
            try:
                commission = parse_commission(self.commission.text() or "0%", self._currency)
            except ValueError:
                raise UserError(
                    _("Write the commission as 20% or as an amount per item.")
                ) from None
            assert commission is not None
            draft = ConsignorDraft(
                self.name.text(),
                self.phone.text(),
                self.notes.toPlainText(),
                commission,
                self.active.isChecked(),
            )
            if self._consignor is None:
                self.result_consignor = self._shop.consignment.add_consignor(draft)
            else:
                self.result_consignor = self._shop.consignment.update_consignor(
                    self._consignor.id, draft
                )
        except UserError as problem:
            self.problems.setText(dialogs.describe(problem))
            return
        self.accept()


class ConsignmentTab(QWidget):
    """Makers on the left; a period's statement, the slip and settling on the right.

    Signals:
        consignment_changed(object): a Changes after a consignor or settlement was saved.
    """

    consignment_changed = Signal(object)

    def __init__(self, shop: Shop, parent: QWidget | None = None) -> None:
        """Manage the consignment of ``shop``."""
        super().__init__(parent)
        self.setObjectName("consignmentTab")
        self.setAccessibleName(_("Consignment"))
        self._shop = shop
        self._formats = Formats(shop.settings.load())
        self.statement: SettlementView | None = None
        self.jobs = Jobs(self)

        self.makers = QListWidget()
        self.makers.setObjectName("consignorList")
        self.makers.setAccessibleName(_("Consignors"))
        self.makers.currentRowChanged.connect(lambda _row: self.show_statement())
        add = QPushButton(_("&Add…"))
        add.setObjectName("consignorAdd")
        add.clicked.connect(self.add_consignor)
        edit = QPushButton(_("E&dit…"))
        edit.setObjectName("consignorEdit")
        edit.clicked.connect(self.edit_consignor)
        self.show_inactive = QCheckBox(_("Inactive too"))
        self.show_inactive.setObjectName("consignorShowInactive")
        self.show_inactive.toggled.connect(self.refresh)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(QLabel(_("Consignors (titip jual)")))
        left_layout.addWidget(self.makers, 1)
        left_layout.addWidget(self.show_inactive)
        maker_buttons = QHBoxLayout()
        maker_buttons.addWidget(add)
        maker_buttons.addWidget(edit)
        left_layout.addLayout(maker_buttons)

        today = QDate.currentDate()
        self.first = QDateEdit(QDate(today.year(), today.month(), 1))
        self.first.setObjectName("periodFrom")
        self.first.setAccessibleName(_("From"))
        self.last = QDateEdit(today)
        self.last.setObjectName("periodTo")
        self.last.setAccessibleName(_("To"))
        for edit_date in (self.first, self.last):
            edit_date.setCalendarPopup(True)
            edit_date.setDisplayFormat("d MMM yyyy")
            edit_date.dateChanged.connect(lambda _d: self.show_statement())
        period = QHBoxLayout()
        period.addWidget(QLabel(_("Sold from")))
        period.addWidget(self.first)
        period.addWidget(QLabel(_("to")))
        period.addWidget(self.last)
        period.addStretch(1)
        self.lines = QTableWidget(0, 7)
        self.lines.setObjectName("statementLines")
        self.lines.setAccessibleName(_("Items sold"))
        self.lines.setHorizontalHeaderLabels(
            [_("Date"), _("Sale"), _("Item"), _("Qty"), _("Sold for"), _("Commission"), _("Owed")]
        )
        self.lines.verticalHeader().hide()
        self.lines.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        header = self.lines.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.totals = QLabel()
        self.totals.setObjectName("statementTotals")
        self.totals.setWordWrap(True)
        self.totals.setStyleSheet("font-weight: 600;")
        self.slip_button = QPushButton(_("Save s&lip (PDF)…"))
        self.slip_button.setObjectName("statementSlip")
        self.slip_button.clicked.connect(lambda: self.save_slip(self.statement))
        self.settle_button = QPushButton(_("&Mark as settled…"))
        self.settle_button.setObjectName("statementSettle")
        self.settle_button.clicked.connect(self.settle)
        actions = QHBoxLayout()
        actions.addWidget(self.totals, 1)
        actions.addWidget(self.slip_button)
        actions.addWidget(self.settle_button)
        self.history = QTableWidget(0, 4)
        self.history.setObjectName("settlementHistory")
        self.history.setAccessibleName(_("Settlements made"))
        self.history.setHorizontalHeaderLabels(
            [_("Number"), _("Period"), _("Owed"), _("Settled on")]
        )
        self.history.verticalHeader().hide()
        self.history.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.history.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.history.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.history.horizontalHeader().setStretchLastSection(True)
        self.history.setMaximumHeight(150)
        self.history.cellActivated.connect(lambda row, _c: self._history_slip(row))
        self.history.cellDoubleClicked.connect(lambda row, _c: self._history_slip(row))
        self._settlements: list[SettlementView] = []
        self.message = QLabel()
        self.message.setObjectName("consignmentMessage")
        self.message.setWordWrap(True)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(8, 0, 0, 0)
        right_layout.addLayout(period)
        right_layout.addWidget(self.lines, 1)
        right_layout.addLayout(actions)
        right_layout.addWidget(QLabel(_("Settlements made (Enter or double-click saves the slip)")))
        right_layout.addWidget(self.history)
        right_layout.addWidget(self.message)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([250, 750])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self.refresh()

    def consignor(self) -> ConsignorView | None:
        """The consignor chosen in the list."""
        item = self.makers.currentItem()
        return None if item is None else item.data(Qt.ItemDataRole.UserRole)

    def refresh(self) -> None:
        """Read the consignors again, keeping the one chosen."""
        chosen = self.consignor()
        self.makers.blockSignals(True)
        self.makers.clear()
        makers = self._shop.consignment.consignors(include_inactive=self.show_inactive.isChecked())
        for maker in makers:
            item = QListWidgetItem(
                maker.name if maker.active else _("{name} (inactive)").format(name=maker.name)
            )
            item.setData(Qt.ItemDataRole.UserRole, maker)
            self.makers.addItem(item)
        ids = [m.id for m in makers]
        row = ids.index(chosen.id) if chosen is not None and chosen.id in ids else 0
        self.makers.setCurrentRow(row if makers else -1)
        self.makers.blockSignals(False)
        self.show_statement()

    def period(self) -> tuple[date, date]:
        """The first and last local day chosen."""
        return picked_day(self.first), picked_day(self.last)

    def show_statement(self) -> None:
        """Show what the chosen consignor sold in the period and is not settled yet."""
        maker = self.consignor()
        self.statement = None
        if maker is None:
            self.lines.setRowCount(0)
            self.totals.setText(_("Add a consignor: a maker whose goods you sell on commission."))
            self._set_actions()
            self._show_history([])
            return
        first, last = self.period()
        try:
            self.statement = self._shop.consignment.statement(
                maker.id, *local_day_bounds(first, last)
            )
        except UserError as problem:
            self.totals.setText(dialogs.describe(problem))
            self.lines.setRowCount(0)
            self._set_actions()
            return
        fmt = self._formats
        self.lines.setRowCount(len(self.statement.lines))
        for row, line in enumerate(self.statement.lines):
            cells = (
                fmt.day(line.sold_at),
                line.sale_number,
                f"{line.name} ({line.sku})",
                fmt.quantity(line.quantity_milli, line.unit),
                fmt.money(line.amount),
                fmt.money(line.commission),
                fmt.money(line.owed),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column >= 3:
                    item.setTextAlignment(_RIGHT)
                self.lines.setItem(row, column, item)
        s = self.statement
        self.totals.setText(
            _("{items} sold for {sales}; commission {commission}; owed to {name}: {owed}").format(
                items=s.items,
                sales=fmt.money(s.sales),
                commission=fmt.money(s.commission),
                name=maker.name,
                owed=fmt.money(s.owed),
            )
            if s.lines
            else _("Nothing of {name} sold in this period is left to settle.").format(
                name=maker.name
            )
        )
        self._set_actions()
        self._show_history(self._shop.consignment.settlements(maker.id))

    def add_consignor(self) -> None:
        """Add a consignor."""
        maker = ConsignorDialog.ask(self, self._shop)
        if maker is not None:
            self._after_maker_change(maker)

    def edit_consignor(self) -> None:
        """Edit the chosen consignor."""
        maker = self.consignor()
        if maker is None:
            return
        changed = ConsignorDialog.ask(self, self._shop, maker)
        if changed is not None:
            self._after_maker_change(changed)

    def settle(self) -> None:
        """Mark the statement as settled, once confirmed; then offer its slip."""
        maker, statement = self.consignor(), self.statement
        if maker is None or statement is None or not statement.lines:
            return
        question = _(
            "Record that {name} was paid {owed} for {items} items sold? "
            "This cannot be undone; the sales themselves are not changed."
        ).format(name=maker.name, owed=self._formats.money(statement.owed), items=statement.items)
        if not dialogs.confirm(self, _("Mark as settled"), question):
            return
        try:
            settled = self._shop.consignment.settle(
                maker.id, statement.period_start, statement.period_end
            )
        except UserError as problem:
            self.message.setText(dialogs.describe(problem))
            return
        self.message.setText(
            _("Settlement {number} recorded: {owed} to {name}.").format(
                number=settled.number, owed=self._formats.money(settled.owed), name=maker.name
            )
        )
        self.show_statement()
        self.consignment_changed.emit(Changes(sales=False, products=False))
        self.save_slip(settled)

    def save_slip(self, settlement: SettlementView | None) -> None:
        """Save the "nota titip jual" PDF of ``settlement`` (off the GUI thread)."""
        if settlement is None:
            return
        # The maker, the settlement's number (a preview has none) and the day it was made or
        # its last day, so a folder of slips tells them apart.
        made = settlement.created_at or settlement.period_end - timedelta(microseconds=1)
        parts = [settlement.consignor.name, settlement.number, made.astimezone().date().isoformat()]
        words = re.sub(r"[^\w.-]+", "-", "-".join(part for part in parts if part)).strip("-")
        suggested = _("consignment-slip-{number}.pdf").format(number=words)
        path = dialogs.save_file(
            self,
            _("Save consignment slip"),
            suggested,
            "PDF (*.pdf)",
            kind=dialogs.FileKind.DOCUMENT,
        )
        if path is None:
            return
        self.jobs.run(
            lambda: self._shop.consignment.write_slip(settlement, path),
            lambda written: self.message.setText(_("Saved {file}.").format(file=written)),
            self.message.setText,
        )

    def _after_maker_change(self, maker: ConsignorView) -> None:
        self.refresh()
        for row in range(self.makers.count()):
            if self.makers.item(row).data(Qt.ItemDataRole.UserRole).id == maker.id:
                self.makers.setCurrentRow(row)
        self.message.setText(_("Saved {name}.").format(name=maker.name))
        self.consignment_changed.emit(Changes(products=True))

    def _set_actions(self) -> None:
        has_lines = self.statement is not None and bool(self.statement.lines)
        self.slip_button.setEnabled(self.statement is not None)
        self.settle_button.setEnabled(has_lines)

    def _show_history(self, settlements: list[SettlementView]) -> None:
        self._settlements = settlements
        fmt = self._formats
        self.history.setRowCount(len(settlements))
        for row, s in enumerate(settlements):
            last_day = s.period_end.astimezone().date().toordinal() - 1
            cells = (
                s.number,
                f"{fmt.day(s.period_start)} – {fmt.day(date.fromordinal(last_day))}",
                fmt.money(s.owed),
                fmt.moment(s.created_at) if s.created_at else "",
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 2:
                    item.setTextAlignment(_RIGHT)
                self.history.setItem(row, column, item)

    def _history_slip(self, row: int) -> None:
        settlement = self._settlements[row]
        assert settlement.id is not None
        self.save_slip(self._shop.consignment.get_settlement(settlement.id))
