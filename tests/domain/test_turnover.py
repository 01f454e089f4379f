from datetime import date
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from bazaar_pos.domain.turnover import (
    EXEMPT_PER_YEAR_IDR,
    SCHEME_CAP_IDR,
    MonthTurnover,
    TurnoverYear,
    final_tax,
)

JUTA = 1_000_000


def year_of(*months: MonthTurnover, currency: str = "IDR") -> TurnoverYear:
    return TurnoverYear(2026, currency, date(2026, len(months), 1), months)


def test_final_tax_is_half_a_percent_rounded_half_up():
    assert final_tax(100 * JUTA) == 500_000
    assert final_tax(1_099) == 5
    assert final_tax(1_100) == 6
    assert final_tax(0) == 0
    assert final_tax(-5_000) == 0


def test_month_turnover_is_before_discounts_and_after_refunds():
    month = MonthTurnover(1, gross=10 * JUTA, discounts=JUTA, refunds=2 * JUTA)
    assert month.turnover == 8 * JUTA
    assert month.net == 7 * JUTA


def test_individuals_pay_only_on_the_part_above_500_juta_in_the_month_it_is_passed():
    year = year_of(
        MonthTurnover(1, gross=300 * JUTA),
        MonthTurnover(2, gross=300 * JUTA),
        MonthTurnover(3, gross=100 * JUTA),
    )
    first, second, third = year.estimates()
    assert (first.year_to_date, first.taxable_individual, first.tax_individual) == (
        300 * JUTA,
        0,
        0,
    )
    assert (second.year_to_date, second.taxable_individual) == (600 * JUTA, 100 * JUTA)
    assert second.tax_individual == 500_000
    assert third.taxable_individual == 100 * JUTA
    assert [e.tax_business for e in (first, second, third)] == [1_500_000, 1_500_000, 500_000]
    assert year.total == 700 * JUTA
    assert year.over_exemption
    assert year.exempt_left == 0
    assert year.exempt_used == Decimal("1.400")
    assert not year.over_cap


def test_thresholds_and_shares_below_them():
    year = year_of(MonthTurnover(1, gross=125 * JUTA))
    assert year.thresholds_apply
    assert year.exempt_left == EXEMPT_PER_YEAR_IDR - 125 * JUTA
    assert year.exempt_used == Decimal("0.250")
    assert year.cap_used == Decimal("0.026")
    assert not year.over_exemption


def test_over_the_scheme_cap_and_other_currencies():
    year = year_of(MonthTurnover(1, gross=SCHEME_CAP_IDR + 1))
    assert year.over_cap
    assert not year_of(MonthTurnover(1), currency="USD").thresholds_apply


@given(st.lists(st.integers(min_value=0, max_value=900 * JUTA), min_size=1, max_size=12))
def test_taxable_parts_add_up_to_the_year_above_the_exemption(grosses):
    year = year_of(*(MonthTurnover(n, gross=g) for n, g in enumerate(grosses, start=1)))
    estimates = year.estimates()
    assert sum(e.taxable_individual for e in estimates) == max(
        0, sum(grosses) - EXEMPT_PER_YEAR_IDR
    )
    assert estimates[-1].year_to_date == sum(grosses)
