"""Label-scale codes: a PLU with grams or a price, never mistaken for the shop's own codes."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bazaar_pos.domain.barcodes import internal_ean13, is_valid_ean13
from bazaar_pos.domain.scale_barcodes import (
    DEFAULT_LAYOUTS,
    ScaleLayout,
    ScaleReading,
    ScaleValue,
    free_internal_prefix,
    plu_key,
    read_scale_code,
    reserved_prefixes,
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
