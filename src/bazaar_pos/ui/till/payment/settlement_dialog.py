"""Import settlement report: QRIS payments confirmed from the merchant's report, after a preview."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from bazaar_pos.domain.settlement import DEFAULT_WINDOW
from bazaar_pos.errors import UserError
from bazaar_pos.i18n import N_, _, ngettext
from bazaar_pos.services.merging.settlement import (
    SettlementPlan,
    SettlementService,
    SettlementSummary,
)
from bazaar_pos.services.selling.payment_confirmation import AwaitingPayment
from bazaar_pos.ui.common import dialogs
from bazaar_pos.ui.common.formatting import MoneyText, local_time, problem_line
from bazaar_pos.ui.common.jobs import Jobs
from bazaar_pos.ui.common.operations import run_operation
from bazaar_pos.ui.till.payment.settlement_columns import SettlementColumnsDialog
from bazaar_pos.ui.widgets.tables import cell_table

REPORT_FILES = N_("Settlement reports (*.csv *.xlsx);;Excel (*.xlsx);;CSV (*.csv)")
_BAD = QBrush(QColor("#fde8e7"))
_WARN = QBrush(QColor("#fff4d6"))
LINE, TIME, AMOUNT, REFERENCE, WHAT = range(5)


class SettlementDialog(QDialog):
    """Choose a QRIS, e-wallet or bank report, see what it confirms, pick, then confirm.

    Nothing is written until Confirm. Rows the report could match to several
    payments carry a chooser; QRIS payments confirmed at the till that the
    report does not show are listed to check.

    Signals:
        previewed(object): the report was read and matched (a SettlementPlan).
        confirmed(object): the SettlementSummary of the confirmations written.
    """

    previewed = Signal(object)
    confirmed = Signal(object)

    def __init__(
        self,
        settlement: SettlementService,
        money: MoneyText,
        parent: QWidget | None = None,
        *,
        by: str = "",
    ) -> None:
        """Confirm with ``settlement`` as ``by``; show amounts with ``money``."""
        super().__init__(parent)
        self.setObjectName("settlementDialog")
        self.setAccessibleName(_("Import settlement report"))
        self.setWindowTitle(_("Import settlement report"))
        self._service = settlement
        self._money = money
        self._by = by
        self.jobs = Jobs(self)
        self.path: Path | None = None
        self.plan: SettlementPlan | None = None
        self.result_summary: SettlementSummary | None = None
        self.choosers: dict[int, QComboBox] = {}
        """Report line -> the chooser of its possible payments."""

        self.file_label = QLabel(_("No file chosen."))
        self.file_label.setObjectName("settlementFile")
        choose = self._button("settlementChoose", _("&Choose file…"), self.choose)
        self.columns = QComboBox()
        self.columns.setObjectName("settlementColumns")
        self.columns.setAccessibleName(_("Columns of the report"))
        self.columns.addItem(_("Recognise by the headers"), None)
        for name in settlement.presets():
            self.columns.addItem(name, name)
        self.columns.currentIndexChanged.connect(lambda _i: self._again())
        columns_label = QLabel(_("Co&lumns:"))
        columns_label.setBuddy(self.columns)
        self.window_minutes = QSpinBox()
        self.window_minutes.setObjectName("settlementWindow")
        self.window_minutes.setAccessibleName(_("Time window in minutes"))
        self.window_minutes.setRange(1, 24 * 60)
        self.window_minutes.setValue(DEFAULT_WINDOW // timedelta(minutes=1))
        self.window_minutes.setSuffix(_(" min"))
        self.window_minutes.editingFinished.connect(self._again)
        self.map_button = self._button(
            "settlementMapColumns", _("&Map columns…"), self.map_columns
        )
        self.map_button.setEnabled(False)
        window_label = QLabel(_("Time &window:"))
        window_label.setBuddy(self.window_minutes)
        top = QHBoxLayout()
        top.addWidget(self.file_label, 1)
        top.addWidget(choose)
        options = QHBoxLayout()
        options.addWidget(columns_label)
        options.addWidget(self.columns)
        options.addWidget(self.map_button)
        options.addSpacing(16)
        options.addWidget(window_label)
        options.addWidget(self.window_minutes)
        options.addStretch(1)
        hint = QLabel(
            _(
                "Choose the report of money received as your QRIS provider, e-wallet or bank "
                "gave it (CSV or Excel). A payment waiting for confirmation is confirmed when "
                "the report shows the same amount within the time window. Nothing is written "
                "until you confirm."
            )
        )
        hint.setWordWrap(True)
        self.table = cell_table(
            "settlementPreview",
            _("What the report shows"),
            [_("Line"), _("Time"), _("Amount"), _("Reference"), _("What happens")],
            stretch=WHAT,
        )
        self.check_label = QLabel()
        self.check_label.setObjectName("settlementCheckTitle")
        self.check_label.setWordWrap(True)
        self.check_table = cell_table(
            "settlementCheck",
            _("Confirmed at the till, not in the report"),
            [_("Sale"), _("Time"), _("Amount"), _("Confirmed by")],
            stretch=3,
        )
        self.summary = QLabel()
        self.summary.setObjectName("settlementSummary")
        self.summary.setWordWrap(True)
        self.confirm_button = self._button(
            "settlementConfirm", _("Confirm payments"), self.apply
        )
        self.confirm_button.setEnabled(False)
        self.close_button = self._button("settlementClose", _("Cancel"), self._close)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.confirm_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(options)
        layout.addWidget(hint)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.check_label)
        layout.addWidget(self.check_table)
        layout.addWidget(self.summary)
        layout.addLayout(buttons)
        self.check_label.hide()
        self.check_table.hide()
        self.resize(980, 620)

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        settlement: SettlementService,
        money: MoneyText,
        *,
        by: str = "",
        path: Path | None = None,
    ) -> SettlementSummary | None:
        """Show the dialog (previewing ``path`` if given); what was confirmed, or None."""
        dialog = cls(settlement, money, parent, by=by)
        if path is not None:
            dialog.load(path)
        dialog.exec()
        return dialog.result_summary

    def _button(self, name: str, text: str, slot: Callable[[], object]) -> QPushButton:
        made = QPushButton(text)
        made.setObjectName(name)
        made.setAutoDefault(False)
        made.clicked.connect(slot)
        return made

    def choose(self) -> None:
        """Ask for a report and preview it."""
        path = dialogs.open_file(
            self,
            _("Import settlement report"),
            _(REPORT_FILES),
            kind=dialogs.FileKind.DOCUMENT,
        )
        if path is not None:
            self.load(path)

    def load(self, path: Path) -> None:
        """Read and match ``path`` off the GUI thread, then show what it would confirm."""
        self.path = path
        self.plan = None
        self.file_label.setText(str(path))
        self.map_button.setEnabled(True)
        self.confirm_button.setEnabled(False)
        self.summary.setText(_("Checking {file}…").format(file=path.name))
        mapping = self.columns.currentData()
        window = timedelta(minutes=self.window_minutes.value())
        self.jobs.run(
            lambda: self._service.plan(path, mapping=mapping, window=window),
            self._show,
            self._failed,
        )

    def map_columns(self) -> None:
        """Choose the file's column for each field by hand; keep them as a preset if named."""
        if self.path is None:
            return
        try:
            headers = self._service.headers(self.path)
        except UserError as exc:
            self.summary.setText(str(exc))
            return
        start = dict(self.plan.mapping) if self.plan is not None else {}
        answer = SettlementColumnsDialog.ask(self, headers, start)
        if answer is None:
            return
        mapping, name = answer
        if name:
            try:
                self._service.save_preset(name, mapping, by=self._by)
            except UserError as exc:
                self.summary.setText(str(exc))
                return
            data: object = name
            text = name
        else:
            data, text = mapping, _("The columns chosen")
        index = self.columns.findText(text)
        if index < 0:
            self.columns.addItem(text, data)
            index = self.columns.count() - 1
        else:
            self.columns.setItemData(index, data)
        if index == self.columns.currentIndex():
            self._again()
        else:
            self.columns.setCurrentIndex(index)

    def _again(self) -> None:
        if self.path is not None and self.result_summary is None:
            self.load(self.path)

    def picks(self) -> dict[int, int]:
        """The payments picked so far: report line -> payment id."""
        return {
            line: chooser.currentData()
            for line, chooser in self.choosers.items()
            if chooser.currentData() is not None
        }

    def apply(self) -> None:
        """Confirm the certain matches and the picks off the GUI thread."""
        plan = self.plan
        if plan is None or not plan.ready or self.result_summary is not None:
            return
        picks = self.picks()
        self.confirm_button.setEnabled(False)
        self.summary.setText(_("Confirming…"))
        run_operation(
            self.jobs,
            lambda: self._service.apply(plan, self._by, picks=picks),
            self._confirmed,
            self._failed,
        )

    # Showing the plan -----------------------------------------------------------

    def _show(self, plan: SettlementPlan) -> None:
        self.plan = plan
        self.choosers = {}
        self.table.setRowCount(0)
        for problem in plan.problems:
            self._row(problem_line(problem), "", "", "", problem, _BAD)
        for entry, payment in plan.confirm:
            self._row(
                str(entry.line),
                local_time(entry.at),
                self._money(entry.amount),
                entry.reference,
                _("confirms {number} ({time})").format(
                    number=payment.sale_number, time=local_time(payment.sold_at)
                ),
            )
        for entry, options in plan.ambiguous:
            row = self._row(
                str(entry.line),
                local_time(entry.at),
                self._money(entry.amount),
                entry.reference,
                "",
                _WARN,
            )
            self.table.setCellWidget(row, WHAT, self._chooser(entry.line, options))
        for entry, payment in plan.verified:
            self._row(
                str(entry.line),
                local_time(entry.at),
                self._money(entry.amount),
                entry.reference,
                _("already confirmed: {number}").format(number=payment.sale_number),
            )
        for entry in plan.unknown:
            self._row(
                str(entry.line),
                local_time(entry.at),
                self._money(entry.amount),
                entry.reference,
                _("no QRIS payment at the till"),
            )
        self.table.resizeRowsToContents()
        self._show_checks(plan.check)
        self._count()
        self.previewed.emit(plan)

    def _row(
        self,
        line: str,
        time: str,
        amount: str,
        reference: str,
        what: str,
        tone: QBrush | None = None,
    ) -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        for column, text in enumerate((line, time, amount, reference, what)):
            item = QTableWidgetItem(text)
            if column in (LINE, AMOUNT):
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if tone is not None:
                item.setBackground(tone)
            self.table.setItem(row, column, item)
        return row

    def _chooser(self, line: int, options: tuple[AwaitingPayment, ...]) -> QComboBox:
        chooser = QComboBox()
        chooser.setObjectName(f"settlementPick{line}")
        chooser.setAccessibleName(_("Payment of report line {line}").format(line=line))
        chooser.addItem(
            ngettext(
                "Which sale? Pick one of {count}",
                "Which sale? Pick one of {count}",
                len(options),
            ).format(count=len(options)),
            None,
        )
        for payment in options:
            if payment.status == "confirmed":
                text = _("{number}  {time}  {cashier}  (already confirmed)")
            else:
                text = _("{number}  {time}  {cashier}")
            chooser.addItem(
                text.format(
                    number=payment.sale_number,
                    time=local_time(payment.sold_at),
                    cashier=payment.cashier or _("Owner"),
                ),
                payment.id if payment.status != "confirmed" else None,
            )
        chooser.currentIndexChanged.connect(lambda _i: self._count())
        self.choosers[line] = chooser
        return chooser

    def _show_checks(self, check: list[AwaitingPayment]) -> None:
        self.check_label.setVisible(bool(check))
        self.check_table.setVisible(bool(check))
        dialogs.show_message(
            self.check_label,
            ngettext(
                "Check this: {count} QRIS payment confirmed at the till is not in the report. "
                "A customer's screenshot is no proof: look in your QRIS app before the money "
                "is taken as received.",
                "Check these: {count} QRIS payments confirmed at the till are not in the "
                "report. A customer's screenshot is no proof: look in your QRIS app before the "
                "money is taken as received.",
                len(check),
            ).format(count=len(check)),
            "warn",
        )
        self.check_table.setRowCount(len(check))
        for row, payment in enumerate(check):
            texts = (
                payment.sale_number,
                local_time(payment.sold_at),
                self._money(payment.amount),
                payment.cashier or _("Owner"),
            )
            for column, text in enumerate(texts):
                item = QTableWidgetItem(text)
                item.setBackground(_WARN)
                self.check_table.setItem(row, column, item)
        self.check_table.resizeRowsToContents()
        rows_height = sum(self.check_table.rowHeight(r) for r in range(min(len(check), 4)))
        frame = self.check_table.frameWidth() * 2
        header = self.check_table.horizontalHeader().sizeHint().height()
        self.check_table.setFixedHeight(header + rows_height + frame)

    def _count(self) -> None:
        plan = self.plan
        if plan is None:
            return
        if not plan.ready:
            self.summary.setText(
                ngettext(
                    "{count} problem (in red). Fix the file or choose its columns, and try "
                    "again: nothing is confirmed while any line is wrong.",
                    "{count} problems (in red). Fix the file or choose its columns, and try "
                    "again: nothing is confirmed while any line is wrong.",
                    len(plan.problems),
                ).format(count=len(plan.problems))
            )
            self.confirm_button.setEnabled(False)
            return
        count = len(plan.confirm) + len(self.picks())
        waiting = len(plan.ambiguous) - len(self.picks())
        self.summary.setText(
            _(
                "Rows read: {rows} (passed over: {skipped}). To confirm: {count}. "
                "To pick: {waiting}. Already confirmed: {verified}. "
                "Not from the till: {unknown}."
            ).format(
                rows=plan.rows,
                skipped=plan.skipped,
                count=count,
                waiting=waiting,
                verified=len(plan.verified),
                unknown=len(plan.unknown),
            )
        )
        self.confirm_button.setText(
            ngettext("&Confirm {count} payment", "&Confirm {count} payments", count).format(
                count=count
            )
        )
        self.confirm_button.setEnabled(count > 0)

    def _confirmed(self, summary: SettlementSummary) -> None:
        self.result_summary = summary
        for chooser in self.choosers.values():
            chooser.setEnabled(False)
        self.map_button.setEnabled(False)
        lines = [
            ngettext(
                "{count} payment confirmed from the report.",
                "{count} payments confirmed from the report.",
                len(summary.confirmed),
            ).format(count=len(summary.confirmed))
        ]
        if summary.already:
            lines.append(
                _("Confirmed meanwhile, left as they were: {sales}").format(
                    sales=", ".join(summary.already)
                )
            )
        self.summary.setText("\n".join(lines))
        self.close_button.setText(_("Close"))
        self.confirmed.emit(summary)

    def _failed(self, message: str) -> None:
        self.summary.setText(message)
        self.confirm_button.setEnabled(False)

    def _close(self) -> None:
        if self.result_summary is not None:
            self.accept()
        else:
            self.reject()

    def done(self, result: int) -> None:
        """Close only once no read or confirmation is running."""
        self.jobs.wait()
        super().done(result)

