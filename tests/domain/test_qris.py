import contextlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bazaar_pos.domain.qris import (
    QrisError,
    crc16,
    merchant_of,
    parse_objects,
    validate,
    with_amount,
)


def tlv(*objects):
    return "".join(f"{tag}{len(value):02d}{value}" for tag, value in objects)


def sign(body):
    return body + "6304" + crc16(body + "6304")


QRIS_TEMPLATE = tlv(("00", "ID.CO.QRIS.WWW"), ("02", "ID1022146663631"), ("03", "UMI"))
STATIC = sign(
    tlv(
        ("00", "01"),
        ("01", "11"),
        ("26", tlv(("00", "ID.DANA.WWW"), ("01", "936009153300000000"))),
        ("51", QRIS_TEMPLATE),
        ("52", "5945"),
        ("53", "360"),
        ("58", "ID"),
        ("59", "TOKO KRIYA NUSANTARA"),
        ("60", "YOGYAKARTA"),
        ("61", "55271"),
        ("62", tlv(("07", "A01"))),
    )
)


def test_crc16_ccitt_false_check_value():
    assert crc16("123456789") == "29B1"


def test_static_payload_gets_the_amount():
    dynamic = with_amount(STATIC, 150_000)
    objects = validate(dynamic)
    tags = [tag for tag, _value in objects]
    assert tags == sorted(tags)
    values = dict(objects)
    assert values["01"] == "12"
    assert values["54"] == "150000"
    assert "540615000058" in dynamic.replace("5303360", "")
    assert dynamic[-8:-4] == "6304"
    assert crc16(dynamic[:-4]) == dynamic[-4:]


def test_an_existing_amount_and_fee_objects_are_replaced_not_added():
    with_fee = sign(STATIC[:-8] + tlv(("55", "02"), ("56", "1000")))
    assert "55" in dict(parse_objects(with_fee))
    once = with_amount(with_fee, 10_000)
    twice = with_amount(once, 25_000)
    values = dict(validate(twice))
    assert values["54"] == "25000"
    assert not {"55", "56", "57"} & set(values)


def test_tag_order_is_kept_when_the_static_has_no_01():
    no_01 = sign("".join(f"{t}{len(v):02d}{v}" for t, v in parse_objects(STATIC[:-8]) if t != "01"))
    tags = [tag for tag, _value in parse_objects(with_amount(no_01, 5_000))]
    assert tags[:2] == ["00", "01"]
    assert tags.index("53") < tags.index("54") < tags.index("58")


def test_merchant_details_for_the_owner_to_confirm():
    merchant = merchant_of(STATIC)
    assert (merchant.name, merchant.city, merchant.nmid, merchant.static) == (
        "TOKO KRIYA NUSANTARA",
        "YOGYAKARTA",
        "ID1022146663631",
        True,
    )
    assert merchant_of(with_amount(STATIC, 1)).static is False


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ("", "starts with 000201"),
        ("hello", "starts with 000201"),
        (STATIC[:-1] + ("0" if STATIC[-1] != "0" else "1"), "CRC"),
        (STATIC.replace("TOKO", "TOKI"), "CRC"),
        (STATIC[:-8], "last object"),
        ("000201" + "x" * 600, "at most 512"),
        ("0002010102", "runs past the end"),
        ("000201ab", "malformed"),
        (sign(tlv(("00", "01"), ("52", "5945"))), "missing objects"),
        (
            sign(
                tlv(
                    ("00", "01"),
                    ("01", "13"),
                    ("26", "0000"),
                    ("52", "1"),
                    ("53", "360"),
                    ("58", "ID"),
                    ("59", "A"),
                    ("60", "B"),
                )
            ),
            "11 .static. or 12",
        ),
        (
            sign(
                tlv(
                    ("00", "01"),
                    ("26", "0000"),
                    ("52", "1"),
                    ("53", "840"),
                    ("58", "ID"),
                    ("59", "A"),
                    ("60", "B"),
                )
            ),
            "rupiah",
        ),
        (
            sign(
                tlv(
                    ("00", "01"), ("52", "1"), ("53", "360"), ("58", "ID"), ("59", "A"), ("60", "B")
                )
            ),
            "merchant account",
        ),
        (
            sign(
                tlv(
                    ("00", "01"),
                    ("26", "00"),
                    ("52", "1"),
                    ("53", "360"),
                    ("58", "ID"),
                    ("59", "A"),
                    ("60", "B"),
                )
            ),
            "malformed",
        ),
        (
            sign(
                tlv(
                    ("00", "01"),
                    ("26", "0005a"),
                    ("52", "1"),
                    ("53", "360"),
                    ("58", "ID"),
                    ("59", "A"),
                    ("60", "B"),
                )
            ),
            "runs past the end",
        ),
        (
            sign(
                tlv(
                    ("00", "01"),
                    ("26", "0000"),
                    ("26", "0000"),
                    ("52", "1"),
                    ("53", "360"),
                    ("58", "ID"),
                    ("59", "A"),
                    ("60", "B"),
                )
            ),
            "twice",
        ),
    ],
)
def test_invalid_payloads_raise_value_error(payload, message):
    with pytest.raises(ValueError, match=message):
        with_amount(payload, 10_000)


@pytest.mark.parametrize("amount", [0, -5, 10_000_001, True, 1.5])
def test_bad_amounts_are_refused(amount):
    with pytest.raises(QrisError, match=r"amount|at most"):
        with_amount(STATIC, amount)


@given(amount=st.integers(min_value=1, max_value=10_000_000))
def test_every_amount_gives_a_valid_payload(amount):
    dynamic = with_amount(STATIC, amount)
    assert dict(validate(dynamic))["54"] == str(amount)


@given(text=st.text(max_size=80))
def test_arbitrary_text_raises_only_value_error(text):
    with contextlib.suppress(ValueError):
        validate(text)
