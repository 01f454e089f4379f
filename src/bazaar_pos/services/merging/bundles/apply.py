"""Applying other tills' sales and stock movements here: the one code bundles and the hub share."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bazaar_pos.domain.quantity import unit_of
from bazaar_pos.domain.stock import StockReason
from bazaar_pos.services.merging.bundles.clashes import CHUNK
from bazaar_pos.services.merging.bundles.records import _parse_time, _sale_row
from bazaar_pos.services.stock.consignment.service import record_consignors
from bazaar_pos.services.stock.ledger import record_movement
from bazaar_pos.store.models import Product


def products_by_sku(session: Session, skus: Iterable[str]) -> dict[str, Product]:
    """The products this database has with ``skus``, by SKU."""
    ordered = sorted(skus)
    found: dict[str, Product] = {}
    for first in range(0, len(ordered), CHUNK):
        query = select(Product).where(Product.sku.in_(ordered[first : first + CHUNK]))
        found.update((product.sku, product) for product in session.scalars(query))
    return found


def products_for(
    session: Session, skus: set[str], descriptions: dict[str, dict[str, Any]]
) -> tuple[dict[str, Product], list[str]]:
    """The products with ``skus``, creating archived stubs for those this database lacks."""
    products = products_by_sku(session, skus)
    created = sorted(skus - set(products))
    for sku in created:
        described = descriptions.get(sku, {})
        stub = Product(
            sku=sku,
            name=described.get("name") or sku,
            category=described.get("category", ""),
            price_minor=described.get("price", 0),
            cost_minor=described.get("cost", 0),
            unit=unit_of(described.get("unit")).value,
            online_buffer_milli=described.get("online_buffer_milli"),
            stock_milli=0,
            active=False,
        )
        session.add(stub)
        products[sku] = stub
    session.flush()
    return products, created


def skus_used(sales: Iterable[dict[str, Any]], movements: Iterable[dict[str, Any]]) -> set[str]:
    """The SKUs the sale lines and stock movements name."""
    needed = {line["sku"] for sale in sales for line in sale["lines"] if line["product"]}
    return needed | {move["sku"] for move in movements}


def apply_sales(
    session: Session, sales: list[dict[str, Any]], products: dict[str, Product]
) -> None:
    """Add the sale records (new here, checked by the caller) with their lines and payments."""
    rows = [_sale_row(sale, products) for sale in sales]
    session.add_all(rows)
    if rows:
        session.flush()
        # A record names no consignors: a line is the maker's whose product it is here.
        record_consignors(session.connection(), [row.id for row in rows])


def apply_movements(
    session: Session, movements: list[dict[str, Any]], products: dict[str, Product]
) -> None:
    """Add the stock movement records (new here); each product's stock stays its ledger's sum."""
    for move in movements:
        movement = record_movement(
            session,
            products[move["sku"]],
            move["quantity_milli"],
            StockReason(move["reason"]),
            till_id=move["till_id"],
            reference=move["reference"],
            note=move["note"],
            unit_cost=move["unit_cost"],
            at=_parse_time(move["created_at"]),
        )
        movement.uuid = move["uuid"]
