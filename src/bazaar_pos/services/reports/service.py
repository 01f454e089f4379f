"""Sales reports: key figures and breakdowns of a period, aggregated in SQL.

Every figure is a GROUP BY over the sales of the period (found through the
index on ``sales.created_at``); no query loads sale lines into Python, so a
month of a million lines costs a few aggregate scans. Times are stored in UTC
and grouped by the local clock of ``zone``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from babel.dates import format_date
from sqlalchemy import ColumnElement, Select, and_, case, exists, func, or_, select
from sqlalchemy.orm import Session

from bazaar_pos.domain.access import Permission
from bazaar_pos.domain.payment import method_label
from bazaar_pos.domain.periods import Period, Segment, offset_segments
from bazaar_pos.domain.report import (
    Amounts,
    BreakdownRow,
    Dimension,
    Figures,
    PaymentRow,
    SalesReport,
    ShopHeader,
)
from bazaar_pos.i18n import N_, _, current_language
from bazaar_pos.services.people.access import Approval
from bazaar_pos.services.reports.local_clock import LocalClockService
from bazaar_pos.services.reports.reversals import reversals_between
from bazaar_pos.services.settings import ShopSettings
from bazaar_pos.store.models import Payment, Product, Sale, SaleLine, Till
from bazaar_pos.store.sqltime import local_day, local_hour

CHANNEL_LABELS = {"pos": N_("Till"), "import": N_("Imported")}
DRILL_DOWN_LIMIT = 500


def channel_label(channel: str) -> str:
    """A sales channel as people read it."""
    return _(CHANNEL_LABELS[channel]) if channel in CHANNEL_LABELS else channel


def consignor_column() -> ColumnElement[str] | None:
    """The SQL expression naming a product's consignor, once products have one.

    The consignor breakdown groups product rows by it; products without a
    consignor (NULL or "") are the shop's own goods. Until consignment exists
    this is None and every sale counts as own goods.
    """
    return None


@dataclass(frozen=True, slots=True)
class SaleSummary:
    """One sale in a drill-down list."""

    id: int
    number: str
    created_at: datetime
    till: str
    cashier: str
    channel: str
    methods: str
    items: int
    total: int


@dataclass(frozen=True, slots=True)
class SaleList:
    """The sales behind a row of a report: the newest ``DRILL_DOWN_LIMIT`` and how many in all."""

    title: str
    sales: tuple[SaleSummary, ...]
    count: int


@dataclass(frozen=True, slots=True)
class SaleLineSummary:
    """One line of a sale, for the drill-down's detail."""

    sku: str
    name: str
    quantity: int
    unit_price: int
    discount: int
    total: int


@dataclass(frozen=True, slots=True)
class _ProductRow:
    key: str
    label: str
    sku: str
    category: str
    amounts: Amounts
    consignor: str = ""


def line_sums() -> list[ColumnElement[Any]]:
    """Aggregates over sale lines, in the order of Amounts' fields after ``sales``."""
    return [
        func.coalesce(func.sum(SaleLine.quantity), 0),
        func.coalesce(func.sum(SaleLine.quantity * SaleLine.unit_price_minor), 0),
        func.coalesce(func.sum(SaleLine.discount_minor), 0),
        func.coalesce(func.sum(SaleLine.line_total_minor), 0),
        func.coalesce(func.sum(SaleLine.tax_minor), 0),
        func.coalesce(
            func.sum(case((Sale.tax_inclusive, SaleLine.tax_minor), else_=0)),
            0,
        ),
        func.coalesce(func.sum(SaleLine.quantity * SaleLine.unit_cost_minor), 0),
    ]


def amounts_of(sales: int, sums: Sequence[Any]) -> Amounts:
    """Amounts from a sales count and the values of :func:`line_sums`."""
    return Amounts(int(sales), *(int(value) for value in sums))


def within(stmt: Select[Any], start: datetime, end: datetime) -> Select[Any]:
    """Limit a query over sales to those made from ``start`` to ``end`` (UTC)."""
    return stmt.where(Sale.created_at >= start, Sale.created_at < end)


def payment_rows(
    session: Session, start: datetime, end: datetime, *where: ColumnElement[bool]
) -> tuple[PaymentRow, ...]:
    """What each payment method brought in from ``start`` to ``end``, the most first.

    ``where`` narrows the sales further (one till's, for a Z report).
    """
    query = within(
        select(
            Payment.method,
            func.count(func.distinct(Payment.sale_id)),
            func.sum(Payment.amount_minor),
            func.sum(Payment.tendered_minor),
            func.sum(Payment.change_minor),
        )
        .select_from(Sale)
        .join(Payment, Payment.sale_id == Sale.id),
        start,
        end,
    )
    if where:
        query = query.where(*where)
    rows = [
        PaymentRow(method, method_label(method), int(sales), int(amount), int(given), int(back))
        for method, sales, amount, given, back in session.execute(query.group_by(Payment.method))
    ]
    return tuple(sorted(rows, key=lambda r: (-r.amount, r.method)))


class ReportService(LocalClockService):
    """Figures, breakdowns and drill-downs of the sales in a period."""

    def summary(
        self, period: Period, *, costs: bool = True, approval: Approval | None = None
    ) -> SalesReport:
        """Key figures and every breakdown of ``period``.

        Cost, profit and margin are the owner's: a cashier gets them with an
        owner's ``approval``, or asks for ``costs=False``, a report without them.
        """
        if not costs:
            return self._summary(period).without_costs()
        with self._settings.access.permit(Permission.VIEW_COST, approval=approval):
            return self._summary(period)

    def _summary(self, period: Period) -> SalesReport:
        settings = self._settings.load()
        start, end = period.utc_range(self.zone)
        segments = offset_segments(start, end, self.zone)
        with self._db.reading() as session:
            tills = self._till_labels(session, settings)
            cube, rounding, collected = self._cube(session, segments)
            products = self._products(session, start, end)
            reversals = reversals_between(session, start, end)
            payments = payment_rows(session, start, end)
        line_totals = sum((row.amounts for row in products), Amounts())
        sale_totals = sum(cube.values(), Amounts())
        figures = Figures(
            lines=replace(sale_totals, items=line_totals.items, cost=line_totals.cost),
            refunds=reversals.refunds,
            voids=reversals.voids,
            rounding=rounding,
            collected=collected,
        )
        breakdowns = {
            Dimension.PRODUCT: tuple(
                BreakdownRow(r.key, r.label, r.amounts, r.sku) for r in products
            ),
            Dimension.CATEGORY: _categories(products),
            Dimension.HOUR: _rolled_up(cube, 1, lambda h: f"{int(h):02d}:00", sort="key"),
            Dimension.DAY: _days(cube, period),
            Dimension.CASHIER: _rolled_up(cube, 3, lambda c: c or _("(no cashier)")),
            Dimension.TILL: _rolled_up(cube, 2, lambda t: tills.get(t, t[:8])),
            Dimension.CHANNEL: _rolled_up(cube, 4, channel_label),
            Dimension.CONSIGNOR: _consignors(products),
        }
        return SalesReport(
            shop=shop_header(settings),
            period=period,
            zone=str(self.zone),
            generated_at=self.now(),
            figures=figures,
            payments=payments,
            breakdowns=breakdowns,
        )

    def sales(
        self, period: Period, dimension: Dimension | None = None, key: str = "", title: str = ""
    ) -> SaleList:
        """The sales of ``period`` behind one breakdown row (all sales without a dimension)."""
        settings = self._settings.load()
        start, end = period.utc_range(self.zone)
        condition = self._drill_condition(dimension, key, start, end)
        items = (
            select(func.coalesce(func.sum(SaleLine.quantity), 0))
            .where(SaleLine.sale_id == Sale.id)
            .scalar_subquery()
        )
        methods = (
            select(func.aggregate_strings(Payment.method, "+"))
            .where(Payment.sale_id == Sale.id)
            .scalar_subquery()
        )
        query = within(
            select(
                Sale.id,
                Sale.number,
                Sale.created_at,
                Sale.till_id,
                Sale.cashier,
                Sale.channel,
                methods,
                items,
                Sale.total_minor,
            ),
            start,
            end,
        ).where(condition)
        counting = within(select(func.count(Sale.id)), start, end).where(condition)
        with self._db.reading() as session:
            tills = self._till_labels(session, settings)
            rows = session.execute(
                query.order_by(Sale.created_at.desc(), Sale.id.desc()).limit(DRILL_DOWN_LIMIT)
            ).all()
            count = session.scalar(counting) or 0
        sales = tuple(
            SaleSummary(
                id=row[0],
                number=row[1],
                created_at=row[2].astimezone(self.zone),
                till=tills.get(row[3], row[3][:8]),
                cashier=row[4],
                channel=channel_label(row[5]),
                methods=" + ".join(method_label(m) for m in sorted((row[6] or "").split("+")) if m),
                items=int(row[7]),
                total=row[8],
            )
            for row in rows
        )
        return SaleList(title, sales, count)

    def sale_lines(self, sale_id: int) -> tuple[SaleLineSummary, ...]:
        """The lines of one sale, in the order they were rung up."""
        with self._db.reading() as session:
            lines = session.scalars(
                select(SaleLine).where(SaleLine.sale_id == sale_id).order_by(SaleLine.position)
            )
            return tuple(
                SaleLineSummary(
                    line.sku,
                    line.name,
                    line.quantity,
                    line.unit_price_minor,
                    line.discount_minor,
                    line.line_total_minor,
                )
                for line in lines
            )

    def till_labels(self) -> dict[str, str]:
        """How each known till is named in reports, by till id."""
        with self._db.reading() as session:
            return self._till_labels(session, self._settings.load())

    # -- queries -------------------------------------------------------------------------

    @staticmethod
    def _cube(
        session: Session, segments: Iterable[Segment]
    ) -> tuple[dict[tuple[Any, ...], Amounts], int, int]:
        """Sale totals by (local day, local hour, till, cashier, channel).

        Also returns the cash rounding and payments due over all of them. One
        pass over the period's sales, none over their lines.
        """
        cube: dict[tuple[Any, ...], Amounts] = defaultdict(Amounts)
        rounding = collected = 0
        added_tax = case((Sale.tax_inclusive, 0), else_=Sale.tax_minor)
        for segment in segments:
            day = local_day(Sale.created_at, segment.offset_minutes).label("day")
            hour = local_hour(Sale.created_at, segment.offset_minutes).label("hour")
            keys = (day, hour, Sale.till_id, Sale.cashier, Sale.channel)
            query = within(
                select(
                    *keys,
                    func.count(Sale.id),
                    func.sum(Sale.subtotal_minor),
                    func.sum(Sale.discount_minor),
                    func.sum(Sale.total_minor - added_tax),
                    func.sum(Sale.tax_minor),
                    func.sum(Sale.tax_minor - added_tax),
                    func.sum(Sale.rounding_minor),
                    func.sum(Sale.total_minor + Sale.rounding_minor),
                ),
                segment.start,
                segment.end,
            ).group_by(*keys)
            for *key, sales, gross, discount, net, tax, included, rounded, due in session.execute(
                query
            ):
                cube[tuple(key)] += Amounts(
                    sales=int(sales),
                    gross=int(gross),
                    discount=int(discount),
                    net=int(net),
                    tax=int(tax),
                    tax_included=int(included),
                )
                rounding += int(rounded)
                collected += int(due)
        return cube, rounding, collected

    @staticmethod
    def _products(session: Session, start: datetime, end: datetime) -> tuple[_ProductRow, ...]:
        """Line sums per product (by SKU for lines without one): one pass over the lines."""
        query = within(
            select(SaleLine.product_id, SaleLine.sku, func.max(SaleLine.name), *line_sums())
            .select_from(Sale)
            .join(SaleLine, SaleLine.sale_id == Sale.id),
            start,
            end,
        ).group_by(SaleLine.product_id, SaleLine.sku)
        sums = session.execute(query).all()
        catalogue = _catalogue(session, {row[0] for row in sums if row[0] is not None})
        merged: dict[str, _ProductRow] = {}
        for product_id, sku, line_name, *line_values in sums:
            name, category, consignor = catalogue.get(product_id, (line_name, "", ""))
            key = f"id:{product_id}" if product_id is not None else f"sku:{sku}"
            amounts = amounts_of(0, line_values)
            if key in merged:
                amounts += merged[key].amounts
            merged[key] = _ProductRow(key, name, sku, category, amounts, consignor)
        return tuple(sorted(merged.values(), key=lambda r: (-r.amounts.net, r.label)))

    def _drill_condition(
        self, dimension: Dimension | None, key: str, start: datetime, end: datetime
    ) -> ColumnElement[bool]:
        """The SQL condition picking the sales behind one breakdown row."""
        if dimension is Dimension.PRODUCT:
            kind, _sep, value = key.partition(":")
            line_matches = (
                SaleLine.product_id == int(value)
                if kind == "id"
                else and_(SaleLine.product_id.is_(None), SaleLine.sku == value)
            )
            return exists().where(SaleLine.sale_id == Sale.id, line_matches)
        if dimension is Dimension.CATEGORY:
            in_category = SaleLine.product_id.in_(select(Product.id).where(Product.category == key))
            if not key:
                in_category = or_(SaleLine.product_id.is_(None), in_category)
            return exists().where(SaleLine.sale_id == Sale.id, in_category)
        if dimension is Dimension.PAYMENT:
            return exists().where(Payment.sale_id == Sale.id, Payment.method == key)
        if dimension is Dimension.HOUR:
            return or_(
                *(
                    and_(
                        Sale.created_at >= s.start,
                        Sale.created_at < s.end,
                        local_hour(Sale.created_at, s.offset_minutes) == int(key),
                    )
                    for s in offset_segments(start, end, self.zone)
                )
            )
        if dimension is Dimension.DAY:
            first, last = Period.day(date.fromisoformat(key)).utc_range(self.zone)
            return and_(Sale.created_at >= first, Sale.created_at < last)
        columns = {
            Dimension.CASHIER: Sale.cashier,
            Dimension.TILL: Sale.till_id,
            Dimension.CHANNEL: Sale.channel,
        }
        if dimension in columns:
            return columns[dimension] == key
        return Sale.id.is_not(None)

    @staticmethod
    def _till_labels(session: Session, settings: ShopSettings) -> dict[str, str]:
        return {till_id: names.label for till_id, names in till_names(session, settings).items()}


@dataclass(frozen=True, slots=True)
class TillName:
    """How a till is named: its code (made unique), its shop, and whether it is this one."""

    code: str
    shop_name: str
    this_till: bool

    @property
    def label(self) -> str:
        """``A (this till)`` or ``B · Toko Kriya``."""
        if self.this_till:
            return _("{code} (this till)").format(code=self.code)
        return f"{self.code} · {self.shop_name}" if self.shop_name else self.code


def till_names(session: Session, settings: ShopSettings) -> dict[str, TillName]:
    """Every known till by id; tills sharing a code get a short id after it (``A#9f3c``)."""
    names = {
        till_id: TillName(code, shop_name, False)
        for till_id, code, shop_name in session.execute(
            select(Till.till_id, Till.code, Till.shop_name)
        )
    }
    names[settings.till_id] = TillName(settings.till_code, settings.shop_name, True)
    codes = [name.code for name in names.values()]
    return {
        till_id: (
            replace(name, code=f"{name.code}#{till_id[:4]}")
            if codes.count(name.code) > 1 and not name.this_till
            else name
        )
        for till_id, name in names.items()
    }


def shop_header(settings: ShopSettings) -> ShopHeader:
    """The header every report carries."""
    return ShopHeader(
        name=settings.shop_name,
        address=settings.address,
        phone=settings.phone,
        currency_code=settings.currency_code,
        money_locale=settings.money_locale,
    )


def _rolled_up(
    cube: dict[tuple[Any, ...], Amounts],
    position: int,
    label: Any,
    *,
    sort: str = "net",
) -> tuple[BreakdownRow, ...]:
    """One breakdown from the cube: its rows summed over every other key."""
    sums: dict[Any, Amounts] = defaultdict(Amounts)
    for key, amounts in cube.items():
        sums[key[position]] += amounts
    rows = [BreakdownRow(str(key), label(key), amounts) for key, amounts in sums.items()]
    if sort == "key":
        return tuple(sorted(rows, key=lambda r: int(r.key)))
    return tuple(sorted(rows, key=lambda r: (-r.amounts.net, r.label)))


def _catalogue(session: Session, ids: set[int]) -> dict[int, tuple[str, str, str]]:
    """Name, category and consignor of the products with ``ids``."""
    consignor = consignor_column()
    columns = [Product.id, Product.name, Product.category]
    found: dict[int, tuple[str, str, str]] = {}
    ordered = sorted(ids)
    for first in range(0, len(ordered), 500):
        query = select(*columns, *([consignor] if consignor is not None else [])).where(
            Product.id.in_(ordered[first : first + 500])
        )
        for product_id, name, category, *owner in session.execute(query):
            found[product_id] = (name, category or "", (owner[0] or "") if owner else "")
    return found


def _categories(products: Iterable[_ProductRow]) -> tuple[BreakdownRow, ...]:
    """Product rows summed by the products' category."""
    sums: dict[str, Amounts] = defaultdict(Amounts)
    for row in products:
        sums[row.category] += row.amounts
    rows = [BreakdownRow(name, name or _("(no category)"), a) for name, a in sums.items()]
    return tuple(sorted(rows, key=lambda r: (-r.amounts.net, r.label)))


def _consignors(products: Iterable[_ProductRow]) -> tuple[BreakdownRow, ...]:
    """Product rows summed by consignor; products without one are the shop's own goods."""
    sums: dict[str, Amounts] = defaultdict(Amounts)
    for row in products:
        sums[row.consignor] += row.amounts
    rows = [
        BreakdownRow(name, name or _("Own goods (no consignor)"), a) for name, a in sums.items()
    ]
    return tuple(sorted(rows, key=lambda r: (-r.amounts.net, r.label)))


def _days(cube: dict[tuple[Any, ...], Amounts], period: Period) -> tuple[BreakdownRow, ...]:
    """Every day of the period, with zeros for days without sales."""
    sums: dict[str, Amounts] = defaultdict(Amounts)
    for key, amounts in cube.items():
        sums[str(key[0])] += amounts
    language = current_language()
    return tuple(
        BreakdownRow(
            day.isoformat(),
            format_date(day, "EEE d MMM", locale=language),
            sums.get(day.isoformat(), Amounts()),
        )
        for day in period.days
    )
