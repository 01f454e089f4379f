"""Money, payment methods, dates, counts and quantities as screens show them, in shop locale."""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta

from babel.dates import format_date, format_datetime
from babel.numbers import format_decimal, get_decimal_symbol

from bazaar_pos.domain.money import MinorUnits, format_money
from bazaar_pos.domain.payment import method_label
from bazaar_pos.domain.periods import local_time
from bazaar_pos.domain.quantity import Unit, format_quantity
from bazaar_pos.services.settings import ShopSettings

MoneyText = Callable[[MinorUnits], str]
QuantityText = Callable[[int, Unit], str]
"""Writes thousandths of a unit as people read them: ``3``, ``0,25 kg``."""
__all__ = [
    "Formats",
    "MoneyText",
    "QuantityText",
    "local_day_bounds",
    "local_time",
    "method_label",
    "money_text",
    "problem_line",
    "quantity_text",
    "uses_decimal_comma",
]


def problem_line(problem: str) -> str:
    """The first line number a file problem names ("Line 4, column qty: …"), for a Line column."""
    for word in problem.replace(",", " ").replace(":", " ").split():
        if word.isdigit():
            return word
    return ""


def uses_decimal_comma(locale: str) -> bool:
    """True where numbers are written ``0,25`` (Indonesian), False for ``0.25``."""
    return get_decimal_symbol(locale) == ","


def money_text(settings: ShopSettings) -> MoneyText:
    """A function writing amounts in the shop's currency and locale: ``Rp15.000``.

    It remembers the amounts it wrote: tables ask for the same cells many
    times while they lay out, and Babel takes tens of microseconds a call.
    """
    cur, locale = settings.currency, settings.money_locale

    @functools.lru_cache(maxsize=4096)
    def text(minor: MinorUnits) -> str:
        return format_money(minor, cur, locale)

    return text


@functools.lru_cache(maxsize=4096)
def quantity_text(milli: int, unit: Unit, locale: str) -> str:
    """A quantity in its unit (``3``, ``0,25 kg``), remembered as :func:`money_text` remembers.

    The till writes every line's quantity again at each scan; Babel takes
    about 45 microseconds a call.
    """
    return format_quantity(milli, unit, locale)


class Formats:
    """The shop's money and date formats, read once from its settings."""

    def __init__(self, settings: ShopSettings) -> None:
        """Format for the shop ``settings`` describe."""
        self._locale = settings.money_locale
        self.money: MoneyText = money_text(settings)
        """``Rp15.000``, written as :func:`money_text` writes it."""

    def moment(self, when: datetime) -> str:
        """A stored UTC time shown in local time, short."""
        return format_datetime(when.astimezone(), "short", locale=self._locale)

    def count(self, number: int) -> str:
        """A whole number grouped as the locale writes it: ``1.234`` (IDR), ``1,234`` (USD)."""
        return format_decimal(number, locale=self._locale)

    def quantity(self, milli: int, unit: Unit) -> str:
        """A quantity in its unit: ``3`` pieces, ``0,25 kg``, ``1,5 m``."""
        return quantity_text(milli, unit, self._locale)

    def day(self, when: datetime | date) -> str:
        """A day, medium length (``22 Nov 2026``)."""
        if isinstance(when, datetime):
            when = when.astimezone().date()
        return format_date(when, "medium", locale=self._locale)


def local_day_bounds(first: date, last: date) -> tuple[datetime, datetime]:
    """From the start of ``first`` to the end of ``last``, local days, as UTC datetimes."""
    zone = datetime.now().astimezone().tzinfo
    start = datetime.combine(first, time(0), tzinfo=zone)
    end = datetime.combine(last + timedelta(days=1), time(0), tzinfo=zone)
    return start.astimezone(UTC), end.astimezone(UTC)
