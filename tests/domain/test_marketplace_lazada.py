"""Lazada's ways of writing money and statuses, read by their own rules."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bazaar_pos.domain.marketplace import (
    OrderState,
    lazada_returned,
    lazada_state,
    parse_decimal_rupiah,
    parse_rupiah,
)


@given(st.integers(min_value=0, max_value=10**12))
def test_lazada_money_has_a_dot_before_the_decimals(amount):
    assert parse_decimal_rupiah(f"{amount}.00") == amount
    assert parse_decimal_rupiah(f"{amount}") == amount
    assert parse_decimal_rupiah(f"{amount:,}.00") == amount
    assert parse_decimal_rupiah(f"Rp {amount}.0") == amount


@given(st.integers(min_value=1, max_value=999), st.integers(min_value=1, max_value=99))
def test_a_fraction_of_a_rupiah_is_refused(whole, cents):
    text = f"{whole}.{cents:02d}" if cents % 10 else f"{whole}.{cents // 10}"
    with pytest.raises(ValueError, match="fraction of a Rupiah"):
        parse_decimal_rupiah(text)


@pytest.mark.parametrize("text", ["1.000", "15.000", "1.450.000"])
def test_thousands_dots_are_ambiguous_where_the_dot_marks_decimals(text):
    with pytest.raises(ValueError, match="ambiguous"):
        parse_decimal_rupiah(text)
    assert parse_rupiah(text) > 999  # where dots group thousands they are read so


@pytest.mark.parametrize("text", ["", "abc", "15.000,00", "-5.00", "1,50"])
def test_what_is_no_amount_is_refused(text):
    with pytest.raises(ValueError, match="not an amount"):
        parse_decimal_rupiah(text)


@pytest.mark.parametrize(
    ("status", "state", "returned"),
    [
        ("pending", OrderState.UNPAID, False),
        ("unpaid", OrderState.UNPAID, False),
        ("ready_to_ship", OrderState.SOLD, False),
        ("shipped", OrderState.SOLD, False),
        ("delivered", OrderState.SOLD, False),
        ("confirmed", OrderState.SOLD, False),
        ("Lost by 3PL", OrderState.SOLD, False),
        ("canceled", OrderState.CANCELLED, False),
        ("returned", OrderState.SOLD, True),
        ("Package  Returned", OrderState.SOLD, True),
    ],
)
def test_each_unit_status_decides_its_stock(status, state, returned):
    assert lazada_state(status) is state
    assert lazada_returned(status) is returned
