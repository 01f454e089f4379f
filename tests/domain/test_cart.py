from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bazaar_pos.domain.cart import Cart, CartLine, compute_totals
from bazaar_pos.domain.money import currency
from bazaar_pos.domain.pricing import Discount, TaxRule
from bazaar_pos.domain.quantity import Unit, whole

IDR = currency("IDR")


def line(price, qty=1, product_id=None, **kw):
    return CartLine(
        sku=f"S{product_id}",
        name="Item",
        unit_price=price,
        quantity_milli=whole(qty),
        product_id=product_id,
        **kw,
    )


def test_scanning_the_same_product_again_adds_one_more():
    cart = Cart(IDR)
    first = cart.add(line(15_000, product_id=1))
    cart.add(line(15_000, product_id=1))
    assert len(cart) == 1
    assert cart.line(first.key).quantity_milli == whole(2)


def test_open_price_items_and_discounted_lines_stay_separate():
    cart = Cart(IDR)
    cart.add(line(10_000))
    cart.add(line(10_000))
    cart.add(line(15_000, product_id=1, discount=Discount.amount(1_000)))
    cart.add(line(15_000, product_id=1))
    cart.add(line(20_000, product_id=1))
    assert len(cart) == 5


def test_totals_with_line_and_cart_discounts():
    cart = Cart(IDR)
    coffee = cart.add(line(95_000, qty=2, product_id=1))
    cart.add(line(55_000, product_id=2))
    cart.set_line_discount(coffee.key, Discount.percent(10))
    cart.discount = Discount.amount(10_000)
    totals = cart.totals()
    assert totals.subtotal == 245_000
    assert totals.line_discounts == 19_000
    assert totals.cart_discount == 10_000
    assert totals.discount == 29_000
    assert totals.net == totals.total == 216_000
    assert totals.tax == totals.tax_added == 0
    assert totals.item_count == 3
    assert [t.net for t in totals.lines] == [171_000 - 7_566, 55_000 - 2_434]


def test_exclusive_tax_is_added_to_the_total():
    cart = Cart(IDR, TaxRule(Decimal(11), inclusive=False))
    cart.add(line(100_000, product_id=1))
    cart.add(line(50_000, product_id=2, taxable=False))
    totals = cart.totals()
    assert totals.tax == totals.tax_added == 11_000
    assert totals.total == 161_000
    assert [t.tax for t in totals.lines] == [11_000, 0]


def test_inclusive_tax_is_inside_the_total():
    cart = Cart(IDR, TaxRule(Decimal(11)))
    cart.add(line(111_000, product_id=1))
    totals = cart.totals()
    assert (totals.tax, totals.tax_added, totals.total) == (11_000, 0, 111_000)


def test_editing_lines():
    cart = Cart(IDR)
    item = cart.add(line(10_000, product_id=1))
    assert cart.set_quantity(item.key, whole(3)).quantity_milli == whole(3)
    assert cart.set_unit_price(item.key, 9_000).gross == 27_000
    assert [x.key for x in cart] == [item.key]
    assert cart.lines[0].unit_price == 9_000
    other = cart.add(line(5_000, product_id=2))
    cart.remove(other.key)
    cart.remove(item.key)
    assert len(cart) == 0
    with pytest.raises(KeyError):
        cart.line(item.key)


def test_clear_drops_lines_and_discount():
    cart = Cart(IDR)
    cart.add(line(10_000))
    cart.discount = Discount.percent(5)
    cart.clear()
    assert len(cart) == 0
    assert cart.discount is None


@pytest.mark.parametrize(("price", "qty"), [(-1, 1), (1, 0), (1, -2)])
def test_lines_refuse_impossible_values(price, qty):
    with pytest.raises(ValueError, match=r"price|quantity"):
        line(price, qty)


def test_a_label_price_cannot_be_negative():
    with pytest.raises(ValueError, match="price"):
        CartLine("GUL", "Gula aren", 60_000, 480, unit=Unit.KG, priced=-1)


lines_strategy = st.lists(
    st.builds(
        lambda price, qty, pct, taxable: line(
            price, qty, discount=Discount.percent(pct) if pct else None, taxable=taxable
        ),
        st.integers(min_value=0, max_value=5_000_000),
        st.integers(min_value=1, max_value=50),
        st.integers(min_value=0, max_value=100),
        st.booleans(),
    ),
    min_size=1,
    max_size=12,
)


@given(
    lines=lines_strategy,
    cart_percent=st.integers(min_value=0, max_value=100),
    rate=st.sampled_from([None, Decimal(11), Decimal(12)]),
    inclusive=st.booleans(),
)
def test_totals_always_add_up(lines, cart_percent, rate, inclusive):
    rule = TaxRule(rate, inclusive) if rate else None
    totals = compute_totals(lines, Discount.percent(cart_percent), rule)
    assert totals.net == sum(t.net for t in totals.lines)
    assert all(t.net >= 0 for t in totals.lines)
    assert totals.total == totals.net + totals.tax_added
    assert totals.subtotal - totals.discount == totals.net
    assert totals.tax >= 0


def test_append_keeps_a_line_of_its_own():
    cart = Cart(IDR)
    cart.add(line(15_000, product_id=1))
    cart.append(line(15_000, product_id=1))
    assert len(cart) == 2
