"""The audit log viewer: filter by date, user and action; export what is shown to CSV."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from bazaar_pos.domain.access import Permission
from bazaar_pos.errors import UserError
from bazaar_pos.i18n import _, ngettext
from bazaar_pos.services.people.access import Approval
from bazaar_pos.services.people.audit_log import SHOWN_AT_MOST, AuditFilter
from bazaar_pos.services.selling.sales_history import local_days
from bazaar_pos.services.shop import Shop
from bazaar_pos.ui.access.approval import Approvals
from bazaar_pos.ui.audit.labels import action_label, actor_label
from bazaar_pos.ui.audit.model import AuditTableModel
from bazaar_pos.ui.common import dialogs
from bazaar_pos.ui.common.dialogs import show_message
from bazaar_pos.ui.common.formatting import money_text
from bazaar_pos.ui.common.jobs import Jobs
from bazaar_pos.ui.shortcuts import bind
from bazaar_pos.ui.widgets.fields import date_edit, picked_day
from bazaar_pos.ui.widgets.tables import list_table

DEFAULT_DAYS = 7
ABOUT, ABOUT_AT_MOST = 3, 36
"""The "About" column, and its widest in characters: the details need the room."""


class AuditDialog(QDialog):
    """What was done at the till, by whom and when; the owner's (or with their approval)."""

    NEEDS = (Permission.VIEW_AUDIT,)

    def __init__(self, shop: Shop, approvals: Approvals, parent: QWidget | None = None) -> None:
        """Read the audit log of ``shop``."""
        super().__init__(parent)
        self.setObjectName("auditDialog")
        self.setAccessibleName(_("Audit log"))
        self.setWindowTitle(_("Audit log"))
        self.resize(1200, 680)
        self._shop = shop
        self._approvals = approvals
        self._approval: Approval | None = None
        self.background = Jobs(self)
        today = date.today()
        self.date_from = date_edit("auditFrom", _("From"), today - timedelta(days=DEFAULT_DAYS))
        self.date_to = date_edit("auditTo", _("To"), today)
        self.user = QComboBox()
        self.user.setObjectName("auditUser")
        self.user.setAccessibleName(_("User"))
        self.action = QComboBox()
        self.action.setObjectName("auditAction")
        self.action.setAccessibleName(_("Action"))
        self.action.setMinimumWidth(240)
        for day_field in (self.date_from, self.date_to):
            day_field.dateChanged.connect(lambda _d: self.reload())
        for combo in (self.user, self.action):
            combo.currentIndexChanged.connect(lambda _i: self.reload())
        self.model = AuditTableModel(money_text(shop.settings.load()))
        self.table = list_table(
            "auditTable", _("Audit events"), self.model, single=False, alternating=True
        )
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setSectionResizeMode(
            ABOUT, QHeaderView.ResizeMode.Interactive
        )
        self.count = QLabel()
        self.count.setObjectName("auditCount")
        self.message = QLabel()
        self.message.setObjectName("historyMessage")
        self.message.setWordWrap(True)
        self.export_button = QPushButton(_("Export CSV...  Ctrl+E"))
        self.export_button.setObjectName("exportAudit")
        self.export_button.setAccessibleName(_("Export CSV"))
        self.export_button.clicked.connect(self.export)
        bind("audit.export", self, self.export)
        close = QPushButton(_("Close  Esc"))
        close.setObjectName("closeAudit")
        close.clicked.connect(self.reject)
        filters = QHBoxLayout()
        fields: tuple[tuple[str, QWidget], ...] = (
            (_("&From"), self.date_from),
            (_("&To"), self.date_to),
            (_("&User"), self.user),
            (_("&Action"), self.action),
        )
        for caption, widget in fields:
            label = QLabel(caption)
            label.setBuddy(widget)
            label.setMinimumWidth(label.sizeHint().width() + 8)
            filters.addWidget(label)
            filters.addWidget(widget)
            filters.addSpacing(12)
        filters.addStretch(1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count)
        bottom.addWidget(self.message, 1)
        bottom.addWidget(self.export_button)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)

    def start(self, approval: Approval | None) -> None:
        """Show the log with ``approval`` (None for an owner): fill the filters, then the rows."""
        self._approval = approval
        for combo, values, everyone, label in (
            (self.user, self._shop.audit.actors(approval=approval), _("Everyone"), actor_label),
            (
                self.action,
                self._shop.audit.actions(approval=approval),
                _("Every action"),
                action_label,
            ),
        ):
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(everyone, None)
            for value in values:
                combo.addItem(label(value), value)
            combo.blockSignals(False)
        self.reload()
        self.table.setFocus()

    def where(self) -> AuditFilter:
        """The filter as chosen."""
        first, last = picked_day(self.date_from), picked_day(self.date_to)
        start, end = local_days(min(first, last), max(first, last))
        return AuditFilter(start, end, self.user.currentData(), self.action.currentData())

    def reload(self) -> None:
        """Find the events matching the filters."""
        try:
            entries = self._shop.audit.find(self.where(), approval=self._approval)
        except UserError as exc:
            self.model.set_entries([])
            show_message(self.message, exc.message, "error")
            return
        self.model.set_entries(entries)
        self._fit_about()
        text = ngettext("{count} event", "{count} events", len(entries)).format(count=len(entries))
        if len(entries) >= SHOWN_AT_MOST:
            text = _("The newest {count} events; narrow the dates to see older ones.").format(
                count=len(entries)
            )
        self.count.setText(text)
        show_message(self.message, "")

    def export(self) -> None:
        """Ctrl+E: write the events matching the filters to a CSV file, off the GUI thread."""
        granted = self._approvals.granted(
            Permission.VIEW_AUDIT,
            Permission.EXPORT,
            tell=lambda message: show_message(self.message, message, "error"),
        )
        if granted is None:
            return
        path = self.ask_path(self, _("audit-log-{day}.csv").format(day=date.today().isoformat()))
        if path is None:
            return
        where = self.where()
        show_message(self.message, _("Saving…"))
        self.background.run(
            lambda: self._shop.audit.export_csv(path, where, approval=granted.approval),
            lambda count: show_message(
                self.message,
                ngettext(
                    "Exported {count} event to {file}.", "Exported {count} events to {file}.", count
                ).format(count=count, file=path),
            ),
            lambda message: show_message(self.message, message, "error"),
        )

    def _fit_about(self) -> None:
        """Fit "About" to its texts, but never so wide that the details are pushed out."""
        self.table.resizeColumnToContents(ABOUT)
        widest = self.table.fontMetrics().averageCharWidth() * ABOUT_AT_MOST
        self.table.setColumnWidth(ABOUT, min(self.table.columnWidth(ABOUT), widest))

    @staticmethod
    def ask_path(parent: QWidget, suggested: str) -> Path | None:
        """Where to save the CSV (tests replace this)."""
        return dialogs.save_file(
            parent,
            _("Export the audit log"),
            suggested,
            _("CSV files (*.csv)"),
            kind=dialogs.FileKind.DOCUMENT,
        )
