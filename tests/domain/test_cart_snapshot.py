import json
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bazaar_pos.domain.cart import Cart, CartLine
from bazaar_pos.domain.cart_snapshot import cart_from_data, cart_to_data
from bazaar_pos.domain.money import currency
from bazaar_pos.domain.pricing import Discount, TaxRule
from bazaar_pos.domain.quantity import Unit, whole

IDR = currency("IDR")


def test_a_cart_comes_back_line_for_line_through_json():
    cart = Cart(IDR)
    coffee = cart.add(CartLine("KOP-1", "Kopi Gayō", 95_000, whole(2), 50_000, product_id=3))
    cart.set_line_discount(coffee.key, Discount.percent("12.5"))
    cart.add(CartLine("KOP-1", "Kopi Gayō", 95_000, whole(1), 50_000, product_id=3))
    cart.append(CartLine("", "Barang lain-lain", 20_000, taxable=False))
    cart.add(CartLine("BJI", "Kopi biji", 180_000, 250, 110_000, product_id=4, unit=Unit.KG))
    cart.add(CartLine("GUL", "Gula aren", 60_000, 480, product_id=5, unit=Unit.KG, priced=28_800))
    cart.discount = Discount.amount(5_000)

    data = json.loads(json.dumps(cart_to_data(cart)))
    back = cart_from_data(data, IDR, None)

    assert back.lines == cart.lines
    assert back.discount == cart.discount
    assert back.totals().total == cart.totals().total


def test_restoring_charges_todays_tax():
    cart = Cart(IDR)
    cart.add(CartLine("A", "A", 111_000))
    ppn = TaxRule(Decimal(12), inclusive=False)
    assert cart_from_data(cart_to_data(cart), IDR, ppn).totals().tax == 13_320


def test_a_cart_parked_by_an_older_version_comes_back_in_pieces():
    older = {
        "version": 1,
        "currency": "IDR",
        "discount": None,
        "lines": [
            {
                "key": "k1",
                "sku": "KOP-1",
                "name": "Kopi",
                "unit_price": 95_000,
                "quantity": 3,
                "unit_cost": 50_000,
                "product_id": 3,
                "discount": None,
                "taxable": True,
            }
        ],
    }
    (line,) = cart_from_data(older, IDR, None).lines
    assert (line.quantity_milli, line.unit, line.gross) == (whole(3), Unit.PCS, 285_000)


def test_snapshots_of_another_version_or_currency_are_refused():
    data = cart_to_data(Cart(IDR))
    with pytest.raises(ValueError, match="version"):
        cart_from_data({**data, "version": 99}, IDR, None)
    with pytest.raises(ValueError, match="currency"):
        cart_from_data(data, currency("USD"), None)


@given(
    st.lists(
        st.tuples(
            st.integers(0, 10**9),
            st.integers(1, 999_999),
            st.sampled_from(list(Unit)),
            st.booleans(),
        ),
        min_size=0,
        max_size=8,
    )
)
def test_any_cart_survives_a_round_trip(items):
    cart = Cart(IDR)
    for price, quantity, unit, discounted in items:
        cart.append(
            CartLine(
                "S",
                "N",
                price,
                whole(quantity % 1000 or 1) if unit.counted else quantity,
                unit=unit,
                discount=Discount.percent(10) if discounted else None,
            )
        )
    assert cart_from_data(cart_to_data(cart), IDR, None).lines == cart.lines
