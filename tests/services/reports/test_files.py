import csv
import sqlite3
from datetime import date

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from bazaar_pos.domain.money import currency, format_money
from bazaar_pos.domain.periods import Period
from bazaar_pos.errors import UserError
from bazaar_pos.services.demo import load_demo_shop
from bazaar_pos.services.reports.files import LINE_COLUMNS, FileFormat
from tests.helpers.sales import CASH, TWO_DAYS, sell, utc

IDR = currency("IDR")
RANGE = ("2026-11-19 17:00:00", "2026-11-21 17:00:00")


def rp(minor):
    return format_money(minor, IDR)


def pdf_text(path):
    reader = PdfReader(path)
    return reader, [page.extract_text() for page in reader.pages]


def from_database(db_path):
    """The period's figures straight from the file, independently of the report service."""
    with sqlite3.connect(db_path) as con:
        where = "FROM sales s WHERE s.created_at >= ? AND s.created_at < ?"
        count, gross, discount, total = con.execute(
            f"SELECT count(*), sum(subtotal_minor), sum(discount_minor), sum(total_minor) {where}",
            RANGE,
        ).fetchone()
        items, cost, lines = con.execute(
            "SELECT sum(l.quantity_milli / 1000), sum(l.quantity_milli / 1000 * l.unit_cost_minor),"
            " count(*) "
            "FROM sale_lines l JOIN sales s ON s.id = l.sale_id "
            "WHERE s.created_at >= ? AND s.created_at < ?",
            RANGE,
        ).fetchone()
        methods = dict(
            con.execute(
                "SELECT p.method, sum(p.amount_minor) FROM payments p "
                "JOIN sales s ON s.id = p.sale_id WHERE s.created_at >= ? AND s.created_at < ? "
                "GROUP BY p.method",
                RANGE,
            ).fetchall()
        )
    con.close()
    return {
        "count": count,
        "gross": gross,
        "discount": discount,
        "net": total,
        "items": items,
        "cost": cost,
        "lines": lines,
        "methods": methods,
    }


def test_summary_pdf_reads_back_with_the_databases_numbers(shop, bazaar, db_path, tmp_path):
    path = tmp_path / "summary.pdf"
    written = shop.report_files.write(TWO_DAYS, path, FileFormat.PDF)
    reader, pages = pdf_text(path)
    assert written.count == len(reader.pages) >= 2
    text = "\n".join(pages)
    expected = from_database(db_path)
    for figure in ("gross", "discount", "net", "cost"):
        assert rp(expected[figure]) in text
    assert rp(expected["net"] - expected["cost"]) in text  # gross profit, no tax here
    for amount in expected["methods"].values():
        assert rp(amount) in text
    assert f"Number of sales\n{expected['count']}" in text
    assert f"Items sold\n{expected['items']}" in text
    assert "Sales summary" in text
    assert "Period: 20–21 Nov 2026" in text
    assert "Times are local (Asia/Jakarta)" in text
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in page
        assert "Generated " in page
    assert "Tenun Sumba" in text
    assert "UMKM turnover 2026" in text
    assert reader.metadata.title == "Sales summary 20–21 Nov 2026"


def test_a_month_of_the_demo_shop(shop, tmp_path):
    load_demo_shop(shop, now=utc(2026, 11, 22, 12, 0))
    month = Period.month(2026, 11)
    path = tmp_path / "month.pdf"
    written = shop.report_files.write_summary_pdf(month, path)
    reader, pages = pdf_text(path)
    figures = shop.reports.summary(month).figures
    text = "\n".join(pages)
    assert written.count == len(reader.pages) > 2
    assert rp(figures.net) in text
    assert rp(figures.gross) in text
    assert "Other products (" in text
    assert "days without sales are not listed" in text


def test_a_period_without_sales_says_so(shop, tmp_path):
    path = tmp_path / "empty.pdf"
    shop.report_files.write_summary_pdf(Period.day(date(2026, 1, 1)), path)
    _reader, pages = pdf_text(path)
    assert "No sales in this period." in pages[0]


def test_a_failed_pdf_leaves_the_old_file_and_no_temporary(shop, tmp_path, monkeypatch):
    folder = tmp_path / "out"
    folder.mkdir()
    path = folder / "summary.pdf"
    path.write_bytes(b"the old report")

    def broken(self, *args, **kwargs):
        (folder / "partial").touch()
        raise RuntimeError("disk full")

    monkeypatch.setattr("bazaar_pos.exports.pdf_parts.SimpleDocTemplate.build", broken)
    with pytest.raises(RuntimeError):
        shop.report_files.write_summary_pdf(TWO_DAYS, path)
    assert path.read_bytes() == b"the old report"
    assert sorted(p.name for p in folder.iterdir()) == ["partial", "summary.pdf"]


def test_writing_into_a_missing_folder_is_a_user_error(shop, tmp_path):
    with pytest.raises(UserError, match="Cannot write"):
        shop.report_files.write_summary_pdf(TWO_DAYS, tmp_path / "missing" / "x.pdf")


def test_csv_has_one_row_per_sale_line_with_plain_amounts(shop, bazaar, db_path, tmp_path):
    path = tmp_path / "lines.csv"
    written = shop.report_files.write(TWO_DAYS, path, FileFormat.CSV)
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    expected = from_database(db_path)
    assert tuple(rows[0]) == LINE_COLUMNS
    assert written.count == len(rows) == expected["lines"]
    assert sum(int(r["line_total"]) for r in rows) == expected["net"]
    assert sum(int(r["discount"]) for r in rows) == expected["discount"]
    split = [r for r in rows if r["sale_number"] == "A-000004"]
    assert [(r["datetime"], r["sku"], r["payment_method"]) for r in split] == [
        ("2026-11-21 00:00:00", "TAS-1", "cash+qris"),
        ("2026-11-21 00:00:00", "KOP-1", "cash+qris"),
    ]
    tenun = next(r for r in rows if r["sku"] == "TEN-1")
    assert (tenun["unit_price"], tenun["discount"], tenun["line_total"]) == (
        "1250000",
        "125000",
        "1125000",
    )
    assert {r["channel"] for r in rows} == {"pos", "bazaar"}
    assert {r["till"] for r in rows} == {"A"}


def test_xlsx_keeps_numbers_as_numbers(shop, bazaar, db_path, tmp_path):
    path = tmp_path / "lines.xlsx"
    written = shop.report_files.write(TWO_DAYS, path, FileFormat.XLSX)
    workbook = load_workbook(path, read_only=True)
    rows = list(workbook.active.iter_rows(values_only=True))
    workbook.close()
    assert rows[0] == LINE_COLUMNS
    assert written.count == len(rows) - 1 == from_database(db_path)["lines"]
    totals = [row[LINE_COLUMNS.index("line_total")] for row in rows[1:]]
    assert all(isinstance(value, int) for value in totals)
    assert sum(totals) == from_database(db_path)["net"]
    assert rows[1][1].isoformat() == "2026-11-20T09:30:00"


def test_z_report_pdf_and_receipt_text(shop, bazaar, tmp_path):
    day = date(2026, 11, 20)
    path = tmp_path / "z.pdf"
    written = shop.report_files.write_zreport_pdf(day, path)
    reader, pages = pdf_text(path)
    text = "\n".join(pages)
    assert written.count == len(reader.pages) == 1
    assert "Z report" in text
    assert "20 November 2026 · till A" in text
    assert "Cash expected in the drawer\nRp190.000" in text
    assert "QRIS\n1\nRp1.125.000" in text
    assert "Sales A-000002 to A-000003" in text
    for width in (32, 42, 48):
        lines = shop.report_files.zreport_text(day, width)
        assert all(len(line) <= width and line.isascii() for line in lines)
        assert any(
            line.startswith("CASH EXPECTED") and line.endswith("Rp190.000") for line in lines
        )
        assert any(line.startswith("Net sales") and line.endswith("Rp1.315.000") for line in lines)


def test_z_report_counts_only_this_tills_sales(shop, bazaar):
    z = shop.zreports.build(date(2026, 11, 21))
    assert (z.figures.sale_count, z.first_sale, z.last_sale) == (2, "A-000004", "A-000005")
    assert z.cash_expected == 260_000


def test_z_report_printing_names_the_printer_problem(shop, bazaar):
    with pytest.raises(UserError, match="No receipt printer is set up"):
        shop.report_files.print_zreport(date(2026, 11, 20))


def test_z_report_prints_on_the_receipt_printer(shop, bazaar, emupos):
    shop.printer.configure(uri=emupos.uri("p80"), paper_mm=80)
    before = len(emupos.receipts("p80"))
    lines = shop.report_files.print_zreport(date(2026, 11, 20))
    printout = emupos.wait_receipt("p80", before)
    assert max(map(len, lines)) <= 48
    printed = [line.rstrip() for line in printout.text.splitlines()]
    assert any(line.startswith("CASH EXPECTED") and line.endswith("Rp190.000") for line in printed)
    assert printout.meta["boundary"] == "cut"


def test_turnover_csv_for_a_past_year(shop, add_product, tmp_path):
    item = add_product(price=300_000_000)
    sell(shop, utc(2025, 3, 10, 5, 0), [(item, 2)], [(CASH, 600_000_000)])
    path = tmp_path / "turnover.csv"
    written = shop.report_files.write_turnover_csv(2025, path)
    with path.open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert written.count == len(rows) == 12
    march = rows[2]
    assert (march["month"], march["gross_turnover"], march["year_to_date"]) == (
        "3",
        "600000000",
        "600000000",
    )
    assert (march["est_tax_individual"], march["est_tax_business"]) == ("500000", "3000000")
    assert rows[11]["year_to_date"] == "600000000"
