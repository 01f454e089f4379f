"""Applying other tills' pre-orders here, with their lines and down payments.

An order is versioned (its status changes): the later change wins. Its lines
are written when the order first arrives; its payments are only ever added,
each once by its UUID, whichever version brings them.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from bazaar_pos.i18n import _
from bazaar_pos.services.merging.bundles.customer_apply import apply_versioned
from bazaar_pos.services.merging.bundles.merge_context import MergeContext, columns
from bazaar_pos.store.models import (
    CashShift,
    Customer,
    CustomerOrder,
    CustomerOrderLine,
    CustomerOrderPayment,
    Sale,
)


def apply_order(ctx: MergeContext, data: dict[str, Any]) -> None:
    """A pre-order; held while its customer, sale or a product of its lines is not here."""
    customer = ctx.id_of(Customer, data.get("customer"))
    sale = ctx.id_of(Sale, data.get("sale"))
    lines = [
        (line, ctx.product_id(line.get("product"), line.get("product_sku")))
        for line in data["lines"]
    ]
    if (
        customer is None
        or (data.get("sale") and sale is None)
        or any(line.get("product") and product is None for line, product in lines)
    ):
        ctx.hold(data, _("its customer, sale or a product is not here yet"))
        return
    row = ctx.session.scalar(select(CustomerOrder).where(CustomerOrder.uuid == data["uuid"]))
    values = columns(CustomerOrder, data) | {"customer_id": customer, "sale_id": sale}
    new = row is None
    written = apply_versioned(ctx, CustomerOrder, data, row, values)
    if written is not None:
        ctx.merged.counts["customer_order"] += 1
    row = written or row
    assert row is not None
    if new:
        ctx.session.add_all(
            CustomerOrderLine(
                **columns(CustomerOrderLine, line), order_id=row.id, product_id=product
            )
            for line, product in lines
        )
    known = {payment.uuid for payment in row.payments}
    for payment in data["payments"]:
        if payment["uuid"] in known:
            continue
        values = columns(CustomerOrderPayment, payment) | {
            "order_id": row.id,
            "shift_id": ctx.id_of(CashShift, payment.get("shift")),
        }
        ctx.session.add(CustomerOrderPayment(**values))
    ctx.session.flush()
    ctx.session.expire(row, ["payments", "lines"])
