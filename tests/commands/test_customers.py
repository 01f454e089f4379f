"""``bazaar-pos customers``: add, list, show, pay back, the statement and the receivables."""

import csv
import re
import sqlite3
import subprocess
from datetime import UTC, datetime

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from bazaar_pos.domain.access import COMMAND_LINE
from bazaar_pos.services.customers.views import CustomerDraft
from bazaar_pos.services.products.catalogue import ProductDraft
from bazaar_pos.services.shop import Shop
from tests.conftest import JAKARTA
from tests.helpers.cli import bazaar_pos
from tests.helpers.kasbon import backdate, kasbon_sale


def pdf_lines(path):
    """The PDF's text as pdftotext lays it out, one line per row, spaces collapsed."""
    laid_out = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return [re.sub(r"\s+", " ", line).strip() for line in laid_out.splitlines() if line.strip()]


def run(*args):
    """Run ``bazaar-pos`` in Jakarta's time zone, as a stall owner there would."""
    return bazaar_pos(*args, env={"TZ": "Asia/Jakarta"})


@pytest.fixture
def owing(db_path):
    """Bu Sari owes Rp705.000 (Rp305.000 since 1 September, repaid Rp100.000 on 1 October,
    Rp500.000 since 20 November); Pak Budi owes Rp305.000 since 20 July."""
    shop = Shop.open(db_path, zone=JAKARTA)
    shop.access.act_as(COMMAND_LINE)
    batik = shop.catalogue.create(ProductDraft("BTK-1", "Batik tulis parang", 305_000))
    sari = shop.customers.add(CustomerDraft("Bu Sari", "0812-3456-7890"))
    budi = shop.customers.add(CustomerDraft("Pak Budi", ""))
    kasbon_sale(shop, sari.id, datetime(2026, 9, 1, 3, tzinfo=UTC), [(batik, 1)])
    kasbon_sale(
        shop, sari.id, datetime(2026, 11, 20, 3, tzinfo=UTC), [(batik, 2)], paid_now=110_000
    )
    kasbon_sale(shop, budi.id, datetime(2026, 7, 20, 3, tzinfo=UTC), [(batik, 1)])
    repaid = shop.accounts.repay(sari.id, 100_000)
    backdate(shop, repaid.id, datetime(2026, 10, 1, 3, tzinfo=UTC))
    shop.close()
    return db_path


def test_customers_are_added_by_group_and_listed_with_what_they_owe(db_path):
    shop = Shop.open(db_path, zone=JAKARTA)
    shop.access.act_as(COMMAND_LINE)
    shop.customers.save_group(None, "Reseller", 1000)
    shop.close()
    added = run(
        "--db",
        db_path,
        "customers",
        "add",
        "Ibu Wati",
        "--phone",
        "0857 1111 2222",
        "--group",
        "reseller",
    )
    assert (added.returncode, added.stdout.strip()) == (0, "Added Ibu Wati (0857-1111-2222).")
    assert run("--db", db_path, "customers", "add", "Dodi").returncode == 0
    unknown = run("--db", db_path, "customers", "add", "Rina", "--group", "Member")
    assert unknown.returncode == 1
    assert "No customer group called Member. The groups are: Reseller." in unknown.stderr
    bad_phone = run("--db", db_path, "customers", "add", "Rina", "--phone", "08ab")
    assert bad_phone.returncode == 1
    assert "only digits" in bad_phone.stderr
    listing = run("--db", db_path, "customers", "list")
    assert listing.stdout.splitlines() == ["Dodi\t-\tRp0", "Ibu Wati\t0857-1111-2222\tRp0"]
    with sqlite3.connect(db_path) as con:
        rows = con.execute(
            "SELECT c.name, c.phone, g.name FROM customers c LEFT JOIN customer_groups g"
            " ON g.id = c.group_id ORDER BY c.name"
        ).fetchall()
    assert rows == [("Dodi", "", None), ("Ibu Wati", "6285711112222", "Reseller")]


def test_a_repayment_prints_the_balance_before_and_after(owing):
    listing = run("--db", owing, "customers", "list", "--owing")
    assert listing.stdout.splitlines() == [
        "Bu Sari\t0812-3456-7890\tRp705.000",
        "Pak Budi\t-\tRp305.000",
    ]
    paid = run("--db", owing, "customers", "pay", "0812 3456 7890", "100.000", "--method", "qris")
    assert paid.returncode == 0, paid.stderr
    assert paid.stdout.splitlines() == [
        "Bu Sari owed Rp705.000.",
        "Paid back Rp100.000 (QRIS). Owed now: Rp605.000.",
    ]
    shown = run("--db", owing, "customers", "show", "bu sari")
    assert "Owed: Rp605.000" in shown.stdout
    assert shown.stdout.splitlines()[-1].endswith("Repayment (QRIS)\t\t-Rp100.000\tRp605.000")


def test_paying_more_than_is_owed_is_refused_and_changes_nothing(owing):
    before = _entries(owing)
    for amount in ("705.001", "1jt"):
        refused = run("--db", owing, "customers", "pay", "Bu Sari", amount)
        assert refused.returncode == 1
        assert "Bu Sari owes Rp705.000" in refused.stderr
        assert "Nothing was recorded." in refused.stderr
    for amount, message in (("0", "more than zero"), ("lima", "is not an amount")):
        refused = run("--db", owing, "customers", "pay", "Bu Sari", amount)
        assert (refused.returncode, message in refused.stderr) == (1, True)
    nobody = run("--db", owing, "customers", "pay", "Bu Tini", "1000")
    assert (nobody.returncode, nobody.stderr.strip()) == (1, "No customer called Bu Tini.")
    card = run("--db", owing, "customers", "pay", "Bu Sari", "1000", "--method", "card")
    assert card.returncode == 2
    assert _entries(owing) == before
    paid_off = run("--db", owing, "customers", "pay", "Bu Sari", "705rb", "--method", "transfer")
    assert paid_off.stdout.splitlines()[-1] == (
        "Paid back Rp705.000 (Bank transfer). Owed now: Rp0."
    )


def _entries(path):
    with sqlite3.connect(path) as con:
        return con.execute("SELECT id, amount_minor FROM account_entries ORDER BY id").fetchall()


def test_the_statement_pdf_reads_back_with_opening_balance_entries_and_balance_now(owing, tmp_path):
    pdf = tmp_path / "sari.pdf"
    done = run("--db", owing, "customers", "statement", "Bu Sari", "-o", pdf)
    assert (done.returncode, done.stdout.strip()) == (0, f"Wrote {pdf} (1 page).")
    lines = pdf_lines(pdf)
    start = lines.index("Kasbon statement")
    assert lines[start + 1] == "Bu Sari · 0812-3456-7890"
    table = lines.index("Date Entry Due Kasbon Paid / returned Balance")
    assert lines[table + 1 : table + 9] == [
        "Opening balance Rp0",
        "1 Sept 2026 Kasbon sale A-000001 1 Oct 2026 Rp305.000 Rp305.000",
        "Repayment",
        "1 Oct 2026 Rp100.000 Rp205.000",
        "Cash",
        "20 Nov 2026 Kasbon sale A-000002 20 Dec 2026 Rp500.000 Rp705.000",
        "Balance now Rp805.000 Rp100.000 Rp705.000",
        "Bu Sari owes Rp705.000.",
    ]
    assert lines[start + 2].startswith("All entries up to ")

    november = tmp_path / "november.pdf"
    done = run(
        "--db",
        owing,
        "customers",
        "statement",
        "Bu Sari",
        "-o",
        november,
        "--from",
        "2026-10-02",
        "--to",
        "30/11/2026",
    )
    assert done.returncode == 0, done.stderr
    lines = pdf_lines(november)
    assert "Period: 2 Oct – 30 Nov 2026" in lines
    table = lines.index("Date Entry Due Kasbon Paid / returned Balance")
    assert lines[table + 1 : table + 5] == [
        "Opening balance Rp205.000",
        "20 Nov 2026 Kasbon sale A-000002 20 Dec 2026 Rp500.000 Rp705.000",
        "Balance now Rp500.000 Rp0 Rp705.000",
        "Bu Sari owes Rp705.000.",
    ]
    assert len(PdfReader(november).pages) == 1

    backwards = run(
        "--db",
        owing,
        "customers",
        "statement",
        "Bu Sari",
        "-o",
        november,
        "--from",
        "2026-11-30",
        "--to",
        "2026-11-01",
    )
    assert (backwards.returncode, backwards.stderr.strip()) == (1, "--to is before --from.")
    future = run(
        "--db", owing, "customers", "statement", "Bu Sari", "-o", november, "--from", "2099-01-01"
    )
    assert (future.returncode, future.stderr.strip()) == (1, "The last day is before the first.")
    not_pdf = run("--db", owing, "customers", "statement", "Bu Sari", "-o", tmp_path / "s.txt")
    assert not_pdf.returncode == 1
    assert not (tmp_path / "s.txt").exists()


def test_the_statement_speaks_the_shops_language(owing, tmp_path):
    pdf = tmp_path / "sari.pdf"
    done = run("--db", owing, "--lang", "id", "customers", "statement", "Bu Sari", "-o", pdf)
    assert done.returncode == 0, done.stderr
    lines = pdf_lines(pdf)
    assert "Rincian Kasbon" in lines
    assert "Bu Sari masih berutang Rp705.000." in lines


def test_receivables_by_age_on_screen_and_in_files(owing, tmp_path):
    shown = run("--db", owing, "customers", "receivables")
    assert shown.returncode == 0, shown.stderr
    lines = shown.stdout.splitlines()
    assert lines[0] == "Customer\tOwed\t0-30 days\t31-60 days\t61-90 days\tover 90 days"
    assert lines[-1] == "Total owed: Rp1.010.000"
    assert lines[2] == "Pak Budi\tRp305.000\tRp0\tRp0\tRp0\tRp305.000"
    assert lines[1].startswith("Bu Sari\tRp705.000\t")

    table = tmp_path / "piutang.csv"
    done = run("--db", owing, "customers", "receivables", "-o", table)
    assert done.stdout.strip() == f"Wrote {table} (2 customers)."
    with table.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["name"], r["phone"], r["owed"]) for r in rows] == [
        ("Bu Sari", "0812-3456-7890", "705000"),
        ("Pak Budi", "", "305000"),
    ]
    for row in rows:
        ages = ("days_0_30", "days_31_60", "days_61_90", "days_over_90")
        assert sum(int(row[a]) for a in ages) == int(row["owed"])

    book = tmp_path / "piutang.xlsx"
    assert run("--db", owing, "customers", "receivables", "-o", book).returncode == 0
    sheet = load_workbook(book).active
    values = list(sheet.iter_rows(values_only=True))
    assert values[1][:4] == ("Bu Sari", "0812-3456-7890", None, 705000)

    pdf = tmp_path / "piutang.pdf"
    assert run("--db", owing, "customers", "receivables", "-o", pdf).returncode == 0
    lines = pdf_lines(pdf)
    assert "Receivables (kasbon)" in lines
    assert "Customer Owed 0-30 days 31-60 days 61-90 days over 90 days" in lines
    budi = lines.index("Pak Budi")
    assert lines[budi + 1 : budi + 3] == ["Rp305.000 Rp0 Rp0 Rp0 Rp305.000", "due 19 Aug 2026"]
    assert "0812-3456-7890 · due 1 Oct 2026" in lines
    assert "Total Rp1.010.000 Rp500.000 Rp0 Rp0 Rp510.000" in lines

    unknown = run("--db", owing, "customers", "receivables", "-o", tmp_path / "r.txt")
    assert unknown.returncode == 1
    assert "r.txt" in unknown.stderr


def test_the_sales_summary_ends_with_the_receivables_without_phone_numbers(owing, tmp_path):
    pdf = tmp_path / "summary.pdf"
    done = run("--db", owing, "report", "--from", "2026-11-01", "--to", "2026-11-30", "-o", pdf)
    assert done.returncode == 0, done.stderr
    lines = pdf_lines(pdf)
    heading = next(line for line in lines if line.startswith("Receivables (kasbon) on "))
    after = lines[lines.index(heading) :]
    assert "Customer Owed 0-30 days 31-60 days 61-90 days over 90 days" in after
    assert "Total Rp1.010.000 Rp500.000 Rp0 Rp0 Rp510.000" in after
    assert "due 19 Aug 2026" in after
    assert not any("0812" in line for line in lines)
