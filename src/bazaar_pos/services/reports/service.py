"""Sales reports: key figures and breakdowns of a period, aggregated in SQL.

Every figure is a GROUP BY over the sales of the period (found through the
index on ``sales.created_at``); no query loads sale lines into Python, so a
month of a million lines costs a few aggregate scans. Times are stored in UTC
and grouped by the local clock of ``zone``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime
from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from bazaar_pos.domain.access import Permission
from bazaar_pos.domain.payment import method_label
from bazaar_pos.domain.periods import Period, Segment, offset_segments
from bazaar_pos.domain.quantity import unit_of
from bazaar_pos.domain.report import (
    Amounts,
    BreakdownRow,
    Dimension,
    Figures,
    SalesReport,
)
from bazaar_pos.services.people.access import Approval
from bazaar_pos.services.reports.breakdowns import (
    ProductRow,
    catalogue_entries,
    category_rows,
    consignor_names,
    consignor_rows,
    day_rows,
    kept_sums,
    less_paid_back,
    line_names,
    owner_name,
    rolled_up,
)
from bazaar_pos.services.reports.drilldown import (
    DRILL_DOWN_LIMIT,
    SaleLineSummary,
    SaleList,
    SaleSummary,
    drill_condition,
)
from bazaar_pos.services.reports.local_clock import LocalClockService
from bazaar_pos.services.reports.queries import (
    amounts_of,
    channel_label,
    line_sums,
    payment_rows,
    shop_header,
    till_names,
    within,
)
from bazaar_pos.services.reports.reversals import (
    paid_back_by_method,
    reversals_between,
    reversals_by,
)
from bazaar_pos.services.settings import ShopSettings
from bazaar_pos.store.models import Payment, Refund, Sale, SaleLine
from bazaar_pos.store.quantities import items_sold
from bazaar_pos.store.sqltime import local_day, local_hour


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
            payments = less_paid_back(
                payment_rows(session, start, end), paid_back_by_method(session, start, end)
            )
            kept = kept_sums(cube, self._reversed_sales(session, segments))
            lines = kept_sums(
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
            consignors = consignor_names(session, {key[2] for key in lines})
        owners = owner_name(self._settings.access.owners())
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
                BreakdownRow(r.key, r.label, r.amounts, r.sku, r.unit) for r in products
            ),
            Dimension.CATEGORY: category_rows(products),
            Dimension.HOUR: rolled_up(kept, 1, lambda h: f"{int(h):02d}:00", sort="key"),
            Dimension.DAY: day_rows(kept, period),
            Dimension.CASHIER: rolled_up(kept, 3, cashier),
            Dimension.TILL: rolled_up(kept, 2, lambda t: tills.get(t, t[:8])),
            Dimension.CHANNEL: rolled_up(kept, 4, channel_label),
            Dimension.CONSIGNOR: consignor_rows(lines, consignors),
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
        condition = drill_condition(dimension, key, start, end, self.zone)
        items = (
            select(func.coalesce(func.sum(items_sold(SaleLine.quantity_milli, SaleLine.unit)), 0))
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
                    line.quantity_milli,
                    line.unit_price_minor,
                    line.discount_minor,
                    line.line_total_minor,
                    unit_of(line.unit),
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
    ) -> tuple[ProductRow, ...]:
        """Line sums, less what went back, per product (by SKU for lines without one)."""
        catalogue = catalogue_entries(session, {key[0] for key in lines if key[0] is not None})
        named = line_names(session, [key[1] for key in lines if key[0] is None])
        merged: dict[str, ProductRow] = {}
        for (product_id, sku, _consignor), amounts in lines.items():
            name, category, unit = catalogue.get(product_id, (named.get(sku, sku), "", None))
            key = f"id:{product_id}" if product_id is not None else f"sku:{sku}"
            if key in merged:
                amounts += merged[key].amounts
            merged[key] = ProductRow(key, name, sku, category, amounts, unit)
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

    @staticmethod
    def _till_labels(session: Session, settings: ShopSettings) -> dict[str, str]:
        return {till_id: names.label for till_id, names in till_names(session, settings).items()}
