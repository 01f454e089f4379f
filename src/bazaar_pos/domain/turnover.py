"""UMKM turnover against the 0.5% final income tax (PP 55/2022) thresholds.

Small businesses with a gross turnover ("peredaran bruto", before any
discount) of at most Rp4,8 miliar in the previous year may pay a final 0.5% of
each month's gross turnover. Individuals pay nothing on the first Rp500 juta of
a year, counted cumulatively from January. The figures here are estimates for
the owner and their accountant, not a tax assessment.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction

from bazaar_pos.domain.money import MinorUnits
from bazaar_pos.domain.pricing import round_half_up

EXEMPT_PER_YEAR_IDR: MinorUnits = 500_000_000
"""Individuals pay no final tax on the first Rp500 juta of turnover in a year."""
SCHEME_CAP_IDR: MinorUnits = 4_800_000_000
"""Above Rp4,8 miliar a year the 0.5% scheme no longer applies (from the next year)."""
FINAL_TAX_RATE = Fraction(5, 1000)
THRESHOLD_CURRENCY = "IDR"


@dataclass(frozen=True, slots=True)
class MonthTurnover:
    """One month's sales as the tax rules see them."""

    month: int
    gross: MinorUnits = 0
    discounts: MinorUnits = 0
    refunds: MinorUnits = 0

    @property
    def turnover(self) -> MinorUnits:
        """Gross turnover: sales before discounts, less money refunded."""
        return self.gross - self.refunds

    @property
    def net(self) -> MinorUnits:
        """What the month's sales came to after discounts and refunds."""
        return self.gross - self.discounts - self.refunds


@dataclass(frozen=True, slots=True)
class MonthEstimate:
    """A month's turnover, the year to date after it, and the tax it may owe."""

    month: MonthTurnover
    year_to_date: MinorUnits
    taxable_individual: MinorUnits
    tax_individual: MinorUnits
    tax_business: MinorUnits


@dataclass(frozen=True, slots=True)
class TurnoverYear:
    """A year's turnover month by month, counted up to ``through``."""

    year: int
    currency_code: str
    through: date
    months: tuple[MonthTurnover, ...]

    @property
    def thresholds_apply(self) -> bool:
        """Whether the rupiah thresholds mean anything for the shop's currency."""
        return self.currency_code == THRESHOLD_CURRENCY

    @property
    def total(self) -> MinorUnits:
        """Turnover from January to ``through``."""
        return sum(m.turnover for m in self.months)

    def estimates(self) -> tuple[MonthEstimate, ...]:
        """Each month with the year to date and the estimated final tax.

        Individuals owe 0.5% of the part of the year's turnover above the
        exempt Rp500 juta that falls in the month; businesses owe 0.5% of the
        whole month. Both are rounded half up to the rupiah.
        """
        estimates = []
        before = 0
        for month in self.months:
            after = before + month.turnover
            taxable = max(0, after - EXEMPT_PER_YEAR_IDR) - max(0, before - EXEMPT_PER_YEAR_IDR)
            estimates.append(
                MonthEstimate(
                    month=month,
                    year_to_date=after,
                    taxable_individual=taxable,
                    tax_individual=final_tax(taxable),
                    tax_business=final_tax(month.turnover),
                )
            )
            before = after
        return tuple(estimates)

    @property
    def exempt_left(self) -> MinorUnits:
        """How much of an individual's exempt Rp500 juta is still unused."""
        return max(0, EXEMPT_PER_YEAR_IDR - self.total)

    @property
    def exempt_used(self) -> Decimal:
        """The share of the exempt allowance used so far (0.253; may exceed 1)."""
        return _share(self.total, EXEMPT_PER_YEAR_IDR)

    @property
    def cap_used(self) -> Decimal:
        """The share of the Rp4,8 miliar scheme cap reached so far (may exceed 1)."""
        return _share(self.total, SCHEME_CAP_IDR)

    @property
    def over_exemption(self) -> bool:
        """Whether the year's turnover has passed the individual exemption."""
        return self.total > EXEMPT_PER_YEAR_IDR

    @property
    def over_cap(self) -> bool:
        """Whether the year's turnover has passed the scheme's cap."""
        return self.total > SCHEME_CAP_IDR


def _share(part: MinorUnits, whole: MinorUnits) -> Decimal:
    return Decimal(round_half_up(Fraction(max(0, part) * 1000, whole))).scaleb(-3)


def final_tax(turnover: MinorUnits) -> MinorUnits:
    """0.5% of ``turnover``, rounded half up; nothing on turnover of zero or less."""
    return round_half_up(Fraction(turnover) * FINAL_TAX_RATE) if turnover > 0 else 0
