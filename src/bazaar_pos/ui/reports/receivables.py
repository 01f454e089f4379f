"""The Reports screen's kasbon tab: what customers owe today, split by age, and the total."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from bazaar_pos.domain.formats import Formats
from bazaar_pos.domain.receivables import BUCKET_LABELS, AgeBucket, balance_text
from bazaar_pos.i18n import _, ngettext
from bazaar_pos.services.customers.views import Receivable
from bazaar_pos.ui.reports.models import ColumnSpec, RowsModel
from bazaar_pos.ui.reports.parts import label, table


@dataclass(frozen=True, slots=True)
class AgedRow:
    """One customer's row, or the totals."""

    name: str
    owed: int
    customer_id: int | None = None
    buckets: dict[AgeBucket, int] = field(default_factory=dict)
    overdue: int = 0
    oldest_due: date | None = None

    @classmethod
    def of(cls, receivable: Receivable) -> AgedRow:
        """The row of one customer with a balance."""
        return cls(
            receivable.customer.name,
            receivable.customer.owed,
            receivable.customer.id,
            dict(receivable.buckets),
            receivable.overdue,
            receivable.next_due,
        )


def totals_of(rows: Sequence[AgedRow]) -> AgedRow:
    """What is owed together, by age; credits are not debts and stay out of the total."""
    buckets = {b: sum(r.buckets.get(b, 0) for r in rows) for b in AgeBucket}
    owed = sum(r.owed for r in rows if r.owed > 0)
    return AgedRow(_("Total"), owed, None, buckets, sum(r.overdue for r in rows))


def aged_columns(fmt: Formats) -> list[ColumnSpec]:
    """Customer, what they owe (or their credit), each age bucket, overdue, oldest due date."""
    columns = [
        ColumnSpec(_("Customer"), lambda r: r.name, numeric=False),
        ColumnSpec(_("Owed"), lambda r: balance_text(r.owed, fmt.money)),
    ]
    columns += [ColumnSpec(_(BUCKET_LABELS[b]), _bucket_value(fmt, b)) for b in AgeBucket]
    columns += [
        ColumnSpec(_("Overdue"), lambda r: fmt.money(r.overdue)),
        ColumnSpec(
            _("Oldest due"), lambda r: fmt.date(r.oldest_due) if r.oldest_due else ""
        ),
    ]
    return columns


def _bucket_value(fmt: Formats, bucket: AgeBucket) -> Callable[[AgedRow], str]:
    return lambda row: fmt.money(row.buckets.get(bucket, 0))


class ReceivablesPage(QWidget):
    """The kasbon tab: a sentence with the total owed over a table of customers by age.

    Signals:
        statementAsked(int, str): the customer (id, name) whose statement PDF to save.
    """

    statementAsked = Signal(int, str)

    def __init__(self, fmt: Formats) -> None:
        """An empty page until ``show_receivables`` fills it."""
        super().__init__()
        self._fmt = fmt
        self.setObjectName("receivablesTab")
        self.setAccessibleName(_("Kasbon"))
        self.summary = QLabel("")
        self.summary.setObjectName("receivablesSummary")
        self.summary.setWordWrap(True)
        self.model = RowsModel(aged_columns(fmt))
        self.view = table("receivablesTable", _("What customers owe, by age"), self.model)
        self.view.selectionModel().currentRowChanged.connect(self._row_changed)
        self.view.activated.connect(lambda _index: self.ask_statement())
        self.statement_button = QPushButton(_("Kas&bon statement PDF…"))
        self.statement_button.setObjectName("statementButton")
        self.statement_button.setToolTip(
            _("The chosen customer's kasbon entries and balance, to hand or send to them")
        )
        self.statement_button.setEnabled(False)
        self.statement_button.clicked.connect(self.ask_statement)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.statement_button)
        note = label(
            _(
                "Today, whatever period is chosen. Age is counted from the day of each kasbon "
                "sale; money paid back settles the oldest kasbon first. Export > Kasbon "
                "receivables writes this list with phone numbers (the owner approves)."
            ),
            "screenNote",
            wrap=True,
        )
        box = QVBoxLayout(self)
        box.addLayout(top)
        box.addWidget(self.view, 1)
        box.addWidget(note)

    def chosen(self) -> AgedRow | None:
        """The customer row the cursor is on (not the totals)."""
        index = self.view.currentIndex()
        row = self.model.row_object(index.row()) if index.isValid() else None
        return row if isinstance(row, AgedRow) and row.customer_id is not None else None

    def ask_statement(self) -> None:
        """Ask for the chosen customer's statement (the button, Enter or a double-click)."""
        row = self.chosen()
        if row is not None and row.customer_id is not None:
            self.statementAsked.emit(row.customer_id, row.name)

    def _row_changed(self) -> None:
        self.statement_button.setEnabled(self.chosen() is not None)

    def show_receivables(self, found: Sequence[Receivable], today: date) -> None:
        """Show every customer with a balance on ``today``, most owed first, and the totals."""
        fmt = self._fmt
        rows = [AgedRow.of(r) for r in found]
        totals = totals_of(rows)
        self.model.set_rows(rows, totals if rows else None)
        self._row_changed()
        if not rows:
            self.summary.setText(_("No customer owes anything."))
            return
        debtors = sum(1 for r in rows if r.owed > 0)
        text = ngettext(
            "On {day}, {count} customer owes {amount}, of which {overdue} is overdue.",
            "On {day}, {count} customers owe {amount}, of which {overdue} is overdue.",
            debtors,
        ).format(
            day=fmt.date(today),
            count=fmt.count(debtors),
            amount=fmt.money(totals.owed),
            overdue=fmt.money(totals.overdue),
        )
        credits = -sum(r.owed for r in rows if r.owed < 0)
        if credits:
            text += " " + _("The shop holds {amount} in credit for customers.").format(
                amount=fmt.money(credits)
            )
        self.summary.setText(text)
