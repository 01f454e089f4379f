"""Marketplace columns each read by their own rule: Rupiah, pieces, times and statuses."""

from datetime import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bazaar_pos.domain.marketplace import (
    Channel,
    OrderState,
    order_state,
    parse_count,
    parse_order_time,
    parse_rupiah,
)
from bazaar_pos.domain.text import header_key


def grouped(amount: int) -> str:
    return f"{amount:,}".replace(",", ".")


@given(st.integers(0, 10**12))
def test_rupiah_read_in_every_way_the_marketplaces_write_them(amount):
    for text in (
        grouped(amount),
        f"Rp {grouped(amount)}",
        f"Rp{grouped(amount)}",
        f"IDR {grouped(amount)}",
        str(amount),
        f"{amount}.00",
        f"{amount}.0",
        f" {amount}\t",
    ):
        assert parse_rupiah(text) == amount


@pytest.mark.parametrize(
    "text", ["", "Rp", "9,999", "1.450.00", "235.50", "12.3456", "-5000", "lima ribu", "1.2.3"]
)
def test_what_is_not_a_whole_rupiah_amount_is_refused(text):
    with pytest.raises(ValueError, match="is not an amount in Rupiah"):
        parse_rupiah(text)


@given(st.integers(0, 10**9))
def test_piece_counts_are_plain_digits(count):
    assert parse_count(f" {count} ") == count


@pytest.mark.parametrize("text", ["1.000", "1,5", "", "dua", "²"])
def test_counts_with_separators_are_ambiguous_and_refused(text):
    with pytest.raises(ValueError, match="not a whole number of pieces"):
        parse_count(text)


@pytest.mark.parametrize(
    ("channel", "text", "expected"),
    [
        (Channel.SHOPEE, "2024-06-12 09:38", datetime(2024, 6, 12, 9, 38)),
        (Channel.TIKTOK, "27/06/2026 10:05:24\t", datetime(2026, 6, 27, 10, 5, 24)),
        (Channel.TOKOPEDIA, "02-02-2024 22:02:55", datetime(2024, 2, 2, 22, 2, 55)),
        (Channel.LAZADA, "03 Jun 2026 20:41", datetime(2026, 6, 3, 20, 41)),
        (Channel.SHOPEE, "2024-06-12T09:38:00", datetime(2024, 6, 12, 9, 38)),
        (Channel.TIKTOK, "46203", datetime(2026, 6, 30)),
        (Channel.SHOPEE, "45455.25", datetime(2024, 6, 12, 6, 0)),
    ],
)
def test_each_channel_writes_its_times_its_own_way(channel, text, expected):
    assert parse_order_time(text, channel) == expected


@pytest.mark.parametrize("text", ["kemarin", "", "0", "-3", "99999999", "12/06/2024 09:38"])
def test_a_time_that_is_not_one_is_refused(text):
    with pytest.raises(ValueError, match="is not a date and time"):
        parse_order_time(text, Channel.SHOPEE)


@pytest.mark.parametrize(
    ("status", "state"),
    [
        ("Selesai", OrderState.SOLD),
        ("Sedang Dikirim", OrderState.SOLD),
        ("Perlu Dikirim", OrderState.SOLD),
        (
            "Pesanan diterima, namun Pembeli masih dapat mengajukan pengembalian "
            "hingga 2026-01-05.",
            OrderState.SOLD,
        ),
        ("Belum Bayar", OrderState.UNPAID),
        ("Belum dibayar", OrderState.UNPAID),
        ("Batal", OrderState.CANCELLED),
        ("Dibatalkan", OrderState.CANCELLED),
        ("Dibatalkan Pembeli -\nSalah pilih barang", OrderState.CANCELLED),
        ("Cancelled", OrderState.CANCELLED),
        ("Completed", OrderState.SOLD),
        ("Unpaid", OrderState.UNPAID),
    ],
)
def test_statuses_decide_whether_goods_are_sold(status, state):
    assert order_state(status) is state


def test_headers_match_however_they_are_spaced_or_cased():
    assert header_key("\ufeffStatus Pembatalan/ Pengembalian ") == "status pembatalan/pengembalian"
    assert header_key("  No.   Pesanan") == "no. pesanan"
