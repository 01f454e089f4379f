"""The report, zreport, turnover and bundle commands through the installed entry point."""

import csv
import json
import shutil
import sqlite3

import pytest
from pypdf import PdfReader

from tests.helpers.cli import bazaar_pos, bazaar_pos_on_a_terminal

PRODUCTS = "sku,name,category,price,cost,stock\nKOP-1,Kopi Gayo,Kopi,95000,50000,20\n"
SALES = (
    "order_ref,date,sku,qty,payment\n"
    "N-1,2026-11-20 09:30,KOP-1,2,cash\n"
    "N-2,2026-11-20 23:30,KOP-1,1,qris\n"
    "N-3,2026-11-21 00:30,KOP-1,3,cash\n"
)


@pytest.fixture
def stall(db_path, write_csv):
    assert run("--db", db_path, "products", "import", write_csv(PRODUCTS, "p.csv")).returncode == 0
    assert run("--db", db_path, "sales", "import", write_csv(SALES, "s.csv")).returncode == 0
    return db_path


def run(*args):
    """Run ``bazaar-pos`` in Jakarta's time zone, as a stall owner there would."""
    return bazaar_pos(*args, env={"TZ": "Asia/Jakarta"})


def test_a_report_on_a_terminal_says_what_it_is_doing(stall, tmp_path):
    pdf = tmp_path / "friday.pdf"
    done, shown = bazaar_pos_on_a_terminal(
        "--db", stall, "report", "--from", "2026-11-20", "-o", pdf, env={"TZ": "Asia/Jakarta"}
    )
    assert done.returncode == 0, shown
    assert "\rReading sales" in shown
    assert "\rWriting pages" in shown
    assert shown.endswith("\r")  # the line is wiped before the summary is printed
    assert done.stdout.startswith(f"Wrote {pdf} (")


def test_report_writes_pdf_csv_and_xlsx(stall, tmp_path):
    pdf = tmp_path / "friday.pdf"
    done = run("--db", stall, "report", "--from", "2026-11-20", "-o", pdf)
    assert done.returncode == 0, done.stderr
    pages = len(PdfReader(pdf).pages)
    assert done.stdout.strip() == f"Wrote {pdf} ({pages} pages)."
    assert done.stderr == ""  # piped: no progress lines
    text = "\n".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "Rp285.000" in text  # 3 bags of coffee on the local Friday, none of Saturday's
    lines = tmp_path / "lines.csv"
    done = run(
        "--db",
        stall,
        "report",
        "--from",
        "20/11/2026",
        "--to",
        "2026-11-21",
        "--format",
        "csv",
        "-o",
        lines,
    )
    assert (done.stdout.strip(), done.stderr) == (f"Wrote {lines} (3 sale lines).", "")
    with lines.open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["sale_number"], r["datetime"], r["line_total"]) for r in rows] == [
        ("A-000001", "2026-11-20 09:30:00", "190000"),
        ("A-000002", "2026-11-20 23:30:00", "95000"),
        ("A-000003", "2026-11-21 00:30:00", "285000"),
    ]
    xlsx = tmp_path / "lines.xlsx"
    assert run("--db", stall, "report", "--from", "2026-11-20", "-o", xlsx).returncode == 0
    assert xlsx.read_bytes()[:2] == b"PK"


def test_report_refuses_unclear_requests(stall, tmp_path):
    done = run("--db", stall, "report", "--from", "2026-11-20", "-o", tmp_path / "x.txt")
    assert done.returncode == 1
    assert "--format pdf, csv or xlsx" in done.stderr
    done = run("--db", stall, "report", "--from", "2026-11-21", "--to", "2026-11-20", "-o", "x.pdf")
    assert (done.returncode, done.stderr.strip()) == (1, "--to is before --from.")
    done = run("--db", stall, "report", "--from", "kemarin", "-o", "x.pdf")
    assert done.returncode == 2
    assert "'kemarin' is not a date" in done.stderr


def test_zreport_as_text_pdf_and_print(stall, tmp_path):
    done = run("--db", stall, "zreport", "--date", "2026-11-20")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert "Z REPORT" in lines[2]
    assert all(len(line) <= 32 for line in lines)
    assert any(line.startswith("CASH EXPECTED") and line.endswith("Rp190.000") for line in lines)
    assert max(map(len, run("--db", stall, "zreport", "--width", "48").stdout.splitlines())) == 48
    pdf = tmp_path / "z.pdf"
    done = run("--db", stall, "zreport", "--date", "2026-11-20", "-o", pdf)
    assert done.stdout.strip() == f"Wrote {pdf}."
    assert len(PdfReader(pdf).pages) == 1
    done = run("--db", stall, "zreport", "--print")
    assert done.returncode == 1
    assert "No receipt printer is set up" in done.stderr


def test_turnover_prints_the_year_and_writes_csv(stall, tmp_path):
    out = tmp_path / "turnover.csv"
    done = run("--db", stall, "turnover", "--year", "2026", "-o", out)
    assert done.returncode == 0, done.stderr
    november = next(line for line in done.stdout.splitlines() if line.startswith("November"))
    assert november.split() == ["November", "Rp570.000", "Rp570.000", "Rp0"]
    assert "Individual exemption: 0,1% used, Rp499.430.000 left." in done.stdout
    assert out.read_text().splitlines()[0].startswith("year,month,gross_sales")


def test_bundles_round_trip_through_the_command_line(stall, template_db, tmp_path):
    bundle = tmp_path / "till-a.zip"
    done = run("--db", stall, "bundle", "export", "-o", bundle, "--from", "2026-11-20")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"Wrote {bundle}: 3 sales (3 lines), 4 stock movements."
    organiser = tmp_path / "organiser.sqlite"
    shutil.copyfile(template_db, organiser)
    done = run("--db", organiser, "bundle", "import", bundle)
    assert (done.returncode, done.stderr) == (0, "")  # piped: no progress lines
    assert done.stdout.splitlines() == [
        "Sales merged: 3. Stock movements merged: 4. Sales already here: 0.",
        "Products new to this shop, added as archived: KOP-1",
    ]
    again = run("--db", organiser, "bundle", "import", bundle)
    assert again.stdout.strip() == (
        "Sales merged: 0. Stock movements merged: 0. Sales already here: 3."
    )
    damaged = tmp_path / "damaged.zip"
    damaged.write_bytes(bundle.read_bytes()[:-40])
    done = run("--db", organiser, "bundle", "import", damaged)
    assert done.returncode == 1
    assert "damaged.zip" in done.stderr
    assert "nothing was imported" in done.stderr or "not a Bazaar POS bundle" in done.stderr
    assert run("--db", organiser, "check").returncode == 0


def merged_rows(db):
    """How many sales and merge events the database at ``db`` holds."""
    with sqlite3.connect(db) as con:
        sales = con.execute("SELECT count(*) FROM sales").fetchone()[0]
        details = [
            json.loads(row[0])
            for row in con.execute(
                "SELECT details FROM audit_events WHERE action = 'bundle.imported'"
            )
        ]
    con.close()
    return sales, details


def test_a_bundle_import_on_a_terminal_shows_the_records_merged(stall, template_db, tmp_path):
    bundle = tmp_path / "till-a.zip"
    assert run("--db", stall, "bundle", "export", "-o", bundle).returncode == 0
    organiser = tmp_path / "organiser.sqlite"
    shutil.copyfile(template_db, organiser)
    done, shown = bazaar_pos_on_a_terminal(
        "--db", organiser, "bundle", "import", bundle, env={"TZ": "Asia/Jakarta"}
    )
    assert done.returncode == 0, shown
    assert "\rChecking the bundles [" in shown
    assert "\rMerging records [" in shown
    assert "100%" in shown
    assert shown.endswith("\r")
    assert done.stdout.startswith("Sales merged: 3.")


def test_bundle_import_refuses_a_sku_named_otherwise_here_unless_accepted(
    stall, template_db, tmp_path, write_csv
):
    bundle = tmp_path / "till-a.zip"
    assert run("--db", stall, "bundle", "export", "-o", bundle).returncode == 0
    organiser = tmp_path / "organiser.sqlite"
    shutil.copyfile(template_db, organiser)
    toraja = write_csv("sku,name,price\nKOP-1,Kopi Toraja,90000\n", "organiser.csv")
    assert run("--db", organiser, "products", "import", toraja).returncode == 0
    warning = [
        "Warning: these SKUs name a product here with another name than in the bundle:",
        "  KOP-1: “Kopi Toraja” here, “Kopi Gayo” in till-a.zip",
    ]
    done = run("--db", organiser, "bundle", "import", bundle)
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr.splitlines()[:2] == warning
    assert "nothing was imported" in done.stderr
    assert "--accept-renamed" in done.stderr
    assert merged_rows(organiser) == (0, [])
    done = run("--db", organiser, "bundle", "import", "--accept-renamed", bundle)
    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines() == warning
    assert done.stdout.strip() == (
        "Sales merged: 3. Stock movements merged: 4. Sales already here: 0."
    )
    sales, (details,) = merged_rows(organiser)
    assert (sales, details["renamed_accepted"]) == (3, ["KOP-1"])
    again = run("--db", organiser, "bundle", "import", bundle)
    assert (again.returncode, again.stderr) == (0, "")
