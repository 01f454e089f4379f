"""Cash shifts over a real database: float, sales, refunds, pay in/out, count and Z report."""

from __future__ import annotations

import json

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from bazaar_pos.domain.cash_count import RUPIAH, CashCount
from bazaar_pos.domain.payment import PaymentMethod, Tender
from bazaar_pos.domain.quantity import whole
from bazaar_pos.errors import ValidationError
from bazaar_pos.services.people.access import PermissionDenied
from bazaar_pos.services.selling.refunds import RefundItem
from bazaar_pos.store.models import AuditEvent, Refund, Sale
from tests.helpers.users import CASHIER, OWNER, act_as

NOTES = {d.value: d for d in RUPIAH if d.piece == "note"}
COINS = {d.value: d for d in RUPIAH if d.piece == "coin"}


@pytest.fixture
def busy_shift(shop, add_product, sell):
    """A shift: float Rp200.000, two cash sales, a QRIS sale, a cash refund, in and out."""
    coffee = add_product(stock=20)
    glass = add_product("KRM-1", "Gelas Keramik", 55_000, cost=20_000, stock=10)
    before = sell((glass, 1))  # before the shift: not in it
    shift = shop.shifts.open(200_000)
    first = sell((coffee, 2))  # cash 190.000
    sell((glass, 1), tenders=[Tender(PaymentMethod.CASH, 100_000)])  # cash 55.000
    sell((coffee, 1), tenders=[Tender(PaymentMethod.QRIS, 95_000)])
    (line,) = shop.sales_history.detail(first.uuid).lines
    shop.refunds.refund(
        first.uuid, [RefundItem(line.id, whole(1))], to_cash=True, reason="too dark"
    )
    shop.shifts.pay_in(50_000, "more change from the bank")
    shop.shifts.pay_out(30_000, "ice for the drinks")
    return {"shift": shift, "before": before}


def test_sales_and_refunds_carry_the_open_shift(shop, busy_shift):
    shift = busy_shift["shift"]
    with shop.db.reading() as session:
        tagged = {s.number: s.shift_id for s in session.scalars(select(Sale))}
        refunds = [r.shift_id for r in session.scalars(select(Refund))]
    assert tagged == {
        "A-000001": None,
        "A-000002": shift.id,
        "A-000003": shift.id,
        "A-000004": shift.id,
    }
    assert refunds == [shift.id]


def test_expected_cash_counts_float_cash_sales_refunds_and_movements(shop, busy_shift):
    # 200.000 + 190.000 + 55.000 - 95.000 + 50.000 - 30.000
    assert shop.shifts.expected_cash() == 370_000


def test_closing_by_counting_notes_and_coins_gives_the_z_report(shop, busy_shift):
    count = CashCount.of(
        {NOTES[100_000]: 3, NOTES[50_000]: 1, NOTES[10_000]: 1, NOTES[5_000]: 1, COINS[500]: 3}
    )
    assert count.total == 366_500
    report = shop.shifts.close(count, note="one note looked odd")
    assert shop.shifts.current() is None
    assert (report.number, report.is_closed) == ("A-S000001", True)
    assert (report.sales_count, report.sales_total) == (3, 340_000)
    assert (report.refund_count, report.void_count, report.refunds_total) == (1, 0, 95_000)
    assert [(m.method, m.sales, m.refunds) for m in report.methods] == [
        ("cash", 245_000, 95_000),
        ("qris", 95_000, 0),
    ]
    assert (report.pay_ins, report.pay_outs, report.expected) == (50_000, 30_000, 370_000)
    assert (report.counted, report.difference) == (366_500, -3_500)
    assert [(p.value, p.count) for p in report.counted_pieces][-1] == (500, 3)
    (closed,) = shop.shifts.shifts()
    assert (closed.expected, closed.counted, closed.difference) == (370_000, 366_500, -3_500)
    with shop.db.reading() as session:
        event = session.scalar(select(AuditEvent).where(AuditEvent.action == "shift.closed"))
    assert json.loads(event.details) == {
        "expected": 370_000,
        "counted": 366_500,
        "difference": -3_500,
    }
    assert shop.shifts.report(closed.uuid) == report


def test_the_z_report_fits_the_paper_and_reads_right(shop, busy_shift):
    report = shop.shifts.close(CashCount.total_only(370_000))
    lines = [line.text for line in shop.shifts.report_lines(report, 32)]
    assert all(len(line) <= 32 for line in lines)
    assert "Z report".center(32).rstrip() in lines
    assert "Shift                  A-S000001" in lines
    assert "3 sales                Rp340.000" in lines
    assert "1 refund               -Rp95.000" in lines
    assert "Expected               Rp370.000" in lines
    assert "Difference (Exact)           Rp0" in lines
    assert any(line.endswith("out: ice for the drinks") or "ice for" in line for line in lines)


def test_the_z_report_pdf_reads_back(shop, busy_shift, tmp_path):
    shop.shifts.close(CashCount.total_only(380_000))
    (shift,) = shop.shifts.shifts()
    path = shop.shifts.write_pdf(shift.uuid, tmp_path / "z.pdf")
    reader = PdfReader(path)
    text = reader.pages[0].extract_text()
    assert len(reader.pages) == 1
    for expected in (
        "Z report A-S000001",
        "Expected",
        "Rp370.000",
        "Difference (Over)",
        "Rp10.000",
    ):
        assert expected in text
    assert reader.metadata.title == "Z report A-S000001"


def test_an_open_shift_gives_an_x_report_without_a_count(shop, busy_shift):
    shift = shop.shifts.current()
    report = shop.shifts.report(shift.uuid)
    assert (report.is_closed, report.counted, report.difference) == (False, None, None)
    lines = [line.text for line in shop.shifts.report_lines(report, 48)]
    assert "X report (shift still open)".center(48).rstrip() in lines
    assert not any(line.startswith("Counted") for line in lines)


def test_shift_rules(shop):
    with pytest.raises(ValidationError, match="Open a shift first"):
        shop.shifts.pay_in(10_000, "change")
    with pytest.raises(ValidationError, match="No shift is open"):
        shop.shifts.close(CashCount.total_only(0))
    shop.shifts.open(100_000)
    with pytest.raises(ValidationError, match="A-S000001 is still open"):
        shop.shifts.open(0)
    with pytest.raises(ValidationError, match="Say why"):
        shop.shifts.pay_out(10_000, " ")
    with pytest.raises(ValidationError, match="more than zero"):
        shop.shifts.pay_in(0, "nothing")
    with pytest.raises(ValidationError, match=r"Only Rp100\.000 should be in the drawer"):
        shop.shifts.pay_out(150_000, "rent")
    with pytest.raises(ValueError, match="negative"):
        CashCount.total_only(-1)


@pytest.fixture
def staffed_shop(staffed_db_path):
    from bazaar_pos.services.shop import Shop

    opened = Shop.open(staffed_db_path)
    yield opened
    opened.close()


def test_a_cashier_runs_a_shift_but_saving_the_pdf_needs_the_owner(staffed_shop, tmp_path):
    act_as(staffed_shop, CASHIER)
    shift = staffed_shop.shifts.open(50_000)
    assert shift.opened_by == CASHIER
    staffed_shop.shifts.close(CashCount.total_only(50_000))
    with pytest.raises(PermissionDenied):
        staffed_shop.shifts.write_pdf(shift.uuid, tmp_path / "z.pdf")
    assert not (tmp_path / "z.pdf").exists()
    act_as(staffed_shop, OWNER)
    assert staffed_shop.shifts.write_pdf(shift.uuid, tmp_path / "z.pdf").exists()


def test_the_z_report_prints_on_a_receipt_printer(shop, busy_shift, tmp_path):
    target = tmp_path / "lp0"
    shop.printer.configure(uri=f"file://{target}")
    shop.shifts.close(CashCount.total_only(370_000))
    (shift,) = shop.shifts.shifts()
    shop.shifts.print_report(shift.uuid)
    printed = target.read_bytes()
    assert b"Expected               Rp370.000" in printed
    assert printed.startswith(b"\x1b@")
    assert b"Z report\n" in printed
    assert b"CASH DRAWER" in printed
    assert b"CASH COUNTED" not in printed  # counted as one sum: no list of notes
