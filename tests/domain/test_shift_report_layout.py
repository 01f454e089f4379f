from datetime import UTC, datetime

from bazaar_pos.domain.access import NAME_MAX, name_problems
from bazaar_pos.domain.cash_count import Piece
from bazaar_pos.domain.money import currency
from bazaar_pos.domain.receipt_layout import as_text
from bazaar_pos.domain.shift_report import (
    CountedPiece,
    MethodTotals,
    ShiftReport,
    layout_shift_report,
    shift_report_sections,
)

OPENED = datetime(2026, 11, 21, 1, 0, tzinfo=UTC)


def closed_report(**changes):
    fields = {
        "shop_name": "Toko Kriya Nusantara",
        "number": "A-S0001",
        "currency": currency("IDR"),
        "money_locale": "id_ID",
        "opened_at": OPENED,
        "opened_by": "Ani",
        "closed_at": OPENED.replace(hour=10),
        "closed_by": "Ani",
        "float_amount": 200_000,
        "sales_count": 2,
        "sales_total": 150_000,
        "discounts": 0,
        "refund_count": 0,
        "void_count": 0,
        "refunds_total": 0,
        "methods": (MethodTotals("cash", 100_000, 0), MethodTotals("voucher", 50_000, 0)),
        "cash_sales": 100_000,
        "cash_refunds": 0,
        "pay_ins": 0,
        "pay_outs": 0,
        "movements": (),
        "counted": 300_000,
        "counted_pieces": (CountedPiece(100_000, Piece.NOTE, 3),),
        "counted_other": 5_000,
        "note": "Laci agak macet, a long note that wraps across the narrow receipt paper",
    }
    return ShiftReport(**(fields | changes))


def test_a_closed_shift_lists_the_count_the_note_and_unknown_methods_as_they_are():
    report = closed_report()
    titles = [section.title for section in shift_report_sections(report)]
    assert "Cash counted" in titles
    assert "Note" in titles
    text = as_text(layout_shift_report(report, 32))
    assert "voucher" in text
    assert "Counted as a sum" in text
    assert "Laci agak macet" in text
    assert max(len(line) for line in text.splitlines()) <= 32


def test_a_coin_is_told_from_a_note_of_the_same_value():
    report = closed_report(
        counted_pieces=(CountedPiece(1_000, Piece.NOTE, 5), CountedPiece(1_000, Piece.COIN, 4)),
        counted_other=0,
    )
    lines = as_text(layout_shift_report(report, 32)).splitlines()
    assert "Rp1.000 x 5              Rp5.000" in lines
    assert "Rp1.000 coin x 4         Rp4.000" in lines


def test_the_opening_and_closing_notes_stay_on_their_own_lines():
    report = closed_report(note="small change\n\na torn Rp2.000 set aside")
    (note,) = [s for s in shift_report_sections(report) if s.title == "Note"]
    assert [row.label for row in note.rows] == ["small change", "a torn Rp2.000 set aside"]
    lines = as_text(layout_shift_report(report, 32)).splitlines()
    assert lines[lines.index("NOTE") + 1 :][:2] == ["small change", "a torn Rp2.000 set aside"]


def test_user_names_have_a_length_limit():
    assert name_problems("x" * (NAME_MAX + 1)) == [f"A name has at most {NAME_MAX} characters."]
