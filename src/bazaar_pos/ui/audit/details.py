"""An audit entry's details as a person reads them: translated names, money as money."""

from __future__ import annotations

import json
from collections.abc import Callable

from bazaar_pos.domain.access import Permission, describe, role_label
from bazaar_pos.domain.stock import StockReason, reason_label
from bazaar_pos.i18n import LANGUAGES, N_, _
from bazaar_pos.services.people.audit_log import AuditEntry
from bazaar_pos.services.reports.queries import channel_label
from bazaar_pos.ui.common.formatting import MoneyText, method_label

CHANGES = "new"
"""The key under which a change keeps the new values; the old ones sit beside it."""
LONGEST = 40
"""Characters of one value shown in the table; the tooltip has them all."""

DETAIL_LABELS = {
    # sales, payments and prices
    "number": N_("Number"),
    "sale": N_("Sale"),
    "deposit": N_("Down payment"),
    "outcome": N_("Down payment refunded or kept"),
    "total": N_("Total"),
    "amount": N_("Amount"),
    "payment": N_("Payment no."),
    "method": N_("Payment method"),
    "channel": N_("Channel"),
    "was": N_("Before"),
    "source": N_("Confirmed from"),
    "kind": N_("Import"),
    "mapping": N_("Columns"),
    "discount": N_("Discount"),
    "largest_percent": N_("Largest discount (%)"),
    "limit_percent": N_("Limit (%)"),
    "catalogue_price": N_("Catalogue price"),
    "sold_price": N_("Price sold at"),
    "old_price": N_("Old price"),
    "new_price": N_("New price"),
    "reason": N_("Reason"),
    "note": N_("Note"),
    # a sale's customer and kasbon
    "customer": N_("Customer"),
    "customer_group": N_("Customer group"),
    "member_saving": N_("Saved by group prices"),
    "on_account": N_("On kasbon"),
    "charge": N_("Kasbon"),
    "limit": N_("Credit limit"),
    "over_by": N_("Above the limit by"),
    "owed_before": N_("Owed before"),
    "credit_limit": N_("Credit limit"),
    "credit_limit_before": N_("Credit limit before"),
    "group": N_("Customer group"),
    "discount_bp": N_("Group discount (1/100 %)"),
    "product": N_("Product"),
    "price": N_("Price"),
    # products and stock
    "sku": N_("SKU"),
    "name": N_("Name"),
    "options": N_("Options"),
    "count": N_("Products"),
    "quantity": N_("Quantity"),
    "stock_after": N_("Stock after"),
    "movement": N_("Stock movement"),
    "created": N_("Added"),
    "updated": N_("Changed"),
    "stock_set": N_("Stock set"),
    # counts of cash and stock, events and consignment
    "float": N_("Float"),
    "expected": N_("Expected"),
    "counted": N_("Counted"),
    "difference": N_("Difference"),
    "variances": N_("Differences"),
    "owed": N_("Owed to the maker"),
    "booth_fee": N_("Booth fee"),
    "other_costs": N_("Other costs"),
    # people and approvals
    "role": N_("Role"),
    "owner": N_("Owner"),
    "permissions": N_("For"),
    "approved_by": N_("Approved by"),
    "seconds": N_("Locked for (seconds)"),
    "lockouts": N_("Lockouts"),
    "failed_in_a_row": N_("Wrong PINs in a row"),
    # till bundles
    "files": N_("Files"),
    "sales_added": N_("Sales added"),
    "movements_added": N_("Stock movements added"),
    "products_created": N_("Products added"),
    "renamed_accepted": N_("Same SKU, another name, merged"),
    "record": N_("Hub record"),
    "superseded": N_("The edit replaced"),
    "records_added": N_("Customers, kasbon, orders, mappings and returns added"),
    "kept": N_("Kept"),
    "other": N_("Not kept"),
    "here": N_("On this till"),
    "order": N_("Order"),
    # settings
    "shop_name": N_("Shop name"),
    "address": N_("Address"),
    "phone": N_("Phone"),
    "currency_code": N_("Currency"),
    "money_locale": N_("Money format"),
    "language": N_("Language"),
    "tax_enabled": N_("PPN charged"),
    "tax_rate": N_("PPN rate (%)"),
    "tax_base_fraction": N_("Part of the price taxed"),
    "tax_inclusive": N_("Prices include the tax"),
    "cash_rounding_step": N_("Cash rounding"),
    "cash_rounding_mode": N_("Cash rounding direction"),
    "oversell": N_("Selling beyond stock"),
    "online_buffer": N_("Kept back from online shops"),
    "qris_payload": N_("QRIS"),
    "till_id": N_("Till"),
    "till_code": N_("Till code"),
    "backup_keep": N_("Backups kept"),
    "backup_folder": N_("Second backup folder"),
    "location_warning_seen": N_("Location warning seen"),
    "setup_done": N_("Setup done"),
    "scale_codes": N_("Label scale barcodes"),
    "discount_limit_percent": N_("Largest discount a cashier may give"),
    "lock_after_minutes": N_("Lock the till after minutes idle"),
    "kasbon_due_days": N_("Kasbon due after (days)"),
    "order_deposit_percent": N_("Down payment on pre-orders (%)"),
    "reminder_template": N_("Kasbon reminder text"),
    # a log entry whose details were not JSON
    "text": N_("Details"),
    "value": N_("Details"),
}
"""The readable name of every detail the services record (tests check that none is missing).

Details are shown in this order; the log stores them sorted by key.
"""

MONEY_KEYS = frozenset(
    {
        "total",
        "member_saving",
        "on_account",
        "charge",
        "limit",
        "over_by",
        "owed_before",
        "credit_limit",
        "credit_limit_before",
        "price",
        "amount",
        "float",
        "expected",
        "difference",
        "discount",
        "catalogue_price",
        "sold_price",
        "old_price",
        "new_price",
        "booth_fee",
        "other_costs",
        "owed",
        "deposit",
        "cash_rounding_step",
    }
)
"""Details that are amounts of money, written as money."""
MONEY_IN = {"counted": frozenset({"shift.closed"})}
"""Details that are money only in some actions: a stock count's "counted" is a number."""

HIDDEN = frozenset({"movement"})
"""Details kept for the record but meaningless to read (a movement's UUID): tooltip only."""
STOCK_ACTIONS = frozenset({"stock.adjusted"})
"""Actions whose "reason" is a stock reason code rather than words someone typed."""
_ORDER = {key: position for position, key in enumerate(DETAIL_LABELS)}
_PERMISSION_CODES = frozenset(permission.value for permission in Permission)
_VALUE_LABELS: dict[str, Callable[[str], str]] = {
    "role": role_label,
    "method": method_label,
    "channel": channel_label,
    "language": LANGUAGES.__getitem__,
}


def detail_label(key: str) -> str:
    """The translated name of a detail (the stored key when it is not known)."""
    label = DETAIL_LABELS.get(key)
    return _(label) if label else key


def details_text(entry: AuditEntry, money: MoneyText) -> str:
    """The details of an entry on one line: ``Number: A-000003, Total: Rp95.000``.

    A change (old values beside the new ones under ``new``) reads
    ``Shop name: Toko Lama → Toko Baru``.
    """
    details = entry.details
    changes = details.get(CHANGES)
    changed = changes if isinstance(changes, dict) else {}
    parts = []
    for key, new in changed.items():
        old = value_text(entry.action, key, details.get(key), money)
        parts.append(f"{detail_label(key)}: {old} → {value_text(entry.action, key, new, money)}")
    for key in sorted(details, key=lambda key: _ORDER.get(key, len(_ORDER))):
        if key in changed or key in HIDDEN or (key == CHANGES and changed):
            continue
        parts.append(f"{detail_label(key)}: {value_text(entry.action, key, details[key], money)}")
    return ", ".join(parts)


def value_text(action: str, key: str, value: object, money: MoneyText) -> str:
    """One detail's value: money, yes/no, a translated code, a list, shortened if long."""
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, int) and (key in MONEY_KEYS or action in MONEY_IN.get(key, ())):
        return money(value)
    if value is None or value == "":
        return "—"
    if key == "reason" and action in STOCK_ACTIONS and isinstance(value, str):
        return _translated(lambda code: reason_label(StockReason(code)), value)
    if key in _VALUE_LABELS and isinstance(value, str):
        return _shortened(_translated(_VALUE_LABELS[key], value))
    if key == "permissions" and isinstance(value, list):
        return describe({Permission(p) for p in value if p in _PERMISSION_CODES})
    if key == "options" and isinstance(value, list):
        return "; ".join(f"{axis}: {', '.join(values)}" for axis, values in value)
    if isinstance(value, list):
        return _shortened(", ".join(str(item) for item in value))
    if isinstance(value, str | int):
        return _shortened(str(value))
    return _shortened(json.dumps(value, ensure_ascii=False))


def _translated(label: Callable[[str], str], code: str) -> str:
    try:
        return label(code)
    except (KeyError, ValueError):
        return code


def _shortened(text: str) -> str:
    return text if len(text) <= LONGEST else text[: LONGEST - 1] + "…"
