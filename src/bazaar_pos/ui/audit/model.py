"""A table model over audit log entries: time, user, action, what, details."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt

from bazaar_pos.i18n import N_, _
from bazaar_pos.services.people.audit_log import AuditEntry
from bazaar_pos.ui.audit.details import details_text
from bazaar_pos.ui.audit.labels import action_label, actor_label
from bazaar_pos.ui.common.formatting import MoneyText, local_time
from bazaar_pos.ui.widgets.table_model import ListTableModel

ENTITY_LABELS = {
    "sale": N_("Sale"),
    "user": N_("User"),
    "shift": N_("Shift"),
    "event": N_("Event"),
    "product": N_("Product"),
    "drawer": N_("Drawer"),
    "settings": N_("Settings"),
    "file": N_("File"),
    "consignment_settlement": N_("Settlement"),
    "bundle": N_("Till bundle"),
    "order": N_("Order"),
}

NAMED_BY_DETAILS = frozenset({"sale", "event", "product", "consignment_settlement", "order"})
"""Things kept by UUID, named instead by the number, name or SKU in the entry's details."""


def about_text(entry: AuditEntry) -> str:
    """What an entry is about, readably: ``Sale A-000003`` rather than the sale's UUID."""
    label = ENTITY_LABELS.get(entry.entity)
    kind = _(label) if label else entry.entity
    name = entry.entity_ref
    if entry.entity in NAMED_BY_DETAILS:
        details = entry.details
        name = str(details.get("number") or details.get("name") or details.get("sku") or name)
    return f"{kind} {name}".strip()


class AuditTableModel(ListTableModel[AuditEntry]):
    """Rows of AuditEntry, newest first as found."""

    def __init__(self, money: MoneyText) -> None:
        """An empty log; amounts are written with ``money``."""
        super().__init__([_("Time"), _("User"), _("Action"), _("About"), _("Details")])
        self._money = money

    def set_entries(self, entries: list[AuditEntry]) -> None:
        """Replace the rows shown."""
        self.set_items(entries)

    def entry(self, row: int) -> AuditEntry:
        """The entry on ``row``."""
        return self.item(row)

    def text(self, item: AuditEntry, row: int, column: int) -> str:
        """Time, user, action, what it was about, and the details."""
        values = (
            local_time(item.created_at),
            actor_label(item.actor),
            action_label(item.action),
            about_text(item),
            details_text(item, self._money),
        )
        return values[column]

    def item_data(self, item: AuditEntry, column: int, role: int) -> object:
        """The full details as a tooltip."""
        if role == Qt.ItemDataRole.ToolTipRole:
            return json.dumps(item.details, indent=2, ensure_ascii=False)
        return None
