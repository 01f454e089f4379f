"""Marketplace SKUs the shop does not use, mapped once to the shop's products and remembered."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from bazaar_pos.domain.text import header_key
from bazaar_pos.exports.csv_io import csv_records
from bazaar_pos.exports.order_files import OrderLine
from bazaar_pos.i18n import _
from bazaar_pos.store.database import Database
from bazaar_pos.store.models import MarketplaceSku, Product

MARKETPLACE_COLUMNS = ("marketplace_sku", "marketplace sku", "sku marketplace", "kode marketplace")
SHOP_COLUMNS = ("sku", "shop_sku", "shop sku", "sku toko")


def line_code(line: OrderLine) -> str:
    """What a marketplace line is known by: its SKU, or its product name and variation."""
    if line.sku:
        return line.sku
    return f"{line.name} / {line.variation}" if line.variation else line.name


@dataclass(frozen=True, slots=True)
class MapFile:
    """A mapping file read: marketplace code (folded) -> the shop's product, and its problems."""

    products: dict[str, Product]
    problems: list[str]


def read_map_file(path: Path, find: Callable[[str], Product | None]) -> MapFile:
    """Read a CSV of marketplace SKU -> shop SKU; each shop SKU must be one of the shop's."""
    products: dict[str, Product] = {}
    problems: list[str] = []
    records = csv_records(path)
    header: list[str] = []
    for number, cells in records:
        if not header:
            header = [header_key(c) for c in cells]
            found = [
                next((header.index(n) for n in names if n in header), None)
                for names in (MARKETPLACE_COLUMNS, SHOP_COLUMNS)
            ]
            if None in found:
                problems.append(
                    _("{path}: the mapping file needs the columns marketplace_sku and sku.").format(
                        path=path
                    )
                )
                break
            code_at, sku_at = (int(i) for i in found if i is not None)
            continue
        code = cells[code_at].strip() if code_at < len(cells) else ""
        sku = cells[sku_at].strip() if sku_at < len(cells) else ""
        if not code or not sku:
            problems.append(
                _("{path}, line {line}: both the marketplace SKU and the SKU are needed.").format(
                    path=path, line=number
                )
            )
            continue
        product = find(sku)
        if product is None:
            problems.append(
                _("{path}, line {line}: no product has SKU or barcode {code!r}.").format(
                    path=path, line=number, code=sku
                )
            )
            continue
        products[header_key(code)] = product
    return MapFile(products, problems)


def remembered(session: Session) -> dict[str, Product]:
    """The mappings kept from earlier imports: folded marketplace code -> product."""
    return {m.code: m.product for m in session.scalars(select(MarketplaceSku))}


def remember(db: Database, mappings: dict[str, Product]) -> int:
    """Keep ``mappings`` for the next imports (a code mapped again takes the new product)."""
    if not mappings:
        return 0
    with db.writing() as session:
        kept = {m.code: m for m in session.scalars(select(MarketplaceSku))}
        for code, product in mappings.items():
            if code in kept:
                kept[code].product_id = product.id
            else:
                session.add(MarketplaceSku(code=code, product_id=product.id))
    return len(mappings)
