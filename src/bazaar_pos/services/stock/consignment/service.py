"""Consignment ("titip jual"): other makers' goods, what sold, and settling up with them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, bindparam, case, func, select, update
from sqlalchemy.orm import Session

from bazaar_pos.domain.quantity import PER_UNIT, unit_of
from bazaar_pos.domain.stock import StockReason
from bazaar_pos.errors import NotFoundError, ValidationError
from bazaar_pos.i18n import _
from bazaar_pos.services.audit_writer import record_event
from bazaar_pos.services.settings import SettingsService
from bazaar_pos.services.stock.consignment.views import (
    NO_COMMISSION,
    ConsignorDraft,
    ConsignorView,
    SettlementLine,
    SettlementView,
)
from bazaar_pos.services.stock.ledger import record_movement
from bazaar_pos.services.views import ProductView, commission_of
from bazaar_pos.store.database import Database
from bazaar_pos.store.models import (
    ConsignmentSettlement,
    ConsignmentSettlementLine,
    Consignor,
    Product,
    RefundLine,
    Sale,
    SaleLine,
)
from bazaar_pos.store.prepared import Prepared


class ConsignmentService:
    """Consignors, their goods in and out, and settlements for what sold."""

    def __init__(self, db: Database, settings: SettingsService) -> None:
        """Serve the consignment records of ``db``."""
        self._db = db
        self._settings = settings

    # Consignors

    def consignors(self, *, include_inactive: bool = False) -> list[ConsignorView]:
        """Every consignor, by name."""
        query = select(Consignor).order_by(Consignor.name)
        if not include_inactive:
            query = query.where(Consignor.active)
        with self._db.reading() as session:
            return [ConsignorView.of(c) for c in session.scalars(query)]

    def get_consignor(self, consignor_id: int) -> ConsignorView:
        """The consignor with ``consignor_id``, or NotFoundError."""
        with self._db.reading() as session:
            return ConsignorView.of(_consignor(session, consignor_id))

    def add_consignor(self, draft: ConsignorDraft) -> ConsignorView:
        """Add a maker who leaves goods to sell."""
        return self._save(None, draft)

    def update_consignor(self, consignor_id: int, draft: ConsignorDraft) -> ConsignorView:
        """Change a consignor's details (their products keep their own commission)."""
        return self._save(consignor_id, draft)

    def products_of(self, consignor_id: int) -> list[ProductView]:
        """The consignor's products, active or not, by name."""
        with self._db.reading() as session:
            query = (
                select(Product)
                .where(Product.consignor_id == consignor_id, Product.option_axes == "")
                .order_by(Product.name, Product.id)
            )
            return [ProductView.of(p) for p in session.scalars(query)]

    # Goods in and out

    def receive(self, product_id: int, quantity_milli: int, *, note: str = "") -> int:
        """Goods a consignor brings: into stock, owned by the maker. Returns the stock after."""
        if quantity_milli <= 0:
            raise ValidationError(_("The received quantity must be more than zero."))
        return self._move(product_id, quantity_milli, StockReason.CONSIGN_IN, note)

    def return_goods(self, product_id: int, quantity_milli: int, *, note: str = "") -> int:
        """Unsold goods handed back to their consignor. Returns the stock after."""
        if quantity_milli <= 0:
            raise ValidationError(_("The returned quantity must be more than zero."))
        return self._move(product_id, -quantity_milli, StockReason.CONSIGN_RETURN, note)

    # Settlements

    def statement(self, consignor_id: int, start: datetime, end: datetime) -> SettlementView:
        """What sold of the consignor's goods from ``start`` up to ``end``, not settled yet."""
        _check_period(start, end)
        with self._db.reading() as session:
            consignor = ConsignorView.of(_consignor(session, consignor_id))
            lines = _unsettled_lines(session, consignor, start, end)
        return SettlementView(consignor, start, end, tuple(lines))

    def settle(
        self, consignor_id: int, start: datetime, end: datetime, *, note: str = ""
    ) -> SettlementView:
        """Mark what the statement for the period lists as paid to the maker.

        Writes a numbered settlement and its lines; sales are never changed.
        A sale line is settled at most once, so periods may overlap safely.
        """
        _check_period(start, end)
        shop = self._settings.load()
        with self._db.writing() as session:
            consignor = ConsignorView.of(_consignor(session, consignor_id))
            lines = _unsettled_lines(session, consignor, start, end)
            if not lines:
                raise ValidationError(
                    _("Nothing of {name} sold in this period is left to settle.").format(
                        name=consignor.name
                    )
                )
            count = session.scalar(
                select(func.count(ConsignmentSettlement.id)).where(
                    ConsignmentSettlement.till_id == shop.till_id
                )
            )
            view = SettlementView(consignor, start, end, tuple(lines))
            settlement = ConsignmentSettlement(
                number=f"TJ-{shop.till_code}-{(count or 0) + 1:04d}",
                till_id=shop.till_id,
                consignor_id=consignor.id,
                period_start=start,
                period_end=end,
                items=view.items,
                sales_minor=view.sales,
                commission_minor=view.commission,
                owed_minor=view.owed,
                note=note.strip(),
            )
            session.add(settlement)
            session.flush()
            session.add_all(
                ConsignmentSettlementLine(
                    settlement_id=settlement.id,
                    sale_line_id=line.sale_line_id,
                    quantity_milli=line.quantity_milli,
                    amount_minor=line.amount,
                    commission_minor=line.commission,
                    owed_minor=line.owed,
                )
                for line in lines
            )
            record_event(
                session,
                "consignment.settled",
                entity="consignment_settlement",
                entity_ref=settlement.uuid,
                details={"number": settlement.number, "owed": settlement.owed_minor},
            )
            session.flush()
            return _settlement_view(session, settlement, consignor, with_lines=True)

    def settlements(self, consignor_id: int | None = None) -> list[SettlementView]:
        """Settlements made, newest first, with their totals (not their lines)."""
        query = select(ConsignmentSettlement).order_by(
            ConsignmentSettlement.created_at.desc(), ConsignmentSettlement.id.desc()
        )
        if consignor_id is not None:
            query = query.where(ConsignmentSettlement.consignor_id == consignor_id)
        with self._db.reading() as session:
            consignors: dict[int, ConsignorView] = {}
            views = []
            for settlement in session.scalars(query):
                if settlement.consignor_id not in consignors:
                    consignors[settlement.consignor_id] = ConsignorView.of(
                        _consignor(session, settlement.consignor_id)
                    )
                consignor = consignors[settlement.consignor_id]
                views.append(_settlement_view(session, settlement, consignor, with_lines=False))
            return views

    def get_settlement(self, settlement_id: int) -> SettlementView:
        """A settlement with its lines."""
        with self._db.reading() as session:
            settlement = session.get(ConsignmentSettlement, settlement_id)
            if settlement is None:
                raise NotFoundError(_("No settlement with id {id}.").format(id=settlement_id))
            consignor = ConsignorView.of(_consignor(session, settlement.consignor_id))
            return _settlement_view(session, settlement, consignor, with_lines=True)

    def owed(self, start: datetime, end: datetime) -> list[SettlementView]:
        """For reports: each consignor with unsettled sales in the period and what is owed."""
        return [
            statement
            for statement in (
                self.statement(c.id, start, end) for c in self.consignors(include_inactive=True)
            )
            if statement.lines
        ]

    def write_slip(self, settlement: SettlementView, path: Path) -> Path:
        """Write the "nota titip jual" PDF for a statement or a settlement; return its path."""
        from bazaar_pos.services.stock.consignment.slip import write_slip

        return write_slip(settlement, self._settings.load(), path)

    # Helpers

    def _save(self, consignor_id: int | None, draft: ConsignorDraft) -> ConsignorView:
        name = " ".join(draft.name.split())
        problems = []
        if not name:
            problems.append(_("The name is empty."))
        elif len(name) > 100:
            problems.append(_("The name is longer than 100 characters."))
        if len(draft.phone.strip()) > 50:
            problems.append(_("The phone number is longer than 50 characters."))
        if problems:
            raise ValidationError(_("The consignor cannot be saved."), problems)
        with self._db.writing() as session:
            same = session.scalar(
                select(Consignor.id).where(func.lower(Consignor.name) == name.lower())
            )
            if same is not None and same != consignor_id:
                raise ValidationError(
                    _("The consignor cannot be saved."),
                    [_("There is already a consignor called {name}.").format(name=name)],
                )
            if consignor_id is None:
                consignor = Consignor()
                session.add(consignor)
            else:
                consignor = _consignor(session, consignor_id)
            consignor.name = name
            consignor.phone = draft.phone.strip()
            consignor.notes = draft.notes.strip()
            consignor.commission_kind = draft.commission.kind.value
            consignor.commission_value = draft.commission.value
            consignor.active = draft.active
            session.flush()
            return ConsignorView.of(consignor)

    def _move(self, product_id: int, quantity: int, reason: StockReason, note: str) -> int:
        till_id = self._settings.load().till_id
        with self._db.writing() as session:
            product = session.get(Product, product_id)
            if product is None:
                raise NotFoundError(_("No product with id {id}.").format(id=product_id))
            if product.consignor_id is None:
                raise ValidationError(
                    _("{name} has no consignor: receive it as the shop's own stock.").format(
                        name=product.name
                    )
                )
            if product.one_of_a_kind and product.stock_milli + quantity > PER_UNIT:
                raise ValidationError(
                    _("{name} is one of a kind: there can be only one in stock.").format(
                        name=product.name
                    )
                )
            record_movement(
                session,
                product,
                quantity,
                reason,
                till_id=till_id,
                reference=f"consignor:{product.consignor_id}",
                note=note.strip(),
            )
            return product.stock_milli


def record_consignors(connection: Connection, sale_ids: list[int]) -> None:
    """Stamp the consigned lines of new sales with their consignor and the shop's commission.

    Called as sales are written, so a line stays its maker's, at the
    commission of the day, even after the product changes hands or terms.
    One prepared query per run of consecutive sale ids (a sale at the till, a
    batch of imported sales): a shop that consigns nothing pays next to nothing.
    """
    for first, last in _runs(sorted(set(sale_ids))):
        rows = _CONSIGNED_LINES.execute(connection, (first, last)).fetchall()
        if rows:
            _stamp(connection, rows)


_LINES = SaleLine.core_table()
_PRODUCTS = Product.core_table()
_MAKERS = Consignor.core_table()
_CONSIGNED_LINES = Prepared(
    select(
        _LINES.c.id,
        _LINES.c.quantity_milli,
        _LINES.c.line_total_minor,
        _PRODUCTS.c.consignor_id,
        _PRODUCTS.c.commission_kind,
        _PRODUCTS.c.commission_value,
        _MAKERS.c.commission_kind,
        _MAKERS.c.commission_value,
    )
    .join(_PRODUCTS, _PRODUCTS.c.id == _LINES.c.product_id)
    .join(_MAKERS, _MAKERS.c.id == _PRODUCTS.c.consignor_id)
    .where(_LINES.c.sale_id.between(bindparam("v_first"), bindparam("v_last"))),
    ("v_first", "v_last"),
)
"""The consigned lines of the sales with ids from ``v_first`` to ``v_last``, with their terms."""


def _runs(ids: list[int]) -> list[tuple[int, int]]:
    """Sorted ids as runs of consecutive ids, each (first, last)."""
    runs: list[tuple[int, int]] = []
    for sale_id in ids:
        if runs and runs[-1][1] == sale_id - 1:
            runs[-1] = (runs[-1][0], sale_id)
        else:
            runs.append((sale_id, sale_id))
    return runs


def _stamp(connection: Connection, rows: Sequence[Sequence[Any]]) -> None:
    stamps = []
    for line_id, quantity, amount, consignor, kind, value, usual_kind, usual_value in rows:
        commission = (
            commission_of(kind, value) or commission_of(usual_kind, usual_value) or NO_COMMISSION
        )
        stamps.append(
            {"line": line_id, "consignor": consignor, "commission": commission.of(amount, quantity)}
        )
    connection.execute(
        update(_LINES)
        .where(_LINES.c.id == bindparam("line"))
        .values(consignor_id=bindparam("consignor"), commission_minor=bindparam("commission")),
        stamps,
    )


def _consignor(session: Session, consignor_id: int) -> Consignor:
    consignor = session.get(Consignor, consignor_id)
    if consignor is None:
        raise NotFoundError(_("No consignor with id {id}.").format(id=consignor_id))
    return consignor


def _check_period(start: datetime, end: datetime) -> None:
    if start.tzinfo is None or end.tzinfo is None:
        raise ValueError("a period is given in aware datetimes")
    if end <= start:
        raise ValidationError(_("The period ends before it starts."))


def _unsettled_lines(
    session: Session, consignor: ConsignorView, start: datetime, end: datetime
) -> list[SettlementLine]:
    """The consignor's lines sold in the period and not settled, less what went back since.

    A line is the maker's it was when sold, at the commission worked out then;
    refunds and voids recorded so far take their items, money and share of
    the commission out, and a line given back whole is left out.
    """
    added_tax = case((Sale.tax_inclusive, 0), else_=RefundLine.tax_minor)
    back = (
        select(
            RefundLine.sale_line_id.label("line_id"),
            func.sum(RefundLine.quantity_milli).label("quantity"),
            func.sum(RefundLine.amount_minor - added_tax).label("amount"),
            func.sum(RefundLine.commission_minor).label("commission"),
        )
        .join(SaleLine, SaleLine.id == RefundLine.sale_line_id)
        .join(Sale, Sale.id == SaleLine.sale_id)
        .where(SaleLine.consignor_id == consignor.id)
        .group_by(RefundLine.sale_line_id)
        .subquery()
    )
    query = (
        select(SaleLine, Sale.created_at, Sale.number)
        .add_columns(back.c.quantity, back.c.amount, back.c.commission)
        .join(Sale, Sale.id == SaleLine.sale_id)
        .outerjoin(back, back.c.line_id == SaleLine.id)
        .outerjoin(ConsignmentSettlementLine, ConsignmentSettlementLine.sale_line_id == SaleLine.id)
        .where(
            SaleLine.consignor_id == consignor.id,
            Sale.created_at >= start,
            Sale.created_at < end,
            ConsignmentSettlementLine.id.is_(None),
        )
        .order_by(Sale.created_at, SaleLine.sale_id, SaleLine.position)
    )
    lines = []
    for line, sold_at, number, back_quantity, back_amount, back_commission in session.execute(
        query
    ):
        quantity = line.quantity_milli - int(back_quantity or 0)
        if quantity <= 0:
            continue
        amount = line.line_total_minor - int(back_amount or 0)
        cut = line.commission_minor - int(back_commission or 0)
        lines.append(
            SettlementLine(
                sale_line_id=line.id,
                sold_at=sold_at,
                sale_number=number,
                sku=line.sku,
                name=line.name,
                quantity_milli=quantity,
                amount=amount,
                commission=cut,
                owed=amount - cut,
                unit=unit_of(line.unit),
            )
        )
    return lines


def _settlement_view(
    session: Session,
    settlement: ConsignmentSettlement,
    consignor: ConsignorView,
    *,
    with_lines: bool,
) -> SettlementView:
    lines: tuple[SettlementLine, ...] = ()
    if with_lines:
        rows = session.execute(
            select(ConsignmentSettlementLine, SaleLine, Sale.created_at, Sale.number)
            .join(SaleLine, SaleLine.id == ConsignmentSettlementLine.sale_line_id)
            .join(Sale, Sale.id == SaleLine.sale_id)
            .where(ConsignmentSettlementLine.settlement_id == settlement.id)
            .order_by(Sale.created_at, SaleLine.sale_id, SaleLine.position)
        )
        lines = tuple(
            SettlementLine(
                sale_line_id=sale_line.id,
                sold_at=sold_at,
                sale_number=number,
                sku=sale_line.sku,
                name=sale_line.name,
                quantity_milli=settled.quantity_milli,
                amount=settled.amount_minor,
                commission=settled.commission_minor,
                owed=settled.owed_minor,
                unit=unit_of(sale_line.unit),
            )
            for settled, sale_line, sold_at, number in rows
        )
    return SettlementView(
        consignor=consignor,
        period_start=settlement.period_start,
        period_end=settlement.period_end,
        lines=lines,
        id=settlement.id,
        number=settlement.number,
        created_at=settlement.created_at,
        note=settlement.note,
        totals=(
            settlement.items,
            settlement.sales_minor,
            settlement.commission_minor,
            settlement.owed_minor,
        ),
    )
