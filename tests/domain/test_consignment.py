from decimal import Decimal

import pytest

from bazaar_pos.domain.consignment import Commission, CommissionKind, parse_commission
from bazaar_pos.domain.money import currency

IDR = currency("IDR")


def test_percentages_are_kept_in_basis_points():
    assert Commission.percent(20) == Commission(CommissionKind.PERCENT, 2000)
    assert Commission.percent("12.5").value == 1250
    assert Commission.percent(Decimal("0.25")).value == 25


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: Commission.percent("12.345"), "two decimals"),
        (lambda: Commission.percent("Infinity"), "two decimals"),
        (lambda: Commission.percent(101), "100%"),
        (lambda: Commission.fixed(-1), "negative"),
    ],
)
def test_impossible_commissions_are_refused(build, message):
    with pytest.raises(ValueError, match=message):
        build()


def test_percentage_commission_rounds_half_up_and_mirrors_returns():
    twenty = Commission.percent(20)
    assert twenty.of(185_000, 1_000) == 37_000
    assert Commission.percent("12.5").of(1_004, 1_000) == 126  # 125.5 -> 126
    assert twenty.of(-185_000, -1_000) == -37_000


def test_fixed_commission_is_per_item_and_never_more_than_the_sale():
    five = Commission.fixed(5_000)
    assert five.of(60_000, 3_000) == 15_000
    assert five.of(4_000, 1_000) == 4_000
    assert five.of(-60_000, -3_000) == -15_000
    assert five.of(-4_000, -1_000) == -4_000
    assert five.of(45_000, 250) == 1_250  # Rp5.000 per kg on 250 g


def test_descriptions():
    assert Commission.percent(20).describe(IDR) == "20%"
    assert Commission.percent("12.5").describe(IDR) == "12.5%"
    assert Commission.fixed(5_000).describe(IDR) == "Rp5.000"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("20%", Commission.percent(20)),
        ("12,5 %", Commission.percent("12.5")),
        (" 7.25% ", Commission.percent("7.25")),
        ("5000", Commission.fixed(5_000)),
        ("Rp5.000", Commission.fixed(5_000)),
        ("", None),
    ],
)
def test_parse_commission(text, expected):
    assert parse_commission(text, IDR) == expected


@pytest.mark.parametrize("text", ["abc%", "1.2.3%", "150%", "lima ribu"])
def test_unreadable_commissions(text):
    with pytest.raises(ValueError, match=r"percentage|amount|100%"):
        parse_commission(text, IDR)
