"""A settlement report read through a column mapping: amounts per column, local times, money in."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bazaar_pos.domain.settlement_report import (
    PRESETS,
    likely_header,
    missing_fields,
    parse_amount,
    parse_time,
    read_report,
    recognise,
)

WIB = ZoneInfo("Asia/Jakarta")
BANK = PRESETS["bank-mutation"]


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("1.450.000", 1_450_000),
        ("Rp 9.999", 9_999),
        ("IDR 5.999", 5_999),
        ("15000.00", 15_000),
        ("5999", 5_999),
        ("15,000.00", 15_000),
        ("1,450,000.00 CR", 1_450_000),
        ("Rp45.000", 45_000),
    ],
)
def test_amounts_are_read_as_reports_write_them(text, amount):
    assert parse_amount(text) == amount


@pytest.mark.parametrize("text", ["45.000,50", "12,5", "15000.50", "15,000.50", "abc", "1.2345"])
def test_amounts_that_are_not_whole_rupiah_are_refused_by_name(text):
    with pytest.raises(ValueError, match="is not an amount in Rupiah"):
        parse_amount(text)


@given(st.integers(0, 10**12))
def test_grouped_both_ways_and_plain_all_read_the_same(amount):
    dotted = f"{amount:,}".replace(",", ".")
    assert parse_amount(dotted) == amount
    assert parse_amount(f"{amount:,}.00") == amount
    assert parse_amount(f"Rp {dotted}") == amount
    assert parse_amount(f"{amount}.00") == amount


def test_times_are_read_in_every_usual_writing_and_as_a_spreadsheet_serial():
    noon = datetime(2026, 12, 5, 12, 30)
    writings = ("2026-12-05 12:30", "05/12/2026 12:30:00", "05-12-2026 12:30", "05 Dec 2026 12:30")
    for text in writings:
        assert parse_time(text) == noon
    assert parse_time("2026-12-05T12:30:00") == noon  # a date cell of a workbook
    assert parse_time("46361.520833333336") == noon
    with pytest.raises(ValueError, match="is not a date with a time"):
        parse_time("46361")  # a day with no time cannot be matched
    with pytest.raises(ValueError, match="is not a date with a time"):
        parse_time("12/31/2026 10:00")


def test_a_bank_mutation_counts_money_in_only_with_its_lines_and_local_times():
    rows = [
        (1, ["Mutasi Rekening"]),
        (2, ["No. Rekening", "123"]),
        (3, [" tanggal transaksi ", "KETERANGAN", "Debit", "Kredit"]),
        (4, ["05/12/2026 10:02", "QRIS 93600", "", "45,000.00"]),
        (5, ["05/12/2026 10:30", "TRF KE SUPPLIER", "100,000.00", ""]),
        (6, ["05/12/2026 11:03", "QRIS 93601", "0", "50.000"]),
    ]
    assert recognise(rows, PRESETS) == "bank-mutation"
    reading = read_report(rows, BANK, WIB)
    assert reading.problems == []
    assert (reading.rows, reading.skipped) == (3, 1)
    assert [(e.line, e.amount, e.at, e.reference) for e in reading.entries] == [
        (4, 45_000, datetime(2026, 12, 5, 10, 2, tzinfo=WIB), "QRIS 93600"),
        (6, 50_000, datetime(2026, 12, 5, 11, 3, tzinfo=WIB), "QRIS 93601"),
    ]


def test_failed_payments_are_passed_over_and_bad_cells_named_by_line_and_column():
    mapping = PRESETS["qris-dashboard"]
    rows = [
        (1, ["Waktu Transaksi", "Nominal", "RRN", "Status"]),
        (2, ["2026-12-05 10:00", "Rp 45.000", "R1", "Sukses"]),
        (3, ["2026-12-05 10:05", "Rp 45.000", "R2", "Gagal"]),
        (4, ["2026-12-05 10:06", "empat lima", "R3", "Sukses"]),
        (5, ["kemarin", "Rp 5.000", "R4", "Sukses"]),
        (6, ["", "Rp 5.000", "R5", "Sukses"]),
    ]
    reading = read_report(rows, mapping, WIB)
    assert reading.problems == [
        "Line 4, column Nominal: 'empat lima' is not an amount in Rupiah",
        "Line 5, column Waktu Transaksi: 'kemarin' is not a date with a time",
        "Line 6, column Waktu Transaksi: is empty",
    ]
    assert [e.line for e in reading.entries] == [2]
    assert reading.skipped == 1


def test_a_mapping_needs_a_time_and_an_amount_and_the_file_its_columns():
    assert missing_fields({"reference": "RRN"}) == ["time", "amount"]
    assert missing_fields({"time": "Tgl", "credit": "Kredit"}) == []
    lacking = read_report([(1, ["Tgl"])], {"time": "Tgl"}, WIB)
    assert lacking.problems == ["The column mapping names no column for: Amount"]
    absent = read_report([(1, ["Tgl", "Jumlah"])], {"time": "Tgl", "amount": "Nominal"}, WIB)
    assert absent.problems == ["No row of the file has all the columns Nominal, Tgl."]
    assert recognise([(1, ["Tgl", "Jumlah"])], PRESETS) is None


def test_a_file_no_mapping_fits_offers_its_fullest_early_row_as_headers():
    rows = [
        (1, ["Laporan", "", ""]),
        (2, ["Toko", "Jam Bayar", "Jumlah Diterima", " No Ref "]),
        (3, ["T1", "05-12-2026 10:01", "45000", "D1"]),
    ]
    assert likely_header(rows) == ["Toko", "Jam Bayar", "Jumlah Diterima", "No Ref"]
