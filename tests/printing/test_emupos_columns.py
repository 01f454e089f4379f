"""An 80 mm printer that prints 42 characters a line, decoded by the emupos simulator."""

from __future__ import annotations

from bazaar_pos.domain.cash_count import CashCount
from bazaar_pos.services.printer.queue import JobStatus
from tests.helpers.emupos import print_sale, row

RULER_42 = "123456789012345678901234567890123456789012"


def test_a_48_column_receipt_wraps_on_a_42_column_printer(named_shop, make_sale, emupos):
    """What the shop saw before it could choose 42 characters a line."""
    named_shop.printer.configure(uri=emupos.uri("p42"), paper_mm=80)
    sale = make_sale()
    before = len(emupos.receipts("p42"))
    assert print_sale(named_shop, sale.uuid).status is JobStatus.DONE
    lines = emupos.wait_receipt("p42", before).lines
    total = row("TOTAL", "Rp1.440.000", 48)
    assert total not in lines
    assert lines[lines.index(total[:42]) + 1] == total[42:]


def test_a_42_column_receipt_fits_the_42_column_printer(named_shop, make_sale, emupos):
    named_shop.printer.configure(
        uri=emupos.uri("p42"),
        paper_mm=80,
        columns=42,
        drawer_on_cash=True,
        qr_data="https://instagram.com/batiksekar",
    )
    sale = make_sale()
    before = len(emupos.receipts("p42"))
    assert print_sale(named_shop, sale.uuid).status is JobStatus.DONE
    printout = emupos.wait_receipt("p42", before)
    lines = printout.lines
    assert all(len(line) <= 42 for line in lines), lines
    assert lines[0].strip() == "Toko Batik Sekar"
    assert lines[1].strip() == "Jl. Malioboro 12, Yogyakarta"
    assert "-" * 42 in lines
    assert row("No.", sale.number, 42) in lines
    assert lines[lines.index("Kopi Gayo 250 g") + 1] == row("  2 x Rp95.000", "Rp190.000", 42)
    name_at = lines.index("Kain Batik Tulis Motif Parang")
    assert lines[name_at + 1] == row("Rusak Warna Sogan", "Rp1.250.000", 42)
    assert row("TOTAL", "Rp1.440.000", 42) in lines
    assert row("Cash", "Rp1.500.000", 42) in lines
    assert row("Change", "Rp60.000", 42) in lines
    assert "[qr https://instagram.com/batiksekar]" in lines
    assert printout.meta["width_dots"] == 512
    assert printout.meta["boundary"] == "cut"
    assert emupos.state("p42")["drawer"] == "open"


def test_the_test_page_ruler_says_when_to_choose_42_columns(named_shop, emupos):
    named_shop.printer.configure(uri=emupos.uri("p42"), paper_mm=80)
    before = len(emupos.receipts("p42"))
    named_shop.printer.print_test_page()
    lines = emupos.wait_receipt("p42", before).lines
    wrapped = lines.index(RULER_42)
    assert lines[wrapped + 1] == "345678"  # the 48-column ruler's last 6 digits
    advice = lines[wrapped + 2 : wrapped + 7]
    assert all(len(line) <= 32 for line in advice)  # readable on any printer
    assert " ".join(advice).startswith(
        "If the ruler wraps onto a second line, choose 80 mm, 42-column mode (42 characters a "
        "line) in Settings > Receipt printer."
    )

    named_shop.printer.configure(columns=42)
    before = len(emupos.receipts("p42"))
    named_shop.printer.print_test_page()
    lines = emupos.wait_receipt("p42", before).lines
    assert all(len(line) <= 42 for line in lines), lines
    ruler = lines.index(RULER_42)
    assert not lines[ruler + 1].isdigit()  # the ruler fits on one line
    assert row("Paper", "80 mm", 42) in lines
    assert row("Characters a line", "42", 42) in lines
    assert not any("wraps onto a second line" in line for line in lines)


def test_the_shift_report_and_z_report_print_in_42_columns(named_shop, make_sale, emupos):
    named_shop.printer.configure(uri=emupos.uri("p42"), paper_mm=80, columns=42)
    named_shop.shifts.open(100_000)
    make_sale()
    named_shop.shifts.close(CashCount.total_only(1_540_000))
    (shift,) = named_shop.shifts.shifts()
    before = len(emupos.receipts("p42"))
    named_shop.shifts.print_report(shift.uuid)
    lines = emupos.wait_receipt("p42", before).lines
    assert all(len(line) <= 42 for line in lines), lines
    assert row("Cash sales", "Rp1.440.000", 42) in lines
    before = len(emupos.receipts("p42"))
    printed = named_shop.report_files.print_zreport(named_shop.zreports.today())
    lines = [line.rstrip() for line in emupos.wait_receipt("p42", before).lines]
    assert max(map(len, printed)) == 42
    assert lines[: len(printed)] == [line.rstrip() for line in printed]
