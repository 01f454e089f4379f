"""The order slip laid out for the paper: every part shown only when it has something to say."""

from datetime import UTC, date, datetime

from bazaar_pos.domain.money import currency
from bazaar_pos.domain.order_slip import OrderSlip, SlipLine, SlipPayment, layout_order_slip
from bazaar_pos.domain.quantity import Unit, whole
from bazaar_pos.domain.receipt import ShopHeader
from bazaar_pos.domain.receipt_layout import LineStyle, as_text

AT = datetime(2026, 12, 7, 9, 30, tzinfo=UTC)


def slip(**changes):
    fields = {
        "shop": ShopHeader("Toko Sekar", "Jl. Malioboro 12", "", "@tokosekar"),
        "number": "PO-A-0007",
        "ordered_at": AT,
        "customer": "Ibu Ratna",
        "phone": "",
        "pickup_on": None,
        "lines": (SlipLine("Tas anyaman", whole(1), Unit.PCS, 80_000, 80_000),),
        "total": 80_000,
        "deposits": (),
        "currency": currency("IDR"),
        "money_locale": "id_ID",
    }
    return OrderSlip(**(fields | changes))


def test_a_bare_slip_has_no_phone_no_dp_lines_and_a_pickup_to_be_agreed():
    lines = layout_order_slip(slip(), 32)
    text = as_text(lines)
    assert "Phone" not in text
    assert "DP " not in text
    assert "Down payment paid" not in text
    assert "Pickup" + "to be agreed".rjust(26) + "\n" in text
    assert "BALANCE TO PAY" in text
    assert text.count("Rp80.000") == 3  # the line, the total, the balance
    assert lines[-2].style is LineStyle.QR
    assert lines[-2].text == "PO-A-0007"
    assert lines[0].text.strip() == "Toko Sekar"


def test_a_full_slip_shows_logo_phone_dps_note_and_status():
    full = slip(
        phone="0812-3456-789",
        pickup_on=date(2026, 12, 12),
        lines=(
            SlipLine("Kain", 2_500, Unit.M, 60_000, 150_000),
            SlipLine("Tas", whole(2), Unit.PCS, 80_000, 160_000),
        ),
        total=310_000,
        deposits=(SlipPayment(AT, "cash", 100_000), SlipPayment(AT, "gift", 10_000)),
        note="Warna sogan",
        status="Cancelled, DP kept",
        logo_path="/tmp/logo.png",
    )
    assert full.balance == 200_000
    lines = layout_order_slip(full, 32)
    assert lines[0].style is LineStyle.LOGO
    text = as_text(lines)
    assert "Phone" in text
    assert "12/12/2026" in text
    assert "  2,5 m x Rp60.000/m   Rp150.000" in text
    assert "  2 x Rp80.000         Rp160.000" in text
    assert "DP 07/12 Cash" in text
    assert "DP 07/12 gift" in text
    assert "Note: Warna sogan" in text
    assert "CANCELLED, DP KEPT" in text


def test_on_narrow_paper_the_amount_takes_its_own_line():
    lines = layout_order_slip(
        slip(lines=(SlipLine("Kain", 2_500, Unit.M, 1_250_000, 3_125_000),), total=3_125_000),
        24,
    )
    text = as_text(lines).splitlines()
    at = text.index("Kain")
    assert text[at + 1 : at + 3] == ["  2,5 m x Rp1.250.000/m", "Rp3.125.000".rjust(24)]


def test_one_down_payment_is_not_added_up_again():
    text = as_text(layout_order_slip(slip(deposits=(SlipPayment(AT, "qris", 30_000),)), 32))
    assert "DP 07/12 QRIS" in text
    assert "Down payment paid" not in text
    assert "BALANCE TO PAY" + "Rp50.000".rjust(18) in text
