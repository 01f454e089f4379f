"""Applying other tills' customer groups, prices, customers and kasbon entries here.

A customer, group or group price changed on two tills takes the later change
(by when it was made on its till, ``updated_at``), as products do; the values
that lost are written to the audit log. Customers are known only by UUID: two
made apart with the same phone both stay (``check`` and the Customers list
show them), never merged silently. Kasbon entries are only ever added, each
once by its UUID, so a balance is the sum of every till's entries.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from bazaar_pos.i18n import _
from bazaar_pos.services.merging.bundles.clashes import _known
from bazaar_pos.services.merging.bundles.merge_context import MergeContext, columns, differs
from bazaar_pos.services.merging.bundles.records import _parse_time
from bazaar_pos.store.models import (
    AccountEntry,
    CashShift,
    Customer,
    CustomerGroup,
    CustomerGroupPrice,
    Refund,
    Sale,
)


def apply_versioned(
    ctx: MergeContext, model: type[Any], data: dict[str, Any], row: Any, values: dict[str, Any]
) -> Any:
    """Add ``values`` as a new row, or write them over ``row`` when they are the later change.

    Returns the row written, or None when the change here is later (it stays).
    """
    if row is None:
        row = model(**values)
        ctx.session.add(row)
        ctx.session.flush()
        return row
    kind = model.__tablename__
    shown = str(data.get("name") or data.get("number") or data["uuid"])
    if _parse_time(data["updated_at"]) <= row.updated_at:
        if differs(row, values) and _parse_time(data["updated_at"]) < row.updated_at:
            kept = {k: v for k, v in data.items() if k not in ("lines", "payments", "edited_at")}
            ctx.audit("edit_superseded", kind, shown, {"superseded": kept})
            ctx.merged.superseded.append(shown)
        return None
    lost = differs(row, values)
    if lost:
        ctx.audit("edit_superseded", kind, shown, {"superseded": lost})
        ctx.merged.superseded.append(shown)
    for key, value in values.items():
        if key != "uuid":
            setattr(row, key, value)
    ctx.session.flush()
    return row


def _by_uuid(ctx: MergeContext, model: type[Any], uuid: str) -> Any:
    return ctx.session.scalar(select(model).where(model.uuid == uuid))


def apply_group(ctx: MergeContext, data: dict[str, Any]) -> None:
    """A customer group, known by UUID or else by its (unique) name."""
    row = _by_uuid(ctx, CustomerGroup, data["uuid"])
    if row is None:
        row = ctx.session.scalar(select(CustomerGroup).where(CustomerGroup.name == data["name"]))
    elif row.name != data["name"] and ctx.session.scalar(
        select(CustomerGroup.id).where(CustomerGroup.name == data["name"])
    ):  # renamed on its till to the name of another group here
        ctx.hold(data, _("another customer group here is called {name}").format(name=data["name"]))
        return
    values = columns(CustomerGroup, data)
    if row is not None:
        values.pop("uuid")  # one group made on two tills keeps the UUID it has here
    if apply_versioned(ctx, CustomerGroup, data, row, values) is not None:
        ctx.merged.counts["customer_group"] += 1


def group_id(ctx: MergeContext, data: dict[str, Any]) -> int | None:
    """The group a record names, by UUID or else by name; None when it names none or is not here."""
    found = ctx.id_of(CustomerGroup, data.get("group"))
    if found is None and data.get("group_name"):
        found = ctx.session.scalar(
            select(CustomerGroup.id).where(CustomerGroup.name == data["group_name"])
        )
    return found


def apply_customer(ctx: MergeContext, data: dict[str, Any]) -> None:
    """A customer, by UUID only: two customers with one phone stay two."""
    group = group_id(ctx, data)
    if data.get("group") and group is None:
        ctx.hold(data, _("its customer group is not here yet"))
        return
    values = columns(Customer, data) | {"group_id": group}
    row = _by_uuid(ctx, Customer, data["uuid"])
    if apply_versioned(ctx, Customer, data, row, values) is not None:
        ctx.merged.counts["customer"] += 1


def apply_group_price(ctx: MergeContext, data: dict[str, Any]) -> None:
    """A group's own price for a product, by UUID or else by its group and product."""
    group = group_id(ctx, data)
    product = ctx.product_id(data.get("product"), data.get("sku"))
    if group is None or product is None:
        ctx.hold(data, _("its customer group or product is not here yet"))
        return
    row = _by_uuid(ctx, CustomerGroupPrice, data["uuid"])
    if row is None:
        row = ctx.session.scalar(
            select(CustomerGroupPrice).where(
                CustomerGroupPrice.group_id == group, CustomerGroupPrice.product_id == product
            )
        )
    values = columns(CustomerGroupPrice, data) | {"group_id": group, "product_id": product}
    if row is not None:
        values.pop("uuid")
    if apply_versioned(ctx, CustomerGroupPrice, data, row, values) is not None:
        ctx.merged.counts["customer_group_price"] += 1


def apply_entries(ctx: MergeContext, records: list[dict[str, Any]]) -> None:
    """Add the kasbon entries new here (by UUID); one whose customer or sale is missing waits."""
    known = _known(ctx.session, AccountEntry.uuid, [r["uuid"] for r in records])
    for data in records:
        if data["uuid"] in known:
            continue
        customer = ctx.id_of(Customer, data.get("customer"))
        sale = ctx.id_of(Sale, data.get("sale"))
        if customer is None or (data.get("sale") and sale is None):
            ctx.hold(data, _("its customer or sale is not here yet"))
            continue
        values = columns(AccountEntry, data) | {
            "customer_id": customer,
            "sale_id": sale,
            "refund_id": ctx.id_of(Refund, data.get("refund")),
            "shift_id": ctx.id_of(CashShift, data.get("shift")),
        }
        ctx.session.add(AccountEntry(**values))
        known.add(data["uuid"])
        ctx.merged.counts["account_entry"] += 1
    ctx.session.flush()


def link_customers(ctx: MergeContext, sales: list[dict[str, Any]]) -> None:
    """Point sales at the customer their records name, by UUID."""
    for data in sales:
        if not data.get("customer"):
            continue
        sale = _by_uuid(ctx, Sale, data["uuid"])
        if sale is None or sale.customer_id is not None:
            continue
        sale.customer_id = ctx.id_of(Customer, data["customer"])
        if sale.customer_id is None:
            ctx.hold(data, _("its customer is not here yet"))
    ctx.session.flush()
