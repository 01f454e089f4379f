"""Writing an import's checked rows in bulk: new products, changes, stock set through the ledger."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import bindparam, func, insert, select, update
from sqlalchemy.orm import Session

from bazaar_pos.domain.barcodes import DEFAULT_PREFIX
from bazaar_pos.domain.money import MinorUnits
from bazaar_pos.domain.quantity import Unit
from bazaar_pos.domain.stock import StockReason
from bazaar_pos.domain.text import search_key
from bazaar_pos.domain.variants import (
    OptionAxis,
)
from bazaar_pos.services.products.files.reader import ProductRow
from bazaar_pos.services.products.variants import apply_options
from bazaar_pos.services.stock.ledger import BulkMove, record_bulk_movements
from bazaar_pos.services.views import (
    choice_to_json,
)
from bazaar_pos.store.models import Consignor, Product
from bazaar_pos.store.prepared import execute_many, stored_value, values_of
from bazaar_pos.store.types import new_uuids, utcnow


@dataclass(slots=True)
class _Existing:
    """What an import needs to know about a product already in the shop."""

    id: int
    sku: str
    barcode: str | None
    category: str
    stock: int
    cost: MinorUnits
    has_axes: bool
    axes: tuple[OptionAxis, ...]
    one_of_a_kind: bool
    consignor_id: int | None
    unit: Unit = Unit.PCS
    plu: str | None = None
    name: str = ""
    price: MinorUnits = 0


NEW_COLUMNS = (
    "uuid",
    "sku",
    "name",
    "barcode",
    "category",
    "price_minor",
    "cost_minor",
    "stock_milli",
    "active",
    "created_at",
    "updated_at",
    "favourite",
    "search_key",
    "taxable",
    "unit",
    "photo",
    "low_stock_milli",
    "notes",
    "one_of_a_kind",
    "option_axes",
    "option_values",
    "consignor_id",
    "commission_kind",
    "commission_value",
    "plu",
    "online_buffer_milli",
)
"""The columns an import writes for a new product, in the order ``_ImportWriter._new`` gives."""


class _ImportWriter:
    """Writes checked rows in bulk inside the import's transaction."""

    def __init__(
        self,
        session: Session,
        existing: dict[str, _Existing],
        till_id: str,
        code_prefix: int = DEFAULT_PREFIX,
    ) -> None:
        self.session = session
        self.code_prefix = code_prefix
        """The prefix of the internal codes new variants get (one no scale layout takes)."""
        self.existing = existing
        self.till_id = till_id
        self.consignor_ids: dict[str, int] = {}
        self.ids: dict[str, int] = {key: e.id for key, e in existing.items()}

    def resolve_consignors(self, rows: list[ProductRow]) -> int:
        """Find the consignors the file names, adding those the shop does not know yet."""
        names = {r.consignor for r in rows if r.consignor}
        if not names:
            return 0
        known = {c.name.lower(): c.id for c in self.session.scalars(select(Consignor))}
        added = 0
        for name in sorted(names):
            if name.lower() not in known:
                consignor = Consignor(name=name, commission_kind="percent", commission_value=0)
                self.session.add(consignor)
                self.session.flush()
                known[name.lower()] = consignor.id
                added += 1
        self.consignor_ids = known
        return added

    def write_products(self, rows: list[ProductRow]) -> None:
        """Insert the new products and update the others, one statement for many rows."""
        products = Product.core_table()
        now = utcnow()
        stamp = stored_value(self.session, products.c.created_at, now)
        fresh = [r for r in rows if r.sku.lower() not in self.existing]
        if fresh:
            before = self.session.scalar(select(func.max(Product.id))) or 0
            uuids = new_uuids(len(fresh))
            execute_many(
                self.session,
                insert(products).values(values_of(products, NEW_COLUMNS)),
                [self._new(r, uuid, stamp) for r, uuid in zip(fresh, uuids, strict=True)],
                order=[f"v_{c}" for c in NEW_COLUMNS],
            )
            self._learn_ids(fresh, before)
        groups: dict[tuple[str, ...], list[dict[str, object]]] = {}
        for row in rows:
            if row.sku.lower() in self.existing:
                values = self._changed(row, stamp)
                groups.setdefault(tuple(values), []).append(
                    {f"v_{k}": v for k, v in values.items()}
                )
        for columns, params in groups.items():
            changed = [c for c in columns if c != "id"]
            execute_many(
                self.session,
                update(products)
                .where(products.c.id == bindparam("v_id"))
                .values(values_of(products, changed)),
                params,
            )

    def _learn_ids(self, fresh: list[ProductRow], before: int) -> None:
        """The ids the new products got: SQLite numbers rows inserted together in order."""
        last, count = self.session.execute(
            select(func.max(Product.id), func.count(Product.id)).where(Product.id > before)
        ).one()
        if count == len(fresh) and last == before + len(fresh):
            for offset, row in enumerate(fresh, start=before + 1):
                self.ids[row.sku.lower()] = offset
            return
        created = select(Product.id, Product.sku).where(Product.id > before)
        for pid, sku in self.session.execute(created):
            self.ids[sku.lower()] = pid

    def link_variants(self, rows: list[ProductRow]) -> None:
        """Attach variant rows to their parents and give parents their options."""
        variants = [r for r in rows if r.parent_sku]
        parents = [r for r in rows if r.axes]
        if not variants and not parents:
            return
        for row in variants:
            assert row.parent_sku is not None
            variant = self.session.get(Product, self.ids[row.sku.lower()])
            assert variant is not None
            variant.parent_id = self.ids[row.parent_sku.lower()]
            variant.option_values = choice_to_json(row.choice)
        self.session.flush()
        highest = _highest_in_session(self.session, self.code_prefix)
        for row in parents:
            parent = self.session.get(Product, self.ids[row.sku.lower()])
            assert parent is not None
            apply_options(self.session, parent, row.axes, highest, self.code_prefix)
            highest = _highest_in_session(self.session, self.code_prefix)
        for row in variants:  # a variant the file takes off sale stays off, whatever its parent
            if row.active is not None:
                variant = self.session.get(Product, self.ids[row.sku.lower()])
                assert variant is not None
                variant.active = row.active
        self.session.flush()

    def set_stock(self, rows: list[ProductRow], *, reference: str) -> int:
        """Record each row's stock in the ledger; return how many products' stock moved.

        New products were inserted holding their stock, so only their ledger
        rows are written; existing ones move from what they hold now.
        """
        opening: list[BulkMove] = []
        moves: list[BulkMove] = []
        for row in rows:
            if row.stock is None:
                continue
            known = self.existing.get(row.sku.lower())
            if known is None:
                if row.stock:
                    product_id = self.ids[row.sku.lower()]
                    opening.append(
                        BulkMove(product_id, row.stock, StockReason.OPENING, row.cost or 0)
                    )
                continue
            if row.stock == known.stock:
                continue
            reason = StockReason.OPENING if not known.stock else StockReason.COUNT
            cost = known.cost if row.cost is None else row.cost
            moves.append(BulkMove(known.id, row.stock - known.stock, reason, cost))
        record_bulk_movements(
            self.session,
            opening,
            till_id=self.till_id,
            reference=reference,
            move_cached_stock=False,
        )
        record_bulk_movements(self.session, moves, till_id=self.till_id, reference=reference)
        return len(opening) + len(moves)

    def _new(self, row: ProductRow, uuid: str, stamp: object) -> tuple[object, ...]:
        """A new product's values in NEW_COLUMNS order; its stock is the file's from the start."""
        category = row.category or ""
        consignor_id = self.consignor_ids[row.consignor.lower()] if row.consignor else None
        commission = row.commission
        return (
            uuid,
            row.sku,
            row.name,
            row.barcode,
            category,
            row.price,
            row.cost or 0,
            row.stock or 0,
            True if row.active is None else row.active,
            stamp,
            stamp,
            bool(row.favourite),
            search_key(row.name, row.sku, row.barcode, category),
            True if row.taxable is None else row.taxable,
            (row.unit or Unit.PCS).value,
            "",
            row.low_stock,
            row.notes or "",
            bool(row.one_of_a_kind),
            "",
            "",
            consignor_id,
            commission.kind.value if commission else "",
            commission.value if commission else 0,
            row.plu or None,
            row.online_buffer,
        )

    def _changed(self, row: ProductRow, stamp: object) -> dict[str, object]:
        known = self.existing[row.sku.lower()]
        values: dict[str, object] = {
            "id": known.id,
            "name": row.name,
            "price_minor": row.price,
            "updated_at": stamp,
        }
        optional = {
            "cost_minor": row.cost,
            "barcode": row.barcode,
            "category": row.category,
            "unit": None if row.unit is None else row.unit.value,
            "plu": row.plu or None,
            "taxable": row.taxable,
            "low_stock_milli": row.low_stock,
            "online_buffer_milli": row.online_buffer,
            "favourite": row.favourite,
            "active": row.active,
            "one_of_a_kind": row.one_of_a_kind,
            "notes": row.notes,
        }
        values.update({k: v for k, v in optional.items() if v is not None})
        if row.consignor:
            values["consignor_id"] = self.consignor_ids[row.consignor.lower()]
        if row.commission is not None:
            values["commission_kind"] = row.commission.kind.value
            values["commission_value"] = row.commission.value
        barcode = row.barcode if row.barcode is not None else known.barcode
        category = known.category if row.category is None else row.category
        values["search_key"] = search_key(row.name, known.sku, barcode, category)
        return values


def _highest_in_session(session: Session, prefix: int) -> str | None:
    codes = session.scalars(
        select(Product.barcode)
        .where(Product.barcode.like(f"{prefix:02d}" + "_" * 11))
        .order_by(Product.barcode.desc())
    )
    return next((c for c in codes if c and c.isdigit()), None)
