from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bazaar_pos.domain.money import (
    CURRENCIES,
    currency,
    format_money,
    format_plain,
    parse_money,
)

IDR = currency("IDR")
USD = currency("USD")


@pytest.mark.parametrize(
    ("minor", "cur", "locale", "expected"),
    [
        (15_000, IDR, "id_ID", "Rp15.000"),
        (1_250_000, IDR, "id_ID", "Rp1.250.000"),
        (-5_000, IDR, "id_ID", "-Rp5.000"),
        (0, IDR, "id_ID", "Rp0"),
        (999, IDR, "id_ID", "Rp999"),
        (125_050, USD, "en_US", "$1,250.50"),
        (-5, USD, "en_US", "-$0.05"),
        (1_999, currency("myr"), "ms_MY", "RM19.99"),
    ],
)
def test_format_money_exact_strings(minor, cur, locale, expected):
    assert format_money(minor, cur, locale) == expected


def test_format_plain_has_no_symbol_or_grouping():
    assert format_plain(1_250_000, IDR) == "1250000"
    assert format_plain(125_050, USD) == "1250.50"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("15000", 15_000),
        ("15.000", 15_000),
        ("Rp15.000", 15_000),
        ("Rp 15.000", 15_000),
        ("rp1.250.000", 1_250_000),
        ("IDR 20,000", 20_000),
        ("15rb", 15_000),
        ("15 ribu", 15_000),
        ("1,5jt", 1_500_000),
        ("2 juta", 2_000_000),
        ("-Rp5.000", -5_000),
        ("0", 0),
    ],
)
def test_parse_rupiah(text, expected):
    assert parse_money(text, IDR) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("12.50", 1_250), ("$1,250.50", 125_050), ("1.250,50", 125_050), ("3", 300), ("1,5", 150)],
)
def test_parse_dollars(text, expected):
    assert parse_money(text, USD) == expected


@pytest.mark.parametrize(
    "text", ["", "abc", "15,5", "1.2.3", "15x", "1,5kg", "1.25.000", "Rp", "1..0"]
)
def test_parse_rupiah_refuses(text):
    with pytest.raises(ValueError, match="amount"):
        parse_money(text, IDR)


def test_rupiah_groups_of_three_are_thousands():
    assert parse_money("12.345", IDR) == 12_345


@pytest.mark.parametrize("text", ["1.505", "1,2,3.4", "1.", "12,34.5"])
def test_parse_dollars_refuses(text):
    with pytest.raises(ValueError, match=r"amount|decimals"):
        parse_money(text, USD)


def test_unknown_currency():
    with pytest.raises(ValueError, match="unknown currency"):
        currency("XXX")


def test_currency_conversions_round_half_up():
    assert USD.to_minor(Decimal("0.005")) == 1
    assert USD.to_decimal(150) == Decimal("1.50")


@given(
    minor=st.integers(min_value=-(10**12), max_value=10**12),
    code=st.sampled_from(sorted(CURRENCIES)),
)
def test_formatted_amounts_parse_back(minor, code):
    cur = CURRENCIES[code]
    locale = "id_ID" if code == "IDR" else "en_US"
    assert parse_money(format_money(minor, cur, locale), cur) == minor
    assert parse_money(format_plain(minor, cur), cur) == minor
