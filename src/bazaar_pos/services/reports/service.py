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
from typing import Any, TypeVar

from babel.dates import format_date
from sqlalchemy import ColumnElement, Select, and_, case, exists, func, literal, or_, select
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
from bazaar_pos.services.reports.reversals import (
    paid_back_by_method,
    reversals_between,
    reversals_by,
)
from bazaar_pos.services.settings import ShopSettings
from bazaar_pos.store.models import (
    Consignor,
    Payment,
    Product,
    Refund,
    Sale,
    SaleLine,
    Till,
)
from bazaar_pos.store.sqltime import local_day, local_hour

CHANNEL_LABELS = {"pos": N_("Till"), "import": N_("Imported")}
DRILL_DOWN_LIMIT = 500


def channel_label(channel: str) -> str:
    """A sales channel as people read it."""
    return _(CHANNEL_LABELS[channel]) if channel in CHANNEL_LABELS else channel


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


def line_sums() -> list[ColumnElement[Any]]:
    """Aggregates over sale lines, in the order of Amounts' fields after ``sales``.

    The cost of a consigned line is what its maker is owed (its total less
    the shop's commission), so the profit on it is the commission.
    """
    owed = SaleLine.line_total_minor - SaleLine.commission_minor
    consigned = SaleLine.consignor_id.is_not(None)
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
        func.coalesce(
            func.sum(
                case((consigned, owed), else_=SaleLine.quantity * SaleLine.unit_cost_minor)
            ),
            0,
        ),
        literal(0),
        func.coalesce(func.sum(case((consigned, owed), else_=0)), 0),
    ]


def amounts_of(sales: int, sums: Sequence[Any]) -> Amounts:
    """Amounts from a sales count and the values of :func:`line_sums`."""
    return Amounts(int(sales), *(int(value) for value in sums))


_Query = TypeVar("_Query", bound="Select[*tuple[Any, ...]]")


def within(stmt: _Query, start: datetime, end: datetime) -> _Query:
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
            sold = self._line_sums(session, start, end)
            reversals = reversals_between(session, start, end)
            payments = _less_paid_back(
                payment_rows(session, start, end), paid_back_by_method(session, start, end)
            )
            kept = _kept(cube, self._reversed_sales(session, segments))
            lines = _kept(
                sold,
                reversals_by(
                    session,
                    start,
                    end,
                    (SaleLine.product_id, SaleLine.sku, SaleLine.consignor_id),
                    whole_sales=False,
                ),
            )
            products = self._products(session, lines)
            consignors = _consignor_names(session, {key[2] for key in lines})
        owners = _owner_name(self._settings.access.owners())
        line_totals = sum(sold.values(), Amounts())
        sale_totals = sum(cube.values(), Amounts())
        figures = Figures(
            lines=replace(sale_totals, items=line_totals.items, cost=line_totals.cost),
            refunds=reversals.refunds,
            voids=reversals.voids,
            rounding=rounding,
            collected=collected - sum(p.paid_back for p in payments),
        )

        def cashier(name: str) -> str:
            return name or owners

        breakdowns = {
            Dimension.PRODUCT: tuple(
                BreakdownRow(r.key, r.label, r.amounts, r.sku) for r in products
            ),
            Dimension.CATEGORY: _categories(products),
            Dimension.HOUR: _rolled_up(kept, 1, lambda h: f"{int(h):02d}:00", sort="key"),
            Dimension.DAY: _days(kept, period),
            Dimension.CASHIER: _rolled_up(kept, 3, cashier),
            Dimension.TILL: _rolled_up(kept, 2, lambda t: tills.get(t, t[:8])),
            Dimension.CHANNEL: _rolled_up(kept, 4, channel_label),
            Dimension.CONSIGNOR: _consignors(lines, consignors),
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
    def _line_sums(
        session: Session, start: datetime, end: datetime
    ) -> dict[tuple[Any, ...], Amounts]:
        """Line sums by (product, SKU, consignor at the sale): one pass over the lines."""
        query = within(
            select(SaleLine.product_id, SaleLine.sku, SaleLine.consignor_id, *line_sums())
            .select_from(Sale)
            .join(SaleLine, SaleLine.sale_id == Sale.id),
            start,
            end,
        ).group_by(SaleLine.product_id, SaleLine.sku, SaleLine.consignor_id)
        return {
            (product_id, sku, consignor): amounts_of(0, values)
            for product_id, sku, consignor, *values in session.execute(query)
        }

    @staticmethod
    def _products(
        session: Session, lines: dict[tuple[Any, ...], Amounts]
    ) -> tuple[_ProductRow, ...]:
        """Line sums, less what went back, per product (by SKU for lines without one)."""
        catalogue = _catalogue(session, {key[0] for key in lines if key[0] is not None})
        named = _line_names(session, [key[1] for key in lines if key[0] is None])
        merged: dict[str, _ProductRow] = {}
        for (product_id, sku, _consignor), amounts in lines.items():
            name, category = catalogue.get(product_id, (named.get(sku, sku), ""))
            key = f"id:{product_id}" if product_id is not None else f"sku:{sku}"
            if key in merged:
                amounts += merged[key].amounts
            merged[key] = _ProductRow(key, name, sku, category, amounts)
        return tuple(sorted(merged.values(), key=lambda r: (-r.amounts.net, r.label)))

    @staticmethod
    def _reversed_sales(
        session: Session, segments: Iterable[Segment]
    ) -> dict[tuple[Any, ...], Amounts]:
        """Refunds and voids by the cube's keys, as the sales' own.

        A refund is counted by the local day and hour, the till and the cashier
        of the refund (when and where the money went back), and its sale's channel.
        """
        found: dict[tuple[Any, ...], Amounts] = defaultdict(Amounts)
        for segment in segments:
            keys = (
                local_day(Refund.created_at, segment.offset_minutes),
                local_hour(Refund.created_at, segment.offset_minutes),
                Refund.till_id,
                Refund.cashier,
                Sale.channel,
            )
            for key, amounts in reversals_by(
                session, segment.start, segment.end, keys, whole_sales=True
            ).items():
                found[key] += replace(amounts, items=0, cost=0, consigned=0)
        return dict(found)

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
            in_category: ColumnElement[bool] = SaleLine.product_id.in_(
                select(Product.id).where(Product.category == key)
            )
            if not key:
                in_category = or_(SaleLine.product_id.is_(None), in_category)
            return exists().where(SaleLine.sale_id == Sale.id, in_category)
        if dimension is Dimension.CONSIGNOR:
            consigned = (
                SaleLine.consignor_id.is_(None)
                if not key
                else SaleLine.consignor_id == int(key)
            )
            return exists().where(SaleLine.sale_id == Sale.id, consigned)
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


def _catalogue(session: Session, ids: set[int]) -> dict[int, tuple[str, str]]:
    """Name and category of the products with ``ids``."""
    found: dict[int, tuple[str, str]] = {}
    ordered = sorted(ids)
    for first in range(0, len(ordered), 500):
        query = select(Product.id, Product.name, Product.category).where(
            Product.id.in_(ordered[first : first + 500])
        )
        for product_id, name, category in session.execute(query):
            found[product_id] = (name, category or "")
    return found


def _line_names(session: Session, skus: list[str]) -> dict[str, str]:
    """The name on lines sold without a product, by their SKU."""
    found: dict[str, str] = {}
    ordered = sorted(set(skus))
    for first in range(0, len(ordered), 500):
        query = (
            select(SaleLine.sku, func.max(SaleLine.name))
            .where(SaleLine.product_id.is_(None), SaleLine.sku.in_(ordered[first : first + 500]))
            .group_by(SaleLine.sku)
        )
        found.update({sku: name for sku, name in session.execute(query)})
    return found


def _consignor_names(session: Session, ids: set[int | None]) -> dict[int, str]:
    """Consignors' names by id."""
    wanted = sorted(i for i in ids if i is not None)
    if not wanted:
        return {}
    query = select(Consignor.id, Consignor.name).where(Consignor.id.in_(wanted))
    return {consignor_id: name for consignor_id, name in session.execute(query)}


def _owner_name(owners: list[str]) -> str:
    """Who sells when nobody signed in: the owner's name, when the shop has exactly one.

    Sales rung up before users were set up carry no cashier; they are the owner's.
    """
    return owners[0] if len(owners) == 1 else _("Owner")


def _kept(
    sold: dict[tuple[Any, ...], Amounts], back: dict[tuple[Any, ...], Amounts]
) -> dict[tuple[Any, ...], Amounts]:
    """Sums of the sales by key, with what went back in the period taken off its key."""
    kept = dict(sold)
    for key, amounts in back.items():
        kept[key] = kept.get(key, Amounts()) + amounts
    return kept


def _less_paid_back(
    payments: tuple[PaymentRow, ...], paid_back: dict[str, tuple[int, int]]
) -> tuple[PaymentRow, ...]:
    """Payment rows with the money each method gave back (and the sales voided) taken off."""
    rows = {p.method: p for p in payments}
    for method, (voided, amount) in paid_back.items():
        row = rows.get(method, PaymentRow(method, method_label(method), 0, 0))
        rows[method] = replace(row, sales=row.sales - voided, paid_back=amount)
    return tuple(sorted(rows.values(), key=lambda r: (-r.kept, r.method)))


def _categories(products: Iterable[_ProductRow]) -> tuple[BreakdownRow, ...]:
    """Product rows summed by the products' category."""
    sums: dict[str, Amounts] = defaultdict(Amounts)
    for row in products:
        sums[row.category] += row.amounts
    rows = [BreakdownRow(name, name or _("(no category)"), a) for name, a in sums.items()]
    return tuple(sorted(rows, key=lambda r: (-r.amounts.net, r.label)))


def _consignors(
    lines: dict[tuple[Any, ...], Amounts], names: dict[int, str]
) -> tuple[BreakdownRow, ...]:
    """Line sums by the consignor whose goods they were when sold; the rest are the shop's own.

    The row's key is the consignor's id ("" for own goods).
    """
    sums: dict[int | None, Amounts] = defaultdict(Amounts)
    for (_product, _sku, consignor), amounts in lines.items():
        sums[consignor] += amounts
    rows = [
        BreakdownRow(
            "" if consignor is None else str(consignor),
            _("Own goods (no consignor)")
            if consignor is None
            else names.get(consignor, str(consignor)),
            amounts,
        )
        for consignor, amounts in sums.items()
    ]
    return tuple(sorted(rows, key=lambda r: (r.key == "", -r.amounts.net, r.label)))


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
