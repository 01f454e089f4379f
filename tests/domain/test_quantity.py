"""Quantities by weight, length and volume: exact thousandths, typed the way people type them."""

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bazaar_pos.domain.cart import Cart, CartLine
from bazaar_pos.domain.money import currency
from bazaar_pos.domain.pricing import Discount, TaxRule, prorate, round_half_up
from bazaar_pos.domain.quantity import (
    PER_UNIT,
    Dimension,
    QuantityError,
    Unit,
    amount_agrees,
    format_quantity,
    items_of,
    line_amount,
    parse_quantity,
    plain_quantity,
    priced_amount,
    quantity_decimal,
    quantity_times_price,
    to_milli,
    typed_quantity,
    unit_of,
    whole,
)


@pytest.mark.parametrize(
    ("text", "unit", "milli"),
    [
        ("0,25", Unit.KG, 250),
        ("0.25", Unit.KG, 250),
        ("250 g", Unit.KG, 250),
        ("250g", Unit.KG, 250),
        ("2,5 ons", Unit.KG, 250),
        ("1 kg", Unit.G, 1_000_000),
        ("1,5 m", Unit.M, 1500),
        ("150 cm", Unit.M, 1500),
        ("1,5 m", Unit.CM, 150_000),
        ("15 mm", Unit.CM, 1500),
        ("500 ml", Unit.L, 500),
        ("3", Unit.PCS, 3000),
        ("3 pcs", Unit.PCS, 3000),
        (" 2 KG ", Unit.KG, 2000),
        ("0,001", Unit.KG, 1),
    ],
)
def test_typed_quantities_convert_to_the_products_unit(text, unit, milli):
    assert parse_quantity(text, unit) == milli


@pytest.mark.parametrize(
    ("text", "unit", "message"),
    [
        ("0,5", Unit.PCS, "sold by the piece"),
        ("1,5 pcs", Unit.PCS, "sold by the piece"),
        ("0", Unit.KG, "more than zero"),
        ("0,0004", Unit.KG, "more precise than a thousandth of a kg"),
        ("0,5 g", Unit.KG, "more precise"),
        ("2 m", Unit.KG, "cannot be converted to kg"),
        ("250 g", Unit.PCS, "cannot be converted to pcs"),
        ("2 karung", Unit.KG, "unknown unit 'karung'"),
        ("sedikit", Unit.KG, "is not a quantity"),
        ("1.000,5", Unit.KG, "is not a quantity"),
        ("-1", Unit.KG, "is not a quantity"),
        ("", Unit.KG, "is not a quantity"),
    ],
)
def test_what_cannot_be_held_exactly_is_refused_with_a_reason(text, unit, message):
    with pytest.raises(QuantityError, match=message):
        parse_quantity(text, unit)


def test_units_know_what_they_measure():
    assert [u.dimension for u in Unit] == [
        Dimension.COUNT,
        Dimension.MASS,
        Dimension.MASS,
        Dimension.LENGTH,
        Dimension.LENGTH,
        Dimension.VOLUME,
    ]
    assert [u for u in Unit if u.counted] == [Unit.PCS]
    assert Unit.KG.size == 1000 * Unit.G.size
    assert unit_of("KG") is Unit.KG
    assert unit_of("") is unit_of(None) is unit_of("lusin") is Unit.PCS


def test_whole_pieces_and_fractions_to_thousandths():
    assert whole(4) == 4 * PER_UNIT
    assert to_milli(Fraction(1, 4), Unit.KG) == 250
    with pytest.raises(QuantityError, match="'1/3' is more precise"):
        to_milli(Fraction(1, 3), Unit.KG)


@pytest.mark.parametrize(
    ("milli", "price", "amount"),
    [
        (250, 180_000, 45_000),
        (1500, 35_000, 52_500),
        (333, 1_000, 333),
        (1, 500, 1),  # 0,5 rounds half up
        (1, 499, 0),
        (3000, 55_000, 165_000),
    ],
)
def test_a_line_is_rounded_once_half_up(milli, price, amount):
    assert line_amount(milli, price) == amount


@given(st.integers(1, 10**9), st.integers(0, 10**9))
def test_line_amounts_are_within_half_a_unit_of_the_exact_product(milli, price):
    exact = Fraction(milli * price, PER_UNIT)
    assert abs(line_amount(milli, price) - exact) <= Fraction(1, 2)


@given(st.integers(-(10**9), 10**9), st.integers(-(10**9), 10**9))
def test_line_amounts_round_as_the_exact_rule_rounds_either_sign(milli, price):
    assert line_amount(milli, price) == round_half_up(Fraction(milli * price, PER_UNIT))


@given(st.integers(1, 10**9), st.sampled_from([Unit.KG, Unit.M, Unit.L, Unit.G, Unit.CM]))
def test_a_formatted_quantity_reads_back_the_same(milli, unit):
    english = format_quantity(milli, unit, "en_US", with_unit=False).replace(",", "")
    indonesian = format_quantity(milli, unit, "id_ID", with_unit=False).replace(".", "")
    assert parse_quantity(english, unit) == parse_quantity(indonesian, unit) == milli


def test_quantities_read_as_people_write_them():
    assert format_quantity(250, Unit.KG, "id_ID") == "0,25 kg"
    assert format_quantity(1500, Unit.M, "id_ID") == "1,5 m"
    assert format_quantity(1_234_500, Unit.G, "id_ID") == "1.234,5 g"
    assert format_quantity(1500, Unit.M, "en_US") == "1.5 m"
    assert format_quantity(3000, Unit.PCS, "id_ID") == "3"
    assert format_quantity(250, Unit.KG, "id_ID", with_unit=False) == "0,25"


@given(
    lines=st.lists(
        st.tuples(st.integers(1, 99_999), st.integers(0, 2_000_000), st.sampled_from(list(Unit))),
        min_size=1,
        max_size=6,
    ),
    percent=st.integers(0, 50),
    tax=st.sampled_from([None, TaxRule(Decimal(11), inclusive=True), TaxRule(Decimal(11))]),
)
def test_a_cart_of_weighed_and_counted_goods_adds_up_exactly(lines, percent, tax):
    cart = Cart(currency("IDR"), tax)
    for milli, price, unit in lines:
        quantity = whole(milli % 50 + 1) if unit.counted else milli
        cart.append(CartLine("S", "N", price, quantity, unit=unit))
    cart.discount = Discount.percent(percent) if percent else None
    totals = cart.totals()
    exact = [line_amount(t.line.quantity_milli, t.line.unit_price) for t in totals.lines]
    assert totals.subtotal == sum(exact)
    assert sum(t.net for t in totals.lines) == totals.net == totals.subtotal - totals.discount
    assert totals.total == totals.net + totals.tax_added
    assert all(isinstance(t.gross, int) and isinstance(t.tax, int) for t in totals.lines)
    pieces = sum(t.line.quantity_milli // PER_UNIT for t in totals.lines if t.line.unit.counted)
    assert totals.item_count == pieces + sum(1 for t in totals.lines if not t.line.unit.counted)


@given(sold=st.integers(1, 50_000), price=st.integers(1, 1_000_000), parts=st.integers(1, 6))
def test_refunding_a_weighed_line_in_parts_gives_back_exactly_its_amount(sold, price, parts):
    amount = line_amount(sold, price)
    cuts = sorted({sold * k // parts for k in range(1, parts)} | {sold})
    given, before = [], 0
    for after in cuts:
        given.append(prorate(amount, after, sold) - prorate(amount, before, sold))
        before = after
    assert sum(given) == amount
    assert all(part >= 0 for part in given)


def test_a_label_scale_price_is_kept_and_still_agrees_with_the_weight():
    line = CartLine("GUL", "Gula aren", 60_000, 481, unit=Unit.KG, priced=28_850)
    assert line.gross == 28_850 != line_amount(481, 60_000)
    assert amount_agrees(481, 60_000, 28_850)
    assert not amount_agrees(481, 60_000, 29_000)
    assert priced_amount(481, 60_000, 28_850) == 28_850
    assert priced_amount(250, 180_000, 45_000) is None
    cart = Cart(currency("IDR"))
    first = cart.add(line)
    cart.add(CartLine("GUL", "Gula aren", 60_000, 481, unit=Unit.KG, priced=28_850))
    assert len(cart) == 2  # each weighing is a line of its own
    assert cart.set_quantity(first.key, 500).gross == 30_000  # a new weight drops the label price
    with pytest.raises(QuantityError):
        CartLine("KOP", "Kopi", 95_000, 1_500)


def test_a_receipt_shows_the_weight_times_the_price_per_unit():
    assert quantity_times_price(250, Unit.KG, "Rp180.000", "id_ID") == "0,25 kg x Rp180.000/kg"
    assert quantity_times_price(3_000, Unit.PCS, "Rp15.000", "id_ID") == "3 x Rp15.000"
    assert quantity_times_price(1_500, Unit.M, "$8.50", "en_US") == "1.5 m x $8.50/m"
    assert plain_quantity(-1_500) == "-1.5"
    assert quantity_decimal(12_000) == Decimal(12)


def test_items_count_pieces_and_one_per_weighed_quantity_and_nothing_for_nothing():
    assert items_of(3_000, Unit.PCS) == 3
    assert items_of(250, Unit.KG) == 1
    assert items_of(0, Unit.KG) == 0
    assert typed_quantity(1_500, decimal_comma=True) == "1,5"
    assert typed_quantity(1_500, decimal_comma=False) == "1.5"
