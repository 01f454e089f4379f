from fractions import Fraction

import pytest

from bazaar_pos.domain.access import (
    COMMAND_LINE,
    SHOP_OWNER,
    Actor,
    Permission,
    Role,
    describe,
    discount_above_limit,
    lockout_seconds,
    percent_text,
    pin_problems,
)
from bazaar_pos.domain.cart import Cart, CartLine
from bazaar_pos.domain.money import currency
from bazaar_pos.domain.pricing import Discount


@pytest.mark.parametrize("pin", ["2580", "13579", "204861", "0011"])
def test_good_pins(pin):
    assert pin_problems(pin) == []


@pytest.mark.parametrize("pin", ["", "123", "1234567", "12 34", "abcd", "0000", "4567", "6543"])
def test_bad_pins(pin):
    assert pin_problems(pin)


def test_owners_may_everything_and_cashiers_nothing_special():
    cashier = Actor("Budi", Role.CASHIER, 2)
    assert all(SHOP_OWNER.may(p) and COMMAND_LINE.may(p) for p in Permission)
    assert not any(cashier.may(p) for p in Permission)
    assert SHOP_OWNER.label == "Owner"
    assert cashier.label == "Budi"
    assert describe({Permission.VOID, Permission.REFUND}) == "refund a sale, void a sale"


def test_the_discount_limit_looks_at_each_line_with_its_share_of_the_cart_discount():
    cart = Cart(currency("IDR"))
    big = cart.add(CartLine("A", "A", 900_000))
    cart.add(CartLine("B", "B", 100_000))
    cart.discount = Discount.percent(10)
    assert not discount_above_limit(cart.totals(), 10)
    cart.set_line_discount(big.key, Discount.amount(10_000))  # a little more on one line
    assert discount_above_limit(cart.totals(), 10)
    assert not discount_above_limit(cart.totals(), 12)
    assert percent_text(Fraction(1, 8)) == "12.5"
    assert percent_text(Fraction(1, 3)) == "33.3"


def test_lockouts_double_from_a_minute_to_at_most_an_hour():
    assert [lockout_seconds(n) for n in range(9)] == [0, 60, 120, 240, 480, 960, 1920, 3600, 3600]
