"""Stock reserved for pre-orders: the catalogue lines of orders still waiting for their pickup."""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bazaar_pos.store.models import CustomerOrder, CustomerOrderLine

WAITING = ("open", "ready")
"""The statuses of an order whose goods are kept for the customer."""


def reserved_for_orders(
    session: Session, product_ids: Collection[int] | None = None
) -> dict[int, int]:
    """Thousandths of each product on open or ready orders (all products when ``None``).

    Lines made to order name no product and reserve nothing.
    """
    query = (
        select(CustomerOrderLine.product_id, func.sum(CustomerOrderLine.quantity_milli))
        .join(CustomerOrder, CustomerOrder.id == CustomerOrderLine.order_id)
        .where(CustomerOrder.status.in_(WAITING), CustomerOrderLine.product_id.is_not(None))
        .group_by(CustomerOrderLine.product_id)
    )
    if product_ids is not None:
        if not product_ids:
            return {}
        query = query.where(CustomerOrderLine.product_id.in_(list(product_ids)))
    return {int(pid or 0): int(milli or 0) for pid, milli in session.execute(query)}
