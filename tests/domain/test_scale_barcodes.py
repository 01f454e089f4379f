"""Label-scale codes: a PLU with grams or a price, never mistaken for the shop's own codes."""

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bazaar_pos.domain.barcodes import internal_ean13, is_valid_ean13
from bazaar_pos.domain.money import currency
from bazaar_pos.domain.quantity import Unit, amount_agrees, line_amount
from bazaar_pos.domain.scale_barcodes import (
    DEFAULT_LAYOUTS,
    ScaleCodeError,
    ScaleLayout,
    ScaleReading,
    ScaleValue,
    free_internal_prefix,
    layout_problems,
    plu_key,
    read_scale_code,
    reserved_prefixes,
    scale_quantity,
)

WEIGHT, PRICE = DEFAULT_LAYOUTS


def test_a_weighed_bag_of_coffee():
    code = WEIGHT.code_for("42", 250)
    assert code == "2100042002500"
    assert read_scale_code(code, DEFAULT_LAYOUTS) == ScaleReading("00042", ScaleValue.WEIGHT, 250)


def test_a_priced_label_is_in_whole_rupiah():
    code = PRICE.code_for("00042", 45_000)
    assert read_scale_code(code, DEFAULT_LAYOUTS) == ScaleReading("00042", ScaleValue.PRICE, 45_000)


@pytest.mark.parametrize(
    "code",
    [
        "2100042002504",  # wrong check digit
        "8991234500164",  # an ordinary product
        internal_ean13(42),  # the shop's own label, prefix 20
        "21000420025",  # too short
    ],
)
def test_other_codes_are_not_scale_codes(code):
    assert read_scale_code(code, DEFAULT_LAYOUTS) is None


@given(st.sampled_from(DEFAULT_LAYOUTS), st.integers(0, 99_999), st.integers(0, 99_999))
def test_every_code_a_scale_prints_reads_back(layout, plu, value):
    code = layout.code_for(str(plu), value)
    assert is_valid_ean13(code)
    reading = read_scale_code(code, DEFAULT_LAYOUTS)
    assert reading == ScaleReading(f"{plu:05d}", layout.value, value)
    assert plu_key(reading.plu) == plu_key(str(plu))


def test_other_layouts_such_as_a_six_digit_price():
    layout = ScaleLayout("2", ScaleValue.PRICE, plu_digits=5, value_digits=6)
    code = layout.code_for("123", 150_000)
    assert layout.read(code) == ScaleReading("00123", ScaleValue.PRICE, 150_000)
    assert reserved_prefixes([layout]) == frozenset(range(20, 30))
    with pytest.raises(ValueError, match="keep one free"):
        free_internal_prefix([layout])


@pytest.mark.parametrize(
    ("prefix", "plu", "value", "message"),
    [
        ("2x", 5, 5, "digits"),
        ("", 5, 5, "digits"),
        ("21", 0, 10, "at least one"),
        ("21", 5, 4, "12 digits"),
    ],
)
def test_a_layout_that_does_not_fill_a_code_is_refused(prefix, plu, value, message):
    with pytest.raises(ValueError, match=message):
        ScaleLayout(prefix, ScaleValue.WEIGHT, plu, value)


def test_codes_that_do_not_fit_are_refused():
    with pytest.raises(ValueError, match="at most 5 digits"):
        WEIGHT.code_for("123456", 1)
    with pytest.raises(ValueError, match="at most 5 digits"):
        WEIGHT.code_for("12a", 1)
    with pytest.raises(ValueError, match="fit 5 digits"):
        WEIGHT.code_for("1", 100_000)
    with pytest.raises(ValueError, match="not a 21 scale code"):
        WEIGHT.read(PRICE.code_for("1", 1))


def test_the_shops_own_codes_keep_clear_of_the_scales():
    assert reserved_prefixes(DEFAULT_LAYOUTS) == frozenset({21, 23})
    assert free_internal_prefix(DEFAULT_LAYOUTS) == 20
    taken_twenty = (ScaleLayout("20", ScaleValue.PRICE), ScaleLayout("21", ScaleValue.WEIGHT))
    assert free_internal_prefix(taken_twenty) == 22
    assert plu_key("000") == "0"


# -- layouts kept in the settings, and what a code puts in the cart ------------------

IDR = currency("IDR")


@given(
    st.text("0123456789", min_size=1, max_size=4),
    st.sampled_from(ScaleValue),
    st.integers(1, 6),
)
def test_a_layout_is_kept_as_text_and_read_back(prefix, value, plu_digits):
    value_digits = 12 - len(prefix) - plu_digits
    layout = ScaleLayout(prefix, value, plu_digits, value_digits)
    assert ScaleLayout.from_text(layout.text) == layout


def test_the_default_layouts_as_text():
    assert [layout.text for layout in DEFAULT_LAYOUTS] == ["21:weight:5:5", "23:price:5:5"]


@pytest.mark.parametrize("text", ["", "21:weight:5", "21:volume:5:5", "21:weight:x:5"])
def test_text_that_is_no_layout_is_refused(text):
    with pytest.raises(ValueError, match="not a scale code layout"):
        ScaleLayout.from_text(text)


def test_layouts_that_overlap_or_take_every_prefix_are_refused():
    assert layout_problems(DEFAULT_LAYOUTS) == []
    twice = [ScaleLayout("21", ScaleValue.WEIGHT), ScaleLayout("21", ScaleValue.PRICE)]
    assert layout_problems(twice) == [
        "The scale code prefixes 21 and 21 overlap: one code would match both."
    ]
    nested = [ScaleLayout("2", ScaleValue.PRICE, 5, 6), ScaleLayout("21", ScaleValue.WEIGHT)]
    problems = layout_problems(nested)
    assert "The scale code prefixes 2 and 21 overlap: one code would match both." in problems
    assert any("keep one free" in p for p in problems)


def reading(kind, value, plu="00042"):
    return ScaleReading(plu, kind, value)


def test_a_weight_label_converts_grams_to_the_products_unit():
    grams = reading(ScaleValue.WEIGHT, 250)
    assert scale_quantity(grams, "Kopi", Unit.KG, 180_000, IDR) == (250, None)
    assert scale_quantity(grams, "Kopi", Unit.G, 200, IDR) == (250_000, None)


@pytest.mark.parametrize("unit", [Unit.PCS, Unit.M, Unit.CM, Unit.L])
def test_a_weight_label_on_goods_not_sold_by_weight_is_refused(unit):
    with pytest.raises(ScaleCodeError) as refused:
        scale_quantity(reading(ScaleValue.WEIGHT, 250), "Kain lurik", unit, 85_000, IDR)
    assert str(refused.value) == (
        "The label gives 250 g of Kain lurik, but Kain lurik is not sold by weight."
    )


def test_a_price_label_comes_to_its_price_with_the_nearest_quantity():
    label = reading(ScaleValue.PRICE, 28_850)
    milli, priced = scale_quantity(label, "Gula aren", Unit.KG, 60_000, IDR)
    assert (milli, priced) == (481, 28_850)  # 28.850 / 60.000 = 0,48083 kg
    assert line_amount(milli, 60_000) == 28_860  # what the weight alone would come to


@given(st.integers(1, 99_999), st.integers(1, 2_000_000), st.sampled_from([Unit.KG, Unit.G]))
def test_every_price_label_keeps_its_price_and_a_quantity_that_agrees(price, unit_price, unit):
    label = reading(ScaleValue.PRICE, price)
    if price * 1000 < unit_price // 2:
        with pytest.raises(ScaleCodeError, match="less than a thousandth"):
            scale_quantity(label, "Gula", unit, unit_price, IDR)
        return
    milli, priced = scale_quantity(label, "Gula", unit, unit_price, IDR)
    assert priced == price
    assert abs(Fraction(price * 1000, unit_price) - milli) <= Fraction(1, 2)
    assert amount_agrees(milli, unit_price, price)


def test_a_price_label_on_goods_sold_by_the_piece_takes_whole_pieces_only():
    two = reading(ScaleValue.PRICE, 30_000)
    assert scale_quantity(two, "Kopi sachet", Unit.PCS, 15_000, IDR) == (2_000, None)
    with pytest.raises(ScaleCodeError) as refused:
        scale_quantity(reading(ScaleValue.PRICE, 20_000), "Kopi sachet", Unit.PCS, 15_000, IDR)
    assert str(refused.value) == (
        "The label prices Kopi sachet at Rp20.000, which is not a whole number of pieces "
        "at Rp15.000 each."
    )


def test_a_price_label_is_in_whole_currency_units_of_any_currency():
    usd = currency("USD")
    assert scale_quantity(reading(ScaleValue.PRICE, 12), "Tea", Unit.KG, 2_400, usd) == (
        500,
        1_200,
    )


@pytest.mark.parametrize(
    ("label", "price", "message"),
    [
        (reading(ScaleValue.WEIGHT, 0), 180_000, "The label of Kopi shows no weight."),
        (reading(ScaleValue.PRICE, 0), 180_000, "The label of Kopi shows no price."),
        (
            reading(ScaleValue.PRICE, 5_000),
            0,
            "Kopi has no price, so the quantity on its price label cannot be worked out.",
        ),
    ],
)
def test_empty_labels_and_products_without_a_price_are_refused(label, price, message):
    with pytest.raises(ScaleCodeError) as refused:
        scale_quantity(label, "Kopi", Unit.KG, price, IDR)
    assert str(refused.value) == message
