"""How reports write money, counts, percentages, dates and periods for people."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from babel.dates import format_date, format_datetime, format_interval, format_time
from babel.numbers import format_compact_currency, format_decimal, format_percent

from bazaar_pos.domain.money import Currency, MinorUnits, currency, format_money
from bazaar_pos.domain.periods import Period
from bazaar_pos.domain.quantity import Unit, format_quantity
from bazaar_pos.domain.report import BreakdownRow, ShopHeader

DATE_LOCALES = {"en": "en_GB", "id": "id_ID"}
"""Dates in English are written day first, as Indonesians write them."""
DASH = "—"
_SPACES = str.maketrans({"\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u2007": " "})
"""CLDR puts thin and no-break spaces in some patterns; PDFs' standard fonts lack them."""


def _plain(text: str) -> str:
    return text.translate(_SPACES)


class Formats:
    """Formatting for one shop (its currency and money locale) in one language."""

    def __init__(self, shop: ShopHeader, language: str) -> None:
        """Write ``shop``'s money its way and dates in ``language`` ("en" or "id")."""
        self.currency: Currency = currency(shop.currency_code)
        self.money_locale = shop.money_locale
        self.date_locale = DATE_LOCALES.get(language, language)

    def money(self, minor: MinorUnits) -> str:
        """``Rp15.000``."""
        return _plain(format_money(minor, self.currency, self.money_locale))

    def compact(self, minor: MinorUnits) -> str:
        """A short amount for chart axes: ``Rp1,5 jt``."""
        return _plain(
            format_compact_currency(
                self.currency.to_decimal(minor),
                self.currency.code,
                locale=self.money_locale,
                fraction_digits=1,
            )
        )

    def count(self, number: int) -> str:
        """A whole number with the money locale's grouping: ``1.234``."""
        return format_decimal(number, locale=self.money_locale)

    def quantity(self, milli: int, unit: Unit) -> str:
        """Thousandths of ``unit`` as people read them: ``3``, ``0,25 kg``."""
        return format_quantity(milli, unit, self.money_locale)

    def items_sold(self, row: BreakdownRow) -> str:
        """Items sold, or for a product sold by weight or length how much: ``2,75 kg``."""
        if row.measured and row.unit is not None:
            return self.quantity(row.amounts.quantity_milli, row.unit)
        return self.count(row.amounts.items)

    def percent(self, fraction: Decimal | None) -> str:
        """A fraction as a percentage with one decimal (``25,3%``), or a dash for none."""
        if fraction is None:
            return DASH
        return _plain(format_percent(fraction, format="#,##0.0%", locale=self.money_locale))

    def date(self, day: dt.date) -> str:
        """``20 November 2026``."""
        return format_date(day, "long", locale=self.date_locale)

    def short_date(self, day: dt.date) -> str:
        """``Fri 20 Nov``."""
        return format_date(day, "EEE d MMM", locale=self.date_locale)

    def month(self, year: int, month: int) -> str:
        """``November 2026``."""
        return format_date(dt.date(year, month, 1), "LLLL y", locale=self.date_locale)

    def month_name(self, year: int, month: int) -> str:
        """``November``."""
        return format_date(dt.date(year, month, 1), "LLLL", locale=self.date_locale)

    def time(self, moment: dt.datetime) -> str:
        """``14:03`` on the moment's own clock."""
        return format_time(moment, "HH:mm", tzinfo=moment.tzinfo, locale=self.date_locale)

    def datetime(self, moment: dt.datetime) -> str:
        """``20 Nov 2026 14:03`` on the moment's own clock."""
        return format_datetime(
            moment, "d MMM y HH:mm", tzinfo=moment.tzinfo, locale=self.date_locale
        )

    def period(self, period: Period) -> str:
        """``1–30 November 2026``, or one date for a single day."""
        if period.first == period.last:
            return self.date(period.first)
        return _plain(format_interval(period.first, period.last, "yMMMMd", locale=self.date_locale))
