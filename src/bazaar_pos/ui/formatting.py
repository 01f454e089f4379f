"""Showing money, dates and counts on screens in the shop's locale and local time."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from babel.dates import format_date, format_datetime

from bazaar_pos.domain.money import format_money
from bazaar_pos.services.settings import ShopSettings


class Formats:
    """The shop's money and date formats, read once from its settings."""

    def __init__(self, settings: ShopSettings) -> None:
        """Format for the shop ``settings`` describe."""
        self._currency = settings.currency
        self._locale = settings.money_locale

    def money(self, minor: int) -> str:
        """``Rp15.000``."""
        return format_money(minor, self._currency, self._locale)

    def moment(self, when: datetime) -> str:
        """A stored UTC time shown in local time, short."""
        return format_datetime(when.astimezone(), "short", locale=self._locale)

    def day(self, when: datetime | date) -> str:
        """A day, medium length (``22 Nov 2026``)."""
        if isinstance(when, datetime):
            when = when.astimezone().date()
        return format_date(when, "medium", locale=self._locale)


def count_text(number: int) -> str:
    """A whole number with dots between thousands, as Indonesians write it."""
    return f"{number:,}".replace(",", ".")


def local_day_bounds(first: date, last: date) -> tuple[datetime, datetime]:
    """From the start of ``first`` to the end of ``last``, local days, as UTC datetimes."""
    zone = datetime.now().astimezone().tzinfo
    start = datetime.combine(first, time(0), tzinfo=zone)
    end = datetime.combine(last + timedelta(days=1), time(0), tzinfo=zone)
    return start.astimezone(UTC), end.astimezone(UTC)
