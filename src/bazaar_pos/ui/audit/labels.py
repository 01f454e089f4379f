"""Readable names for the audit log's users and actions."""

from __future__ import annotations

from bazaar_pos.domain.access import COMMAND_LINE
from bazaar_pos.i18n import N_, _

ACTION_LABELS = {
    "sale.completed": N_("Sale"),
    "sale.refunded": N_("Refund"),
    "sale.voided": N_("Void"),
    "receipt.reprint": N_("Receipt reprinted"),
    "price.override": N_("Price changed at the till"),
    "price.changed": N_("Price changed in the catalogue"),
    "discount.above_limit": N_("Discount above the limit"),
    "kasbon.over_limit": N_("Kasbon above the customer's limit"),
    "customer_group.saved": N_("Customer group saved"),
    "customer_group.price_set": N_("Group price set"),
    "stock.adjusted": N_("Stock adjusted"),
    "products.imported": N_("Products imported"),
    "drawer.opened": N_("Drawer opened without a sale"),
    "settings.changed": N_("Settings changed"),
    "user.added": N_("User added"),
    "user.disabled": N_("User disabled"),
    "user.enabled": N_("User enabled"),
    "user.pin_changed": N_("PIN changed"),
    "user.signed_in": N_("Signed in"),
    "user.signed_out": N_("Signed out"),
    "user.locked": N_("Till locked"),
    "user.sign_in_failed": N_("Wrong PIN at sign-in"),
    "user.locked_out": N_("Locked out after wrong PINs"),
    "approval.granted": N_("Owner approved"),
    "approval.refused": N_("Wrong owner PIN"),
    "shift.opened": N_("Shift opened"),
    "shift.closed": N_("Shift closed"),
    "cash.paid_in": N_("Cash paid in"),
    "cash.paid_out": N_("Cash paid out"),
    "event.created": N_("Event added"),
    "event.changed": N_("Event changed"),
    "event.opened": N_("Selling at an event"),
    "event.closed": N_("Event ended"),
    "product.created": N_("Product added"),
    "product.updated": N_("Product changed"),
    "product.archived": N_("Product archived"),
    "product.restored": N_("Product restored"),
    "product.options": N_("Variants set up"),
    "product.barcodes_assigned": N_("Internal barcodes given"),
    "stock.counted": N_("Stock counted"),
    "consignment.settled": N_("Consignment settled"),
    "order.created": N_("Pre-order taken"),
    "order.deposit": N_("Down payment taken"),
    "order.ready": N_("Order ready"),
    "order.picked_up": N_("Order picked up"),
    "order.cancelled": N_("Order cancelled"),
    "payment.confirmed": N_("Payment confirmed"),
    "payment.not_received": N_("Payment not received"),
    "import.preset_saved": N_("Column mapping saved"),
    "bundle.imported": N_("Tills merged"),
    "hub.edit_superseded": N_("Edit replaced by a later one"),
    "hub.oversold": N_("Sold on two tills at once"),
    "bundle.edit_superseded": N_("Edit replaced by a later one"),
    "hub.mapping_clash": N_("Marketplace code mapped on two tills"),
    "bundle.mapping_clash": N_("Marketplace code mapped on two tills"),
    "hub.return_clash": N_("Return confirmed on two tills"),
    "bundle.return_clash": N_("Return confirmed on two tills"),
}


def action_label(action: str) -> str:
    """The translated name of an action (the stored code when it is not known)."""
    label = ACTION_LABELS.get(action)
    return _(label) if label else action


def actor_label(actor: str) -> str:
    """Who did it: a user's name, the owner of a shop without users, or the command line."""
    if actor == COMMAND_LINE.name:
        return _("Command line")
    return actor or _("Owner")
