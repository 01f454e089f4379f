"""The order customers, kasbon, pre-orders, mappings and returns are applied in."""

from __future__ import annotations

from typing import Any

from bazaar_pos.services.merging.bundles.customer_apply import (
    apply_customer,
    apply_entries,
    apply_group,
    apply_group_price,
)
from bazaar_pos.services.merging.bundles.marketplace_apply import apply_mapping, apply_return
from bazaar_pos.services.merging.bundles.merge_context import MergeContext
from bazaar_pos.services.merging.bundles.order_apply import apply_order

Records = dict[str, list[dict[str, Any]]]
"""Records by kind, each kind's in the order they were made."""


def apply_before_sales(ctx: MergeContext, records: Records) -> None:
    """Groups, customers and group prices: what sales name (products must be applied first)."""
    for data in records.get("customer_group", []):
        apply_group(ctx, data)
    for data in records.get("customer", []):
        apply_customer(ctx, data)
    for data in records.get("customer_group_price", []):
        apply_group_price(ctx, data)


def apply_after_sales(ctx: MergeContext, records: Records) -> None:
    """Kasbon entries, pre-orders, mappings and returns: they name sales and refunds."""
    apply_entries(ctx, records.get("account_entry", []))
    for data in records.get("customer_order", []):
        apply_order(ctx, data)
    for data in records.get("marketplace_sku", []):
        apply_mapping(ctx, data)
    for data in records.get("marketplace_return", []):
        apply_return(ctx, data)
