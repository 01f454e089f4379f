"""A customer group's price: its own price per product, else its percentage off, never above."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bazaar_pos.domain.pricing import BASIS_POINTS, member_price


@pytest.mark.parametrize(
    ("price", "discount_bp", "own_price", "paid"),
    [
        (150_000, 1000, None, 135_000),  # Reseller, 10 % off
        (15_005, 1000, None, 13_504),  # 1.500,5 off rounds half up to 1.501
        (15_000, 0, None, 15_000),
        (15_000, BASIS_POINTS, None, 0),
        (15_000, -500, None, 15_000),  # a negative percentage is no discount
        (15_000, 20_000, None, 0),  # more than 100 % is 100 %
        (150_000, 1000, 120_000, 120_000),  # the group's own price wins over its percentage
        (150_000, 0, 175_000, 150_000),  # never above the shop's price
        (150_000, 0, -5, 0),  # never below zero
        (150_000, 0, 0, 0),  # a gift is a price too
    ],
)
def test_member_prices(price, discount_bp, own_price, paid):
    assert member_price(price, discount_bp=discount_bp, own_price=own_price) == paid


@given(st.integers(0, 10**12), st.integers(0, BASIS_POINTS))
def test_a_percentage_off_stays_between_nothing_and_the_price(price, discount_bp):
    paid = member_price(price, discount_bp=discount_bp)
    assert 0 <= paid <= price
    assert abs((price - paid) * BASIS_POINTS - price * discount_bp) <= BASIS_POINTS // 2
