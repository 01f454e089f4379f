"""``bazaar-pos payments settle``: a settlement report confirms QRIS payments, run as people do."""

import pytest
from sqlalchemy import select

from bazaar_pos.services.shop import Shop
from bazaar_pos.store.models import Payment
from tests.helpers.cli import bazaar_pos
from tests.helpers.settlement_files import (
    BANK_HEADER,
    BANK_PREAMBLE,
    JAKARTA,
    QRIS_HEADER,
    qris_day,
    report_csv,
    report_xlsx,
)

WIB = {"TZ": "Asia/Jakarta"}


@pytest.fixture
def day(db_path):
    shop = Shop.open(db_path, zone=JAKARTA)
    try:
        return {name: sale.number for name, sale in qris_day(shop).items()}
    finally:
        shop.close()


def statuses(db_path):
    shop = Shop.open(db_path, zone=JAKARTA)
    try:
        with shop.db.reading() as session:
            return {
                p.sale.number: (p.status, p.confirmed_by)
                for p in session.scalars(select(Payment).where(Payment.method == "qris"))
            }
    finally:
        shop.close()


@pytest.fixture
def mutation(tmp_path):
    rows = [
        ["05/12/2026 10:02", "QRIS 93600", "0998", "", "45,000.00", "1,045,000.00"],
        ["05/12/2026 10:40", "TRF KE UD MAJU", "0998", "100,000.00", "", "945,000.00"],
        ["05/12/2026 11:03", "QRIS 93601", "0998", "", "50,000.00", "995,000.00"],
        ["05/12/2026 12:01", "QRIS 93602", "0998", "", "120,000.00", "1,115,000.00"],
        ["05/12/2026 14:00", "SETORAN TUNAI", "0998", "", "20,000.00", "1,135,000.00"],
    ]
    return report_csv(tmp_path / "mutasi.csv", BANK_HEADER, rows, preamble=BANK_PREAMBLE)


def test_a_dry_run_lists_what_it_would_confirm_the_choices_and_the_checks(db_path, day, mutation):
    before = statuses(db_path)
    dry = bazaar_pos("--db", db_path, "payments", "settle", mutation, "--dry-run", env=WIB)
    assert dry.returncode == 0, dry.stderr
    assert dry.stdout.splitlines() == [
        "mutasi.csv (bank-mutation): rows read: 5; money in: 4; passed over: 1.",
        "Nothing was changed; 1 payment would be confirmed:",
        f"  line 5: {day['paid']}  Rp45.000  2026-12-05 10:00",
        "1 payment confirmed at the till is in the report.",
        "1 line could be more than one payment; pick in the app, or with --pick SALE=LINE:",
        f"  line 7: Rp50.000 at 2026-12-05 11:03: {day['twin_a']} (2026-12-05 11:00), "
        f"{day['twin_b']} (2026-12-05 11:05)",
        "Check this: 1 QRIS payment confirmed at the till is not in the report "
        "(a payment screenshot is no proof):",
        f"  {day['fake']}  Rp350.000  2026-12-05 13:00  confirmed by Sari",
        "1 line of money in matches no QRIS payment at the till:",
        "  line 9: Rp20.000 at 2026-12-05 14:00",
    ]
    assert statuses(db_path) == before


def test_settle_confirms_the_certain_ones_and_a_pick(db_path, day, mutation):
    done = bazaar_pos(
        "--db", db_path, "payments", "settle", mutation, "--pick", f"{day['twin_a']}=7", env=WIB
    )
    assert done.returncode == 0, done.stderr
    assert "2 payments confirmed:" in done.stdout
    assert f"  line 7: {day['twin_a']}  Rp50.000  2026-12-05 11:00" in done.stdout
    assert "pick in the app" not in done.stdout
    found = statuses(db_path)
    assert found[day["paid"]] == ("confirmed", "settlement report mutasi.csv")
    assert found[day["twin_a"]] == ("confirmed", "settlement report mutasi.csv")
    assert found[day["twin_b"]] == ("awaiting", "")
    again = bazaar_pos("--db", db_path, "payments", "settle", mutation, env=WIB)
    assert "0 payments confirmed:" in again.stdout
    assert "3 payments confirmed at the till are in the report." in again.stdout
    assert bazaar_pos("--db", db_path, "check").returncode == 0


def test_bad_input_names_line_and_column_and_changes_nothing(db_path, day, tmp_path):
    before = statuses(db_path)
    broken = report_xlsx(
        tmp_path / "qris.xlsx",
        QRIS_HEADER,
        [
            [1, 46361.41875, "Rp 45.000", "Rp 315", "612345", "Sukses"],
            [2, "05/12/2026 11:03", "Rp 50.000,-", "Rp 350", "612346", "Sukses"],
        ],
    )
    refused = bazaar_pos("--db", db_path, "payments", "settle", broken, env=WIB)
    assert refused.returncode == 1
    assert "Line 3, column Nominal: 'Rp 50.000,-' is not an amount in Rupiah" in refused.stderr
    assert "nothing was changed" in refused.stderr
    wrong_pick = bazaar_pos(
        "--db", db_path, "payments", "settle", broken, "--pick", "A-000009=2", env=WIB
    )
    assert wrong_pick.returncode == 1
    bad_window = bazaar_pos("--db", db_path, "payments", "settle", broken, "--window", "0")
    assert bad_window.returncode == 2
    assert "a number of minutes from 1 to 1440" in bad_window.stderr
    assert statuses(db_path) == before


def test_a_mapping_file_reads_another_report_and_is_kept_as_a_preset(
    db_path, day, tmp_path, write_csv
):
    report = report_csv(
        tmp_path / "dompet.csv",
        ["Jam Bayar", "Jumlah Diterima", "No Ref"],
        [["05-12-2026 10:01", "45000", "D1"]],
    )
    unknown = bazaar_pos("--db", db_path, "payments", "settle", report, env=WIB)
    assert unknown.returncode == 1
    assert "none of the known report shapes" in unknown.stderr
    mapping = write_csv("field,header\ntime,Jam Bayar\namount,Jumlah Diterima\n", "map.csv")
    saved = bazaar_pos(
        "--db",
        db_path,
        "payments",
        "settle",
        report,
        "--map",
        mapping,
        "--save-preset",
        "dompet",
        env=WIB,
    )
    assert saved.returncode == 0, saved.stderr
    assert "1 payment confirmed:" in saved.stdout
    listed = bazaar_pos("--db", db_path, "payments", "presets")
    assert "dompet: time=Jam Bayar, amount=Jumlah Diterima" in listed.stdout
    assert "bank-mutation: time=Tanggal Transaksi" in listed.stdout
    again = bazaar_pos("--db", db_path, "payments", "settle", report, "--dry-run", env=WIB)
    assert "dompet.csv (dompet): rows read: 1;" in again.stdout
