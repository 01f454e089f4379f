"""Stock reserved for pre-orders: the catalogue lines of orders still waiting for their pickup."""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import Connection, func, select
from sqlalchemy.orm import Session

from bazaar_pos.store.models import CustomerOrder, CustomerOrderLine

WAITING = ("open", "ready")
"""The statuses of an order whose goods are kept for the customer."""


_LINES = CustomerOrderLine.core_table()
_ORDERS = CustomerOrder.core_table()


def reserved_for_orders(
    session: Session | Connection, product_ids: Collection[int] | None = None
) -> dict[int, int]:
    """Thousandths of each product on open or ready orders (all products when ``None``).

    Lines made to order name no product and reserve nothing. A Core query: the
    till asks at every scan.
    """
    query = (
        select(_LINES.c.product_id, func.sum(_LINES.c.quantity_milli))
        .join(_ORDERS, _ORDERS.c.id == _LINES.c.order_id)
        .where(_ORDERS.c.status.in_(WAITING), _LINES.c.product_id.is_not(None))
        .group_by(_LINES.c.product_id)
    )
    if product_ids is not None:
        if not product_ids:
            return {}
        query = query.where(_LINES.c.product_id.in_(list(product_ids)))
    return {int(pid or 0): int(milli or 0) for pid, milli in session.execute(query)}
