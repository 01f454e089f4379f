from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bazaar_pos.domain.pricing import (
    CashRounding,
    Discount,
    DiscountKind,
    TaxRule,
    allocate,
    prorate,
    round_cash,
    round_half_up,
)

amounts = st.integers(min_value=0, max_value=10**10)


@pytest.mark.parametrize(
    ("value", "expected"),
    [(Fraction(5, 2), 3), (Fraction(-5, 2), -3), (Fraction(24, 10), 2), (Decimal("-2.4"), -2)],
)
def test_round_half_up(value, expected):
    assert round_half_up(value) == expected


def test_amount_discount_is_capped_at_the_base():
    assert Discount.amount(5_000).of(20_000) == 5_000
    assert Discount.amount(50_000).of(20_000) == 20_000
    assert Discount.amount(5_000).of(0) == 0


def test_percent_discount_rounds_half_up():
    assert Discount.percent(10).of(15_000) == 1_500
    assert Discount.percent("12.5").of(10_001) == 1_250
    assert Discount.percent(15).of(10) == 2  # 1.5 rounds up


@pytest.mark.parametrize(
    ("kind", "value"),
    [
        (DiscountKind.AMOUNT, Decimal(-1)),
        (DiscountKind.PERCENT, Decimal(101)),
        (DiscountKind.AMOUNT, Decimal("1.5")),
    ],
)
def test_bad_discounts_are_refused(kind, value):
    with pytest.raises(ValueError, match="discount"):
        Discount(kind, value)


@given(base=amounts, percent=st.decimals(min_value=0, max_value=100, places=2))
def test_percent_discount_stays_within_the_base(base, percent):
    off = Discount.percent(percent).of(base)
    assert 0 <= off <= base


def test_ppn_12_on_11_12_is_11_percent_effective():
    ppn = TaxRule(Decimal(12), inclusive=False, base_fraction=Fraction(11, 12))
    assert ppn.effective_rate == Fraction(11, 100)
    assert ppn.tax_of(100_000) == 11_000


def test_inclusive_tax_is_the_part_of_the_price_that_is_tax():
    ppn = TaxRule(Decimal(11), inclusive=True)
    assert ppn.tax_of(111_000) == 11_000
    assert ppn.tax_of(0) == 0


@given(amount=amounts, rate=st.decimals(min_value=0, max_value=30, places=2))
def test_inclusive_tax_never_exceeds_the_amount(amount, rate):
    assert 0 <= TaxRule(rate, inclusive=True).tax_of(amount) <= amount


@pytest.mark.parametrize(
    ("amount", "step", "mode", "expected"),
    [
        (15_050, 100, CashRounding.NEAREST, 15_100),
        (15_049, 100, CashRounding.NEAREST, 15_000),
        (15_099, 100, CashRounding.DOWN, 15_000),
        (15_250, 500, CashRounding.NEAREST, 15_500),
        (15_249, 0, CashRounding.NEAREST, 15_249),
        (15_249, 1, CashRounding.DOWN, 15_249),
    ],
)
def test_round_cash(amount, step, mode, expected):
    assert round_cash(amount, step, mode) == expected


@given(amount=amounts, step=st.sampled_from([100, 500, 1000]), mode=st.sampled_from(CashRounding))
def test_cash_rounding_moves_less_than_a_step(amount, step, mode):
    rounded = round_cash(amount, step, mode)
    assert rounded % step == 0
    assert (
        abs(rounded - amount) < step
        if mode is CashRounding.DOWN
        else abs(rounded - amount) <= step // 2
    )


def test_allocate_splits_exactly_and_breaks_ties_in_order():
    assert allocate(10, [1, 1, 1]) == [4, 3, 3]
    assert allocate(0, [0, 0]) == [0, 0]
    assert allocate(100, [50, 0, 50]) == [50, 0, 50]


def test_allocate_refuses_impossible_splits():
    with pytest.raises(ValueError, match="zero weights"):
        allocate(5, [0, 0])
    with pytest.raises(ValueError, match="non-negative"):
        allocate(-1, [1])


@given(total=amounts, weights=st.lists(st.integers(min_value=1, max_value=10**9), min_size=1))
def test_allocate_parts_add_up_and_follow_weights(total, weights):
    parts = allocate(total, weights)
    assert sum(parts) == total
    for part, weight in zip(parts, weights, strict=True):
        assert abs(part - Fraction(total * weight, sum(weights))) < 1


def test_prorated_shares_of_running_totals_add_up_to_the_whole():
    shares = [prorate(10_000, n, 3) - prorate(10_000, n - 1, 3) for n in (1, 2, 3)]
    assert shares == [3_333, 3_334, 3_333]
    assert sum(shares) == 10_000
    assert prorate(10_000, 0, 3) == 0


def test_prorate_refuses_parts_outside_the_whole():
    for part, whole in ((4, 3), (-1, 3), (0, 0)):
        with pytest.raises(ValueError, match="prorate"):
            prorate(100, part, whole)
