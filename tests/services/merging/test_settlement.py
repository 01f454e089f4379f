"""A QRIS settlement report confirms the till's QRIS payments in a real database, lists checks."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from bazaar_pos.errors import UserError
from bazaar_pos.store.models import Payment
from tests.helpers.audit import audit
from tests.helpers.settlement_files import (
    BANK_HEADER,
    BANK_PREAMBLE,
    QRIS_HEADER,
    qris_day,
    report_csv,
    report_xlsx,
)


def bank_rows(*more):
    return [
        ["05/12/2026 10:02", "QRIS 93600 NMID ID1020", "0998", "", "45,000.00", "1,045,000.00"],
        ["05/12/2026 10:40", "TRF KE UD MAJU", "0998", "100,000.00", "", "945,000.00"],
        ["05/12/2026 11:03", "QRIS 93601 NMID ID1020", "0998", "", "50,000.00", "995,000.00"],
        ["05/12/2026 12:01", "QRIS 93602 NMID ID1020", "0998", "", "120,000.00", "1,115,000.00"],
        ["05/12/2026 14:00", "SETORAN TUNAI", "0998", "", "20,000.00", "1,135,000.00"],
        *more,
    ]


@pytest.fixture
def day(shop):
    return qris_day(shop)


@pytest.fixture
def mutation(tmp_path):
    return report_csv(tmp_path / "mutasi.csv", BANK_HEADER, bank_rows(), preamble=BANK_PREAMBLE)


def payments(shop):
    with shop.db.reading() as session:
        return {
            p.sale.number: (p.status, p.confirmed_by, p.reference)
            for p in session.scalars(select(Payment).where(Payment.method == "qris"))
        }


def test_a_bank_mutation_is_planned_by_its_headers_without_writing(shop, day, mutation):
    before = payments(shop)
    plan = shop.settlement.plan(mutation)
    assert (plan.preset, plan.rows, plan.skipped, plan.problems) == ("bank-mutation", 5, 1, [])
    assert [(e.line, p.sale_number) for e, p in plan.confirm] == [(5, day["paid"].number)]
    assert [(e.line, p.sale_number) for e, p in plan.verified] == [(8, day["seen"].number)]
    ((entry, options),) = plan.ambiguous
    assert entry.line == 7
    assert [p.sale_number for p in options] == [day["twin_a"].number, day["twin_b"].number]
    assert [p.sale_number for p in plan.check] == [day["fake"].number]
    assert [(e.line, e.amount) for e in plan.unknown] == [(9, 20_000)]
    assert payments(shop) == before


def test_certain_matches_and_picks_are_confirmed_through_the_service_and_audited(
    shop, day, mutation
):
    plan = shop.settlement.plan(mutation)
    twin_b = plan.ambiguous[0][1][1]
    summary = shop.settlement.apply(plan, "Dewi", picks={7: twin_b.id})
    assert summary.written
    assert summary.changes.sales
    assert [(line, p.sale_number) for line, p in summary.confirmed] == [
        (5, day["paid"].number),
        (7, day["twin_b"].number),
    ]
    source = "settlement report mutasi.csv"
    found = payments(shop)
    assert found[day["paid"].number] == ("confirmed", source, "QRIS 93600 NMID ID1020")
    assert found[day["twin_b"].number] == ("confirmed", source, "QRIS 93601 NMID ID1020")
    assert found[day["twin_a"].number] == ("awaiting", "", "")
    assert found[day["fake"].number][0] == "confirmed"
    logged = audit(shop, "payment.confirmed")
    assert [(actor, d["number"], d["source"], d["was"]) for actor, d in logged] == [
        ("Dewi", day["paid"].number, source, "awaiting"),
        ("Dewi", day["twin_b"].number, source, "awaiting"),
    ]
    assert shop.payment_confirmation.count_awaiting() == 1
    again = shop.settlement.plan(mutation)  # the report read again confirms nothing twice
    assert (again.confirm, again.ambiguous, len(again.verified)) == ([], [], 3)
    assert shop.check() == []


def test_a_dry_run_and_a_wrong_pick_change_nothing(shop, day, mutation):
    before = payments(shop)
    plan = shop.settlement.plan(mutation)
    dry = shop.settlement.apply(plan, "Dewi", dry_run=True)
    assert not dry.written
    assert [p.sale_number for _line, p in dry.confirmed] == [day["paid"].number]
    fake = next(p for p in plan.check)
    with pytest.raises(UserError, match="Line 7 of the report cannot be that payment"):
        shop.settlement.apply(plan, "Dewi", picks={7: fake.id})
    with pytest.raises(UserError, match="Line 5 of the report has no payment to pick"):
        shop.settlement.apply(plan, "Dewi", picks={5: fake.id})
    assert payments(shop) == before
    assert audit(shop, "payment.confirmed") == []


def test_a_payment_confirmed_meanwhile_is_left_as_it_is(shop, day, mutation):
    plan = shop.settlement.plan(mutation)
    (_entry, paid), = plan.confirm
    shop.payment_confirmation.confirm(paid.id, "Sari")
    summary = shop.settlement.apply(plan, "Dewi")
    assert (summary.confirmed, summary.already) == ((), (day["paid"].number,))
    assert payments(shop)[day["paid"].number][1] == "Sari"


def test_a_qris_dashboard_workbook_with_date_serials_and_failed_rows(shop, day, tmp_path):
    from datetime import datetime

    report = report_xlsx(
        tmp_path / "qris.xlsx",
        QRIS_HEADER,
        [
            [1, 46361.41875, "Rp 45.000", "Rp 315", "612345", "Sukses"],  # 05/12 10:03
            [2, datetime(2026, 12, 5, 11, 10), 50000, 350, "612346", "Sukses"],
            [3, "2026-12-05 11:20", "Rp 50.000", "Rp 350", "612347", "Gagal"],
        ],
        preamble=[["Laporan Transaksi QRIS"], []],
    )
    plan = shop.settlement.plan(report)
    assert (plan.preset, plan.rows, plan.skipped, plan.problems) == ("qris-dashboard", 3, 1, [])
    # the title, a blank row and the header come first: data starts on the sheet's row 4
    assert [(e.line, p.sale_number) for e, p in plan.confirm] == [(4, day["paid"].number)]
    assert [(e.line, [p.sale_number for p in o]) for e, o in plan.ambiguous] == [
        (5, [day["twin_a"].number, day["twin_b"].number])
    ]
    assert plan.check == []  # the report ends at 11:10: nothing later is "missing"


def test_bad_cells_are_named_by_line_and_column_and_nothing_is_planned(shop, day, tmp_path):
    broken = report_csv(
        tmp_path / "mutasi.csv",
        BANK_HEADER,
        bank_rows(["05/12/2026 15:00", "QRIS 9", "0998", "", "lima ribu", ""]),
        preamble=BANK_PREAMBLE,
    )
    plan = shop.settlement.plan(broken)
    assert plan.problems == ["Line 10, column Kredit: 'lima ribu' is not an amount in Rupiah"]
    assert plan.confirm == []
    assert not plan.ready
    with pytest.raises(UserError, match="nothing was confirmed"):
        shop.settlement.apply(plan, "Dewi")


def test_other_files_take_a_mapping_which_can_be_saved_as_a_preset(shop, day, tmp_path, write_csv):
    report = report_csv(
        tmp_path / "dana.csv",
        ["Tgl", "Jam Bayar", "Jumlah Diterima", "No Ref"],
        [["x", "05-12-2026 10:01", "45000", "D1"]],
        delimiter=";",
    )
    with pytest.raises(UserError, match="none of the known report shapes"):
        shop.settlement.plan(report)
    mapping_file = write_csv(
        "field,header\ntime,Jam Bayar\namount,Jumlah Diterima\nreference,No Ref\n", "map.csv"
    )
    mapping = shop.settlement.read_mapping(mapping_file)
    plan = shop.settlement.plan(report, mapping=mapping, window=timedelta(minutes=5))
    assert [p.sale_number for _e, p in plan.confirm] == [day["paid"].number]
    shop.settlement.save_preset("dana", mapping, by="Dewi")
    assert shop.settlement.presets()["dana"] == mapping
    assert shop.settlement.plan(report).preset == "dana"  # recognised from now on
    assert audit(shop, "import.preset_saved")[0][1]["name"] == "dana"
    with pytest.raises(UserError, match="no column mapping called 'ovo'"):
        shop.settlement.plan(report, mapping="ovo")


def test_mapping_files_with_unknown_fields_or_no_amount_are_refused(shop, write_csv):
    wrong = write_csv("field,header\nwhen,Jam\n", "wrong.csv")
    with pytest.raises(UserError, match="line 2: 'when' is no field"):
        shop.settlement.read_mapping(wrong)
    empty = write_csv("field,header\ntime,\n", "empty.csv")
    with pytest.raises(UserError, match="line 2: the header of time is empty"):
        shop.settlement.read_mapping(empty)
    short = write_csv("field,header\ntime,Jam\n", "short.csv")
    with pytest.raises(UserError, match="a column mapping needs time, and amount or credit"):
        shop.settlement.read_mapping(short)


def test_a_voided_sale_is_never_to_be_checked(shop, day, mutation):
    shop.refunds.void(day["fake"].uuid, "customer changed mind")
    assert shop.settlement.plan(mutation).check == []


def test_money_marked_not_received_that_the_report_shows_is_confirmed_after_all(
    shop, day, mutation
):
    (waiting,) = [p for p in shop.payment_confirmation.awaiting() if p.amount == 45_000]
    shop.payment_confirmation.not_received(waiting.id, "Sari", note="no sound from the box")
    plan = shop.settlement.plan(mutation)
    assert [p.sale_number for _e, p in plan.confirm] == [day["paid"].number]
    shop.settlement.apply(plan, "Dewi")
    assert payments(shop)[day["paid"].number][0] == "confirmed"
    assert audit(shop, "payment.confirmed")[0][1]["was"] == "not_received"
