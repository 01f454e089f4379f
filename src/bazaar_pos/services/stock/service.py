"""Stock as people work it: receiving, adjusting, counting and valuing goods, over the ledger."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import datetime
from fractions import Fraction
from pathlib import Path

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from bazaar_pos.domain.access import Permission
from bazaar_pos.domain.money import MinorUnits
from bazaar_pos.domain.pricing import round_half_up
from bazaar_pos.domain.quantity import PER_UNIT, Unit, format_quantity, line_amount, unit_of
from bazaar_pos.domain.stock import ADJUSTMENT_REASONS, OUTGOING_ONLY, StockReason, reason_label
from bazaar_pos.errors import NotFoundError, ValidationError
from bazaar_pos.i18n import _
from bazaar_pos.services.audit_writer import record_event
from bazaar_pos.services.people.access import Approval
from bazaar_pos.services.settings import SettingsService
from bazaar_pos.services.stock.ledger import record_movement, refuse_part_of_piece
from bazaar_pos.services.stock.online import online_stock, write_online_stock
from bazaar_pos.services.stock.reserved import reserved_for_orders
from bazaar_pos.services.views import Changes, ProductView
from bazaar_pos.store.database import Database
from bazaar_pos.store.models import Product, Sale, StockMovement
from bazaar_pos.store.types import new_uuid


@dataclass(frozen=True, slots=True)
class MovementView:
    """One stock movement as the history shows it."""

    created_at: datetime
    quantity_milli: int
    reason: StockReason
    reference: str
    note: str
    unit_cost: MinorUnits | None = None
    balance: int = 0
    """The stock on hand just after this movement, in thousandths like the quantity."""
    document: str = ""
    """What the reference points at, in words: ``A-000012`` for a sale."""
    unit: Unit = Unit.PCS

    @property
    def reason_text(self) -> str:
        """The reason in words."""
        return reason_label(self.reason)


@dataclass(frozen=True, slots=True)
class CountLine:
    """A product on a count sheet with the stock the ledger expects."""

    product_id: int
    sku: str
    name: str
    category: str
    expected: int
    """The stock the ledger expects, in thousandths of ``unit``."""
    cost: MinorUnits
    unit: Unit = Unit.PCS


@dataclass(frozen=True, slots=True)
class Variance:
    """A counted product whose count differs from the ledger."""

    product_id: int
    sku: str
    name: str
    expected: int
    counted: int
    """Thousandths of ``unit``, like ``expected``."""
    cost: MinorUnits
    unit: Unit = Unit.PCS

    @property
    def difference(self) -> int:
        """Counted minus expected: negative when goods are missing."""
        return self.counted - self.expected

    @property
    def value(self) -> MinorUnits:
        """The difference valued at cost (per unit), rounded once."""
        return line_amount(self.difference, self.cost)


@dataclass(frozen=True, slots=True)
class CountResult:
    """A stock count applied to the ledger."""

    reference: str
    counted: int
    variances: tuple[Variance, ...]
    changes: Changes

    @property
    def value(self) -> MinorUnits:
        """The net value of the variances at cost."""
        return sum(v.value for v in self.variances)


@dataclass(frozen=True, slots=True)
class CategoryValue:
    """What the goods of one category in stock are worth."""

    category: str
    units: int
    """Pieces in stock; goods kept by weight or length count in the value, not here."""
    cost: MinorUnits
    retail: MinorUnits


@dataclass(frozen=True, slots=True)
class StockValue:
    """The stock the shop owns at cost and at selling price; consigned goods apart."""

    units: int
    cost: MinorUnits
    retail: MinorUnits
    consigned_units: int
    consigned_retail: MinorUnits
    categories: tuple[CategoryValue, ...]


class StockService:
    """Receiving, adjusting, counting and reading the stock of products."""

    def __init__(self, db: Database, settings: SettingsService) -> None:
        """Serve the stock of ``db``; movements carry this till's id."""
        self._db = db
        self._settings = settings

    def receive(
        self,
        product_id: int,
        quantity_milli: int,
        *,
        unit_cost: MinorUnits | None = None,
        note: str = "",
    ) -> int:
        """Add received goods (thousandths of the unit) and return the stock on hand after it.

        With a unit cost, the product's cost becomes the average of the stock
        already there and the goods received.
        """
        quantity = quantity_milli
        if quantity <= 0:
            raise ValidationError(_("The received quantity must be more than zero."))
        if unit_cost is not None and unit_cost < 0:
            raise ValidationError(_("The cost cannot be negative."))
        till_id = self._settings.load().till_id
        with self._db.writing() as session:
            product = _get(session, product_id)
            if product.one_of_a_kind and product.stock_milli + quantity > PER_UNIT:
                raise ValidationError(
                    _("{name} is one of a kind: there can be only one in stock.").format(
                        name=product.name
                    )
                )
            if unit_cost is not None:
                product.cost_minor = _average_cost(product, quantity, unit_cost)
            record_movement(
                session,
                product,
                quantity,
                StockReason.RECEIVE,
                till_id=till_id,
                note=note.strip(),
                unit_cost=unit_cost,
            )
            return product.stock_milli

    def adjust(
        self,
        product_id: int,
        quantity_milli: int,
        *,
        note: str = "",
        reason: StockReason = StockReason.ADJUST,
        approval: Approval | None = None,
    ) -> int:
        """Correct stock up or down (thousandths) with a reason; return the stock after it.

        ``reason`` is one of damaged, lost, gift (these only take stock away)
        or correction; a plain adjustment needs a note saying why. An owner's
        job, written to the audit log; a cashier needs an owner's ``approval``.
        """
        quantity = quantity_milli
        if quantity == 0:
            raise ValidationError(_("An adjustment must change the stock."))
        if reason not in (StockReason.ADJUST, *ADJUSTMENT_REASONS):
            raise ValidationError(
                _("{reason} is not a reason to adjust stock.").format(reason=reason_label(reason))
            )
        if reason in OUTGOING_ONLY and quantity > 0:
            raise ValidationError(
                _("{reason} can only take stock away.").format(reason=reason_label(reason))
            )
        if reason is StockReason.ADJUST and not note.strip():
            raise ValidationError(_("Say why the stock changes."))
        till_id = self._settings.load().till_id
        access = self._settings.access
        with (
            access.permit(Permission.ADJUST_STOCK, approval=approval) as grant,
            self._db.writing() as session,
        ):
            product = _get(session, product_id)
            movement = record_movement(
                session, product, quantity, reason, till_id=till_id, note=note.strip()
            )
            session.flush()
            record_event(
                session,
                "stock.adjusted",
                actor=grant.actor.name,
                entity="product",
                entity_ref=product.sku,
                details={
                    "movement": movement.uuid,
                    "reason": reason.value,
                    "quantity": format_quantity(quantity, unit_of(product.unit), "en"),
                    "stock_after": format_quantity(
                        product.stock_milli, unit_of(product.unit), "en"
                    ),
                    "note": note.strip(),
                }
                | grant.details(),
            )
            return product.stock_milli

    def history(self, product_id: int, *, limit: int | None = None) -> list[MovementView]:
        """The product's movements, newest first, each with the stock just after it."""
        with self._db.reading() as session:
            product = _get(session, product_id)
            query = (
                select(StockMovement)
                .where(StockMovement.product_id == product_id)
                .order_by(StockMovement.created_at.desc(), StockMovement.id.desc())
                .limit(limit)
            )
            movements = list(session.scalars(query))
            sale_ids = [m.reference[5:] for m in movements if m.reference.startswith("sale:")]
            numbers: dict[str, str] = {}
            for start in range(0, len(sale_ids), 500):
                chunk = sale_ids[start : start + 500]
                rows = session.execute(select(Sale.uuid, Sale.number).where(Sale.uuid.in_(chunk)))
                numbers.update({uuid: number for uuid, number in rows})
            balance = product.stock_milli
            views = []
            for m in movements:
                document = m.reference
                if m.reference.startswith("sale:"):
                    document = numbers.get(m.reference[5:], m.reference)
                views.append(
                    MovementView(
                        m.created_at,
                        m.quantity_milli,
                        StockReason(m.reason),
                        m.reference,
                        m.note,
                        m.unit_cost_minor,
                        balance,
                        document,
                        unit_of(product.unit),
                    )
                )
                balance -= m.quantity_milli
            return views

    def count_sheet(self, category: str | None = None) -> list[CountLine]:
        """Every active product that holds stock (of ``category``, if given), by name."""
        query = (
            select(
                Product.id,
                Product.sku,
                Product.name,
                Product.category,
                Product.stock_milli,
                Product.cost_minor,
                Product.unit,
            )
            .where(Product.active, Product.option_axes == "")
            .order_by(Product.name, Product.id)
        )
        if category is not None:
            query = query.where(Product.category == category)
        with self._db.reading() as session:
            return [
                CountLine(*row[:6], unit=unit_of(row.unit)) for row in session.execute(query)
            ]

    def variances(self, counts: Mapping[int, int]) -> list[Variance]:
        """The counted products whose count differs from the stock on hand now, by name."""
        _check_counts(counts)
        with self._db.reading() as session:
            return _variances(session, counts)

    def apply_count(
        self, counts: Mapping[int, int], *, note: str = "", approval: Approval | None = None
    ) -> CountResult:
        """Bring every counted product's stock to its count, in one transaction.

        Products not in ``counts`` are left as they are. Each difference is a
        ledger row with the reason "count" and the count's reference. Applying
        a count adjusts stock: a cashier needs an owner's ``approval``.
        """
        _check_counts(counts)
        till_id = self._settings.load().till_id
        reference = f"count:{new_uuid()}"
        access = self._settings.access
        with (
            access.permit(Permission.ADJUST_STOCK, approval=approval) as grant,
            self._db.writing() as session,
        ):
            found = _variances(session, counts)
            products = {
                p.id: p
                for p in session.scalars(
                    select(Product).where(Product.id.in_([v.product_id for v in found]))
                )
            }
            for variance in found:
                record_movement(
                    session,
                    products[variance.product_id],
                    variance.difference,
                    StockReason.COUNT,
                    till_id=till_id,
                    reference=reference,
                    note=note.strip(),
                    unit_cost=variance.cost,
                )
            record_event(
                session,
                "stock.counted",
                actor=grant.actor.name,
                entity="count",
                entity_ref=reference,
                details={"counted": len(counts), "variances": len(found)} | grant.details(),
            )
            session.flush()
        return CountResult(
            reference, len(counts), tuple(found), Changes(stock=True, products=bool(found))
        )

    def export_online(self, path: Path, *, buffer: int | None = None) -> int:
        """Write the stock to publish on the marketplaces to ``path`` (CSV or XLSX).

        Each product's stock less what sits in parked carts, what is reserved
        for pre-orders, and ``buffer``
        whole units (the shop's setting when None), never below zero. Returns
        how many products were written.
        """
        kept_back = self._settings.load().online_buffer if buffer is None else buffer
        if kept_back < 0:
            raise ValidationError(_("The stock kept back from online shops cannot be negative."))
        with self._db.reading() as session:
            rows = online_stock(session, kept_back)
        return write_online_stock(path, rows)

    def reserved(self, product_ids: Collection[int] | None = None) -> dict[int, int]:
        """Thousandths of each product reserved for pre-orders waiting for their pickup."""
        with self._db.reading_rows() as connection:
            return reserved_for_orders(connection, product_ids)

    def low_stock(self, *, limit: int = 1000) -> list[ProductView]:
        """Active products at or below their low-stock level, the emptiest first."""
        with self._db.reading() as session:
            query = (
                select(Product)
                .where(
                    Product.active,
                    Product.low_stock_milli.is_not(None),
                    Product.stock_milli <= Product.low_stock_milli,
                    Product.option_axes == "",
                )
                .order_by(Product.stock_milli - Product.low_stock_milli, Product.name)
                .limit(limit)
            )
            return [ProductView.of(p) for p in session.scalars(query)]

    def value(self, *, approval: Approval | None = None) -> StockValue:
        """The positive stock on hand at cost and at price, by category; consigned goods apart.

        It shows what the goods cost, so a cashier needs an owner's ``approval``;
        an approval to look lasts its few minutes, for every call made with it.
        """
        owned = Product.consignor_id.is_(None)
        milli = case((Product.stock_milli > 0, Product.stock_milli), else_=0)
        pieces = case((Product.unit == Unit.PCS.value, milli), else_=0)
        query = (
            select(
                Product.category,
                owned,
                func.sum(pieces),
                func.sum(milli * Product.cost_minor),
                func.sum(milli * Product.price_minor),
            )
            .where(Product.stock_milli > 0)
            .group_by(Product.category, owned)
            .order_by(Product.category)
        )
        categories: list[CategoryValue] = []
        consigned_units = consigned_retail = 0
        with (
            self._settings.access.permit(Permission.VIEW_COST, approval=approval),
            self._db.reading() as session,
        ):
            for category, is_owned, pieces_milli, cost_milli, retail_milli in session.execute(
                query
            ):
                count = pieces_milli // PER_UNIT
                cost, retail = line_amount(cost_milli, 1), line_amount(retail_milli, 1)
                if is_owned:
                    categories.append(CategoryValue(category, count, cost, retail))
                else:
                    consigned_units += count
                    consigned_retail += retail
        return StockValue(
            units=sum(c.units for c in categories),
            cost=sum(c.cost for c in categories),
            retail=sum(c.retail for c in categories),
            consigned_units=consigned_units,
            consigned_retail=consigned_retail,
            categories=tuple(categories),
        )


def _get(session: Session, product_id: int) -> Product:
    product = session.get(Product, product_id)
    if product is None:
        raise NotFoundError(_("No product with id {id}.").format(id=product_id))
    return product


def _average_cost(product: Product, quantity: int, unit_cost: MinorUnits) -> MinorUnits:
    on_hand = max(product.stock_milli, 0)
    if on_hand == 0:
        return unit_cost
    total = Fraction(on_hand * product.cost_minor + quantity * unit_cost, on_hand + quantity)
    return round_half_up(total)


def _check_counts(counts: Mapping[int, int]) -> None:
    if not counts:
        raise ValidationError(_("Nothing was counted."))
    if any(c < 0 for c in counts.values()):
        raise ValidationError(_("A count cannot be negative."))


def _variances(session: Session, counts: Mapping[int, int]) -> list[Variance]:
    found: list[Variance] = []
    seen: set[int] = set()
    ids = list(counts)
    for start in range(0, len(ids), 500):
        rows = session.execute(
            select(
                Product.id,
                Product.sku,
                Product.name,
                Product.stock_milli,
                Product.cost_minor,
                Product.option_axes,
                Product.unit,
            ).where(Product.id.in_(ids[start : start + 500]))
        )
        for product_id, sku, name, expected, cost, axes, unit in rows:
            seen.add(product_id)
            if axes:
                raise ValidationError(
                    _("Count the variants of {name}, not the product itself.").format(name=name)
                )
            if counts[product_id] != expected:
                refuse_part_of_piece(name, unit, counts[product_id])
                found.append(
                    Variance(
                        product_id, sku, name, expected, counts[product_id], cost, unit_of(unit)
                    )
                )
    missing = set(ids) - seen
    if missing:
        raise NotFoundError(_("No product with id {id}.").format(id=min(missing)))
    return sorted(found, key=lambda v: (v.name, v.product_id))
