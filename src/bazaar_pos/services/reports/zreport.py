"""The Z report: close one till's day with its totals, payment split and cash expected."""

from __future__ import annotations

from datetime import date

from sqlalchemy import case, func, select

from bazaar_pos.domain.periods import Period
from bazaar_pos.domain.report import Amounts, Figures
from bazaar_pos.domain.zreport import ZReport
from bazaar_pos.services.customers.money_in import money_in_between
from bazaar_pos.services.reports.local_clock import LocalClockService
from bazaar_pos.services.reports.queries import line_sums, payment_rows, shop_header, within
from bazaar_pos.services.reports.reversals import reversals_between
from bazaar_pos.store.models import Sale, SaleLine


class ZReportService(LocalClockService):
    """Builds the Z report of a local day for this till (sales merged from others are left out)."""

    def build(self, day: date) -> ZReport:
        """The Z report of ``day`` at this till."""
        settings = self._settings.load()
        start, end = Period.day(day).utc_range(self.zone)
        mine = Sale.till_id == settings.till_id
        added_tax = case((Sale.tax_inclusive, 0), else_=Sale.tax_minor)
        with self._db.reading() as session:
            sales = session.execute(
                within(
                    select(
                        func.count(Sale.id),
                        func.coalesce(func.sum(Sale.subtotal_minor), 0),
                        func.coalesce(func.sum(Sale.discount_minor), 0),
                        func.coalesce(func.sum(Sale.total_minor - added_tax), 0),
                        func.coalesce(func.sum(Sale.tax_minor), 0),
                        func.coalesce(func.sum(Sale.tax_minor - added_tax), 0),
                        func.coalesce(func.sum(Sale.rounding_minor), 0),
                        func.coalesce(func.sum(Sale.total_minor + Sale.rounding_minor), 0),
                        func.min(Sale.sequence),
                        func.max(Sale.sequence),
                    ),
                    start,
                    end,
                ).where(mine)
            ).one()
            lines = session.execute(
                within(
                    select(*line_sums())
                    .select_from(Sale)
                    .join(SaleLine, SaleLine.sale_id == Sale.id),
                    start,
                    end,
                ).where(mine)
            ).one()
            payments = payment_rows(session, start, end, mine)
            numbers = {
                sequence: number
                for sequence, number in session.execute(
                    select(Sale.sequence, Sale.number).where(
                        mine, Sale.sequence.in_([s for s in sales[8:10] if s is not None])
                    )
                )
            }
            reversals = reversals_between(session, start, end, till_id=settings.till_id)
            other = money_in_between(session, start, end, settings.till_id)
        count, gross, discount, net, tax, included, rounding, collected = map(int, sales[:8])
        figures = Figures(
            lines=Amounts(
                sales=count,
                items=int(lines[0]),
                gross=gross,
                discount=discount,
                net=net,
                tax=tax,
                tax_included=included,
                cost=int(lines[6]),
            ),
            refunds=reversals.refunds,
            voids=reversals.voids,
            rounding=rounding,
            collected=collected,
        )
        return ZReport(
            shop=shop_header(settings),
            till_code=settings.till_code,
            day=day,
            generated_at=self.now(),
            figures=figures,
            payments=payments,
            first_sale=numbers.get(sales[8], ""),
            last_sale=numbers.get(sales[9], ""),
            other_money=other,
        )
