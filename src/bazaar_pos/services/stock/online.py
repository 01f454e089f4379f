"""The stock to publish on the marketplaces: on hand, less what is set aside and a buffer."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from bazaar_pos.domain.quantity import PER_UNIT, Unit, quantity_decimal, unit_of, whole
from bazaar_pos.exports.csv_io import write_csv
from bazaar_pos.exports.xlsx_io import write_xlsx
from bazaar_pos.i18n import _
from bazaar_pos.services.stock.reserved import reserved_for_orders
from bazaar_pos.store.models import ParkedCart, Product

ONLINE_COLUMNS = ("sku", "name", "stock", "unit", "on_hand", "reserved", "buffer")
"""The online stock file: SKU, name and the stock to publish first, then how it was worked out."""


@dataclass(frozen=True, slots=True)
class OnlineStockRow:
    """One product's stock to publish online, in thousandths of its unit."""

    sku: str
    name: str
    unit: Unit
    on_hand: int
    reserved: int
    """In carts parked for customers and on pre-orders waiting for their pickup."""
    buffer: int
    """Kept back from the marketplaces: the product's own buffer, else the shop's setting."""

    @property
    def online(self) -> int:
        """On hand less reserved and the buffer, never below zero; whole pieces for pieces."""
        left = max(self.on_hand - self.reserved - self.buffer, 0)
        return left - left % PER_UNIT if self.unit.counted else left


def online_stock(session: Session, buffer_units: int) -> list[OnlineStockRow]:
    """Every active product holding stock (variants, not their parents), by SKU.

    Goods in parked carts and on open or ready pre-orders are reserved.
    A product's own buffer (``online_buffer_milli``), or else ``buffer_units``
    whole units, is kept back from the marketplaces, so a sale at the stall
    and one online at the same time never sell the last piece twice.
    """
    reserved = _reserved(session.scalars(select(ParkedCart.snapshot)))
    for product_id, milli in reserved_for_orders(session).items():
        reserved[product_id] = reserved.get(product_id, 0) + milli
    products = session.execute(
        select(
            Product.id,
            Product.sku,
            Product.name,
            Product.unit,
            Product.stock_milli,
            Product.online_buffer_milli,
        )
        .where(Product.active, Product.option_axes == "")
        .order_by(Product.sku)
    )
    return [
        OnlineStockRow(
            sku,
            name,
            unit_of(unit),
            stock,
            reserved.get(pid, 0),
            whole(buffer_units) if own is None else own,
        )
        for pid, sku, name, unit, stock, own in products
    ]


def _reserved(snapshots: Iterable[str]) -> dict[int, int]:
    """Thousandths of each product in the parked carts, read from their JSON snapshots."""
    found: dict[int, int] = {}
    for snapshot in snapshots:
        for line in json.loads(snapshot).get("lines", []):
            product_id = line.get("product_id")
            if product_id is None:
                continue
            milli = line.get("quantity_milli", whole(int(line.get("quantity", 0))))
            found[product_id] = found.get(product_id, 0) + int(milli)
    return found


def write_online_stock(path: Path, rows: list[OnlineStockRow]) -> int:
    """Write ``rows`` as CSV or XLSX (by the file's extension); how many were written."""
    values = [
        [
            row.sku,
            row.name,
            quantity_decimal(row.online),
            row.unit.value,
            quantity_decimal(row.on_hand),
            quantity_decimal(row.reserved),
            quantity_decimal(row.buffer),
        ]
        for row in rows
    ]
    if Path(path).suffix.lower() == ".xlsx":
        return write_xlsx(path, ONLINE_COLUMNS, values, title=_("Online stock"))
    return write_csv(path, ONLINE_COLUMNS, values)
