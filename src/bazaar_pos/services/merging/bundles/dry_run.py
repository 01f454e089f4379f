"""A dry run of a bundle import, said for a person: what merging would add and leave out."""

from __future__ import annotations

from bazaar_pos.i18n import N_, _
from bazaar_pos.services.merging.bundles.service import BundleImportSummary

_KINDS = (
    ("customer_group", N_("Customer groups")),
    ("customer", N_("Customers")),
    ("customer_group_price", N_("Group prices")),
    ("account_entry", N_("Kasbon entries")),
    ("customer_order", N_("Pre-orders")),
    ("marketplace_sku", N_("Marketplace mappings")),
    ("marketplace_return", N_("Marketplace returns")),
)
"""The kinds of linked records a bundle carries, in the order a check lists them."""


def describe_check(summary: BundleImportSummary) -> list[str]:
    """What a dry run found importing would do: one line per kind of record, then problems.

    A kind of linked record the bundles hold none of (every kind, in a version 1
    bundle) gets no line.
    """
    lines = [
        _("Only checked: nothing was written. Importing would do this:"),
        _("Sales: {new} new, {known} already here.").format(
            new=summary.sales_added, known=summary.sales_known
        ),
        _("Stock movements: {new} new, {known} already here.").format(
            new=summary.movements_added, known=summary.movements_known
        ),
    ]
    for kind, label in _KINDS:
        total = summary.linked_total.get(kind, 0)
        if not total:
            continue
        new = summary.linked.get(kind, 0)
        held = summary.linked_held.get(kind, 0)
        lines.append(
            _(
                "{kind}: {new} new or changed, {known} already here or clashing, {held} left out."
            ).format(kind=_(label), new=new, known=max(total - new - held, 0), held=held)
        )
    if summary.products_created:
        lines.append(
            _("Products new to this shop, to be added as archived: {skus}").format(
                skus=", ".join(summary.products_created)
            )
        )
    lines.extend(summary.clashes)
    if summary.left_out:
        lines.append(
            _("Left out until the bundle that has what they need is imported: {why}.").format(
                why="; ".join(summary.left_out)
            )
        )
    return lines
