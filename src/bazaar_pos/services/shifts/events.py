"""Bazaar events: where and when the stall sells, what it paid to be there, and how it went.

While an event is open, every sale rung up at the till carries its id
(``sales.event_id``). The event report sets the takings against the cost of
the goods sold and the fees, and lists what sold best, to plan the next one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Row, func, select
from sqlalchemy.orm import Session

from bazaar_pos.domain.access import Permission
from bazaar_pos.domain.money import MinorUnits
from bazaar_pos.domain.quantity import Unit, items_of, line_amount, unit_of
from bazaar_pos.errors import NotFoundError, ValidationError
from bazaar_pos.i18n import _
from bazaar_pos.services.audit_writer import record_event
from bazaar_pos.services.people.access import Approval
from bazaar_pos.services.settings import SettingsService
from bazaar_pos.store.database import Database
from bazaar_pos.store.models import (
    BazaarEvent,
    Payment,
    Refund,
    RefundLine,
    RefundPayment,
    Sale,
    SaleLine,
)

PLANNED, OPEN, CLOSED = "planned", "open", "closed"
BEST_SELLERS = 10


@dataclass(frozen=True, slots=True)
class EventDraft:
    """What a person types about an event."""

    name: str
    starts_on: date
    ends_on: date
    place: str = ""
    booth_fee: MinorUnits = 0
    other_costs: MinorUnits = 0
    costs_note: str = ""

    def problems(self) -> list[str]:
        """Every rule the draft breaks."""
        found = []
        if not self.name.strip():
            found.append(_("The event needs a name."))
        if self.ends_on < self.starts_on:
            found.append(_("The event cannot end before it starts."))
        if self.booth_fee < 0 or self.other_costs < 0:
            found.append(_("Fees and costs cannot be negative."))
        return found


@dataclass(frozen=True, slots=True)
class EventView:
    """An event as lists and the till show it."""

    id: int
    uuid: str
    name: str
    place: str
    starts_on: date
    ends_on: date
    booth_fee: MinorUnits
    other_costs: MinorUnits
    costs_note: str
    status: str

    @property
    def is_open(self) -> bool:
        """Whether sales are being tagged with this event now."""
        return self.status == OPEN

    @property
    def fees(self) -> MinorUnits:
        """The booth fee and the other costs together."""
        return self.booth_fee + self.other_costs

    @classmethod
    def of(cls, event: BazaarEvent | Row[Any]) -> EventView:
        """Copy the fields of a stored event (or of a Core row of the events table)."""
        return cls(
            id=event.id,
            uuid=event.uuid,
            name=event.name,
            place=event.place,
            starts_on=event.starts_on,
            ends_on=event.ends_on,
            booth_fee=event.booth_fee_minor,
            other_costs=event.other_costs_minor,
            costs_note=event.costs_note,
            status=event.status,
        )


@dataclass(frozen=True, slots=True)
class BestSeller:
    """One product's sales at an event, net of refunds."""

    sku: str
    name: str
    quantity_milli: int
    revenue: MinorUnits
    unit: Unit = Unit.PCS
    items: int = 0
    """Pieces sold, each weighed or measured line counting as one."""


@dataclass(frozen=True, slots=True)
class EventReport:
    """How an event went: takings, cost of goods, fees, what is left, and what sold best."""

    event: EventView
    sales_count: int
    sales_total: MinorUnits
    discounts: MinorUnits
    refunds_total: MinorUnits
    tax: MinorUnits
    cost_of_goods: MinorUnits
    items_sold: int
    by_method: tuple[tuple[str, MinorUnits], ...]
    best_sellers: tuple[BestSeller, ...]

    @property
    def takings(self) -> MinorUnits:
        """What customers paid, less what went back to them."""
        return self.sales_total - self.refunds_total

    @property
    def net(self) -> MinorUnits:
        """Takings less tax, cost of goods sold and the event's fees: what the event earned."""
        return self.takings - self.tax - self.cost_of_goods - self.event.fees


class EventService:
    """Events: create, change, open (tag sales), close, and report."""

    def __init__(self, db: Database, settings: SettingsService) -> None:
        """Keep events in ``db``."""
        self._db = db
        self._settings = settings

    def events(self) -> list[EventView]:
        """Every event, the latest start first."""
        with self._db.reading() as session:
            rows = session.scalars(
                select(BazaarEvent).order_by(BazaarEvent.starts_on.desc(), BazaarEvent.id.desc())
            )
            return [EventView.of(event) for event in rows]

    def get(self, event_id: int) -> EventView:
        """One event, or NotFoundError."""
        with self._db.reading() as session:
            return EventView.of(_get(session, event_id))

    def current(self) -> EventView | None:
        """The open event, whose sales are being tagged, if any."""
        events = BazaarEvent.core_table()
        query = select(events).where(events.c.status == OPEN).limit(1)
        with self._db.reading_rows() as connection:  # shown as the till starts: no ORM
            event = connection.execute(query).first()
        return EventView.of(event) if event else None

    def create(self, draft: EventDraft) -> EventView:
        """Add an event (planned; open it when selling there starts)."""
        _validate(draft)
        with (
            self._settings.access.permit() as grant,
            self._db.writing() as session,
        ):
            event = BazaarEvent(status=PLANNED, **_columns(draft))
            session.add(event)
            session.flush()
            _audit(session, "event.created", grant.actor.name, event)
            return EventView.of(event)

    def update(self, event_id: int, draft: EventDraft) -> EventView:
        """Change an event's details."""
        _validate(draft)
        with (
            self._settings.access.permit() as grant,
            self._db.writing() as session,
        ):
            event = _get(session, event_id)
            for key, value in _columns(draft).items():
                setattr(event, key, value)
            session.flush()
            _audit(session, "event.changed", grant.actor.name, event)
            return EventView.of(event)

    def open(self, event_id: int) -> EventView:
        """Tag the till's sales with this event from now on (closing any other open one)."""
        with (
            self._settings.access.permit() as grant,
            self._db.writing() as session,
        ):
            event = _get(session, event_id)
            for other in session.scalars(
                select(BazaarEvent).where(BazaarEvent.status == OPEN, BazaarEvent.id != event_id)
            ):
                other.status = CLOSED
                _audit(session, "event.closed", grant.actor.name, other)
            if event.status != OPEN:
                event.status = OPEN
                _audit(session, "event.opened", grant.actor.name, event)
            session.flush()
            return EventView.of(event)

    def close(self, event_id: int) -> EventView:
        """Stop tagging sales with this event."""
        with (
            self._settings.access.permit() as grant,
            self._db.writing() as session,
        ):
            event = _get(session, event_id)
            if event.status == OPEN:
                event.status = CLOSED
                _audit(session, "event.closed", grant.actor.name, event)
            session.flush()
            return EventView.of(event)

    def report(self, event_id: int, *, approval: Approval | None = None) -> EventReport:
        """How the event went. It shows cost and profit: a cashier needs an owner's ``approval``."""
        with (
            self._settings.access.permit(Permission.VIEW_COST, approval=approval),
            self._db.reading() as session,
        ):
            event = _get(session, event_id)
            return _report(session, event)


def _report(session: Session, event: BazaarEvent) -> EventReport:
    count, paid, discounts, tax = session.execute(
        select(
            func.count(Sale.id),
            func.coalesce(func.sum(Sale.total_minor + Sale.rounding_minor), 0),
            func.coalesce(func.sum(Sale.discount_minor), 0),
            func.coalesce(func.sum(Sale.tax_minor), 0),
        ).where(Sale.event_id == event.id)
    ).one()
    refunded = session.scalar(
        select(func.coalesce(func.sum(Refund.total_minor + Refund.rounding_minor), 0))
        .join(Sale, Sale.id == Refund.sale_id)
        .where(Sale.event_id == event.id)
    )
    sold = session.execute(
        select(
            SaleLine.id,
            SaleLine.sku,
            SaleLine.name,
            SaleLine.quantity_milli,
            SaleLine.unit_cost_minor,
            SaleLine.line_total_minor,
            SaleLine.tax_minor,
            Sale.tax_inclusive,
            SaleLine.consignor_id,
            SaleLine.commission_minor,
            SaleLine.unit,
        )
        .join(Sale, Sale.id == SaleLine.sale_id)
        .where(Sale.event_id == event.id)
    ).all()
    back = session.execute(
        select(
            RefundLine.sale_line_id,
            RefundLine.quantity_milli,
            RefundLine.amount_minor,
            RefundLine.tax_minor,
            RefundLine.restocked,
            RefundLine.commission_minor,
        )
        .join(SaleLine, SaleLine.id == RefundLine.sale_line_id)
        .join(Sale, Sale.id == SaleLine.sale_id)
        .where(Sale.event_id == event.id)
    ).all()
    lines = {line.id: line for line in sold}

    def cost_of(line: Any) -> int:
        # A maker's goods cost the shop what it owes the maker: the line less its commission.
        if line.consignor_id is not None:
            return int(line.line_total_minor - line.commission_minor)
        return line_amount(line.quantity_milli, line.unit_cost_minor)

    def cost_back(r: Any) -> int:
        line = lines[r.sale_line_id]
        if line.consignor_id is not None:  # the maker is owed nothing for goods given back
            added = 0 if line.tax_inclusive else r.tax_minor
            return int(r.amount_minor - added - r.commission_minor)
        return line_amount(r.quantity_milli, line.unit_cost_minor) if r.restocked else 0

    cost = sum(cost_of(line) for line in sold) - sum(cost_back(r) for r in back)
    returned: dict[int, tuple[int, int]] = {}
    for r in back:
        quantity, amount = returned.get(r.sale_line_id, (0, 0))
        returned[r.sale_line_id] = (quantity + r.quantity_milli, amount + r.amount_minor)
    products: dict[tuple[str, str, str], list[int]] = {}
    for line in sold:
        quantity, amount = returned.get(line.id, (0, 0))
        unit = unit_of(line.unit)
        kept = line.quantity_milli - quantity
        totals = products.setdefault((line.sku, line.name, unit.value), [0, 0, 0])
        totals[0] += kept
        payable = line.line_total_minor + (0 if line.tax_inclusive else line.tax_minor)
        totals[1] += payable - amount
        totals[2] += items_of(kept, unit)
    best = sorted(
        (
            BestSeller(sku, name, q, revenue, unit_of(unit), items)
            for (sku, name, unit), (q, revenue, items) in products.items()
            if q
        ),
        key=lambda b: (-b.revenue, -b.items, b.name),
    )
    taken = dict(
        session.execute(
            select(Payment.method, func.sum(Payment.amount_minor))
            .join(Sale, Sale.id == Payment.sale_id)
            .where(Sale.event_id == event.id)
            .group_by(Payment.method)
        ).all()
    )
    paid_back = dict(
        session.execute(
            select(RefundPayment.method, func.sum(RefundPayment.amount_minor))
            .join(Refund, Refund.id == RefundPayment.refund_id)
            .join(Sale, Sale.id == Refund.sale_id)
            .where(Sale.event_id == event.id)
            .group_by(RefundPayment.method)
        ).all()
    )
    # Each method's takings less what it paid back, so the methods add up to the takings.
    kept = {m: int(taken.get(m, 0)) - int(paid_back.get(m, 0)) for m in {*taken, *paid_back}}
    methods = sorted(kept.items(), key=lambda item: (-item[1], item[0]))
    return EventReport(
        event=EventView.of(event),
        sales_count=int(count),
        sales_total=int(paid),
        discounts=int(discounts),
        refunds_total=int(refunded or 0),
        tax=int(tax) - sum(r.tax_minor for r in back),
        cost_of_goods=cost,
        items_sold=sum(b.items for b in best),
        by_method=tuple((method, int(amount)) for method, amount in methods),
        best_sellers=tuple(best[:BEST_SELLERS]),
    )


def _validate(draft: EventDraft) -> None:
    problems = draft.problems()
    if problems:
        raise ValidationError(_("The event was not saved."), problems)


def _columns(draft: EventDraft) -> dict[str, object]:
    return {
        "name": draft.name.strip(),
        "place": draft.place.strip(),
        "starts_on": draft.starts_on,
        "ends_on": draft.ends_on,
        "booth_fee_minor": draft.booth_fee,
        "other_costs_minor": draft.other_costs,
        "costs_note": draft.costs_note.strip(),
    }


def _get(session: Session, event_id: int) -> BazaarEvent:
    event = session.get(BazaarEvent, event_id)
    if event is None:
        raise NotFoundError(_("There is no such event."))
    return event


def _audit(session: Session, action: str, actor: str, event: BazaarEvent) -> None:
    record_event(
        session,
        action,
        actor=actor,
        entity="event",
        entity_ref=event.uuid,
        details={
            "name": event.name,
            "booth_fee": event.booth_fee_minor,
            "other_costs": event.other_costs_minor,
        },
    )
