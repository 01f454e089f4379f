"""Sales history: find past sales and read one back with its refunds."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo

from sqlalchemy import and_, exists, func, or_, select
from sqlalchemy.orm import Session

from bazaar_pos.domain.money import MinorUnits
from bazaar_pos.domain.quantity import Unit, unit_of
from bazaar_pos.domain.refund_kinds import VOID
from bazaar_pos.domain.text import search_words
from bazaar_pos.errors import NotFoundError
from bazaar_pos.i18n import _
from bazaar_pos.services.products.search import like_pattern
from bazaar_pos.services.selling.refunds import refunded_quantities
from bazaar_pos.services.settings import SettingsService
from bazaar_pos.store.database import Database
from bazaar_pos.store.models import Customer, Payment, Product, Refund, Sale, SaleLine
from bazaar_pos.store.quantities import items_sold

PRODUCTS_MATCHED_AT_MOST = 500


@dataclass(frozen=True, slots=True)
class SaleSummary:
    """One sale in a list of sales."""

    uuid: str
    number: str
    created_at: datetime
    total: MinorUnits
    item_count: int
    methods: tuple[str, ...]
    refunded: MinorUnits
    voided: bool


@dataclass(frozen=True, slots=True)
class SaleLineView:
    """One line of a past sale, with how much of it went back already (in thousandths)."""

    id: int
    position: int
    sku: str
    name: str
    quantity_milli: int
    unit_price: MinorUnits
    discount: MinorUnits
    tax: MinorUnits
    total: MinorUnits
    refunded: int
    unit: Unit = Unit.PCS

    @property
    def refundable(self) -> int:
        """How much can still be refunded, in thousandths of the unit."""
        return self.quantity_milli - self.refunded


@dataclass(frozen=True, slots=True)
class PaymentView:
    """One payment of a past sale."""

    method: str
    amount: MinorUnits
    tendered: MinorUnits
    change: MinorUnits
    reference: str
    status: str = "confirmed"
    """``confirmed``, ``awaiting`` (confirmation) or ``not_received``."""


@dataclass(frozen=True, slots=True)
class RefundView:
    """A refund or void of a past sale."""

    uuid: str
    number: str
    kind: str
    created_at: datetime
    total: MinorUnits
    paid_back: MinorUnits
    reason: str


@dataclass(frozen=True, slots=True)
class SaleDetail:
    """A past sale in full: totals, lines, payments and what was refunded."""

    summary: SaleSummary
    cashier: str
    subtotal: MinorUnits
    discount: MinorUnits
    tax: MinorUnits
    tax_inclusive: bool
    rounding: MinorUnits
    lines: tuple[SaleLineView, ...]
    payments: tuple[PaymentView, ...]
    refunds: tuple[RefundView, ...]
    can_void: bool
    customer: str = ""
    """The name of the customer the sale was for ("" when none)."""

    @property
    def uuid(self) -> str:
        """The sale's UUID."""
        return self.summary.uuid

    @property
    def number(self) -> str:
        """The sale's readable number."""
        return self.summary.number

    @property
    def refundable(self) -> bool:
        """Whether any line can still be refunded."""
        return not self.summary.voided and any(line.refundable for line in self.lines)


def local_days(first: date, last: date, zone: tzinfo | None = None) -> tuple[datetime, datetime]:
    """The UTC instants from the start of ``first`` to the end of ``last``, in local time."""
    zone = zone or datetime.now().astimezone().tzinfo
    start = datetime.combine(first, time(), tzinfo=zone)
    end = datetime.combine(last + timedelta(days=1), time(), tzinfo=zone)
    return start, end


class SalesHistoryService:
    """Finds sales by number, date or product, and reads one back in full."""

    def __init__(self, db: Database, settings: SettingsService) -> None:
        """Read the sales of ``db``; voids are allowed for this till's last sale."""
        self._db = db
        self._settings = settings

    def find(
        self,
        text: str = "",
        *,
        start: datetime | None = None,
        end: datetime | None = None,
        limit: int = 200,
    ) -> list[SaleSummary]:
        """Sales, newest first, in ``[start, end)`` whose number or products match ``text``."""
        query = select(Sale).order_by(Sale.created_at.desc(), Sale.id.desc()).limit(limit)
        if start is not None:
            query = query.where(Sale.created_at >= start)
        if end is not None:
            query = query.where(Sale.created_at < end)
        words = search_words(text)
        if words:
            matching_products = (
                select(Product.id)
                .where(*(Product.search_key.like(like_pattern(w), escape="\\") for w in words))
                .limit(PRODUCTS_MATCHED_AT_MOST)
            )
            open_items = and_(
                SaleLine.product_id.is_(None),
                *(func.lower(SaleLine.name).like(like_pattern(w), escape="\\") for w in words),
            )
            has_line = exists().where(
                SaleLine.sale_id == Sale.id,
                or_(SaleLine.product_id.in_(matching_products), open_items),
            )
            number = func.lower(Sale.number).like(like_pattern(text.strip().lower()), escape="\\")
            query = query.where(or_(number, has_line))
        with self._db.reading() as session:
            sales = list(session.scalars(query))
            return _summaries(session, sales)

    def detail(self, sale_uuid: str) -> SaleDetail:
        """The sale with ``sale_uuid`` in full, or NotFoundError."""
        till_id = self._settings.load().till_id
        with self._db.reading() as session:
            sale = session.scalar(select(Sale).where(Sale.uuid == sale_uuid))
            if sale is None:
                raise NotFoundError(_("No such sale."))
            (summary,) = _summaries(session, [sale])
            done = refunded_quantities(session, sale.id)
            refunds = list(
                session.scalars(select(Refund).where(Refund.sale_id == sale.id).order_by(Refund.id))
            )
            latest = session.scalar(select(func.max(Sale.sequence)).where(Sale.till_id == till_id))
            return SaleDetail(
                summary=summary,
                cashier=sale.cashier,
                customer=_customer_name(session, sale.customer_id),
                subtotal=sale.subtotal_minor,
                discount=sale.discount_minor,
                tax=sale.tax_minor,
                tax_inclusive=sale.tax_inclusive,
                rounding=sale.rounding_minor,
                lines=tuple(
                    SaleLineView(
                        id=line.id,
                        position=line.position,
                        sku=line.sku,
                        name=line.name,
                        quantity_milli=line.quantity_milli,
                        unit=unit_of(line.unit),
                        unit_price=line.unit_price_minor,
                        discount=line.discount_minor,
                        tax=line.tax_minor,
                        total=line.line_total_minor,
                        refunded=done.get(line.id, 0),
                    )
                    for line in sale.lines
                ),
                payments=tuple(
                    PaymentView(
                        p.method,
                        p.amount_minor,
                        p.tendered_minor,
                        p.change_minor,
                        p.reference,
                        p.status,
                    )
                    for p in sale.payments
                ),
                refunds=tuple(
                    RefundView(
                        uuid=r.uuid,
                        number=r.number,
                        kind=r.kind,
                        created_at=r.created_at,
                        total=r.total_minor,
                        paid_back=sum(p.amount_minor for p in r.payments),
                        reason=r.reason,
                    )
                    for r in refunds
                ),
                can_void=sale.till_id == till_id and sale.sequence == latest and not refunds,
            )

    def last_sale(self) -> str | None:
        """The UUID of the last sale rung up at this till, if any."""
        till_id = self._settings.load().till_id
        with self._db.reading() as session:
            return session.scalar(
                select(Sale.uuid)
                .where(Sale.till_id == till_id)
                .order_by(Sale.sequence.desc())
                .limit(1)
            )


def _summaries(session: Session, sales: list[Sale]) -> list[SaleSummary]:
    ids = [sale.id for sale in sales]
    items = dict(
        session.execute(
            select(SaleLine.sale_id, func.sum(items_sold(SaleLine.quantity_milli, SaleLine.unit)))
            .where(SaleLine.sale_id.in_(ids))
            .group_by(SaleLine.sale_id)
        ).all()
    )
    methods: dict[int, list[str]] = {}
    for sale_id, method in session.execute(
        select(Payment.sale_id, Payment.method).where(Payment.sale_id.in_(ids)).order_by(Payment.id)
    ):
        methods.setdefault(sale_id, []).append(method)
    refunded: dict[int, int] = {}
    voided: set[int] = set()
    for sale_id, kind, total in session.execute(
        select(Refund.sale_id, Refund.kind, Refund.total_minor).where(Refund.sale_id.in_(ids))
    ):
        refunded[sale_id] = refunded.get(sale_id, 0) + total
        if kind == VOID:
            voided.add(sale_id)
    return [
        SaleSummary(
            uuid=sale.uuid,
            number=sale.number,
            created_at=sale.created_at,
            total=sale.total_minor,
            item_count=int(items.get(sale.id, 0)),
            methods=tuple(dict.fromkeys(methods.get(sale.id, []))),
            refunded=refunded.get(sale.id, 0),
            voided=sale.id in voided,
        )
        for sale in sales
    ]


def _customer_name(session: Session, customer_id: int | None) -> str:
    """The name of the sale's customer, or "" for a sale to nobody in particular."""
    if customer_id is None:
        return ""
    return session.scalar(select(Customer.name).where(Customer.id == customer_id)) or ""
