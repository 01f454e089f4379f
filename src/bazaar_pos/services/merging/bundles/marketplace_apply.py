"""Applying other tills' marketplace SKU mappings and return confirmations here.

A code mapped on another till is known here. The same code mapped to two
products on two tills is a clash: the mapping made first is kept on every till
and the clash is reported (audit log and the merge's summary). A return
confirmed on one till is received everywhere, so it is never confirmed (nor
refunded) twice; its refund travels on its own, once, by its UUID.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from bazaar_pos.i18n import _
from bazaar_pos.services.merging.bundles.merge_context import MergeContext, columns
from bazaar_pos.services.merging.bundles.records import _parse_time
from bazaar_pos.store.models import (
    MarketplaceReturn,
    MarketplaceSku,
    Product,
    Refund,
    Sale,
    SaleLine,
)

WAITING = "waiting"


def apply_mapping(ctx: MergeContext, data: dict[str, Any]) -> None:
    """A remembered code: new here, moved to another product on its till, or a clash."""
    product = ctx.product_id(data.get("product"), data.get("sku"))
    if product is None:
        ctx.hold(data, _("its product is not here yet"))
        return
    session = ctx.session
    row = session.scalar(select(MarketplaceSku).where(MarketplaceSku.uuid == data["uuid"]))
    if row is not None:  # the same mapping, changed on its till: it follows
        if row.product_id != product:
            row.product_id = product
            ctx.merged.counts["marketplace_sku"] += 1
        return
    row = session.scalar(select(MarketplaceSku).where(MarketplaceSku.code == data["code"]))
    if row is None:
        session.add(MarketplaceSku(**columns(MarketplaceSku, data), product_id=product))
        session.flush()
        ctx.merged.counts["marketplace_sku"] += 1
        return
    if row.product_id == product:
        return
    theirs = (_parse_time(data["created_at"]), data["uuid"])
    first_here = (row.created_at, row.uuid) <= theirs
    kept, other = (row.product_id, product) if first_here else (product, row.product_id)
    rows = session.execute(select(Product.id, Product.sku).where(Product.id.in_([kept, other])))
    skus = {product_id: sku for product_id, sku in rows}
    if not first_here:
        row.uuid, row.created_at, row.product_id = data["uuid"], theirs[0], product
    ctx.audit(
        "mapping_clash",
        "marketplace_sku",
        data["code"],
        {"kept": skus[kept], "other": skus[other]},
    )
    ctx.merged.clashes.append(
        _("{code}: mapped to {kept} and to {other}; {kept} was kept").format(
            code=data["code"], kept=skus[kept], other=skus[other]
        )
    )
    session.flush()


def apply_return(ctx: MergeContext, data: dict[str, Any]) -> None:
    """A return waiting for its parcel, or confirmed (or voided) on its till: so here too."""
    session = ctx.session
    row = session.scalar(select(MarketplaceReturn).where(MarketplaceReturn.uuid == data["uuid"]))
    refund = ctx.id_of(Refund, data.get("refund"))
    if row is None:
        line = session.execute(
            select(SaleLine.sale_id, SaleLine.id)
            .join(Sale, Sale.id == SaleLine.sale_id)
            .where(Sale.uuid == data.get("sale"), SaleLine.position == data.get("position"))
        ).first()
        if line is None:
            ctx.hold(data, _("its sale is not here yet"))
            return
        values = columns(MarketplaceReturn, data)
        session.add(
            MarketplaceReturn(**values, sale_id=line[0], sale_line_id=line[1], refund_id=refund)
        )
        session.flush()
        ctx.merged.counts["marketplace_return"] += 1
        return
    if row.refund_id is None and refund is not None:
        row.refund_id = refund
    refunded_twice = refund is not None and row.refund_id not in (None, refund)
    if (data["status"] == row.status and not refunded_twice) or data["status"] == WAITING:
        session.flush()
        return  # nothing new, or an older version: a confirmation is never undone
    if row.status != WAITING:  # confirmed on two tills while apart
        ctx.audit(
            "return_clash",
            "marketplace_return",
            row.uuid,
            {"here": row.status, "other": data["status"], "order": row.order_id},
        )
        ctx.merged.clashes.append(
            _("Return of order {order} was marked {here} here and {other} on another till").format(
                order=row.order_id, here=row.status, other=data["status"]
            )
        )
        return
    row.status = data["status"]
    row.confirmed_by = data["confirmed_by"]
    row.confirmed_at = _parse_time(data["confirmed_at"]) if data.get("confirmed_at") else None
    session.flush()
    ctx.merged.counts["marketplace_return"] += 1
