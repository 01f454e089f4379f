import pytest
from hypothesis import given
from hypothesis import strategies as st
from reportlab.graphics.barcode.eanbc import Ean13BarcodeWidget

from bazaar_pos.domain.barcodes import (
    MAX_SERIAL,
    Symbology,
    gtin_check_digit,
    internal_ean13,
    is_internal,
    is_printable_code,
    is_valid_ean8,
    is_valid_ean13,
    is_valid_gtin,
    next_internal_ean13,
    symbology_for,
)


@pytest.mark.parametrize(
    ("body", "digit"),
    [
        ("400638133393", 1),  # a well-known EAN-13: 4006381333931
        ("9638507", 4),  # EAN-8 96385074
        ("03600029145", 2),  # UPC-A 036000291452
        ("200000000001", 5),
        ("000000000000", 0),
    ],
)
def test_check_digits_of_known_codes(body, digit):
    assert gtin_check_digit(body) == digit
    assert is_valid_gtin(body + str(digit))


@pytest.mark.parametrize("body", ["", "12a4", "١٢٣", "12 3"])
def test_a_body_is_ascii_digits_only(body):
    with pytest.raises(ValueError, match="digits only"):
        gtin_check_digit(body)


@pytest.mark.parametrize(
    ("code", "ean13", "ean8", "gtin"),
    [
        ("4006381333931", True, False, True),
        ("4006381333932", False, False, False),
        ("96385074", False, True, True),
        ("96385075", False, False, False),
        ("036000291452", False, False, True),
        ("10012345678902", False, False, True),
        ("400638133393", False, False, False),  # UPC-A length with a wrong check digit
        ("40063813339", False, False, False),  # 11 digits
        ("40063813339a", False, False, False),
        ("٤٠٠٦٣٨١٣٣٣٩٣١", False, False, False),  # Arabic-Indic digits are not barcodes
        ("", False, False, False),
    ],
)
def test_validity(code, ean13, ean8, gtin):
    assert is_valid_ean13(code) is ean13
    assert is_valid_ean8(code) is ean8
    assert is_valid_gtin(code) is gtin


def test_internal_codes_use_prefixes_20_to_29():
    assert internal_ean13(1) == "2000000000015"
    assert internal_ean13(1, prefix=29) == "2900000000018"
    assert internal_ean13(MAX_SERIAL, prefix=25) == "2599999999993"
    assert is_internal("2000000000015")
    assert not is_internal("4006381333931")
    assert not is_internal("2000000000016")


@pytest.mark.parametrize(("serial", "prefix"), [(-1, 20), (MAX_SERIAL + 1, 20), (1, 19), (1, 30)])
def test_internal_code_bounds(serial, prefix):
    with pytest.raises(ValueError, match=r"serial|prefix"):
        internal_ean13(serial, prefix)


@pytest.mark.parametrize(
    ("highest", "expected"),
    [
        (None, "2000000000015"),
        ("", "2000000000015"),
        ("2000000000015", "2000000000022"),
        ("2000000041230", "2000000041247"),
        ("2000000041239", "2000000041247"),  # a typed code with a wrong check digit still counts
        ("2100000000012", "2000000000015"),  # another prefix does not
        ("200000000001", "2000000000015"),  # 12 digits is not one of ours
        ("20000000000AB", "2000000000015"),
    ],
)
def test_next_internal_code(highest, expected):
    assert next_internal_ean13(highest) == expected


@given(st.integers(min_value=0, max_value=MAX_SERIAL), st.integers(min_value=20, max_value=29))
def test_every_internal_code_is_a_valid_ean13_that_reads_back(serial, prefix):
    code = internal_ean13(serial, prefix)
    assert len(code) == 13
    assert is_valid_ean13(code)
    assert is_internal(code)
    assert int(code[2:12]) == serial
    if serial < MAX_SERIAL:
        assert next_internal_ean13(code, prefix) == internal_ean13(serial + 1, prefix)


@given(st.text(alphabet="0123456789", min_size=12, max_size=12))
def test_check_digits_agree_with_reportlab(body):
    # ReportLab's barcode module computes EAN-13 check digits on its own.
    assert str(gtin_check_digit(body)) == Ean13BarcodeWidget._checkdigit(body)


@given(st.text(alphabet="0123456789", min_size=12, max_size=12), st.integers(0, 9))
def test_one_wrong_digit_is_always_caught(body, position_seed):
    code = body + str(gtin_check_digit(body))
    position = position_seed % 13
    wrong = str((int(code[position]) + 1 + position_seed % 9) % 10)
    if wrong == code[position]:
        return
    altered = code[:position] + wrong + code[position + 1 :]
    assert not is_valid_ean13(altered)


@pytest.mark.parametrize(
    ("code", "symbology"),
    [
        ("4006381333931", Symbology.EAN13),
        ("96385074", Symbology.EAN8),
        ("036000291452", Symbology.CODE128),
        ("KOP-GAY-250", Symbology.CODE128),
        ("4006381333932", Symbology.CODE128),
    ],
)
def test_symbology(code, symbology):
    assert symbology_for(code) is symbology


@pytest.mark.parametrize(
    ("code", "ok"),
    [
        ("ABC-123", True),
        ("A" * 48, True),
        ("A" * 49, False),
        ("", False),
        ("AB C", False),
        ("kopi\tgayo", False),
        ("café", False),
        ("~!/+", True),
    ],
)
def test_printable_codes(code, ok):
    assert is_printable_code(code) is ok
