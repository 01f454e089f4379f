"""Money parsing under hostile input: it returns an amount or raises ValueError, nothing else."""

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from bazaar_pos.domain.money import CURRENCIES, format_money, format_plain, parse_money

CURRENCY = st.sampled_from(sorted(CURRENCIES)).map(CURRENCIES.__getitem__)
LOCALE = st.sampled_from(["id_ID", "en_US", "en_GB", "ms_MY", "en_SG", "de_DE", "nl_NL"])
# Text made of the pieces amounts are made of, so the parser's deeper paths get exercised.
AMOUNT_LIKE = st.lists(
    st.sampled_from(
        [
            "0",
            "1",
            "5",
            "9",
            "000",
            ".",
            ",",
            "-",
            " ",
            "\u00a0",
            "rp",
            "Rp",
            "$",
            "US$",
            "€",
            "RM",
            "rb",
            "jt",
            "k",
            "juta",
            "ribu",
            "e",
            "E",
            "_",
            "+",
            "١",
            "٫",
            "İ",
        ]
    ),
    max_size=12,
).map("".join)


def parses_or_refuses(text, cur):
    try:
        value = parse_money(text, cur)
    except ValueError:
        return None
    assert isinstance(value, int)
    return value


@given(text=st.text(), cur=CURRENCY)
@example(text="1" * 40, cur=CURRENCIES["IDR"])
@example(text="9" * 30 + "jt", cur=CURRENCIES["USD"])
@example(text="1" * 5000, cur=CURRENCIES["USD"])
def test_any_text_parses_or_raises_value_error(text, cur):
    parses_or_refuses(text, cur)


@given(text=AMOUNT_LIKE, cur=CURRENCY)
def test_amount_like_text_parses_or_raises_value_error(text, cur):
    value = parses_or_refuses(text, cur)
    if value is not None:
        # Whatever is accepted is a whole number of minor units that formats and reads back.
        assert parse_money(format_plain(value, cur), cur) == value


@given(minor=st.integers(min_value=-(10**15), max_value=10**15), cur=CURRENCY, locale=LOCALE)
def test_every_formatted_amount_reads_back_in_every_locale(minor, cur, locale):
    assert parse_money(format_money(minor, cur, locale), cur) == minor
    assert parse_money(format_plain(minor, cur), cur) == minor


def test_an_amount_too_long_for_decimal_is_a_value_error():
    with pytest.raises(ValueError, match="amount too large"):
        parse_money("1" * 40, CURRENCIES["IDR"])
