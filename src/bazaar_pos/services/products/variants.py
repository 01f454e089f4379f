"""Generating a product's variants from its options, inside the catalogue's transaction."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bazaar_pos.domain.barcodes import DEFAULT_PREFIX, next_internal_ean13
from bazaar_pos.domain.quantity import format_quantity, unit_of
from bazaar_pos.domain.text import search_key
from bazaar_pos.domain.variants import (
    OptionAxis,
    choice_key,
    combinations,
    variant_name,
    variant_sku,
)
from bazaar_pos.errors import ValidationError
from bazaar_pos.i18n import _
from bazaar_pos.services.views import axes_to_json, choice_from_json, choice_to_json
from bazaar_pos.store.models import Product


def apply_options(
    session: Session,
    parent: Product,
    axes: tuple[OptionAxis, ...],
    highest_code: str | None,
    prefix: int = DEFAULT_PREFIX,
) -> None:
    """Store ``axes`` on ``parent``, add the missing variants and archive the dropped ones.

    New variants get the internal codes after ``highest_code``, with ``prefix``.
    """
    _refuse(parent, axes)
    existing = {
        choice_key(choice_from_json(v.option_values)): v
        for v in session.scalars(select(Product).where(Product.parent_id == parent.id))
    }
    wanted = combinations(axes)
    wanted_keys = {choice_key(c) for c in wanted}
    for key, variant in existing.items():
        if key not in wanted_keys:
            variant.active = False
    for choice in wanted:
        kept = existing.get(choice_key(choice))
        if kept is not None:
            kept.active = parent.active
            continue
        highest_code = next_internal_ean13(highest_code, prefix)
        sku = _free_sku(session, variant_sku(parent.sku, choice))
        name = variant_name(parent.name, choice)
        session.add(
            Product(
                sku=sku,
                name=name,
                barcode=highest_code,
                category=parent.category,
                price_minor=parent.price_minor,
                cost_minor=parent.cost_minor,
                stock_milli=0,
                active=parent.active,
                taxable=parent.taxable,
                unit=parent.unit,
                photo=parent.photo,
                low_stock_milli=parent.low_stock_milli,
                consignor_id=parent.consignor_id,
                commission_kind=parent.commission_kind,
                commission_value=parent.commission_value,
                parent_id=parent.id,
                option_values=choice_to_json(choice),
                search_key=search_key(name, sku, highest_code, parent.category),
            )
        )
        session.flush()
    parent.option_axes = axes_to_json(axes)


def _refuse(parent: Product, axes: tuple[OptionAxis, ...]) -> None:
    problems = []
    if parent.parent_id is not None:
        problems.append(_("A variant cannot have variants of its own."))
    if axes and parent.one_of_a_kind:
        problems.append(_("A one-of-a-kind piece cannot have variants."))
    if axes and not parent.option_axes and parent.stock_milli != 0:
        problems.append(
            _(
                "{name} has {count} in stock. Bring its stock to 0 first: "
                "stock is kept on each variant."
            ).format(
                name=parent.name,
                count=format_quantity(parent.stock_milli, unit_of(parent.unit), "en"),
            )
        )
    if problems:
        raise ValidationError(_("The variants cannot be made."), problems)


def _free_sku(session: Session, sku: str) -> str:
    candidate, number = sku[:64], 1
    while (
        session.scalar(select(Product.id).where(func.lower(Product.sku) == candidate.lower()))
        is not None
    ):
        number += 1
        suffix = f"-{number}"
        candidate = sku[: 64 - len(suffix)] + suffix
    return candidate
