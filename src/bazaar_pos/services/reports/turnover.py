"""UMKM turnover: each month's gross sales of a year, for the 0.5% final tax thresholds."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlalchemy import func, select

from bazaar_pos.domain.periods import Period, offset_segments
from bazaar_pos.domain.turnover import MonthTurnover, TurnoverYear
from bazaar_pos.services.reports.local_clock import LocalClockService
from bazaar_pos.services.reports.queries import within
from bazaar_pos.services.reports.reversals import reversals_between
from bazaar_pos.store.models import Sale
from bazaar_pos.store.sqltime import local_day


class TurnoverService(LocalClockService):
    """Gross turnover per local month, from every channel and every merged till."""

    def year(self, year: int, through: date | None = None) -> TurnoverYear:
        """January to ``through`` of ``year`` (default: today, or the year's end if past)."""
        today = self.today()
        last = min(through or today, date(year, 12, 31))
        if last.year < year:
            last = date(year, 1, 1)
        start, end = Period(date(year, 1, 1), last).utc_range(self.zone)
        gross: dict[int, int] = defaultdict(int)
        discounts: dict[int, int] = defaultdict(int)
        refunds: dict[int, int] = defaultdict(int)
        with self._db.reading() as session:
            for segment in offset_segments(start, end, self.zone):
                month = func.substr(local_day(Sale.created_at, segment.offset_minutes), 6, 2)
                query = within(
                    select(month, func.sum(Sale.subtotal_minor), func.sum(Sale.discount_minor)),
                    segment.start,
                    segment.end,
                ).group_by(month)
                for number, sold, discounted in session.execute(query):
                    gross[int(number)] += int(sold)
                    discounts[int(number)] += int(discounted)
            for number in range(1, last.month + 1):
                month_start, month_end = Period.month(year, number).utc_range(self.zone)
                reversals = reversals_between(session, month_start, min(month_end, end))
                gross[number] -= reversals.voids.gross
                discounts[number] -= reversals.voids.discount
                refunds[number] += reversals.refunds.amount
        months = tuple(
            MonthTurnover(n, gross[n], discounts[n], refunds[n]) for n in range(1, last.month + 1)
        )
        return TurnoverYear(year, self._settings.load().currency_code, last, months)
